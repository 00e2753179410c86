//go:build !unix

package pack

import "errors"

// mkfifo: there are no named pipes in folders here (Windows), so the tests
// that need one skip. The unix version is in fifo_unix_test.go; with
// syscall.Mkfifo in a file without a build constraint the package's tests
// did not compile for Windows (GOOS=windows go vet ./...).
func mkfifo(string) error { return errors.New("no named pipes on this system") }
