package api

import (
	"path/filepath"

	"postdeck/backend/apperr"
	"postdeck/backend/styleguide"
)

// StyleGuide is the style guide facade. Changes act as this device's member.
type StyleGuide struct{ ws *coreWorkspace }

func (g *StyleGuide) me() (string, error) { return g.ws.Workspace.Me(ctx()) }

// Show returns the guide, every section in order.
func (g *StyleGuide) Show() (styleguide.Guide, error) { return g.ws.StyleGuide.Show(ctx()) }

// Save adds (id "") or changes an entry.
func (g *StyleGuide) Save(in styleguide.Entry) (styleguide.Entry, error) {
	me, err := g.me()
	if err != nil {
		return styleguide.Entry{}, err
	}
	return g.ws.StyleGuide.Save(ctx(), me, in)
}

// Remove deletes an entry.
func (g *StyleGuide) Remove(id string) error {
	me, err := g.me()
	if err != nil {
		return err
	}
	return g.ws.StyleGuide.Remove(ctx(), me, id)
}

// ClearExample removes the example guide's untouched entries and says how many.
func (g *StyleGuide) ClearExample() (int, error) {
	me, err := g.me()
	if err != nil {
		return 0, err
	}
	return g.ws.StyleGuide.ClearExample(ctx(), me)
}

// AddLogo adds a logo file read in the window (base64 content).
func (g *StyleGuide) AddLogo(name, content string) (styleguide.Entry, error) {
	me, err := g.me()
	if err != nil {
		return styleguide.Entry{}, err
	}
	return g.ws.StyleGuide.AddLogoBase64(ctx(), me, name, content)
}

// LogoContent returns a logo's file as base64.
func (g *StyleGuide) LogoContent(id string) (string, error) {
	return g.ws.StyleGuide.LogoContent(ctx(), id)
}

// ExportToFolder writes the guide as format (md, html or json) in lang
// into folder as style-guide.<format> and returns the file's path.
func (g *StyleGuide) ExportToFolder(format, lang, folder string) (string, error) {
	if folder == "" {
		return "", apperr.Invalid("styleguide.folder_required", "folder", "choose a folder first")
	}
	path := filepath.Join(folder, "style-guide."+format)
	return path, g.ws.StyleGuide.ExportTo(ctx(), format, lang, path)
}

// Import reads a JSON export at path; with dryRun it only says what would change.
func (g *StyleGuide) Import(path string, dryRun bool) (styleguide.ImportResult, error) {
	me, err := g.me()
	if err != nil {
		return styleguide.ImportResult{}, err
	}
	return g.ws.StyleGuide.ImportFile(ctx(), me, path, dryRun)
}
