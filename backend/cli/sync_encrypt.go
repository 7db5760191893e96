package cli

import (
	"fmt"
	"io"

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

// printEncryption writes the encryption line of 'sync status'.
func printEncryption(w io.Writer, s sharedfolder.EncryptionStatus) {
	switch {
	case s.Waiting == sharedfolder.KeyWaitingConfirmation:
		fmt.Fprintln(w, "Encryption:   the folder is encrypted; this computer waits for a teammate to confirm it and reads nothing until then")
	case s.Waiting == sharedfolder.KeyRefused || s.Waiting == sharedfolder.KeyRevoked:
		fmt.Fprintf(w, "Encryption:   the folder is encrypted; this computer was %s and cannot read it\n", s.Waiting)
	case s.Waiting != "":
		fmt.Fprintln(w, "Encryption:   the folder is encrypted; this computer is confirmed and gets the key at a teammate's next sync")
	case s.State == sharedfolder.EncryptionOn || s.State == sharedfolder.EncryptionEncrypting:
		fmt.Fprintf(w, "Encryption:   %s (key %s, held by %d computers)\n", s.State, s.KeyID, len(s.Devices))
	default:
		fmt.Fprintln(w, "Encryption:   off (anyone who can open the folder can read it: postdeck sync encrypt)")
	}
}
