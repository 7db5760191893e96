// Package buildinfo says which Postdeck this is: the version, commit and
// build date stamped in by the release build, and the Go and SQLite versions
// compiled in. The command line's `version` and the window's About box show
// the same Info, so a bug report can quote either.
package buildinfo

import (
	"runtime"

	"postdeck/backend/store"
)

// Build is what the release build stamps into the binary through -ldflags.
type Build struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildDate string `json:"buildDate"`
}

// Info is Build plus the versions of what is compiled in.
type Info struct {
	Build
	GoVersion     string `json:"goVersion"`
	SQLiteVersion string `json:"sqliteVersion"`
}

// Info asks the SQLite library compiled into this binary for its version.
func (b Build) Info() (Info, error) {
	v, err := store.SQLiteVersion()
	if err != nil {
		return Info{}, err
	}
	return Info{Build: b, GoVersion: runtime.Version(), SQLiteVersion: v}, nil
}
