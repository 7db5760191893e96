//go:build !windows

package backup

import "golang.org/x/sys/unix"

// diskFree is the number of bytes an unprivileged program may still write
// on the disk that holds dir.
func diskFree(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
