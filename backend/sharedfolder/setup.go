package sharedfolder

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"postdeck/backend/apperr"
)

// Found is a workspace found in a shared folder.
type Found struct {
	WorkspaceID string `json:"workspaceId"`
	Name        string `json:"name"`
	Devices     int    `json:"devices"`
}

// Scan lists the workspaces in a shared folder.
func Scan(folder string) ([]Found, error) {
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		return nil, apperr.New(CodeFolderMissing, "the folder does not exist").With("folder", folder)
	}
	entries, err := os.ReadDir(filepath.Join(folder, "postdeck"))
	if errors.Is(err, fs.ErrNotExist) {
		return []Found{}, nil
	}
	if err != nil {
		return nil, apperr.New(CodeFolderMissing, "the folder cannot be read").WithCause(err)
	}
	out := []Found{}
	for _, e := range entries {
		if !e.IsDir() || !workspaceRe.MatchString(e.Name()) {
			continue
		}
		f := DirFS{Root: filepath.Join(folder, "postdeck", e.Name())}
		var wf WorkspaceFile
		if err := readJSON(f, "workspace.json", &wf); err != nil || wf.WorkspaceID != e.Name() {
			continue
		}
		devices, _ := f.ReadDir("devices")
		n := 0
		for _, d := range devices {
			if d.IsDir() && deviceDirRe.MatchString(d.Name()) {
				n++
			}
		}
		out = append(out, Found{WorkspaceID: wf.WorkspaceID, Name: wf.Name, Devices: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Connect makes folder this workspace's shared folder. If the folder holds
// no copy of this workspace yet, it publishes one; then it syncs once.
// Changing or leaving the folder never touches local data.
func (e *Engine) Connect(ctx context.Context, folder, workspaceName string) (Report, error) {
	folder, err := filepath.Abs(folder)
	if err != nil {
		return Report{}, err
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		return Report{}, apperr.New(CodeFolderMissing, "the folder does not exist").With("folder", folder)
	}
	f := e.fsFor(folder)
	var wf WorkspaceFile
	if err := readJSON(f, "workspace.json", &wf); errors.Is(err, fs.ErrNotExist) {
		if err := f.MkdirAll("devices"); err != nil {
			return Report{}, writeError(err)
		}
		wf = WorkspaceFile{Format: FormatVersion, WorkspaceID: e.ws.ID(), Name: workspaceName, MinVersion: "0.1.0"}
		if e.Encrypt {
			// Encrypted from the first file on: format 3, so a Postdeck
			// from before encryption refuses the folder.
			wf.Format, wf.Encryption = FolderFormatEncrypted, &EncryptionInfo{State: EncryptionOn, By: e.rep.Device()}
		}
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return Report{}, writeError(err)
		}
	} else if err != nil {
		return Report{}, apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").WithCause(err)
	}
	if err := e.st.SetLocal(e.st.DB(), keyFolder, folder); err != nil {
		return Report{}, err
	}
	// Connecting is the person's say-so that this is the right folder: if
	// this device's part of it is gone (the folder was emptied), publish
	// everything it has instead of waiting for files that will not come.
	if missing, err := e.ownHistoryMissing(f); err != nil {
		return Report{}, err
	} else if missing {
		return e.Republish(ctx, workspaceName)
	}
	return e.SyncOnce(ctx)
}

// Join makes this device part of the workspace with id found in folder and
// brings the whole workspace in. Local data stays and is shared with the team.
func (e *Engine) Join(ctx context.Context, folder, workspaceID string) (Report, error) {
	found, err := Scan(folder)
	if err != nil {
		return Report{}, err
	}
	ok := false
	for _, w := range found {
		ok = ok || w.WorkspaceID == workspaceID
	}
	if !ok {
		return Report{}, apperr.New(CodeFolderMissing, "this workspace is not in the folder").With("folder", folder)
	}
	// A folder whose history was deleted would leave this device waiting
	// forever with an empty workspace: say so before changing anything.
	if workspaceID != e.ws.ID() && !hasHistory(DirFS{Root: filepath.Join(folder, "postdeck", workspaceID)}) {
		return Report{}, apperr.New(CodeNoHistory, "the workspace's history is gone from this folder: a teammate whose Postdeck "+
			"still has the data must publish it again (Sync page, or 'postdeck sync republish'), then join again").With("folder", folder)
	}
	if workspaceID != e.ws.ID() {
		if err := e.ws.Adopt(ctx, workspaceID); err != nil {
			return Report{}, err
		}
	}
	return e.Connect(ctx, folder, "")
}

// Disconnect stops syncing with the shared folder. Local data stays.
func (e *Engine) Disconnect() error { return e.st.SetLocal(e.st.DB(), keyFolder, "") }
