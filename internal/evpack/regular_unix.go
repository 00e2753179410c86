//go:build unix

package evpack

import "syscall"

// openFlags make an open of a named pipe return at once instead of
// waiting for a writer (it has no effect on a regular file).
const openFlags = syscall.O_NONBLOCK
