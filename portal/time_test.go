package portal

import (
	"testing"
	"time"
)

func TestDeadlineInstant(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"2024-03-12T17:00:00.000+0000", time.Date(2024, 3, 12, 17, 0, 0, 0, brussels)},
		{"2024-04-18T19:00:00.000+0200", time.Date(2024, 4, 18, 17, 0, 0, 0, brussels)},
		{"2027-01-14T17:00:00.000+0000", time.Date(2027, 1, 14, 17, 0, 0, 0, brussels)}, // winter: +0100
		{"2027-09-21T00:00:00.000+0000", time.Date(2027, 9, 21, 17, 0, 0, 0, brussels)},
		{"2023-12-07T01:00:00.000+0100", time.Date(2023, 12, 7, 17, 0, 0, 0, brussels)}, // midnight UTC
		{"2027-09-21T00:00:00.000+0200", time.Date(2027, 9, 21, 17, 0, 0, 0, brussels)}, // midnight as written
		{"2027-09-21", time.Date(2027, 9, 21, 17, 0, 0, 0, brussels)},
	} {
		in, ok := parsePortalTime(tt.in)
		if got := deadlineInstant(in); !ok || !got.Equal(tt.want) {
			t.Errorf("%s: got %v (%v), want %v", tt.in, got.In(brussels), ok, tt.want)
		}
	}
}
