package templates_test

import (
	"strings"
	"testing"

	"postdeck/backend/styleguide"
	"postdeck/backend/templates"
)

func codes(checks []templates.PieceCheck) string {
	var out []string
	for _, c := range checks {
		for _, f := range c.Findings {
			out = append(out, c.Network+":"+f.Code)
		}
	}
	return strings.Join(out, ",")
}

// A banned hashtag in a hashtag group, or a banned phrase in a snippet, is
// flagged by the style guide before it is pasted into posts; so is a post
// from a template that carries one.
func TestTheStyleGuideFlagsBannedWordsInSnippetsAndTemplates(t *testing.T) {
	f := setup(t)
	for _, e := range []styleguide.Entry{
		{Section: styleguide.Hashtags, Kind: "banned", Text: "#murah"},
		{Section: styleguide.Banned, Text: "termurah", Replacement: "terjangkau", Severity: "error"},
	} {
		if _, err := f.ws.StyleGuide.Save(ctx, f.manager, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.ws.Templates.CheckPiece(ctx, "#kopinusantara #murah", map[string]string{"x": "#kopi"})
	if err != nil {
		t.Fatal(err)
	}
	if codes(got) != ":hashtag_banned" {
		t.Fatalf("hashtag group: %q", codes(got))
	}
	got, err = f.ws.Templates.CheckPiece(ctx, "Salam hangat, Tim Kopi", map[string]string{"instagram": "Harga termurah se-Jakarta!"})
	if err != nil {
		t.Fatal(err)
	}
	if codes(got) != "instagram:banned_phrase" {
		t.Fatalf("snippet: %q", codes(got))
	}

	tp := f.launchTemplate(t)
	p, err := f.ws.Templates.Preview(ctx, tp.ID, templates.FromTemplate{Values: map[string]string{"product": "Kopi termurah",
		"date": "besok", "harga": "Rp1", "link": "kopi.id"}})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Checked || len(p.Channels) != 2 {
		t.Fatalf("preview: %+v", p)
	}
	for _, ch := range p.Channels {
		found := false
		for _, fd := range ch.Findings {
			found = found || fd.Code == "banned_phrase"
		}
		if !found {
			t.Errorf("%s: the banned phrase is not flagged: %+v", ch.Network, ch.Findings)
		}
	}
}
