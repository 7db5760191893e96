package styleguide

import (
	"testing"

	"postdeck/backend/apperr"
)

// FuzzParseFile: whatever a file holds, reading it never panics, and a file
// that is refused is refused with a code the window translates, never as an
// internal error; what it accepts passed the same validation as the window.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte(`{"format":"postdeck-style-guide","version":1,"sections":{"banned":[{"text":"murah","severity":"error"}]}}`))
	f.Add([]byte(`{"format":"postdeck-style-guide","version":1,"sections":{"emoji":[{"network":"x","mode":"max","max":2}],"jokes":[]}}`))
	f.Add([]byte(`{"format":"postdeck-style-guide","version":1,"sections":{"names":[{"text":"A","variants":["a"],"colour":"#fff"}]}}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _, err := parseFile(data)
		if err != nil {
			if code := apperr.Code(err); code == apperr.CodeInternal || code == "" {
				t.Fatalf("refused without a code: %v", err)
			}
			return
		}
		for _, e := range entries {
			if _, err := normalize(e); err != nil {
				t.Fatalf("accepted an entry that fails validation: %+v: %v", e, err)
			}
		}
	})
}
