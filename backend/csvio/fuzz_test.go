package csvio_test

import (
	"testing"

	"postdeck/backend/csvio"
)

// FuzzImport feeds the importer arbitrary files: it must never panic, a
// preview never writes, and a refused import writes nothing. `go test`
// runs the seeds below as a normal test; `go test -fuzz FuzzImport
// ./backend/csvio` explores further.
func FuzzImport(f *testing.F) {
	seeds := []string{
		"title,date,time,channels,text\nPromo,2027-01-01,09:30,instagram:@kopinus,Hai\n",
		"\ufefftitle;date\r\nA;31/12/2027\r\n",
		"id,title,status\n,Baru,idea\n,Lama,published\n",
		"title,text [x:@kopinus],channels\nA,Teks X,x:@kopinus\n",
		"title,rrule,date\nSeri,FREQ=WEEKLY;BYDAY=MO;COUNT=3,2027-01-04\nSalah,FREQ=SECONDLY,2027-01-04\n",
		"title,owner,approver,campaign\nA,Ana,sari@kopi.id,Ramadan\nB,Nobody,,Nope\n",
		"title,\"date\nA,\"2027-01-01\n",
		"title\n'=1+1\n'@x\n",
		"\xff\xfetitle\x00\n\x00",
		"title,exdates\nA,\"2027-01-01, 2027-13-01\"\n",
		"title,time\nA,12:60\nB,1:15 pm\n",
		"title\n" + string(make([]byte, 300)),
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	fx := setup(f)
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		before := lastSeq(t, fx.ws)
		prev, err := csvio.PreviewFile(ctx, fx.ws, data, fx.sari)
		if err != nil {
			t.Fatalf("preview failed on the file itself (a file problem must be in Problems): %v", err)
		}
		if lastSeq(t, fx.ws) != before {
			t.Fatal("a preview wrote to the workspace")
		}
		res, _, err := csvio.Import(ctx, fx.ws, data, csvio.Options{Actor: fx.sari, SkipBad: skipBad})
		after := lastSeq(t, fx.ws)
		if err != nil && after != before {
			t.Fatalf("a refused import (%v) wrote to the workspace", err)
		}
		if err == nil && res.Added+res.Updated > 0 && after == before {
			t.Fatal("an import that added or changed posts recorded nothing")
		}
		if err == nil && len(prev.Problems) > 0 {
			t.Fatalf("a file with problems %+v was imported", prev.Problems)
		}
	})
}
