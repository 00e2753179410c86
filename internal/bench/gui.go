package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/benchproto"
)

// Hook environment variables, shared with ui/benchhook.
const (
	EnvFirstFrame = benchproto.EnvFirstFrame
	EnvScroll     = benchproto.EnvScroll
	EnvWheel      = benchproto.EnvWheel
	EnvVisit      = benchproto.EnvVisit
)

// HookResult is the hook's JSON result and the start-up time the runner
// measured around it.
type HookResult struct {
	benchproto.Result
	// Startup is exec to first frame, measured by the runner.
	Startup time.Duration `json:"-"`
}

// Display is an X server for the GUI runs.
type Display struct {
	Name string
	cmd  *exec.Cmd
}

// StartXvfb starts Xvfb on the first free display from :90 and waits
// until it accepts connections.
func StartXvfb() (*Display, error) {
	for n := 90; n < 110; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		name := ":" + strconv.Itoa(n)
		// -noreset: the server would reset each time the last program
		// quits, refusing the next one if it connects meanwhile.
		cmd := exec.Command("Xvfb", name, "-screen", "0", "1280x1024x24", "-noreset", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("bench: cannot start Xvfb (install the xvfb package): %w", err)
		}
		sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(sock); err == nil {
				return &Display{Name: name, cmd: cmd}, nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, errors.New("bench: Xvfb did not come up within 5 s")
	}
	return nil, errors.New("bench: no free X display between :90 and :109")
}

// Close stops the X server.
func (d *Display) Close() {
	if d == nil || d.cmd == nil {
		return
	}
	_ = d.cmd.Process.Kill()
	_ = d.cmd.Wait()
}

// Runner runs GUI binaries with the bench hook.
type Runner struct {
	Display string
	// ConfigHome is XDG_CONFIG_HOME for every run, so the app and the
	// minimal program start from the same (empty, then warm) settings and
	// the user's own settings are never touched.
	ConfigHome string
	Timeout    time.Duration
}

// Run executes bin with args and the hook variable env set, and returns
// what the hook wrote. Startup is measured from just before exec.
func (r Runner) Run(env, bin string, args ...string) (HookResult, error) {
	var res HookResult
	out, err := os.CreateTemp("", "erbench-*.json")
	if err != nil {
		return res, err
	}
	outName := out.Name()
	out.Close()
	os.Remove(outName)
	defer os.Remove(outName)

	timeout := r.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+r.Display, "XDG_CONFIG_HOME="+r.ConfigHome, env+"="+outName)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	b, rerr := os.ReadFile(outName)
	if rerr != nil {
		return res, fmt.Errorf("bench: %s %s wrote no result (%v; exit: %v): %s", filepath.Base(bin), strings.Join(args, " "), rerr, err, lastLines(stderr.String(), 5))
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, fmt.Errorf("bench: %s: bad hook result: %w", filepath.Base(bin), err)
	}
	if res.Error != "" {
		return res, fmt.Errorf("bench: %s %s: %s", filepath.Base(bin), strings.Join(args, " "), res.Error)
	}
	res.Startup = time.Unix(0, res.FirstFrameUnixNano).Sub(start)
	return res, nil
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, " | ")
}
