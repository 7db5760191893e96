package playbooks

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Both languages ship the same nine texts (eight processes and the
// guidelines), each with a purpose, roles, a checklist and a review interval.
func TestBuiltInPlaybooks(t *testing.T) {
	en, enKeys, err := BuiltIn("en")
	if err != nil {
		t.Fatal(err)
	}
	id, idKeys, err := BuiltIn("id")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"campaigns", "analytics_report", "sales_inquiries", "customer_service", "ceo_questions",
		"crisis_management", "new_network", "new_tool", "guidelines"}
	if !slices.Equal(enKeys, want) || !slices.Equal(idKeys, want) {
		t.Fatalf("keys en %v id %v", enKeys, idKeys)
	}
	for i := range en {
		for _, p := range []PlaybookInput{en[i], id[i]} {
			if _, err := checkPlaybook(p); err != nil {
				t.Fatalf("%s/%s: %v", p.Lang, want[i], err)
			}
			if len(p.Checklist) < 4 || p.ReviewDays == 0 || p.OwnerRole == "" || len(p.Roles) == 0 {
				t.Fatalf("%s/%s is incomplete: %+v", p.Lang, want[i], p)
			}
		}
		if en[i].Title == id[i].Title || en[i].OwnerRole != id[i].OwnerRole || en[i].Guideline != id[i].Guideline {
			t.Fatalf("%s: en and id differ in what they should share", want[i])
		}
		if !strings.Contains(en[i].Body, "## Purpose") || !strings.Contains(id[i].Body, "## Tujuan") {
			t.Fatalf("%s: no purpose section", want[i])
		}
	}
	if !en[8].Guideline || en[5].Guideline {
		t.Fatal("only the guidelines are a guideline")
	}
}

func samplePlaybooks() []Playbook {
	return []Playbook{
		{ID: "a", Title: "Crisis <b>now</b>", Lang: "en", OwnerRole: "head_of_social", ReviewDays: 90, DueOn: "2027-03-01",
			Body:      "## Purpose\nStay calm & <script>alert(1)</script> speak with one voice.\n\n## Checklist\n- [ ] Pause posts\n- [ ] Tell the coordinator\n",
			Checklist: []string{"Pause posts", "Tell the coordinator"}},
		{ID: "b", Title: "Guidelines", Lang: "en", Guideline: true, ReviewDays: 365, OwnerID: "m1",
			Body: "## Rules\n1. Say who you are.\n", Checklist: []string{"Read them"}},
		{ID: "c", Title: "Krisis", Lang: "id", ReviewDays: 90, Body: "Teks\n"},
	}
}

// The Markdown guide holds the guidelines first, then each process of the
// chosen language with its owner and review interval; other languages stay out.
func TestMarkdownGuide(t *testing.T) {
	out, err := Markdown(samplePlaybooks(), ExportInfo{Lang: "en", Workspace: "Kopi *Nusantara*", Today: "2026-12-01",
		RoleNames: map[string]string{"head_of_social": "Head of social media"}, Members: map[string]string{"m1": "Ayu"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"# Training guide: how we work on social media · Kopi \\*Nusantara\\*", "## Guidelines", "## Process playbooks",
		"### Crisis &lt;b&gt;now&lt;/b&gt;", "#### Purpose", "- [ ] Pause posts", "Owner: Head of social media", "Owner: Ayu",
		"Reviewed every 90 days (next review: 2027-03-01)", "Made on 2026-12-01"} {
		if !strings.Contains(s, want) {
			t.Errorf("guide lacks %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "## Guidelines") > strings.Index(s, "## Process playbooks") || strings.Contains(s, "Krisis") {
		t.Errorf("order or language wrong:\n%s", s)
	}
	if _, err := Markdown(nil, ExportInfo{Lang: "fr"}); err == nil {
		t.Fatal("a language other than en or id is refused")
	}
}

// Names and titles a teammate typed read as the same text in any Markdown
// reader: rendered as GitHub-style Markdown, the guide makes no link,
// emphasis, strike, table, heading or tag of them.
func TestMarkdownGuideShowsNamesAsText(t *testing.T) {
	pbs := []Playbook{{ID: "a", Title: "# Crisis | <i>now</i> ~~x~~", Lang: "en", OwnerRole: "hos", ReviewDays: 90,
		Roles: []string{"hos", "cc"}, Body: "Stay calm.\n", Checklist: []string{`\*already\* escaped`, "1. [link](javascript:x)"}},
		{ID: "b", Title: "Guidelines", Lang: "en", Guideline: true, ReviewDays: 365, OwnerID: "m1", Body: "Be kind.\n"}}
	out, err := Markdown(pbs, ExportInfo{Lang: "en", Workspace: "Kopi *Nusantara*\n&amp; co", Today: "2026-12-01",
		RoleNames: map[string]string{"hos": "Head_of_social_", "cc": "- creator"}, Members: map[string]string{"m1": "Ayu [x](y) `z`"}})
	if err != nil {
		t.Fatal(err)
	}
	var rendered bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	if err := md.Convert(out, &rendered); err != nil {
		t.Fatal(err)
	}
	h := rendered.String()
	for _, bad := range []string{"<i>", "<del>", "<a ", "<em>Nusantara", "<em>of", "<code>", "<table>", "<h1>Crisis", "<li>creator"} {
		if strings.Contains(h, bad) {
			t.Errorf("a name became markup (%s):\n%s\n---\n%s", bad, out, h)
		}
	}
	for _, want := range []string{"<h1>Training guide: how we work on social media · Kopi *Nusantara* &amp;amp; co</h1>",
		"<h3># Crisis | &lt;i&gt;now&lt;/i&gt; ~~x~~</h3>", "Owner: Ayu [x](y) `z`", "Owner: Head_of_social_",
		"Roles involved: Head_of_social_, - creator", `<input disabled="" type="checkbox"> \*already\* escaped`,
		`<input disabled="" type="checkbox"> 1. [link](javascript:x)`} {
		if !strings.Contains(h, want) {
			t.Errorf("rendered guide lacks %q:\n%s\n---\n%s", want, out, h)
		}
	}
}

// The HTML page stands alone (inline styles, no external resources) and
// shows what teammates typed as text: no tag from a title or a body
// reaches the page as markup.
func TestHTMLGuideEscapes(t *testing.T) {
	out, err := HTML(samplePlaybooks(), ExportInfo{Lang: "en", Today: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, bad := range []string{"<script", "<b>", "src=", "href=\"http", "<link"} {
		if strings.Contains(s, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "&lt;script&gt;alert(1)&lt;/script&gt;", "Crisis &lt;b&gt;now&lt;/b&gt;",
		`<input disabled="" type="checkbox"`, "Pause posts", "Stay calm &amp;"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	id, err := HTML(samplePlaybooks(), ExportInfo{Lang: "id", Today: "2026-12-01"})
	if err != nil || !strings.Contains(string(id), `<html lang="id">`) || !strings.Contains(string(id), "Panduan pelatihan") || !strings.Contains(string(id), "Krisis") {
		t.Fatalf("Indonesian page: %v\n%s", err, id)
	}
}

func TestDueForReview(t *testing.T) {
	all := []Playbook{{ID: "a", DueOn: "2027-01-10"}, {ID: "b", DueOn: "2026-12-01"}, {ID: "c", DueOn: "2026-11-01"}}
	got := DueForReview(all, "2026-12-01")
	if len(got) != 2 || got[0].ID != "c" || got[1].ID != "b" {
		t.Fatalf("due %v", got)
	}
	if DueOn("2026-12-31", 90) != "2027-03-31" {
		t.Fatal(DueOn("2026-12-31", 90))
	}
}
