package api

import (
	"postdeck/backend/feeds"
	"postdeck/backend/layers"
)

// Feeds is the calendar-files facade: published feeds for people without
// the app.
type Feeds struct{ ws *coreWorkspace }

// List returns the feeds.
func (f *Feeds) List() ([]feeds.Feed, error) { return f.ws.Feeds.Feeds(ctx()) }

// Add creates a feed.
func (f *Feeds) Add(in feeds.Selection) (feeds.Feed, error) { return f.ws.Feeds.AddFeed(ctx(), in) }

// Update changes what a feed holds.
func (f *Feeds) Update(id string, in feeds.Selection) (feeds.Feed, error) {
	return f.ws.Feeds.UpdateFeed(ctx(), id, in)
}

// Delete removes a feed and, with the next publish, its files.
func (f *Feeds) Delete(id string) error { return f.ws.Feeds.DeleteFeed(ctx(), id) }

// Folder returns this device's own feeds folder ("" when none).
func (f *Feeds) Folder() (string, error) { return f.ws.Feeds.Folder() }

// SetFolder sets this device's own feeds folder ("" to stop).
func (f *Feeds) SetFolder(dir string) error { return f.ws.Feeds.SetFolder(ctx(), dir) }

// Targets lists the folders feeds are published to now.
func (f *Feeds) Targets() ([]string, error) { return f.ws.Publisher.Targets() }

// Publish writes every changed feed now.
func (f *Feeds) Publish() (feeds.Report, error) { return f.ws.Publisher.Publish(ctx()) }

// LastPublish returns the outcome of the latest publish.
func (f *Feeds) LastPublish() feeds.Report { return f.ws.Publisher.Last() }

// Layers is the facade of calendars imported from .ics files.
type Layers struct{ ws *coreWorkspace }

// List returns the layers with whether this device shows them.
func (l *Layers) List() ([]layers.Layer, error) { return l.ws.Layers.Layers(ctx()) }

// Import reads an .ics file's text into the layer called name ("" = the
// calendar's own name); fileName is where it came from.
func (l *Layers) Import(name, fileName, content string) (layers.ImportResult, error) {
	return l.ws.Layers.Import(ctx(), name, fileName, []byte(content))
}

// SetVisible shows or hides a layer on this device.
func (l *Layers) SetVisible(id string, visible bool) error {
	return l.ws.Layers.SetVisible(ctx(), id, visible)
}

// Delete removes a layer.
func (l *Layers) Delete(id string) error { return l.ws.Layers.Delete(ctx(), id) }

// Events returns the shown layers' events from from to to (YYYY-MM-DD).
func (l *Layers) Events(from, to string) ([]layers.Occurrence, error) {
	return l.ws.Layers.Events(ctx(), from, to)
}
