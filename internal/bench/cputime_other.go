//go:build !linux

package bench

import "time"

// threadCPU is 0 where the thread clock is not read.
func threadCPU() time.Duration { return 0 }
