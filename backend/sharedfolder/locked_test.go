package sharedfolder

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLockedErrnosPerOS(t *testing.T) {
	for _, c := range []struct {
		goos string
		n    uintptr
		want bool
	}{
		{"windows", 32, true},   // ERROR_SHARING_VIOLATION
		{"windows", 33, true},   // ERROR_LOCK_VIOLATION
		{"windows", 5, true},    // ERROR_ACCESS_DENIED on replacing an open file
		{"windows", 2, false},   // ERROR_FILE_NOT_FOUND: "not here yet", not held
		{"windows", 112, false}, // ERROR_DISK_FULL
		{"linux", uintptr(syscall.EBUSY), true},
		{"linux", uintptr(syscall.ETXTBSY), true},
		{"linux", uintptr(syscall.EACCES), false},
		{"linux", uintptr(syscall.ENOSPC), false},
		{"darwin", uintptr(syscall.EBUSY), true},
	} {
		if got := lockedErrno(c.goos, c.n); got != c.want {
			t.Errorf("%s errno %d: locked = %v, want %v", c.goos, c.n, got, c.want)
		}
	}
}

// holder plays a syncer that keeps a file open for the first n tries.
type holder struct {
	n, tries int
	slept    []time.Duration
}

func (h *holder) ops() *fileOps {
	held := func(op string, real func() error) error {
		h.tries++
		if h.tries <= h.n {
			return &os.LinkError{Op: op, Err: syscall.EBUSY}
		}
		return real()
	}
	return &fileOps{
		rename: func(a, b string) error { return held("rename", func() error { return os.Rename(a, b) }) },
		remove: func(name string) error { return held("remove", func() error { return os.Remove(name) }) },
		waits:  []time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond},
		sleep:  func(d time.Duration) { h.slept = append(h.slept, d) },
	}
}

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var tmp []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			tmp = append(tmp, e.Name())
		}
	}
	return tmp
}

func TestReplacingAFileAnotherProgramHoldsBrieflyWaitsForIt(t *testing.T) {
	dir := t.TempDir()
	h := &holder{n: 2}
	d := DirFS{Root: dir, ops: h.ops()}
	if err := d.WriteFileAtomic("ack.json", []byte("old")); err != nil {
		t.Fatalf("a file held for two tries must be written on the third: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ack.json")); string(got) != "old" {
		t.Fatalf("content %q", got)
	}
	if len(h.slept) != 2 || h.slept[0] != time.Millisecond || h.slept[1] != 2*time.Millisecond {
		t.Fatalf("waits between tries: %v", h.slept)
	}
	if tmp := leftovers(t, dir); len(tmp) != 0 {
		t.Fatalf("temp files left behind: %v", tmp)
	}
}

func TestAFileHeldThroughEveryTryFailsAsLockedAndKeepsTheOldContent(t *testing.T) {
	dir := t.TempDir()
	if err := (DirFS{Root: dir}).WriteFileAtomic("ack.json", []byte("old")); err != nil {
		t.Fatal(err)
	}
	h := &holder{n: 1000}
	d := DirFS{Root: dir, ops: h.ops()}
	err := d.WriteFileAtomic("ack.json", []byte("new"))
	var le *LockedError
	if !errors.As(err, &le) || !isLocked(err) {
		t.Fatalf("want a LockedError, got %v", err)
	}
	if h.tries != 4 {
		t.Fatalf("tried %d times, want 1 + one per wait", h.tries)
	}
	if apperrCode := writeError(err); !strings.Contains(apperrCode.Error(), "in use by another program") {
		t.Fatalf("the user's message: %v", apperrCode)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ack.json")); string(got) != "old" {
		t.Fatalf("the held file changed: %q", got)
	}
	if tmp := leftovers(t, dir); len(tmp) != 0 {
		t.Fatalf("temp files left behind: %v", tmp)
	}
	h.n = 0 // the syncer let go
	if err := d.WriteFileAtomic("ack.json", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ack.json")); string(got) != "new" {
		t.Fatalf("after the syncer let go: %q", got)
	}
}

func TestOtherErrorsAreNotRetried(t *testing.T) {
	calls := 0
	err := retryLocked("x", func() error { calls++; return &os.PathError{Op: "rename", Err: syscall.EACCES} },
		[]time.Duration{time.Millisecond}, func(time.Duration) { t.Fatal("slept on an error that is no lock") })
	if calls != 1 || isLocked(err) || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("calls %d, err %v", calls, err)
	}
}

func TestRemovingAHeldFileWaitsForIt(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "000000000001.seg"), []byte("x"), 0o644)
	h := &holder{n: 3}
	if err := (DirFS{Root: dir, ops: h.ops()}).Remove("000000000001.seg"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "000000000001.seg")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the file is still there")
	}
}
