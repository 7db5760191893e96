package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/sharedfolder"
)

func deviceCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "device",
		Short: "List the computers of the shared workspace; confirm, refuse or revoke them",
		Long: "Every computer signs what it writes to the shared folder. A new computer's changes wait until a member who\n" +
			"manages the team (or the same member, on a confirmed computer) confirms it. Compare the code shown here with\n" +
			"the one on the new computer before confirming.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the computers: id, member, code (fingerprint), confirmed by, last seen, state",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				list, err := ws.Sync.Devices(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), list)
				}
				w := cmd.OutOrStdout()
				for _, d := range list {
					this := ""
					if d.This {
						this = "  (this computer)"
					}
					fmt.Fprintf(w, "%s  %-10s  %s  member %s  name %q  confirmed by %s  seen %s%s\n", d.DeviceID, d.State,
						d.Fingerprint, orDash(d.Member), d.Name, orDash(d.ConfirmedBy), orNever(d.LastSeen), this)
					if d.Waiting > 0 {
						fmt.Fprintf(w, "    %d changes wait: %s\n", d.Waiting, d.WaitingReason)
					}
				}
				return nil
			})
		},
	}
	addJSONFlag(list, e)
	decide := func(use, short, done string, do func(*core.Workspace, context.Context, string) (sharedfolder.Device, error)) *cobra.Command {
		c := &cobra.Command{
			Use:   use + " ID",
			Short: short,
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return e.withWorkspace(func(ws *core.Workspace) error {
					d, err := do(ws, cmd.Context(), args[0])
					if err != nil {
						return err
					}
					if e.json {
						return printJSON(cmd.OutOrStdout(), d)
					}
					fmt.Fprintf(cmd.OutOrStdout(), "%s %s (%s). Teammates learn it at their next sync.\n", done, d.DeviceID, d.Fingerprint)
					return nil
				})
			},
		}
		addJSONFlag(c, e)
		return c
	}
	// A computer joining an encrypted folder cannot read the team, so it
	// asks without a member: --as says whom it writes for.
	var confirmAs string
	confirm := decide("confirm", "Confirm a computer for the member it asked to join as (or --as MEMBER-ID)", "Confirmed",
		func(ws *core.Workspace, ctx context.Context, id string) (sharedfolder.Device, error) {
			if confirmAs != "" {
				return ws.Sync.ConfirmDeviceAs(ctx, id, confirmAs)
			}
			return ws.Sync.ConfirmDevice(ctx, id)
		})
	confirm.Flags().StringVar(&confirmAs, "as", "", "the member id the computer writes for (a computer that joined an encrypted folder asks without one)")
	cmd.AddCommand(list,
		confirm,
		decide("refuse", "Refuse a computer that asked to join: its changes are never applied", "Refused",
			func(ws *core.Workspace, ctx context.Context, id string) (sharedfolder.Device, error) {
				return ws.Sync.RefuseDevice(ctx, id)
			}),
		decide("revoke", "Revoke a computer (a lost laptop): its changes from now on are refused on every computer", "Revoked",
			func(ws *core.Workspace, ctx context.Context, id string) (sharedfolder.Device, error) {
				return ws.Sync.RevokeDevice(ctx, id)
			}))
	return cmd
}
