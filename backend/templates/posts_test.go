package templates_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/checker"
	"postdeck/backend/core"
	"postdeck/backend/team"
	"postdeck/backend/templates"
)

// checkFunc is a style-guide checker made of a function.
type checkFunc func(in checker.Input) []checker.Finding

func (f checkFunc) Check(_ context.Context, in checker.Input) ([]checker.Finding, error) {
	return f(in), nil
}

type fixture struct {
	ws               *core.Workspace
	manager, creator string
	ig, x            string
}

func setup(t *testing.T) fixture {
	t.Helper()
	ws := open(t)
	mgr, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	ig, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinusantara"})
	if err != nil {
		t.Fatal(err)
	}
	x, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopinus"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Templates.List(ctx, ""); err != nil { // the defaults are seeded once, here
		t.Fatal(err)
	}
	return fixture{ws: ws, manager: mgr.ID, creator: cc.ID, ig: ig.ID, x: x.ID}
}

func data(t *testing.T, v any) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func (f fixture) launchTemplate(t *testing.T) templates.Template {
	t.Helper()
	tp, err := f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Product launch", Lang: "id",
		Body: "{{product}} hadir {{date}}! Harga {{harga}} ☕ {{link}}",
		Data: data(t, templates.PostData{Title: "Peluncuran {{product}}", Channels: []string{f.ig, f.x},
			Variants: map[string]string{"x": "{{product}} 🚀 {{link}}"}, Labels: []string{"launch", " launch "},
			Hashtags:     []string{"kopinusantara", "#KopiLokal"},
			Placeholders: []templates.Placeholder{{Key: "harga", Label: "Harga", Example: "Rp25.000"}}})})
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// A post from a template gets its placeholders filled, each channel its
// network's variant, and the template's labels and hashtags; it is a draft
// on the calendar.
func TestANewPostFromATemplateIsADraftWithEveryValueFilledIn(t *testing.T) {
	f := setup(t)
	tp := f.launchTemplate(t)
	if d := templates.PostDataOf(tp); !reflect.DeepEqual(d.Labels, []string{"launch"}) ||
		!reflect.DeepEqual(d.Hashtags, []string{"#kopinusantara", "#KopiLokal"}) {
		t.Fatalf("stored details: %+v", d)
	}
	values := map[string]string{"product": "Kopi Gula Aren", "date": "17 Agustus", "harga": "Rp25.000", "link": "https://kopi.id/{{x}}"}
	post, err := f.ws.Templates.NewPost(ctx, f.creator, tp.ID, templates.FromTemplate{Values: values, Date: "2027-08-17", Time: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	if post.Status != calendar.Draft || post.Title != "Peluncuran Kopi Gula Aren" || post.OwnerID != f.creator {
		t.Fatalf("post: %+v", post)
	}
	if want := "Kopi Gula Aren hadir 17 Agustus! Harga Rp25.000 ☕ https://kopi.id/{{x}}\n\n#kopinusantara #KopiLokal"; post.Body != want {
		t.Fatalf("body %q, want %q", post.Body, want)
	}
	if want := "Kopi Gula Aren 🚀 https://kopi.id/{{x}}\n\n#kopinusantara #KopiLokal"; post.Variants[f.x] != want {
		t.Fatalf("X text %q, want %q", post.Variants[f.x], want)
	}
	if _, ok := post.Variants[f.ig]; ok || !reflect.DeepEqual(post.Channels, []string{f.ig, f.x}) ||
		!reflect.DeepEqual(post.Labels, []string{"launch"}) {
		t.Fatalf("channels %v variants %v labels %v", post.Channels, post.Variants, post.Labels)
	}
}

func TestAMissingValueIsNamedAndNoPostIsMade(t *testing.T) {
	f := setup(t)
	tp := f.launchTemplate(t)
	before := changeCount(t, f.ws)
	_, err := f.ws.Templates.NewPost(ctx, f.creator, tp.ID, templates.FromTemplate{Values: map[string]string{"harga": "Rp1"},
		Date: "2027-08-17"})
	if code(err) != "template.value_missing" || param(err, "names") != "product, date, link" {
		t.Fatalf("want the missing values of the title, text and X's text named, got %v", err)
	}
	tp, err = f.ws.Templates.Update(ctx, tp.ID, templates.Input{Name: tp.Name, Lang: tp.Lang, Body: "{{product}}",
		Data: data(t, templates.PostData{Title: "x", Variants: map[string]string{"x": "{{product}} {{kode}}"}})})
	if err != nil {
		t.Fatal(err)
	}
	before = changeCount(t, f.ws)
	_, err = f.ws.Templates.NewPost(ctx, f.creator, tp.ID, templates.FromTemplate{Values: map[string]string{"product": "Kopi"},
		Channels: []string{f.ig, f.x}, Date: "2027-08-17"})
	if code(err) != "template.value_missing" || param(err, "names") != "kode" {
		t.Fatalf("want the missing value of X's text named, got %v", err)
	}
	if after := changeCount(t, f.ws); after != before {
		t.Fatalf("a refused post wrote %d changes", after-before)
	}
}

func TestAnUnclosedPlaceholderIsRefusedWhenSaving(t *testing.T) {
	f := setup(t)
	_, err := f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Broken", Body: "Beli {{product sekarang"})
	if code(err) != "template.placeholder_unclosed" {
		t.Fatalf("body: %v", err)
	}
	_, err = f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Broken", Body: "ok",
		Data: data(t, templates.PostData{Variants: map[string]string{"x": "{{link"}})})
	if code(err) != "template.placeholder_unclosed" {
		t.Fatalf("variant: %v", err)
	}
	_, err = f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Broken", Body: "ok",
		Data: data(t, templates.PostData{Variants: map[string]string{"myspace": "hi"}})})
	if code(err) != "template.network_unknown" {
		t.Fatalf("network: %v", err)
	}
	list, _ := f.ws.Templates.List(ctx, templates.KindPost)
	if len(list) != 0 {
		t.Fatalf("refused templates were saved: %v", names(list))
	}
}

func TestAPreviewShowsEachChannelsText(t *testing.T) {
	f := setup(t)
	tp := f.launchTemplate(t)
	f.ws.Templates.SetChecker(checkFunc(func(in checker.Input) []checker.Finding {
		if strings.Contains(in.Text, "🚀") {
			return []checker.Finding{{Rule: "emoji", Severity: checker.SeverityWarning, Code: "emoji_not_allowed"}}
		}
		return nil
	}))
	p, err := f.ws.Templates.Preview(ctx, tp.ID, templates.FromTemplate{Values: map[string]string{"product": "Kopi",
		"date": "besok", "harga": "Rp1", "link": "kopi.id"}})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Checked || len(p.Channels) != 2 || p.Channels[0].Network != "instagram" || len(p.Channels[0].Findings) != 0 ||
		len(p.Channels[1].Findings) != 1 || !strings.HasPrefix(p.Channels[1].Text, "Kopi 🚀") {
		t.Fatalf("preview: %+v", p)
	}
}

func TestAPostIsSavedAsATemplate(t *testing.T) {
	f := setup(t)
	post, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo Ramadan", Body: "Diskon 20%",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "Diskon 20%! #kopi"}, Labels: []string{"promo"}})
	if err != nil {
		t.Fatal(err)
	}
	tp, err := f.ws.Templates.SaveAsTemplate(ctx, post.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	d := templates.PostDataOf(tp)
	if tp.Kind != "post" || tp.Name != "Promo Ramadan" || tp.Body != "Diskon 20%" || d.Variants["x"] != "Diskon 20%! #kopi" ||
		!reflect.DeepEqual(d.Channels, []string{f.ig, f.x}) || !reflect.DeepEqual(d.Labels, []string{"promo"}) {
		t.Fatalf("template: %+v %+v", tp, d)
	}
	again, err := f.ws.Templates.NewPost(ctx, f.creator, tp.ID, templates.FromTemplate{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Body != post.Body || again.Variants[f.x] != post.Variants[f.x] {
		t.Fatalf("round trip: %+v", again)
	}
}
