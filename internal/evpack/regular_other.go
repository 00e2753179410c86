//go:build !unix

package evpack

// openFlags: no named pipes in the file system to wait for.
const openFlags = 0
