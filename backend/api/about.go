package api

import "postdeck/backend/buildinfo"

// About tells the window which Postdeck this is, for the About box.
type About struct{ build buildinfo.Build }

// NewAbout returns the About facade of a binary stamped with build.
func NewAbout(build buildinfo.Build) *About { return &About{build: build} }

// Version returns what `postdeck version --json` prints.
func (a *About) Version() (buildinfo.Info, error) { return a.build.Info() }
