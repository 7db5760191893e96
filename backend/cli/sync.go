package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
)

func syncCmd(e *env) *cobra.Command {
	var once bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync the workspace through the shared folder",
		Long: "Sync the workspace with teammates through a shared folder (Dropbox, Google Drive, Syncthing, a network drive).\n" +
			"'postdeck sync --once' pushes this device's changes and applies the others' once.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !once {
				return cmd.Help()
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				r, err := ws.Sync.SyncOnce(cmd.Context())
				if err != nil {
					return printFailedReport(cmd, e, r, err)
				}
				// What arrived may start an absence the workspace hands over
				// automatically; what that hand-over wrote goes out at once.
				if done, err := ws.AutoHandOver(cmd.Context()); err == nil && len(done) > 0 {
					printAutoHandovers(cmd, done)
					if r2, err := ws.Sync.SyncOnce(cmd.Context()); err == nil {
						r = r2
					}
				}
				return printReport(cmd, e, r)
			})
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "sync once and exit")
	addJSONFlag(cmd, e)
	cmd.AddCommand(syncConnectCmd(e), syncJoinCmd(e), syncStatusCmd(e), syncScanCmd(e), syncLeaveCmd(e),
		syncRepublishCmd(e), syncEncryptCmd(e), syncConflictsCmd(e), syncResolveCmd(e), syncRebuildCmd(e))
	return cmd
}

func printReport(cmd *cobra.Command, e *env, r sharedfolder.Report) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), r)
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "Sent %d changes, applied %d changes from %d segments, %d new conflicts.\n", r.Pushed, r.Applied, r.Segments, r.Conflicts)
	for _, i := range r.Issues {
		fmt.Fprintf(w, "  note: %s %s %s %s\n", i.Code, i.Device, i.File, i.Detail)
		if i.Code == sharedfolder.CodeDeviceRestored {
			fmt.Fprintln(w, "  This data folder is older than what this device had already sent (restored from a backup or copied back),\n"+
				"  so it continues as a new device: nothing it wrote before is overwritten, and nothing was lost.")
		}
	}
	for _, l := range r.Leftovers {
		fmt.Fprintf(w, "  ignored syncer copy: %s\n", l)
	}
	return nil
}

// failedReport is what 'sync --once --json' prints when the run stops: what
// it got to (leftovers included) and the error with its stable code, so a
// script reading standard output learns why.
type failedReport struct {
	sharedfolder.Report
	Error jsonError `json:"error"`
}

type jsonError struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Params  map[string]any `json:"params,omitempty"`
}

// printFailedReport prints the report and the error as JSON with --json, then
// returns the error so the exit code and standard error say it too.
func printFailedReport(cmd *cobra.Command, e *env, r sharedfolder.Report, err error) error {
	if e.json {
		ae := apperr.As(err)
		if perr := printJSON(cmd.OutOrStdout(), failedReport{r, jsonError{ae.Code, ae.Message, ae.Params}}); perr != nil {
			return perr
		}
	}
	return err
}

func syncRepublishCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "republish",
		Short: "Publish everything this device has into the shared folder after it was emptied",
		Long: "When the team's files are gone from the shared folder (deleted by a person, a sync app or a restored\n" +
			"cloud backup), 'sync --once' stops with sync.folder_emptied instead of guessing. If the folder is the right\n" +
			"one, 'postdeck sync republish' writes a snapshot of everything this device has there, so teammates carry on\n" +
			"and new devices can join again. Teammates that already have everything gain no copies and no conflicts.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				info, err := ws.Workspace.Info(cmd.Context())
				if err != nil {
					return err
				}
				r, err := ws.Sync.Republish(cmd.Context(), info.Name)
				if err != nil {
					return printFailedReport(cmd, e, r, err)
				}
				return printReport(cmd, e, r)
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func syncConnectCmd(e *env) *cobra.Command {
	var plain bool
	cmd := &cobra.Command{
		Use:   "connect FOLDER",
		Short: "Share this workspace through FOLDER (creates the team folder there if needed)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				info, err := ws.Workspace.Info(cmd.Context())
				if err != nil {
					return err
				}
				// A workspace shared for the first time is encrypted unless
				// --plain says otherwise (a folder that exists keeps its kind).
				ws.Sync.Encrypt = !plain
				r, err := ws.Sync.Connect(cmd.Context(), args[0], info.Name)
				if err != nil {
					return printFailedReport(cmd, e, r, err)
				}
				return printReport(cmd, e, r)
			})
		},
	}
	cmd.Flags().BoolVar(&plain, "plain", false, "share without end-to-end encryption (the folder's files stay readable to anyone who can open it)")
	addJSONFlag(cmd, e)
	return cmd
}

func syncJoinCmd(e *env) *cobra.Command {
	var id string
	cmd := &cobra.Command{
		Use:   "join FOLDER",
		Short: "Join the team workspace found in FOLDER and bring it all in",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if id == "" {
					found, err := sharedfolder.Scan(args[0])
					if err != nil {
						return err
					}
					if len(found) == 0 {
						return apperr.New(sharedfolder.CodeFolderMissing, "there is no Postdeck workspace in this folder: check the folder, "+
							"or, if the team's folder was emptied, ask a teammate whose Postdeck still has the data to republish it first").With("folder", args[0])
					}
					if len(found) != 1 {
						return fmt.Errorf("the folder holds %d workspaces: say which with --workspace ID (see 'postdeck sync scan')", len(found))
					}
					id = found[0].WorkspaceID
				}
				r, err := ws.Sync.Join(cmd.Context(), args[0], id)
				if err != nil {
					return printFailedReport(cmd, e, r, err)
				}
				return printReport(cmd, e, r)
			})
		},
	}
	cmd.Flags().StringVar(&id, "workspace", "", "workspace id, when the folder holds more than one")
	addJSONFlag(cmd, e)
	return cmd
}

func syncScanCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scan FOLDER",
		Short: "List the Postdeck workspaces in FOLDER",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			found, err := sharedfolder.Scan(args[0])
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(cmd.OutOrStdout(), found)
			}
			if len(found) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "No Postdeck workspace in this folder yet.")
			}
			for _, f := range found {
				fmt.Fprintf(cmd.OutOrStdout(), "%s  %s  (%d devices)\n", f.WorkspaceID, f.Name, f.Devices)
			}
			return nil
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func syncStatusCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the shared folder, what waits to be sent or applied, devices seen and conflicts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				s, err := ws.Sync.Status(cmd.Context())
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), s)
				}
				w := cmd.OutOrStdout()
				if !s.Enabled {
					fmt.Fprintln(w, "Sync is off. Share the workspace with: postdeck sync connect FOLDER")
					return nil
				}
				fmt.Fprintf(w, "Folder:       %s\nLast sync:    %s\nTo send:      %d changes\nTo apply:     %d segments\nConflicts:    %d\nQuarantined:  %d\n",
					s.Folder, orNever(s.LastSync), s.Outgoing, s.Incoming, s.Conflicts, s.Quarantined)
				printAgreement(w, s.Agreement)
				printEncryption(w, s.Encryption)
				if c := s.DeviceChange; c != nil {
					why := "another install used the same device id (a cloned disk or a copied data folder)"
					if c.Reason == sharedfolder.ReasonRestored {
						why = "its data folder was older than what it had already sent (restored from a backup or copied back)"
					}
					fmt.Fprintf(w, "This computer continues as device %s since %s: %s. It was %s. Nothing was lost.\n",
						c.DeviceID, c.At, why, c.PreviousID)
				}
				for _, d := range s.Devices {
					fmt.Fprintf(w, "Device %s  member %s  applied %d/%d  seen %s\n", d.DeviceID, d.MemberID, d.Applied, d.Published, d.SeenAt)
				}
				if len(s.Refused) > 0 {
					fmt.Fprintf(w, "Refused:      %d changes (not applied, kept)\n", len(s.Refused))
				}
				for _, r := range s.Refused {
					who := "member " + r.Member
					if r.Reason == replica.ReasonNoMember {
						who = "no member"
					}
					why := "lacks " + r.Permission
					if r.Reason == replica.ReasonRevoked {
						why = "its computer was revoked before"
					}
					fmt.Fprintf(w, "Refused %s.%s of %s from device %s (%s) made %s: %s\n",
						r.Table, r.Field, r.ID, r.Device, who, r.At, why)
				}
				for _, d := range s.Waiting {
					fmt.Fprintf(w, "Waiting: %s %q (member %s, code %s): %d changes wait, %s. See 'postdeck device list'.\n",
						d.DeviceID, d.Name, orDash(d.Member), d.Fingerprint, d.Waiting, d.WaitingReason)
				}
				return nil
			})
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

func syncLeaveCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "leave",
		Short: "Stop syncing with the shared folder (local data stays)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				if err := ws.Sync.Disconnect(); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "Sync is off. Everything on this computer stays.")
				return nil
			})
		},
	}
}

func orNever(s string) string {
	if s == "" {
		return "never"
	}
	return s
}
