// Package workspace holds the workspace itself: where its data lives, its
// name and time zone, first-run onboarding, and this device's settings
// (who "me" is, language, theme).
package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvDataDir overrides the data dir, as --data-dir does.
const EnvDataDir = "POSTDECK_DATA_DIR"

// DataDir returns the data dir to use: the flag's value, else
// $POSTDECK_DATA_DIR, else the OS's per-user data dir.
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(EnvDataDir); env != "" {
		return filepath.Abs(env)
	}
	return DefaultDataDir()
}

// DefaultDataDir is $XDG_DATA_HOME/postdeck on Linux, %AppData%\Postdeck on
// Windows and ~/Library/Application Support/Postdeck on macOS.
func DefaultDataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir() // %AppData%, ~/Library/Application Support
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Postdeck"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "postdeck"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the home directory: set --data-dir or " + EnvDataDir)
	}
	return filepath.Join(home, ".local", "share", "postdeck"), nil
}

// SystemTimeZone guesses the OS's IANA time zone name ("UTC" if unknown):
// $TZ, then the target of /etc/localtime.
func SystemTimeZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" && validZone(tz) {
		return tz
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			if tz := target[i+len("zoneinfo/"):]; validZone(tz) {
				return tz
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if tz := strings.TrimSpace(string(b)); validZone(tz) {
			return tz
		}
	}
	return "UTC"
}
