package sharedfolder

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"postdeck/backend/replica"
)

// referenceChange is how a change line was read before the dedicated parser:
// encoding/json alone.
func referenceChange(line []byte) (replica.Change, error) {
	var c replica.Change
	err := json.Unmarshal(line, &c)
	return c, err
}

// oddLines are change lines another writer (or a damaged file) could hold:
// each must read exactly as encoding/json reads it, or fail as it fails.
var oddLines = []string{
	`{"e":"posts","r":"0192a0b0-0000-7000-8000-000000000001","f":"title","v":"Promo","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"title","v":"Diskon 20%, <b>hari</b> \u0026 \"kopi\"\n\u00e9\\","c":{"hlc":5,"device":"d1"},"b":{"hlc":3,"device":"d1"}}`,
	`{"e":"posts","r":"x","f":"labels","v":["a","b]",{"k":[1,2,{"z":"}"}]}],"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"tombstone","v":{"at":17,"clocks":{"title":"1@d"}},"c":{"hlc":9,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":-12.5e3,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":null,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":true,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":tru,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"bad \x01 control","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"bad \q escape","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"\u12","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"unterminated,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":05,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":-0,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":99999999999999999999,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":1.5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}} `,
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}}`,
	`{"r":"x","e":"posts","f":"n","v":"ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"E":"posts","r":"x","f":"n","v":"ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"pos\u0074s","r":"x","f":"n","v":"ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	"{\"e\":\"posts\",\"r\":\"\xff\xfe\",\"f\":\"n\",\"v\":\"ok\",\"c\":{\"hlc\":5,\"device\":\"d1\"},\"b\":{\"hlc\":0,\"device\":\"\"}}",
	"{\"e\":\"posts\",\"r\":\"x\",\"f\":\"n\",\"v\":\"caf\xc3\xa9 \xff\",\"c\":{\"hlc\":5,\"device\":\"d1\"},\"b\":{\"hlc\":0,\"device\":\"\"}}",
	`{"e":"posts","r":"x","f":"n","v":"ok","c":{"hlc":5,"device":"d1"}}`,
	`{"e":"posts","r":"x","f":"n","v": "ok","c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":1 ,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	`{"e":"posts","r":"x","f":"n","v":[1,2,"c":{"hlc":5,"device":"d1"},"b":{"hlc":0,"device":""}}`,
	``,
	`null`,
	`{}`,
}

// TestChangeLinesReadAsEncodingJSONReadsThem: the parser for the form
// segments are written in gives the same change as encoding/json for every
// line it accepts, and leaves every other line to encoding/json.
func TestChangeLinesReadAsEncodingJSONReadsThem(t *testing.T) {
	check := func(line string) {
		t.Helper()
		want, werr := referenceChange([]byte(line))
		var got replica.Change
		if decodeChangeLine([]byte(line), &got) {
			if werr != nil {
				t.Fatalf("accepted a line encoding/json refuses (%v): %s", werr, line)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("line %s\n got %#v\nwant %#v", line, got, want)
			}
		} else if !reflect.DeepEqual(got, replica.Change{}) {
			t.Fatalf("refused line changed its change: %s", line)
		}
	}
	for _, l := range oddLines {
		check(l)
	}
	// Every change EncodeSegment writes takes the fast path.
	rng := rand.New(rand.NewSource(7))
	texts := []string{"", "Promo kopi", "Diskon 20%, hari ini!\nSemua cabang #kopi", "<b>&</b>", "é ü 日本", "\"quoted\" \\ back",
		"tab\there", "\u2028\u2029", "x\x00y", "\xff invalid"}
	for i := 0; i < 2000; i++ {
		var v any
		switch rng.Intn(6) {
		case 0:
			v = texts[rng.Intn(len(texts))]
		case 1:
			v = rng.Int63n(1<<50) - 1<<49
		case 2:
			v = []string{texts[rng.Intn(len(texts))], texts[rng.Intn(len(texts))]}
		case 3:
			v = map[string]any{"at": rng.Int63(), "clocks": map[string]string{"title": texts[rng.Intn(len(texts))]}}
		case 4:
			v = nil
		default:
			v = rng.Intn(2) == 0
		}
		raw, _ := json.Marshal(v)
		c := replica.Change{Entity: "posts", RowID: fmt.Sprintf("0192a0b0-0000-7000-8000-%012d", i), Field: "f" + fmt.Sprint(i%7),
			Value: raw, Clock: replica.Clock{HLC: rng.Int63(), Device: "dev-a"}}
		if i%3 == 0 {
			c.Base = replica.Clock{HLC: rng.Int63(), Device: "dev-b"}
		}
		data, err := EncodeSegment(SegmentHeader{Format: FormatVersion, Workspace: "w", Device: "dev-a", Seq: 1}, []replica.Change{c})
		if err != nil {
			t.Fatal(err)
		}
		line := strings.Split(string(data), "\n")[1]
		var got replica.Change
		if !decodeChangeLine([]byte(line), &got) {
			t.Fatalf("a line EncodeSegment wrote took the slow path: %s", line)
		}
		check(line)
	}
}

// FuzzChangeLine: no line reads differently from encoding/json.
func FuzzChangeLine(f *testing.F) {
	for _, l := range oddLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		want, werr := referenceChange([]byte(line))
		var got replica.Change
		if decodeChangeLine([]byte(line), &got) && (werr != nil || !reflect.DeepEqual(got, want)) {
			t.Fatalf("line %q: got %#v, encoding/json %#v (%v)", line, got, want, werr)
		}
	})
}

// TestSnapshotsReadAsBefore: a segment decoded on every core (a snapshot) or
// on one (a usual segment) gives the changes, and the error for a damaged
// line, that reading it line by line with encoding/json gave.
func TestSnapshotsReadAsBefore(t *testing.T) {
	for _, n := range []int{3, parallelDecodeLines * 3} {
		changes := make([]replica.Change, n)
		for i := range changes {
			changes[i] = replica.Change{Entity: "posts", RowID: fmt.Sprintf("r%08d", i), Field: "title",
				Value: json.RawMessage(fmt.Sprintf("%q", fmt.Sprint("Post ", i, " <&>"))), Clock: replica.Clock{HLC: int64(i + 1), Device: "d"}}
		}
		data, err := EncodeSegment(SegmentHeader{Format: FormatVersion, Workspace: "w", Device: "d", Seq: 1, Snapshot: true}, changes)
		if err != nil {
			t.Fatal(err)
		}
		_, got, err := DecodeSegment(data)
		if err != nil {
			t.Fatal(err)
		}
		var want []replica.Change
		for _, line := range strings.Split(string(data), "\n")[1 : n+1] {
			c, err := referenceChange([]byte(line))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, c)
		}
		if len(got) != n || !reflect.DeepEqual(got, want) {
			t.Fatalf("%d changes: decoded differently", n)
		}
		// Damage two lines (keeping the checksum valid): the first is named.
		lines := strings.Split(string(data), "\n")
		lines[n/2+1] = `{"e":"posts","r":broken}`
		lines[n-1] = `not json`
		body := strings.Join(lines[:len(lines)-2], "\n") + "\n"
		data = []byte(body + trailerFor(body))
		_, _, err = DecodeSegment(data)
		wantErr := fmt.Sprintf("change %d: ", n/2+1)
		if err == nil || !strings.HasPrefix(err.Error(), wantErr) {
			t.Fatalf("%d changes: error %v, want it to start with %q", n, err, wantErr)
		}
	}
}

func trailerFor(body string) string {
	sum := sha256.Sum256([]byte(body))
	return fmt.Sprintf("%s%d %s\n", trailerPrefix, len(body), hex.EncodeToString(sum[:]))
}
