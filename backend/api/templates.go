package api

import (
	"postdeck/backend/calendar"
	"postdeck/backend/templates"
)

// Templates is the facade of templates of every kind and of the library of
// approved content.
type Templates struct{ ws *coreWorkspace }

// List returns the templates of one kind ("" for all).
func (t *Templates) List(kind string) ([]templates.Template, error) {
	return t.ws.Templates.List(ctx(), kind)
}

// Get returns one template.
func (t *Templates) Get(id string) (templates.Template, error) { return t.ws.Templates.Get(ctx(), id) }

// Add creates a template.
func (t *Templates) Add(in templates.Input) (templates.Template, error) {
	return t.ws.Templates.Add(ctx(), in)
}

// Update changes a template.
func (t *Templates) Update(id string, in templates.Input) (templates.Template, error) {
	return t.ws.Templates.Update(ctx(), id, in)
}

// Delete removes a template.
func (t *Templates) Delete(id string) error { return t.ws.Templates.Delete(ctx(), id) }

// Placeholders lists the placeholders of a text, or says what is wrong.
func (t *Templates) Placeholders(text string) ([]string, error) { return templates.Placeholders(text) }

// Preview fills a post template in for each channel, with the style
// guide's findings, without writing anything.
func (t *Templates) Preview(id string, in templates.FromTemplate) (templates.Preview, error) {
	return t.ws.Templates.Preview(ctx(), id, in)
}

// NewPost makes a draft from a post template, owned by this device's member.
func (t *Templates) NewPost(id string, in templates.FromTemplate) (calendar.Post, error) {
	me, err := t.ws.Workspace.Me(ctx())
	if err != nil {
		return calendar.Post{}, err
	}
	return t.ws.Templates.NewPost(ctx(), me, id, in)
}

// SaveAsTemplate makes a post template of a post.
func (t *Templates) SaveAsTemplate(postID, name string) (templates.Template, error) {
	return t.ws.Templates.SaveAsTemplate(ctx(), postID, name)
}

// CheckPiece checks a snippet's or hashtag group's texts against the style guide.
func (t *Templates) CheckPiece(body string, variants map[string]string) ([]templates.PieceCheck, error) {
	return t.ws.Templates.CheckPiece(ctx(), body, variants)
}

// Library returns the library of approved content.
func (t *Templates) Library() ([]templates.LibraryItem, error) { return t.ws.Templates.Library(ctx()) }

// AddToLibrary keeps an approved post in the library.
func (t *Templates) AddToLibrary(postID string) (templates.LibraryItem, error) {
	return t.ws.Templates.AddToLibrary(ctx(), postID)
}

// RemoveFromLibrary takes an item out of the library.
func (t *Templates) RemoveFromLibrary(id string) error {
	return t.ws.Templates.RemoveFromLibrary(ctx(), id)
}

// UseLibraryItem makes a new draft of a library item, owned by this device's member.
func (t *Templates) UseLibraryItem(id string, in templates.Reuse) (calendar.Post, error) {
	me, err := t.ws.Workspace.Me(ctx())
	if err != nil {
		return calendar.Post{}, err
	}
	return t.ws.Templates.UseLibraryItem(ctx(), me, id, in)
}
