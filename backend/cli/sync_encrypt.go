package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/sharedfolder"
)

func syncEncryptCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "encrypt",
		Short: "Encrypt the shared folder of a workspace that is shared already (needs manage_team)",
		Long: "Seals every segment, snapshot and attachment in the shared folder with a workspace key that only the\n" +
			"team's confirmed computers receive. The folder says it is encrypted first, so no computer writes plain files\n" +
			"into it meanwhile; run again after an interruption, it carries on where it stopped. Feeds stay readable:\n" +
			"they are for people without Postdeck.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				last := -1
				p, err := ws.Sync.EncryptFolder(cmd.Context(), func(p sharedfolder.EncryptProgress) {
					// Every file on a small folder, every 1% on a large one.
					if e.json || (p.Done != p.Total && p.Done-last < max(1, p.Total/100)) {
						return
					}
					last = p.Done
					fmt.Fprintf(cmd.ErrOrStderr(), "%d of %d files encrypted\n", p.Done, p.Total)
				})
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), p)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "The shared folder is encrypted (%d files sealed now).\n", p.Done)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}
