package feeds

import (
	"testing"

	"postdeck/backend/sharedfolder"
)

func TestFeedFileNamesAreValidOnWindows(t *testing.T) {
	for name, want := range map[string]string{"Ana (freelance)": "ana-freelance", "CON": "feed-con", "Aux": "feed-aux",
		"com1": "feed-com1", "!!!": "feed", "Klien: Kopi Nusantara": "klien-kopi-nusantara"} {
		got := fileNameFor(name)
		if got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
		if err := sharedfolder.PortableName(got + ".ics"); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}
