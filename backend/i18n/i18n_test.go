package i18n

import "testing"

func TestT(t *testing.T) {
	p := map[string]any{"found": "kopi nusantara", "right": "Kopi Nusantara"}
	if got := T("en", "checks.name_spelling", p); got != "Write the name as “Kopi Nusantara”, not “kopi nusantara”." {
		t.Errorf("en: %q", got)
	}
	if got := T("id", "checks.name_spelling", p); got != "Tulis nama ini “Kopi Nusantara”, bukan “kopi nusantara”." {
		t.Errorf("id: %q", got)
	}
	if got := T("fr", "checks.hashtag_banned", map[string]any{"tag": "#x"}); got != "#x is a banned hashtag." {
		t.Errorf("unknown language falls back to English: %q", got)
	}
	if got := T("en", "checks.no_such_code", nil); got != "checks.no_such_code" {
		t.Errorf("unknown key: %q", got)
	}
}
