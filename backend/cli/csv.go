package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/backup"
	"postdeck/backend/core"
	"postdeck/backend/csvio"
)

// under returns root's subcommand name, adding it when it is not there
// yet: export and import hold one subcommand per file format, each in its
// own file.
func under(root *cobra.Command, name, short string) *cobra.Command {
	for _, c := range root.Commands() {
		if c.Name() == name {
			return c
		}
	}
	c := &cobra.Command{Use: name, Short: short}
	root.AddCommand(c)
	return c
}

// addCSVCommands adds export csv, import csv, backup and restore.
func addCSVCommands(root *cobra.Command, e *env, build Build) {
	under(root, "export", "Write calendar data to files").AddCommand(exportCSVCmd(e))
	under(root, "import", "Read calendar data from files").AddCommand(importCSVCmd(e, build))
	root.AddCommand(backupCmd(e, build), restoreCmd(e))
}

// ExportReport is what 'postdeck export csv --out FILE --json' prints.
type ExportReport struct {
	Path  string `json:"path"`
	Posts int    `json:"posts"`
}

func exportCSVCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:     "csv",
		Short:   "Write every post as CSV (columns in docs/CSV.md), to standard output or --out FILE",
		Example: "  postdeck export csv --out posts.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if e.json && out == "" {
				return apperr.New("cli.json_needs_out", "--json reports on the file written with --out")
			}
			return e.withWorkspace(func(ws *core.Workspace) error {
				if out == "" {
					_, err := csvio.Export(cmd.Context(), ws, cmd.OutOrStdout())
					return err
				}
				n, err := csvio.ExportFile(cmd.Context(), ws, out)
				if err != nil {
					return err
				}
				path, _ := filepath.Abs(out)
				if e.json {
					return printJSON(cmd.OutOrStdout(), ExportReport{Path: path, Posts: n})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Wrote %d posts to %s\n", n, path)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the file to write (default: standard output)")
	addJSONFlag(cmd, e)
	return cmd
}

// ImportReport is what 'postdeck import csv --json' prints.
type ImportReport struct {
	DryRun  bool          `json:"dryRun"`
	Preview csvio.Preview `json:"preview"`
	Result  csvio.Result  `json:"result"`
}

func importCSVCmd(e *env, build Build) *cobra.Command {
	var dryRun, skipBad bool
	var backupFile string
	cmd := &cobra.Command{
		Use:   "csv FILE",
		Short: "Add and update posts from a CSV file; every row or none (see docs/CSV.md)",
		Long: "Reads posts from a CSV file (UTF-8, a header row; Excel and Google Sheets exports with a BOM or\n" +
			"semicolons work). Rows with the id of a post update it; rows without one add posts. Every row is\n" +
			"checked first: with any problem nothing is written, unless --skip-bad leaves those rows out.",
		Example: "  postdeck import csv posts.csv --dry-run\n  postdeck import csv posts.csv --backup before-import.zip",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readInput(args[0])
			if err != nil {
				return err
			}
			return e.withActor(cmd, func(ws *core.Workspace, actor string) error {
				rep := ImportReport{DryRun: dryRun}
				if dryRun {
					if rep.Preview, err = csvio.PreviewFile(cmd.Context(), ws, data, actor); err != nil {
						return err
					}
					if err := e.printImport(cmd, rep); err != nil {
						return err
					}
					if len(rep.Preview.Problems) > 0 || rep.Preview.Bad > 0 {
						return apperr.New("csv.rows_have_problems", "some rows have problems; fix them or skip them").
							With("count", rep.Preview.Bad+len(rep.Preview.Problems))
					}
					return nil
				}
				rep.Result, rep.Preview, err = csvio.Import(cmd.Context(), ws, data, csvio.Options{Actor: actor, SkipBad: skipBad,
					BackupTo: backupFile, AppVersion: build.Version, Progress: progressLine(cmd, "Backing up"),
					Rows: rowsLine(cmd)})
				if err != nil {
					if !e.json {
						printProblems(cmd.ErrOrStderr(), rep.Preview)
					}
					return err
				}
				return e.printImport(cmd, rep)
			})
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check every row and show what would happen; write nothing")
	cmd.Flags().BoolVar(&skipBad, "skip-bad", false, "import the rows without problems and leave out the others")
	cmd.Flags().StringVar(&backupFile, "backup", "", "back the workspace up into this file first")
	addJSONFlag(cmd, e)
	addAsFlag(cmd, e)
	return cmd
}

func (e *env) printImport(cmd *cobra.Command, rep ImportReport) error {
	if e.json {
		return printJSON(cmd.OutOrStdout(), rep)
	}
	w := cmd.OutOrStdout()
	p := rep.Preview
	printProblems(w, p)
	if rep.Result.Backup != "" {
		fmt.Fprintf(w, "Backed up to %s\n", rep.Result.Backup)
	}
	if rep.DryRun {
		fmt.Fprintf(w, "Would add %d, update %d, leave %d unchanged; %d rows with problems. Nothing was written.\n",
			p.Adds, p.Updates, p.Unchanged, p.Bad)
		return nil
	}
	r := rep.Result
	fmt.Fprintf(w, "Added %d, updated %d, unchanged %d, skipped %d.\n", r.Added, r.Updated, r.Unchanged, r.Skipped)
	return nil
}

// printProblems lists the file's problems and each row with its action or
// problems.
func printProblems(w io.Writer, p csvio.Preview) {
	for _, pr := range p.Problems {
		fmt.Fprintf(w, "File: %s (%s)\n", pr, pr.Code)
	}
	if len(p.Ignored) > 0 {
		fmt.Fprintf(w, "Ignored columns: %s\n", strings.Join(p.Ignored, ", "))
	}
	if len(p.Rows) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tACTION\tTITLE\tPROBLEMS")
	for _, r := range p.Rows {
		action := r.Action
		if len(r.Problems) > 0 {
			action = "problem"
		} else if r.BackToReview {
			action += " (back to review)"
		}
		var probs []string
		for _, pr := range r.Problems {
			probs = append(probs, fmt.Sprintf("%s (%s)", pr, pr.Code))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Line, action, r.Title, strings.Join(probs, "; "))
	}
	tw.Flush()
}

// readInput reads an input file, "-" for standard input.
func readInput(name string) ([]byte, error) {
	if name != "-" {
		return csvio.ReadFile(name)
	}
	data, err := io.ReadAll(io.LimitReader(os.Stdin, csvio.MaxBytes+1))
	if err != nil {
		return nil, apperr.New("csv.file_unreadable", "the file cannot be read").With("path", name).With("name", name).WithCause(err)
	}
	return data, nil
}

// progressLine returns a progress reporter that rewrites one line on the
// terminal, or nil when standard output is not a terminal (a script or a
// pipe gets only the result).
func progressLine(cmd *cobra.Command, label string) func(backup.Progress) {
	return progressLineIn(cmd, label, megabytes)
}

// progressLineIn is progressLine with amounts written by unit.
func progressLineIn(cmd *cobra.Command, label string, unit func(int64) string) func(backup.Progress) {
	f, ok := cmd.OutOrStdout().(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	var last time.Time
	return func(p backup.Progress) {
		done := p.Done >= p.Total
		if !done && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		pct := 100
		if p.Total > 0 {
			pct = int(p.Done * 100 / p.Total)
		}
		fmt.Fprintf(f, "\r%s… %3d%% (%s of %s)", label, pct, unit(p.Done), unit(p.Total))
		if done {
			fmt.Fprint(f, "\r\033[K")
		}
	}
}

// rowsLine is progressLine for the rows of an import.
func rowsLine(cmd *cobra.Command) func(done, total int) {
	line := progressLineIn(cmd, "Importing", func(n int64) string { return fmt.Sprintf("%d rows", n) })
	if line == nil {
		return nil
	}
	return func(done, total int) {
		line(backup.Progress{Done: int64(done), Total: int64(total)})
	}
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
