//go:build windows

package sharedfolder

import (
	"errors"
	"syscall"
)

// ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL.
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.Errno(112)) || errors.Is(err, syscall.Errno(39))
}

// ERROR_WRITE_PROTECT.
func isReadOnly(err error) bool { return errors.Is(err, syscall.Errno(19)) }
