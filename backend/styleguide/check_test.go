package styleguide_test

import (
	"strings"
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/checker"
	"postdeck/backend/networks"
	"postdeck/backend/styleguide"
)

func rules(fs []checker.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return strings.Join(out, ",")
}

func TestTheGuideSnapshotHoldsWhatTheCheckerReads(t *testing.T) {
	f := setup(t, "id")
	ch, err := f.ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopi"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Rating, ChannelID: ch.ID, Rating: "G"}); err != nil {
		t.Fatal(err)
	}
	g, err := f.ws.StyleGuide.Guide(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Names) != 2 || g.Names[0].Right != "Kopi Nusantara" || len(g.Terms) != 1 || g.Terms[0].Preferred != "Sobat Kopi" ||
		len(g.Banned) != 2 || g.Banned[0].Replacement != "terjangkau" || g.Banned[0].Severity != checker.SeverityError ||
		len(g.RequiredHashtags) != 1 || len(g.BannedHashtags) != 1 || g.MaxHashtags["instagram"] != 5 ||
		g.Emoji[""].Mode != "max" || g.Emoji[""].Max != 3 || g.Emoji["linkedin"].Mode != "none" ||
		len(g.Disclosures) != 2 || g.RatingCeiling != "PG" || g.ChannelRatingCeilings[ch.ID] != "G" {
		t.Fatalf("snapshot: %+v", g)
	}
}

func TestCheckFindsWhatTheGuideSaysAndSeesEveryChange(t *testing.T) {
	f := setup(t, "id")
	sg := f.ws.StyleGuide
	in := checker.Input{Text: "Kopi termurah se-Jakarta, murah banget! #KopiNusantara", Network: "instagram"}
	fs, err := sg.Check(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	var banned *checker.Finding
	for i := range fs {
		if strings.HasPrefix(fs[i].Rule, "banned:") {
			banned = &fs[i]
		}
	}
	if banned == nil || in.Text[banned.Start:banned.End] != "termurah" || banned.Fix == nil || banned.Fix.Replacement != "terjangkau" {
		t.Fatalf("findings: %+v", fs)
	}
	// Nothing changed: the compiled checker is reused.
	n := sg.Compiles()
	if _, err := sg.Check(ctx, in); err != nil || sg.Compiles() != n {
		t.Fatalf("recompiled an unchanged guide (%d -> %d)", n, sg.Compiles())
	}
	// A change elsewhere in the workspace reads the guide again but does
	// not compile it again.
	if _, err := f.ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sg.Check(ctx, in); err != nil || sg.Compiles() != n {
		t.Fatalf("recompiled after an unrelated change (%d -> %d)", n, sg.Compiles())
	}
	// A new banned phrase is checked at once.
	if _, err := sg.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Banned, Text: "murah banget", Replacement: "hemat", Severity: "error"}); err != nil {
		t.Fatal(err)
	}
	fs, _ = sg.Check(ctx, in)
	if c := strings.Count(rules(fs), "banned:"); c != 2 {
		t.Fatalf("after adding a phrase: %s", rules(fs))
	}
	// So is the workspace's own network limit.
	long := checker.Input{Text: strings.Repeat("a", 150), Network: "x"}
	if fs, _ := sg.Check(ctx, long); strings.Contains(rules(fs), "length") {
		t.Fatalf("150 characters on X: %s", rules(fs))
	}
	if _, err := f.ws.Workspace.SetNetworkLimit(ctx, f.editor, networks.Limit{Network: "x", MaxChars: 140}); err != nil {
		t.Fatal(err)
	}
	if fs, _ := sg.Check(ctx, long); !strings.Contains(rules(fs), "length") {
		t.Fatalf("the override of X's limit was not used: %s", rules(fs))
	}
}

// BenchmarkCheckWithTheCompiledChecker is what the editor pays per keystroke
// once the guide is compiled: one look at the change log, then the check.
func BenchmarkCheckWithTheCompiledChecker(b *testing.B) {
	f := setupB(b)
	for i := 0; i < 500; i++ {
		if _, err := f.ws.StyleGuide.Save(ctx, f.editor, styleguide.Entry{Section: styleguide.Banned,
			Text: "frasa terlarang " + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)), Severity: "warning"}); err != nil {
			b.Fatal(err)
		}
	}
	in := checker.Input{Text: strings.Repeat("Kopi Nusantara termurah se-Jakarta, ngopi bareng Sobat Kopi! ", 80), Network: "instagram"}
	if _, err := f.ws.StyleGuide.Check(ctx, in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.ws.StyleGuide.Check(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
