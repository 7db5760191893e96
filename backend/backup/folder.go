package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
)

// keyFolder is the device-local setting remembering where backups go.
const keyFolder = "backup_folder"

// Folder is where the app puts backups: the folder used last time on this
// computer, else the user's Documents folder, else the home folder.
func Folder(ws *core.Workspace) string {
	if dir, err := ws.Store.Local(keyFolder); err == nil && dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Dir(ws.DataDir)
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// CreateIn backs the workspace up into a new file in folder, named by the
// time (see FileName), and remembers the folder for next time.
func CreateIn(ctx context.Context, ws *core.Workspace, folder string, opt Options) (Summary, error) {
	folder = strings.TrimSpace(folder)
	if folder == "" {
		return Summary{}, apperr.New("backup.folder_missing", "the folder for the backup does not exist").With("path", folder)
	}
	dst := PathIn(folder, time.Now())
	sum, err := Create(ctx, ws, dst, opt)
	if err != nil {
		return sum, err
	}
	if err := ws.Store.SetLocal(ws.Store.DB().WithContext(ctx), keyFolder, filepath.Dir(dst)); err != nil {
		return sum, apperr.Internal(err)
	}
	return sum, nil
}

// PathIn is a new file in folder for a backup made at now ("" for no folder).
func PathIn(folder string, now time.Time) string {
	folder = strings.TrimSpace(folder)
	if folder == "" {
		return ""
	}
	if abs, err := filepath.Abs(folder); err == nil {
		folder = abs
	}
	dst := filepath.Join(folder, FileName(now))
	for i := 2; fileExists(dst); i++ {
		dst = filepath.Join(folder, strings.TrimSuffix(FileName(now), Extension)+fmt.Sprintf("-%d", i)+Extension)
	}
	return dst
}

// SuggestTarget is a new folder beside the open workspace's data folder to
// restore a backup into.
func SuggestTarget(ws *core.Workspace, now time.Time) string {
	base := filepath.Join(filepath.Dir(ws.DataDir), filepath.Base(ws.DataDir)+"-restored-"+now.Format("2006-01-02-1504"))
	dir := base
	for i := 2; fileExists(dir); i++ {
		dir = fmt.Sprintf("%s-%d", base, i)
	}
	return dir
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
