package sharedfolder

import (
	"errors"
	"os"
	"runtime"
	"syscall"
	"time"
)

// CodeFileBusy means another program (a syncer uploading the file, a virus
// scanner, a backup tool) holds a file in the shared folder. It is common on
// Windows, where an open file cannot be replaced or deleted. Sync pauses and
// tries again on its next run; nothing is lost or sent twice.
const CodeFileBusy = "sync.file_busy"

// lockWaits are the pauses between tries of replacing or deleting a file
// that another program holds: syncers and scanners let go within a second
// or so, and a longer wait would only hold up the whole sync run.
var lockWaits = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond,
	400 * time.Millisecond, 800 * time.Millisecond}

// LockedError says a file stayed held by another program through every
// try. Sync reports it as CodeFileBusy and tries again later.
type LockedError struct {
	Path string
	Err  error
}

func (e *LockedError) Error() string {
	return e.Path + " is in use by another program: " + e.Err.Error()
}

// Unwrap returns the OS error.
func (e *LockedError) Unwrap() error { return e.Err }

// isLocked reports whether err is the OS saying another program holds the
// file (see lockedErrno).
func isLocked(err error) bool {
	var le *LockedError
	if errors.As(err, &le) {
		return true
	}
	var errno syscall.Errno
	return errors.As(err, &errno) && lockedErrno(runtime.GOOS, uintptr(errno))
}

// lockedErrno reports whether the error number n means "in use by another
// program" on goos. It takes the OS as a parameter so the Windows table is
// tested on every OS.
func lockedErrno(goos string, n uintptr) bool {
	if goos == "windows" {
		switch n {
		case 5: // ERROR_ACCESS_DENIED: what replacing or deleting a file that another program has open returns
		case 32: // ERROR_SHARING_VIOLATION: opened by another program without sharing
		case 33: // ERROR_LOCK_VIOLATION: part of the file is locked
		default:
			return false
		}
		return true
	}
	// Linux and macOS never lock a file against renames, but a Windows share
	// mounted over SMB passes the server's sharing violation on as these.
	return n == uintptr(syscall.EBUSY) || n == uintptr(syscall.ETXTBSY)
}

// retryLocked runs op until it succeeds, fails for another reason than a
// lock, or the waits run out; then a lock is returned as a *LockedError.
func retryLocked(path string, op func() error, waits []time.Duration, sleep func(time.Duration)) error {
	for i := 0; ; i++ {
		err := op()
		if err == nil || !isLocked(err) {
			return err
		}
		if i == len(waits) {
			return &LockedError{Path: path, Err: err}
		}
		sleep(waits[i])
	}
}

// fileOps are the DirFS operations a held file can fail; tests replace them
// to play a syncer that holds a file.
type fileOps struct {
	rename func(oldpath, newpath string) error
	remove func(name string) error
	waits  []time.Duration
	sleep  func(time.Duration)
}

var osFileOps = fileOps{rename: os.Rename, remove: os.Remove, waits: lockWaits, sleep: time.Sleep}
