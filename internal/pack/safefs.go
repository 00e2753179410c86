package pack

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// maxLinkHops bounds how many symbolic links one file name may pass
// through, as the operating systems do (Linux: 40), so a loop of links is
// an error rather than a hang.
const maxLinkHops = 40

// errOutside is returned by resolveLinks for a link that leaves the pack.
var errOutside = errors.New("outside the pack folder")

// linkError names the link that could not be followed and where it points.
type linkError struct {
	link, target string
	err          error
}

func (e *linkError) Error() string {
	if errors.Is(e.err, errOutside) {
		return fmt.Sprintf("%s is a symbolic link to %s, which is outside the pack folder; copy the file into the pack instead", e.link, e.target)
	}
	return fmt.Sprintf("%s is a symbolic link to %s, which cannot be followed: %v", e.link, e.target, e.err)
}

func (e *linkError) Unwrap() error { return e.err }

// resolveLinks follows the symbolic links on the way to name in a file
// system that has them, without leaving it: every link is resolved
// lexically against the pack root, so a target that is absolute or climbs
// above the root with ".." is refused, whatever the operating system would
// find there. It returns the link-free name of the file.
func resolveLinks(fsys fs.ReadLinkFS, name string) (string, error) {
	todo := strings.Split(name, "/")
	done := "" // the resolved prefix, "" for the root
	// The last link followed, for messages about where it led.
	var link, target string
	for hops := 0; len(todo) > 0; {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if done == "" { // only reachable through a link's target
				return "", &linkError{link: link, target: target, err: errOutside}
			}
			done = parent(done)
			continue
		}
		cand := path.Join(done, part)
		st, err := fsys.Lstat(cand)
		if err != nil {
			if link != "" {
				return "", &linkError{link: link, target: target, err: err}
			}
			// Not there: the caller reports it for the name asked for.
			return path.Join(append([]string{cand}, todo...)...), nil
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			done = cand
			continue
		}
		t, err := fsys.ReadLink(cand)
		if err != nil {
			return "", &linkError{link: cand, target: "?", err: err}
		}
		link, target = cand, t
		if hops++; hops > maxLinkHops {
			return "", &linkError{link: name, target: target, err: errors.New("too many levels of symbolic links")}
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || (len(target) > 1 && target[1] == ':') {
			return "", &linkError{link: cand, target: target, err: errOutside}
		}
		// A relative target is read from the link's folder; check that
		// climbing with ".." never passes the root.
		rel := path.Join(done, target)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return "", &linkError{link: cand, target: target, err: errOutside}
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	return done, nil
}

func parent(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}
