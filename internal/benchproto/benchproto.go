// Package benchproto is the contract between the make bench driver
// (internal/bench) and the hook built into the programs it measures
// (ui/benchhook): the environment variables that switch the hook on and the
// JSON result it writes. It is Fyne-free so the driver can share it.
package benchproto

// Environment variables that switch the hook on; each names the output file.
const (
	EnvFirstFrame = "EVIDENCE_READER_BENCH_FIRSTFRAME"
	// EnvScroll pages through the article one page per frame to its end
	// and back to the top.
	EnvScroll = "EVIDENCE_READER_BENCH_SCROLL"
	// EnvWheel scrolls the article by mouse-wheel steps, one per frame,
	// over stretches spread through it.
	EnvWheel = "EVIDENCE_READER_BENCH_WHEEL"
	EnvVisit = "EVIDENCE_READER_BENCH_VISIT"
	// EnvCPUProfile, set beside one of the above, writes a CPU profile of
	// the run to the file it names. It is for people, not for make bench.
	EnvCPUProfile = "EVIDENCE_READER_BENCH_CPUPROFILE"
	// EnvMemProfile, set beside one of the above, writes a heap profile
	// (in use and allocated) when the run ends. Also for people.
	EnvMemProfile = "EVIDENCE_READER_BENCH_MEMPROFILE"
)

// WheelStep is one notch of a mouse wheel in Fyne's desktop driver on
// Linux and Windows (its scrollSpeed), in Fyne units.
const WheelStep = 25

// Wheel runs: WheelStretches stretches evenly spread from the top of the
// article, each WheelDown notches down and then WheelUp back up, one
// notch a frame, as a reader turns the wheel.
const (
	WheelStretches = 4
	WheelDown      = 200
	WheelUp        = 100
)

// Result is written as JSON to the output file.
type Result struct {
	Mode string `json:"mode"`
	// FirstFrameUnixNano is the wall clock right after the first frame was
	// painted and swapped.
	FirstFrameUnixNano int64 `json:"first_frame_unix_ns"`
	// FirstFrameCPUMs is the process's CPU time (user and system, every
	// thread) at that moment: unlike wall time it hardly moves with other
	// load on the machine.
	FirstFrameCPUMs float64 `json:"first_frame_cpu_ms"`
	// Steps is the number of scroll steps or views shown.
	Steps int `json:"steps"`
	// MaxFrameMs is the longest time from starting a step on the UI
	// goroutine to the end of the frame that shows it.
	MaxFrameMs float64 `json:"max_frame_ms"`
	// MaxStepMs is the longest synchronous part of a step (the scroll or
	// view switch itself, with the layout it triggers).
	MaxStepMs float64 `json:"max_step_ms"`
	// FrameMs is every step's frame time, in order (scroll and wheel).
	FrameMs []float64 `json:"frame_ms,omitempty"`
	// FrameCPUMs is the process's CPU time over each of those steps (the
	// UI goroutine, the GL driver's threads and the collector).
	FrameCPUMs []float64 `json:"frame_cpu_ms,omitempty"`
	// EndReached is true when a page step no longer moved the view: the
	// end of the content (scroll; for the way back, the top).
	EndReached bool `json:"end_reached"`
	// ContentHeight is the final offset plus the page height.
	ContentHeight float32 `json:"content_height"`
	// VmHWMKiB is the process's peak resident set size.
	VmHWMKiB int64 `json:"vmhwm_kib"`
	// CPUMs is the process's CPU time when the run ended.
	CPUMs float64 `json:"cpu_ms"`
	Error string  `json:"error,omitempty"`
}
