package benchhook

import (
	"syscall"
	"time"
	"unsafe"
)

// clockProcessCPUTimeID is CLOCK_PROCESS_CPUTIME_ID from <time.h>.
const clockProcessCPUTimeID = 2

// cpuMs is the process's CPU time so far (every thread, user and system),
// precise to the nanosecond; 0 when the clock cannot be read.
func cpuMs() float64 {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return ms(time.Duration(ts.Nano()))
}
