package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
)

// printAgreement writes the agreement lines of 'sync status'.
func printAgreement(w io.Writer, a sharedfolder.Agreement) {
	fmt.Fprintf(w, "Agreement:    in agreement with %d of %d devices\n", a.Agreeing, a.Total)
	for _, d := range a.Devices {
		switch d.State {
		case sharedfolder.AgreeDiffers:
			table := d.FirstTable
			if table == replica.ConflictsHashName {
				table = "open conflicts"
			}
			fmt.Fprintf(w, "  %s (%s) applied the same changes but has different data, first in %s.\n"+
				"  If this computer's database was damaged: postdeck sync rebuild\n", d.Name, d.ID, table)
		case sharedfolder.AgreeBehind:
			fmt.Fprintf(w, "  %s (%s) is at another point of the changes: compared after both sync\n", d.Name, d.ID)
		}
	}
}

func syncRebuildCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rebuild",
		Short: "Rebuild this device's data from the change log (when it differs from teammates')",
		Long: "Replays every change in this device's change log into fresh tables, in one transaction, and recomputes\n" +
			"the conflicts the same way sync does. Use it when 'sync status' says another device applied the same\n" +
			"changes but has different data and this computer's database is the damaged one. The change log is not\n" +
			"touched, so nothing anyone wrote is lost; teammates see the new state after the next sync.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				res, err := ws.Sync.RebuildState(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), res)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Rebuilt %d rows from %d changes; %d open conflicts. Sync to compare with your teammates again.\n",
					res.Rows, res.Changes, res.Conflicts)
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}
