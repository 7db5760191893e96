package networks

import (
	"strings"
	"testing"
)

func TestLimitsTable(t *testing.T) {
	want := map[string]Limit{
		"x":         {MaxChars: 280, Counting: CountWeighted},
		"instagram": {MaxChars: 2200, Counting: CountChars, MaxHashtags: 5},
		"linkedin":  {MaxChars: 3000, Counting: CountChars},
		"facebook":  {MaxChars: 63206, Counting: CountChars},
		"tiktok":    {MaxChars: 2200, Counting: CountChars},
		"threads":   {MaxChars: 500, Counting: CountChars, MaxTopicTags: 1},
		"youtube":   {MaxChars: 5000, Counting: CountChars, TitleMax: 100, DescriptionMax: 5000},
		"pinterest": {MaxChars: 500, Counting: CountChars, TitleMax: 100, DescriptionMax: 500},
		"bluesky":   {MaxChars: 300, Counting: CountGraphemes},
		"mastodon":  {MaxChars: 500, Counting: CountChars},
	}
	ls := Limits()
	if len(ls) != len(want) {
		t.Fatalf("%d limits, want %d", len(ls), len(want))
	}
	for _, l := range ls {
		w, ok := want[l.Network]
		if !ok {
			t.Fatalf("unexpected network %q", l.Network)
		}
		if !strings.Contains(l.Source, "20") || len(l.Source) < 20 {
			t.Errorf("%s: source %q lacks a document and date", l.Network, l.Source)
		}
		w.Network, w.Source = l.Network, l.Source
		if l != w {
			t.Errorf("%s = %+v, want %+v", l.Network, l, w)
		}
		if n, ok := Get(l.Network); !ok || n.CharLimit != l.MaxChars {
			t.Errorf("%s: CharLimit %d, want the table's %d", l.Network, n.CharLimit, l.MaxChars)
		}
	}
	if n, _ := Get("other"); n.CharLimit != 0 {
		t.Errorf("other: CharLimit %d, want 0", n.CharLimit)
	}
}

func TestMerge(t *testing.T) {
	base := Limits()
	got := Merge(base, []Limit{{Network: "x", MaxChars: 25000, Counting: CountChars}, {Network: "instagram", MaxHashtags: 3}, {Network: "newnet", MaxChars: 10}})
	x, _ := LimitFor(got, "x")
	if x.MaxChars != 25000 || x.Counting != CountChars || x.Source == "" {
		t.Errorf("x = %+v", x)
	}
	ig, _ := LimitFor(got, "instagram")
	if ig.MaxHashtags != 3 || ig.MaxChars != 2200 {
		t.Errorf("instagram = %+v: a zero in an override must keep the default", ig)
	}
	if n, ok := LimitFor(got, "newnet"); !ok || n.MaxChars != 10 {
		t.Errorf("newnet = %+v, %v", n, ok)
	}
	if orig, _ := LimitFor(base, "x"); orig.MaxChars != 280 {
		t.Errorf("Merge changed its base: %+v", orig)
	}
	if orig, _ := LimitFor(Limits(), "x"); orig.MaxChars != 280 {
		t.Errorf("Merge changed the built-in table: %+v", orig)
	}
}

func TestCount(t *testing.T) {
	cases := []struct {
		text, counting string
		want           int
	}{
		{"", CountWeighted, 0},
		{"halo", CountWeighted, 4},
		{"咖啡", CountWeighted, 4},
		{"👨‍👩‍👧‍👦", CountWeighted, 2},
		{"👍🏽", CountWeighted, 2},
		{"🇮🇩", CountWeighted, 2},
		{"https://example.com/a/very/long/path/that/goes/on", CountWeighted, 23},
		{"lihat kopinusantara.id/menu.", CountWeighted, 6 + 23 + 1},
		{"mail a@kopi.id", CountWeighted, 14},
		{"“quote” — ok…", CountWeighted, 14}, // the ellipsis U+2026 is outside the light ranges
		{"👨‍👩‍👧‍👦", CountGraphemes, 1},
		{"👨‍👩‍👧‍👦", CountChars, 7},
		{"e\u0301", CountWeighted, 1},
	}
	for _, c := range cases {
		if got := Count(c.text, c.counting); got != c.want {
			t.Errorf("Count(%q, %s) = %d, want %d", c.text, c.counting, got, c.want)
		}
	}
}

func TestWithLimitsTakesTheWorkspaceFigures(t *testing.T) {
	ns := WithLimits(Merge(Limits(), []Limit{{Network: "x", MaxChars: 4000}}))
	if len(ns) != len(All()) {
		t.Fatalf("%d networks", len(ns))
	}
	for _, n := range ns {
		switch n.ID {
		case "x":
			if n.CharLimit != 4000 || n.Counting != CountWeighted {
				t.Errorf("x: %+v", n)
			}
		case "instagram":
			if n.CharLimit != 2200 || n.MaxHashtags != 5 {
				t.Errorf("instagram: %+v", n)
			}
		}
	}
	if x, _ := Get("x"); x.CharLimit != 280 {
		t.Errorf("WithLimits changed the built-in list: %+v", x)
	}
}
