package api

import (
	"time"

	"postdeck/backend/backup"
	"postdeck/backend/csvio"
	"postdeck/backend/events"
)

// Progress events: a backup.Progress while a backup or restore started
// from the window runs, and {done, total} rows while a CSV import writes.
const (
	BackupProgressEvent = "backup:progress"
	ImportProgressEvent = "csv:progress"
)

// FileBindings returns the facades for CSV files and backups. emitter
// carries backup progress to the window; version goes into backups.
func FileBindings(ws *coreWorkspace, emitter events.Emitter, version string) []any {
	return []any{&CSV{ws: ws, emit: emitter, version: version}, &Backup{ws: ws, emit: emitter, version: version}}
}

// CSV is the facade for importing and exporting posts as CSV. Imports act
// as this device's member.
type CSV struct {
	ws      *coreWorkspace
	emit    events.Emitter
	version string
}

// RowProgress is how far a CSV import has written.
type RowProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Preview checks the CSV file at path and says what importing it would do.
func (c *CSV) Preview(path string) (csvio.Preview, error) {
	data, err := csvio.ReadFile(path)
	if err != nil {
		return csvio.Preview{}, err
	}
	me, err := c.ws.Workspace.Me(ctx())
	if err != nil {
		return csvio.Preview{}, err
	}
	return csvio.PreviewFile(ctx(), c.ws, data, me)
}

// Import imports the CSV file at path: every row, or with skipBad the rows
// without problems. backupFolder ("" for none) gets a backup first.
func (c *CSV) Import(path string, skipBad bool, backupFolder string) (csvio.Result, error) {
	data, err := csvio.ReadFile(path)
	if err != nil {
		return csvio.Result{}, err
	}
	me, err := c.ws.Workspace.Me(ctx())
	if err != nil {
		return csvio.Result{}, err
	}
	res, _, err := csvio.Import(ctx(), c.ws, data, csvio.Options{Actor: me, SkipBad: skipBad, BackupTo: backup.PathIn(backupFolder, time.Now()), AppVersion: c.version,
		Rows: func(done, total int) { c.emit.Emit(ImportProgressEvent, RowProgress{Done: done, Total: total}) }})
	return res, err
}

// Export writes every post to the CSV file at path and returns how many.
func (c *CSV) Export(path string) (int, error) { return csvio.ExportFile(ctx(), c.ws, path) }

// Backup is the facade for backups and restores.
type Backup struct {
	ws      *coreWorkspace
	emit    events.Emitter
	version string
}

// progress emits backup progress to the window, ten times a second at most.
func (b *Backup) progress() func(backup.Progress) {
	var last time.Time
	return func(p backup.Progress) {
		if p.Done < p.Total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		b.emit.Emit(BackupProgressEvent, p)
	}
}

// Folder is where backups go: the folder used last time, or Documents.
func (b *Backup) Folder() string { return backup.Folder(b.ws) }

// BackUp writes a backup into a new file in folder.
func (b *Backup) BackUp(folder string) (backup.Summary, error) {
	return backup.CreateIn(ctx(), b.ws, folder, backup.Options{AppVersion: b.version, Progress: b.progress()})
}

// Check verifies the backup file at path without restoring it.
func (b *Backup) Check(path string) (backup.Manifest, error) {
	return backup.Check(ctx(), path, b.progress())
}

// SuggestTarget is a new folder beside this workspace's to restore into.
func (b *Backup) SuggestTarget() string { return backup.SuggestTarget(b.ws, time.Now()) }

// Restore verifies the backup at path and restores it into the new folder dataDir.
func (b *Backup) Restore(path, dataDir string) (backup.Manifest, error) {
	return backup.Restore(ctx(), path, dataDir, b.progress())
}
