package main

import "testing"

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{7: "7", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestArchiveFigureMeasuresBothForms(t *testing.T) {
	f := archiveFigure(t.TempDir())
	if f.Value <= 0 || f.Floor <= 0 || f.Budget == "" {
		t.Fatalf("archive figure not measured: %+v", f)
	}
}
