package pack

import (
	"fmt"
	"time"
)

// UnmarshalTOML accepts a TOML local date or a "YYYY-MM-DD" string. It never
// fails: an unusable value is kept in Raw so the validator can report it
// with its line instead of aborting the whole decode.
func (d *Date) UnmarshalTOML(v any) error {
	d.set = true
	switch x := v.(type) {
	case time.Time:
		d.Time = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		t, err := time.Parse(time.DateOnly, x)
		if err != nil {
			d.Raw = x
			return nil
		}
		d.Time = t
	default:
		d.Raw = fmt.Sprint(v)
	}
	return nil
}

// Valid reports whether the date was given and parsed.
func (d Date) Valid() bool { return d.set && d.Raw == "" && !d.Time.IsZero() }

// String formats a valid date as YYYY-MM-DD and anything else as "not set".
func (d Date) String() string {
	if !d.Valid() {
		return "not set"
	}
	return d.Format(time.DateOnly)
}
