package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/core"
)

func versionCmd(e *env, build Build) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of Postdeck",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := build.Info()
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(cmd.OutOrStdout(), v)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Postdeck %s (commit %s, built %s, %s, SQLite %s)\n",
				v.Version, v.Commit, v.BuildDate, v.GoVersion, v.SQLiteVersion)
			return nil
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// DoctorReport is what 'postdeck doctor --json' prints.
type DoctorReport struct {
	DataDir       string `json:"dataDir"`
	Database      string `json:"database"`
	SchemaVersion int    `json:"schemaVersion"`
	DeviceID      string `json:"deviceId"`
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	TimeZone      string `json:"timeZone"`
	Onboarded     bool   `json:"onboarded"`
	Me            string `json:"me"`
	Members       int    `json:"members"`
}

func doctorCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Show where the workspace lives and whether it is healthy",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				info, err := ws.Workspace.Info(cmd.Context())
				if err != nil {
					return err
				}
				schema, err := ws.Store.SchemaVersion()
				if err != nil {
					return err
				}
				members, err := ws.Team.Members(cmd.Context())
				if err != nil {
					return err
				}
				r := DoctorReport{DataDir: ws.DataDir, Database: ws.Store.Path(), SchemaVersion: schema,
					DeviceID: info.DeviceID, WorkspaceID: info.ID, WorkspaceName: info.Name, TimeZone: info.TimeZone,
					Onboarded: info.Onboarded, Me: info.Me, Members: len(members)}
				if e.json {
					return printJSON(cmd.OutOrStdout(), r)
				}
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "Data folder:     %s\n", r.DataDir)
				fmt.Fprintf(w, "Database:        %s (schema %d)\n", r.Database, r.SchemaVersion)
				fmt.Fprintf(w, "Device:          %s\n", r.DeviceID)
				fmt.Fprintf(w, "Workspace:       %s %q (time zone %s)\n", r.WorkspaceID, r.WorkspaceName, r.TimeZone)
				if !r.Onboarded {
					fmt.Fprintln(w, "                 not set up yet: open the app to name it")
				}
				fmt.Fprintf(w, "This device is:  %s\n", orNone(r.Me))
				fmt.Fprintf(w, "Members:         %d\n", r.Members)
				fmt.Fprintln(w, "Status:          OK")
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func orNone(s string) string {
	if s == "" {
		return "(nobody yet: 'postdeck me set ID')"
	}
	return s
}
