package calendar_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/checker"
)

// phraseChecker is a stand-in for the style guide: each phrase found in a
// text is a finding of its severity, with a fix when it has a replacement.
// Its rules change while a test runs, as a guide does.
type phraseChecker struct {
	mu    sync.Mutex
	rules []phraseRule
	calls int
}

type phraseRule struct {
	phrase      string
	severity    checker.Severity
	replacement string
}

func (c *phraseChecker) set(rules ...phraseRule) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rules = rules
}

func (c *phraseChecker) Check(_ context.Context, in calendar.CheckInput) ([]calendar.Finding, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	var out []calendar.Finding
	for _, r := range c.rules {
		if i := strings.Index(in.Text, r.phrase); i >= 0 {
			f := calendar.Finding{Rule: "banned", Severity: r.severity, Code: "banned_phrase",
				Params: map[string]any{"phrase": r.phrase}, Start: i, End: i + len(r.phrase),
				From16: len(utf16.Encode([]rune(in.Text[:i]))), To16: len(utf16.Encode([]rune(in.Text[:i+len(r.phrase)])))}
			if r.replacement != "" {
				f.Fix = &calendar.Fix{Replacement: r.replacement}
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func gated(t *testing.T) (fixture, *phraseChecker) {
	t.Helper()
	f := setup(t)
	chk := &phraseChecker{}
	chk.set(phraseRule{"kopi murah", calendar.SeverityError, "kopi hemat"}, phraseRule{"mantap", calendar.SeverityWarning, ""})
	f.ws.Calendar.SetChecker(chk)
	return f, chk
}

// An error in any channel's text refuses the approval, naming the channel
// and the problem; the post stays in review. Fixing that channel's text lets
// it through.
func TestApprovalRefusedWhileATextHasAnError(t *testing.T) {
	f, _ := gated(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo", Body: "Kopi susu hari ini",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "☕ Ada kopi murah hari ini"}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
	_, err = f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Approved, "")
	var ae *apperr.Error
	if code(err) != "post.check_errors" || !apperrAs(err, &ae) {
		t.Fatalf("approving a text with an error: %v", err)
	}
	if ae.Params["channel"] != "X @kopinus" || ae.Params["check"] != "banned_phrase" || ae.Params["text"] != "kopi murah" {
		t.Fatalf("the refusal does not name the channel and the problem: %+v", ae.Params)
	}
	// Acknowledging warnings does not get an error through.
	if _, err := f.ws.Calendar.MoveWith(ctx, f.manager, p.ID, calendar.Approved, "", calendar.MoveOptions{AckWarnings: true}); code(err) != "post.check_errors" {
		t.Fatalf("an acknowledgement let an error through: %v", err)
	}
	got, _ := f.ws.Calendar.Post(ctx, p.ID)
	if got.Status != calendar.InReview || got.ApprovedAt != "" {
		t.Fatalf("a refused approval changed the post: %+v", got)
	}
	hist, _ := f.ws.Calendar.History(ctx, p.ID)
	if last := hist[len(hist)-1]; last.To != calendar.InReview {
		t.Fatalf("a refused approval is in the history: %+v", hist)
	}

	in := calendar.PostInput{Title: "Promo", Body: "Kopi susu hari ini", Channels: []string{f.ig, f.x},
		Variants: map[string]string{f.x: "☕ Ada kopi hemat hari ini"}, Date: "2026-12-01"}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in); err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.manager, calendar.Approved)
}

// The common text is checked for every channel that uses it, so an error
// there refuses the approval as well.
func TestApprovalRefusedForAnErrorInTheCommonText(t *testing.T) {
	f, _ := gated(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo", Body: "Ada kopi murah",
		Channels: []string{f.ig}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
	_, err = f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Approved, "")
	var ae *apperr.Error
	if !apperrAs(err, &ae) || ae.Code != "post.check_errors" || ae.Params["channel"] != "Instagram @kopinusantara" {
		t.Fatalf("approving a common text with an error: %v", err)
	}
}

// Warnings need the approver's acknowledgement: without it the approval is
// refused with the warnings listed; with it the post is approved and the
// history says who accepted which warning, and when.
func TestWarningsNeedAnAcknowledgementThatIsRecorded(t *testing.T) {
	f, _ := gated(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo", Body: "Rasanya mantap!",
		Channels: []string{f.ig}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
	_, err = f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Approved, "")
	var ae *apperr.Error
	if !apperrAs(err, &ae) || ae.Code != "post.check_warnings" || ae.Params["count"] != 1 {
		t.Fatalf("approving with a warning and no acknowledgement: %v", err)
	}
	if ws, ok := ae.Params["warnings"].([]calendar.Acknowledged); !ok || len(ws) != 1 || ws[0].Text != "mantap" || ws[0].Channel != "Instagram @kopinusantara" {
		t.Fatalf("the refusal does not list the warning: %#v", ae.Params["warnings"])
	}
	if got, _ := f.ws.Calendar.Post(ctx, p.ID); got.Status != calendar.InReview {
		t.Fatalf("a refused approval moved the post to %s", got.Status)
	}

	got, err := f.ws.Calendar.MoveWith(ctx, f.manager, p.ID, calendar.Approved, "", calendar.MoveOptions{AckWarnings: true})
	if err != nil || got.Status != calendar.Approved || got.ApprovedBy != f.manager {
		t.Fatalf("approving with the acknowledgement: %v %+v", err, got)
	}
	hist, err := f.ws.Calendar.History(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1]
	if last.To != calendar.Approved || last.MemberID != f.manager || last.At == "" || len(last.Acknowledged) != 1 ||
		last.Acknowledged[0].Code != "banned_phrase" || last.Acknowledged[0].Text != "mantap" || last.Acknowledged[0].Params["phrase"] != "mantap" {
		t.Fatalf("the history does not keep the acknowledgement: %+v", last)
	}
	for _, h := range hist[:len(hist)-1] {
		if len(h.Acknowledged) != 0 {
			t.Fatalf("a move without acknowledgement carries one: %+v", h)
		}
	}
}

// A guide change that makes an approved post fail puts it on the "needs
// another look" list, with its error marker, and leaves it approved.
func TestGuideChangeListsApprovedPostForAnotherLook(t *testing.T) {
	f, chk := gated(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo", Body: "Gula aren asli",
		Channels: []string{f.ig, f.x}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Draf", Body: "Gula aren juga", Channels: []string{f.ig}})
	f.walk(t, p.ID, f.creator, calendar.InReview)
	f.walk(t, p.ID, f.manager, calendar.Approved)
	if l, _ := f.ws.Calendar.NeedsLook(ctx); len(l) != 0 {
		t.Fatalf("nothing needs another look yet: %+v", l)
	}

	chk.set(phraseRule{"gula aren", calendar.SeverityError, "gula kelapa"}, phraseRule{"Gula aren", calendar.SeverityError, "Gula kelapa"})
	list, err := f.ws.Calendar.NeedsLook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != p.ID || list[0].Check != calendar.MarkError {
		t.Fatalf("needs another look after the guide changed: %+v", list)
	}
	got, _ := f.ws.Calendar.Post(ctx, p.ID)
	if got.Status != calendar.Approved || got.ApprovedAt == "" {
		t.Fatalf("the guide change moved the post: %+v", got)
	}
	// The draft has the same error but was never approved: it is not on the list.
	for _, l := range list {
		if l.ID == other.ID {
			t.Fatal("a draft is on the needs-another-look list")
		}
	}
}

// The list carries each post's worst finding as its marker, checked in the
// same call (one pass over the month), and only when asked.
func TestListMarksPostsWithTheirWorstFinding(t *testing.T) {
	f, chk := gated(t)
	add := func(title, body string) calendar.Post {
		p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: title, Body: body, Channels: []string{f.ig, f.x}, Date: "2026-12-02"})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad, warn, fine := add("A", "kopi murah, mantap"), add("B", "mantap"), add("C", "Kopi susu")
	series, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Tiap hari", Body: "mantap", Channels: []string{f.ig},
		Date: "2026-12-01", Repeat: &calendar.Repeat{Freq: "daily", Interval: 1, Count: 5}})
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-12-01", To: "2026-12-31"})
	for _, p := range plain {
		if p.Check != "" {
			t.Fatalf("marks without asking for them: %+v", p)
		}
	}
	chk.calls = 0
	ps, err := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-12-01", To: "2026-12-31", Marks: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{bad.ID: "error", warn.ID: "warning", fine.ID: "", series.ID: "warning"}
	occurrences := 0
	for _, p := range ps {
		if p.Check != want[p.ID] {
			t.Errorf("%s: marker %q, want %q", p.Title, p.Check, want[p.ID])
		}
		if p.ID == series.ID {
			occurrences++
		}
	}
	if occurrences != 5 {
		t.Fatalf("the series has %d occurrences in the list, want 5", occurrences)
	}
	// Three posts on two channels and one series on one channel, checked once each.
	if chk.calls != 7 {
		t.Fatalf("the list checked %d texts, want 7 (occurrences share their series' check)", chk.calls)
	}
}

// The draft check returns the findings of each channel's text as typed,
// with UTF-16 spans the editor underlines and the fix it offers.
func TestCheckDraftPerChannel(t *testing.T) {
	f, _ := gated(t)
	res, err := f.ws.Calendar.CheckDraft(ctx, calendar.PostInput{Body: "😀 kopi murah", Channels: []string{f.ig, f.x},
		Variants: map[string]string{f.x: "mantap"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].ChannelID != f.ig || res[0].Own || res[1].ChannelID != f.x || !res[1].Own {
		t.Fatalf("one result per channel: %+v", res)
	}
	ig := res[0].Findings
	if len(ig) != 1 || ig[0].From16 != 3 || ig[0].To16 != 13 || ig[0].Fix == nil || ig[0].Fix.Replacement != "kopi hemat" {
		t.Fatalf("the common text's finding: %+v", ig)
	}
	if x := res[1].Findings; len(x) != 1 || x[0].Severity != calendar.SeverityWarning {
		t.Fatalf("the X text's finding: %+v", x)
	}
	// A draft on no channel is still checked against the guide.
	res, _ = f.ws.Calendar.CheckDraft(ctx, calendar.PostInput{Body: "kopi murah"})
	if len(res) != 1 || res[0].ChannelID != "" || len(res[0].Findings) != 1 {
		t.Fatalf("a draft on no channel: %+v", res)
	}
}

// guideLikeChecker is a checker that, as the style guide does, can hand out
// the checker it compiled; Check alone would look up the guide's state on
// every call.
type guideLikeChecker struct {
	c                *checker.Checker
	checks, compiles int
}

func (g *guideLikeChecker) Check(_ context.Context, in calendar.CheckInput) ([]calendar.Finding, error) {
	g.checks++
	return g.c.Check(in), nil
}

func (g *guideLikeChecker) Compiled(context.Context) (*checker.Checker, error) {
	g.compiles++
	return g.c, nil
}

// A month's markers read the guide's state once for the whole list, not
// once per post and channel, and come out as the per-text check says.
func TestMarkersReadTheGuideOncePerList(t *testing.T) {
	f := setup(t)
	c, err := checker.Compile(checker.Guide{Banned: []checker.Banned{{ID: "1", Phrase: "ongkir", Severity: checker.SeverityWarning}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := &guideLikeChecker{c: c}
	f.ws.Calendar.SetChecker(g)
	var warn string
	for i, body := range []string{"Gratis ongkir!", "Kopi susu", "Kopi pagi"} {
		p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: body, Body: body, Channels: []string{f.ig, f.x},
			Date: "2026-12-0" + string(rune('1'+i))})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			warn = p.ID
		}
	}
	g.checks, g.compiles = 0, 0
	ps, err := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-12-01", To: "2026-12-31", Marks: true})
	if err != nil || len(ps) != 3 {
		t.Fatalf("%d posts, %v", len(ps), err)
	}
	for _, p := range ps {
		if want := map[bool]string{true: calendar.MarkWarning, false: ""}[p.ID == warn]; p.Check != want {
			t.Errorf("%s: marker %q, want %q", p.Title, p.Check, want)
		}
	}
	if g.compiles != 1 || g.checks != 0 {
		t.Fatalf("the list read the guide's state %d times and checked %d texts one by one; want once and none", g.compiles, g.checks)
	}
}
