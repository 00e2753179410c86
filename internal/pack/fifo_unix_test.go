//go:build unix

package pack

import "syscall"

// mkfifo makes a named pipe at path (fifo_other_test.go: none elsewhere).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
