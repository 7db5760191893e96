package feeds_test

import (
	"strings"
	"testing"

	"postdeck/backend/feeds"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
)

// A weekly series saved before series were moved to their first post's day
// (dated on a Monday, repeating on Thursdays) is exported starting on the
// Thursday: a DTSTART the rule does not produce is undefined in RFC 5545,
// and calendar apps then disagree with Postdeck.
func TestASeriesStoredOnADayItsRuleSkipsIsExportedFromItsFirstPost(t *testing.T) {
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
		_, err := w.Insert("posts", map[string]any{"title": "Kamis", "date": "2027-03-01", "time": "09:00",
			"status": "draft", "rrule": "FREQ=WEEKLY;BYDAY=TH;COUNT=3", "channels": []string{}, "labels": []string{}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := ws.Feeds.Export(ctx, feeds.Selection{Name: "Tim"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "DTSTART;TZID=Europe/Berlin:20270304T090000\r\n") {
		t.Fatalf("the series must start on its first Thursday:\n%s", data)
	}
}
