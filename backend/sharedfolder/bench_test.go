package sharedfolder_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
)

// fill writes rows roles with a few fields each on ws, in transactions of 500.
func fill(b *testing.B, ws *core.Workspace, rows int) {
	b.Helper()
	for done := 0; done < rows; {
		err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
			for i := 0; i < 500 && done < rows; i, done = i+1, done+1 {
				if _, err := w.Insert("roles", map[string]any{"name": fmt.Sprintf("post %d", done),
					"description": "Promo Ramadan\nDiskon 20%\n#kopi", "permissions": []string{}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func openB(b *testing.B) *core.Workspace {
	ws, err := core.Open(b.TempDir(), events.Nop{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	return ws
}

// BenchmarkApplyRemoteChanges measures merging teammates' changes.
func BenchmarkApplyRemoteChanges(b *testing.B) {
	src := openB(b)
	fill(b, src, 5000)
	changes, _, err := src.Replica.LocalChanges(ctx, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total int
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := openB(b)
		b.StartTimer()
		start := time.Now()
		for off := 0; off < len(changes); off += sharedfolder_MaxChanges {
			end := min(off+sharedfolder_MaxChanges, len(changes))
			if _, err := dst.Replica.Apply(ctx, changes[off:end]); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		total += len(changes)
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
}

const sharedfolder_MaxChanges = 5000
