package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
	"postdeck/backend/workspace"
)

func workspaceCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "workspace", Short: "The workspace's name and time zone"}
	var name, zone, keeper string
	var autoHandover bool
	set := &cobra.Command{
		Use:     "set",
		Short:   "Name the workspace and set its time zone (what first-run set-up in the window does)",
		Example: "  postdeck workspace set --name 'Kopi Nusantara' --time-zone Asia/Jakarta",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				cur, err := ws.Workspace.Info(cmd.Context())
				if err != nil {
					return err
				}
				if !cmd.Flags().Changed("name") {
					name = cur.Name
				}
				if !cmd.Flags().Changed("time-zone") {
					zone = cur.TimeZone
				}
				info := cur
				only := cmd.Flags().Changed("keeper") || cmd.Flags().Changed("auto-handover")
				if cmd.Flags().Changed("name") || cmd.Flags().Changed("time-zone") || !only {
					if info, err = ws.Workspace.Update(cmd.Context(), name, zone); err != nil {
						return err
					}
				}
				if cmd.Flags().Changed("keeper") {
					if info, err = ws.Workspace.SetKeeper(cmd.Context(), keeper); err != nil {
						return err
					}
				}
				if cmd.Flags().Changed("auto-handover") {
					if info, err = ws.Workspace.SetAutoHandover(cmd.Context(), autoHandover); err != nil {
						return err
					}
				}
				return printInfo(cmd, e, info)
			})
		},
	}
	set.Flags().BoolVar(&autoHandover, "auto-handover", false, "hand an absent member's work to their backup when the absence starts")
	set.Flags().StringVar(&name, "name", "", "the workspace's name")
	set.Flags().StringVar(&zone, "time-zone", "", "IANA time zone, such as Asia/Jakarta")
	set.Flags().StringVar(&keeper, "keeper", "", "member id of the calendar keeper, who keeps the calendar current ('' for nobody)")
	addJSONFlag(set, e)
	show := &cobra.Command{
		Use:   "show",
		Short: "Show the workspace and this device's settings",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				info, err := ws.Workspace.Info(cmd.Context())
				if err != nil {
					return err
				}
				return printInfo(cmd, e, info)
			})
		},
	}
	addJSONFlag(show, e)
	cmd.AddCommand(set, show)
	return cmd
}

func printInfo(cmd *cobra.Command, e *env, info workspace.Info) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), info)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s  %q  %s\n", info.ID, info.Name, info.TimeZone)
	return nil
}
