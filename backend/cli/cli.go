// Package cli is Postdeck's command line: with no subcommand the binary opens
// the window; subcommands run headless for scripts and machines without a
// display. Every list or show command takes --json and prints the stable
// field names documented in docs/CLI.md.
package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"postdeck/backend/apperr"
	"postdeck/backend/buildinfo"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/workspace"
)

// Build describes this binary; main fills it from -ldflags.
type Build = buildinfo.Build

// GUI opens the desktop window on a data dir.
type GUI func(dataDir string) error

// Main runs the command line and returns the process exit code.
func Main(args []string, build Build, gui GUI, stdout, stderr io.Writer) int {
	return Run(args, build, gui, os.Stdin, stdout, stderr)
}

// Run is Main with standard input given (for "-" as a file name).
func Run(args []string, build Build, gui GUI, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(build, gui)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var code exitCode
	if errors.As(err, &code) {
		return int(code) // the command printed its result; the code says what it found
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		fmt.Fprintf(stderr, "Error: %s (%s)\n", describe(ae), ae.Code)
		if ae.Code == apperr.CodeInternal {
			return 1
		}
		return 2
	}
	fmt.Fprintf(stderr, "Error: %s\n", err)
	return 1
}

func describe(e *apperr.Error) string {
	msg := e.Message
	for _, k := range []string{"role", "network", "email", "id", "zone", "max", "detail", "language", "path", "file", "line", "channel", "count", "limit", "column", "version", "section", "entry", "field", "value", "maxMB", "check", "text", "step", "date", "time", "name", "format"} {
		if v, ok := e.Params[k]; ok {
			msg += fmt.Sprintf(" [%s: %v]", k, v)
		}
	}
	if ws, ok := e.Params["warnings"].([]calendar.Acknowledged); ok {
		for _, w := range ws {
			msg += fmt.Sprintf("\n  warning on %s: %s %q", w.Channel, w.Code, w.Text)
		}
	}
	return msg
}

type env struct {
	dataDir string
	as      string
	json    bool
}

func newRoot(build Build, gui GUI) *cobra.Command {
	e := &env{}
	root := &cobra.Command{
		Use:           "postdeck",
		Short:         "Postdeck: the content calendar and workspace of a small social media team",
		Long:          "Postdeck keeps a social media team's calendar, style guide, templates and tasks on each person's machine.\nRun without a command to open the window.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := workspace.DataDir(e.dataDir)
			if err != nil {
				return err
			}
			return gui(dir)
		},
	}
	root.PersistentFlags().StringVar(&e.dataDir, "data-dir", "", "workspace data folder (default: the OS data folder, or $"+workspace.EnvDataDir+")")
	root.AddCommand(versionCmd(e, build), doctorCmd(e), memberCmd(e), meCmd(e), syncCmd(e),
		channelCmd(e), campaignCmd(e), postCmd(e), workspaceCmd(e), templateCmd(e), styleguideCmd(e),
		absenceCmd(e), handoverCmd(e), healthCmd(e), workloadCmd(e), meetingCmd(e))
	root.AddCommand(taskCmd(e), checkCmd(e))
	root.AddCommand(planCmd(e), playbookCmd(e))
	root.AddCommand(deviceCmd(e))
	addCSVCommands(root, e, build)
	addCalendarFileCommands(root, e)
	return root
}

// open opens the workspace of the data dir for one command.
func (e *env) open() (*core.Workspace, error) {
	dir, err := workspace.DataDir(e.dataDir)
	if err != nil {
		return nil, err
	}
	return core.Open(dir, events.Nop{})
}

// actor is the member the command acts as: --as, else this device's "me".
func (e *env) actor(cmd *cobra.Command, ws *core.Workspace) (string, error) {
	if e.as != "" {
		if _, err := ws.Team.Member(cmd.Context(), e.as); err != nil {
			return "", err
		}
		return e.as, nil
	}
	return ws.Workspace.Me(cmd.Context())
}

func addJSONFlag(cmd *cobra.Command, e *env) {
	cmd.Flags().BoolVar(&e.json, "json", false, "print JSON (stable field names, see docs/CLI.md)")
}

func addAsFlag(cmd *cobra.Command, e *env) {
	cmd.Flags().StringVar(&e.as, "as", "", "act as this member id (default: this device's member, see 'postdeck me set')")
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// withActor is withWorkspace for commands that change something: fn gets
// the member the command acts as (see actor) with the workspace.
func (e *env) withActor(cmd *cobra.Command, fn func(ws *core.Workspace, actor string) error) error {
	return e.withWorkspace(func(ws *core.Workspace) error {
		actor, err := e.actor(cmd, ws)
		if err != nil {
			return err
		}
		return fn(ws, actor)
	})
}

// withWorkspace opens the workspace, runs fn and closes it.
func (e *env) withWorkspace(fn func(ws *core.Workspace) error) error {
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	return fn(ws)
}
