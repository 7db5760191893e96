//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole connects a command typed in cmd or PowerShell to that
// window. The Windows build is a GUI program, so that starting it from the
// Start menu opens no console window; the price is that Windows gives it no
// console either, and `postdeck version` would print nothing. Output that is
// redirected to a file or a pipe already has a handle and is left alone.
func attachConsole() {
	outOK, errOK := validStdHandle(syscall.STD_OUTPUT_HANDLE), validStdHandle(syscall.STD_ERROR_HANDLE)
	if outOK && errOK {
		return
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer: there is no console to write to
	}
	if !outOK {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !errOK {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

func validStdHandle(which int) bool {
	h, err := syscall.GetStdHandle(which)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
