// Postdeck is a desktop app for small social media teams: a content
// calendar, style guide, templates and tasks kept on each person's machine
// and shared through an optional shared folder. Without arguments the binary
// opens the window; with a subcommand it runs headless (see docs/CLI.md).
package main

import (
	"embed"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"postdeck/backend/apperr"
	"postdeck/backend/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

// Set by -ldflags "-X main.version=… -X main.commit=… -X main.buildDate=…".
var (
	version   = "dev"
	commit    = "unknown"
	buildDate = "unknown"
)

func main() {
	build := cli.Build{Version: version, Commit: commit, BuildDate: buildDate}
	os.Exit(cli.Main(os.Args[1:], build, runGUI, os.Stdout, os.Stderr))
}

// runGUI opens the window on the workspace in dataDir.
func runGUI(dataDir string) error {
	app, err := NewApp(dataDir)
	if err != nil {
		return err
	}
	app.version = version
	return wails.Run(&options.App{
		Title:     "Postdeck",
		Width:     1280,
		Height:    820,
		MinWidth:  900,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 1},
		OnStartup:        app.startup,
		OnShutdown:       app.shutdown,
		Bind:             app.bindings(),
		// A rejected call carries the error's code, field and parameters so
		// the window can show it in the user's language. The runtime wraps
		// whatever this returns in a JS Error, so it must be a string: JSON.
		ErrorFormatter: func(err error) any { return apperr.JSON(err) },
	})
}
