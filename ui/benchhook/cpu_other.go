//go:build !linux

package benchhook

// cpuMs is 0 where the process CPU clock is not read (make bench runs on
// Linux).
func cpuMs() float64 { return 0 }
