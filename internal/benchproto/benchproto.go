// Package benchproto is the contract between the make bench driver
// (internal/bench) and the hook built into the programs it measures
// (ui/benchhook): the environment variables that switch the hook on and the
// JSON result it writes. It is Fyne-free so the driver can share it.
package benchproto

// Environment variables that switch the hook on; each names the output file.
const (
	EnvFirstFrame = "EVIDENCE_READER_BENCH_FIRSTFRAME"
	EnvScroll     = "EVIDENCE_READER_BENCH_SCROLL"
	EnvVisit      = "EVIDENCE_READER_BENCH_VISIT"
	// EnvCPUProfile, set beside one of the above, writes a CPU profile of
	// the run to the file it names. It is for people, not for make bench.
	EnvCPUProfile = "EVIDENCE_READER_BENCH_CPUPROFILE"
)

// Result is written as JSON to the output file.
type Result struct {
	Mode string `json:"mode"`
	// FirstFrameUnixNano is the wall clock right after the first frame was
	// painted and swapped.
	FirstFrameUnixNano int64 `json:"first_frame_unix_ns"`
	// Steps is the number of scroll steps or views shown.
	Steps int `json:"steps"`
	// MaxFrameMs is the longest time from starting a step on the UI
	// goroutine to the end of the frame that shows it.
	MaxFrameMs float64 `json:"max_frame_ms"`
	// MaxStepMs is the longest synchronous part of a step (the scroll or
	// view switch itself, with the layout it triggers).
	MaxStepMs float64 `json:"max_step_ms"`
	// EndReached is true when a page step no longer moved the view: the
	// end of the content.
	EndReached bool `json:"end_reached"`
	// ContentHeight is the final offset plus the page height.
	ContentHeight float32 `json:"content_height"`
	// VmHWMKiB is the process's peak resident set size.
	VmHWMKiB int64  `json:"vmhwm_kib"`
	Error    string `json:"error,omitempty"`
}
