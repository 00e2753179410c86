package topicwords

import (
	"slices"
	"testing"
)

func TestFind(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"row(\"Fat measure\", s.FatMeasure)", []string{"fat"}},
		{`toml:"diet_control"`, []string{"diet"}},
		{"Spot reduction works", []string{"spot reduc*"}},
		{"Body-composition studies", []string{"body composition"}},
		{"GroupBodyComposition", []string{"body composition"}},
		{"t.Fatalf(format, fatigue, Fatal)", nil},
		{"Fewer injuries? No", nil},
		{"lipolysis and calories", []string{"calori*", "lipoly*"}},
	} {
		if got := Find(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if len(List()) < 10 {
		t.Errorf("the list has %d words", len(List()))
	}
}
