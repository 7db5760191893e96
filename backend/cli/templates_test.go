package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/templates"
)

// templateWorkspace makes a workspace with a channel and a post template,
// as the window would, and returns the template's and channel's ids.
func templateWorkspace(t *testing.T, dir string) (tplID, channelID string) {
	t.Helper()
	ctx := context.Background()
	ws, err := core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ch, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinusantara"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(templates.PostData{Title: "Launch {{product}}", Channels: []string{ch.ID}})
	tp, err := ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Launch", Lang: "en",
		Body: "{{product}} is here ☕ {{link}}", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return tp.ID, ch.ID
}

func TestTemplateListAndShow(t *testing.T) {
	dir := t.TempDir()
	id, _ := templateWorkspace(t, dir)
	r := run(t, dir, "template", "list", "--json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil || r.code != 0 {
		t.Fatalf("list --json: %v %+v", err, r)
	}
	kinds := map[string]int{}
	for _, tp := range all {
		for _, k := range []string{"id", "kind", "name", "lang"} {
			if s, _ := tp[k].(string); s == "" {
				t.Errorf("template JSON lacks %q: %v", k, tp)
			}
		}
		kinds[tp["kind"].(string)]++
	}
	if kinds["post"] != 1 || kinds["agenda"] != 4 {
		t.Fatalf("kinds: %v", kinds)
	}
	r = run(t, dir, "template", "list", "--kind", "agenda", "--json")
	var agendas []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &agendas); err != nil || len(agendas) != 4 {
		t.Fatalf("agendas: %v %+v", err, r)
	}
	if r := run(t, dir, "template", "list", "--kind", "poster"); r.code == 0 || !strings.Contains(r.stderr, "unknown kind") {
		t.Fatalf("unknown kind: %+v", r)
	}
	r = run(t, dir, "template", "show", id, "--json")
	var shown map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil || shown["body"] != "{{product}} is here ☕ {{link}}" {
		t.Fatalf("show --json: %v %+v", err, r)
	}
	if d, _ := shown["data"].(map[string]any); d["title"] != "Launch {{product}}" {
		t.Fatalf("show data: %v", shown["data"])
	}
	r = run(t, dir, "template", "show", id)
	if r.code != 0 || !strings.Contains(r.stdout, "--set KEY=VALUE): product, link") {
		t.Fatalf("show: %+v", r)
	}
	if r := run(t, dir, "template", "show", "nope"); r.code == 0 {
		t.Fatalf("show of a missing template: %+v", r)
	}
}

func TestPostAddFromATemplate(t *testing.T) {
	dir := t.TempDir()
	id, ch := templateWorkspace(t, dir)
	r := run(t, dir, "post", "add", "--template", id, "--set", "product=Kopi Gula Aren 🌴", "--set", "link=https://kopi.id/?a=1&b={{x}}",
		"--date", "2027-08-17", "--time", "09:00", "--label", "launch", "--json")
	if r.code != 0 {
		t.Fatalf("post add --template: %+v", r)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p["title"] != "Launch Kopi Gula Aren 🌴" || p["body"] != "Kopi Gula Aren 🌴 is here ☕ https://kopi.id/?a=1&b={{x}}" ||
		p["status"] != "draft" || p["channels"].([]any)[0] != ch || p["labels"].([]any)[0] != "launch" {
		t.Fatalf("post: %v", p)
	}
	before := run(t, dir, "post", "list", "--json").stdout
	r = run(t, dir, "post", "add", "--template", id, "--set", "product=Kopi", "--date", "2027-08-18")
	if r.code == 0 || !strings.Contains(r.stderr, "link") {
		t.Fatalf("a missing value must be named: %+v", r)
	}
	for _, args := range [][]string{
		{"post", "add", "--template", id, "--set", "product", "--set", "link=x"},
		{"post", "add", "--template", id, "--text", "hi", "--set", "product=a", "--set", "link=x"},
		{"post", "add", "--title", "x", "--set", "product=a"},
	} {
		if r := run(t, dir, args...); r.code == 0 {
			t.Errorf("%v was accepted: %+v", args, r)
		}
	}
	if after := run(t, dir, "post", "list", "--json").stdout; after != before {
		t.Fatal("refused commands added posts")
	}
}
