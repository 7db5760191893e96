package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/backup"
	"postdeck/backend/core"
	"postdeck/backend/workspace"
)

func backupCmd(e *env, build Build) *cobra.Command {
	var overwrite, withKey bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Back the whole workspace up into one file (database, attachments, checksums)",
		Long: "Writes the workspace into FILE, a zip archive with a consistent copy of the database, every\n" +
			"attachment and manifest.json with SHA-256 checksums. The app may keep running meanwhile.\n" +
			"Restore it with 'postdeck restore FILE --data-dir NEW_FOLDER'.",
		Example: "  postdeck backup ~/Backups/postdeck-2026-12-01.zip",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withWorkspace(func(ws *core.Workspace) error {
				sum, err := backup.Create(cmd.Context(), ws, args[0], backup.Options{Overwrite: overwrite, AppVersion: build.Version,
					Progress: progressLine(cmd, "Backing up"), IncludeDeviceKey: withKey})
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(cmd.OutOrStdout(), sum)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Backed up %q (%d posts, %d files, %s) to %s\n", sum.Manifest.WorkspaceName,
					sum.Manifest.Counts["posts"], len(sum.Manifest.Files), megabytes(sum.Size), sum.Path)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&overwrite, "force", false, "replace FILE if it exists")
	cmd.Flags().BoolVar(&withKey, "include-device-key", false,
		"put this computer's private key in the backup (whoever has the file can then write to the shared folder as this computer)")
	addJSONFlag(cmd, e)
	return cmd
}

func restoreCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "restore FILE --data-dir NEW_FOLDER",
		Short: "Restore a backup into a new, empty data folder, after checking every file",
		Long: "Checks the backup (every file against its checksum, the database's integrity) and restores it\n" +
			"into NEW_FOLDER, which must not exist yet or be empty: a restore never replaces a workspace.\n" +
			"Open it with 'postdeck --data-dir NEW_FOLDER'. A damaged backup is refused and leaves nothing.",
		Example: "  postdeck restore postdeck-2026-12-01.zip --data-dir ~/postdeck-restored",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Never the default folder: that is a workspace already.
			if e.dataDir == "" {
				return apperr.New("backup.data_dir_required", "say where to restore with --data-dir NEW_FOLDER")
			}
			dir, err := workspace.DataDir(e.dataDir)
			if err != nil {
				return err
			}
			m, err := backup.Restore(cmd.Context(), args[0], dir, progressLine(cmd, "Checking and restoring"))
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(cmd.OutOrStdout(), RestoreReport{DataDir: dir, Manifest: m})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Restored %q (backed up %s, %d posts) into %s\nOpen it with: postdeck --data-dir %s\n",
				m.WorkspaceName, m.CreatedAt, m.Counts["posts"], dir, dir)
			return nil
		},
	}
	addJSONFlag(cmd, e)
	return cmd
}

// RestoreReport is what 'postdeck restore --json' prints.
type RestoreReport struct {
	DataDir  string          `json:"dataDir"`
	Manifest backup.Manifest `json:"manifest"`
}
