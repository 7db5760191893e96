package sharedfolder_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"postdeck/backend/sharedfolder"
)

// TestReadFileKeepsItsLimit: a file is read whole up to the limit and
// refused past it, whatever its size (the buffer is sized from the file).
func TestReadFileKeepsItsLimit(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 100_000} {
		data := bytes.Repeat([]byte("x"), n)
		if err := os.WriteFile(filepath.Join(dir, "f"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		fs := sharedfolder.DirFS{Root: dir}
		got, err := fs.ReadFile("f", int64(n))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes at a limit of %d: %d bytes, %v", n, n, len(got), err)
		}
		if n > 0 {
			if _, err := fs.ReadFile("f", int64(n-1)); !errors.Is(err, sharedfolder.ErrTooLarge) {
				t.Fatalf("%d bytes at a limit of %d: %v, want ErrTooLarge", n, n-1, err)
			}
		}
	}
}
