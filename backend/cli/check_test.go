package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/cli"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/networks"
)

// runIn is run with standard input.
func runIn(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	gui := func(string) error { t.Fatal("the window must not open for a subcommand"); return nil }
	code := cli.Run(append([]string{"--data-dir", dir}, args...), cli.Build{Version: "1.2.3"}, gui, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := writeFile(t, "ok.txt", strings.Repeat("a", 280)+"\n")
	if r := run(t, dir, "check", "--network", "x", ok); r.code != 0 || !strings.Contains(r.stdout, "No findings.") || !strings.Contains(r.stdout, "280 of 280 characters on X.") {
		t.Fatalf("280 characters on X: %+v", r)
	}
	long := writeFile(t, "long.txt", strings.Repeat("a", 281))
	r := run(t, dir, "check", "--network", "x", long)
	if r.code != 3 {
		t.Fatalf("281 characters on X must exit 3: %+v", r)
	}
	if !strings.Contains(r.stdout, "long.txt:1:281: error: The text is 281 characters long; at most 280 fit here. [length]") {
		t.Fatalf("finding line: %q", r.stdout)
	}
	// 141 emoji weigh 282 on X, but fit Bluesky's 300 graphemes.
	emoji := writeFile(t, "emoji.txt", strings.Repeat("👨‍👩‍👧‍👦", 141))
	if r := run(t, dir, "check", "--network", "x", emoji); r.code != 3 {
		t.Fatalf("141 families on X: %+v", r)
	}
	if r := run(t, dir, "check", "--network", "bluesky", emoji); r.code != 0 {
		t.Fatalf("141 families on Bluesky: %+v", r)
	}
	// A sixth hashtag on Instagram is an error.
	if r := runIn(t, dir, "#a1 #b2 #c3 #d4 #e5 #f6", "check", "--network", "instagram", "-"); r.code != 3 || !strings.Contains(r.stdout, "6 hashtags; at most 5") {
		t.Fatalf("six hashtags: %+v", r)
	}
}

func TestCheckRefusesBadRequests(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, "a.txt", "halo")
	for _, c := range []struct {
		args []string
		code string
	}{
		{[]string{"check", f}, "check.network_required"},
		{[]string{"check", "--network", "x", "--channel", "c", f}, "check.network_and_channel"},
		{[]string{"check", "--network", "myspace", f}, "check.network_unknown"},
		{[]string{"check", "--channel", "0193f1c2-0000-7000-8000-000000000000", f}, "check.channel_unknown"},
		{[]string{"check", "--network", "x", filepath.Join(dir, "missing.txt")}, "check.file_unreadable"},
		{[]string{"check", "--network", "x", writeFile(t, "big.txt", strings.Repeat("a", 1<<20+1))}, "check.too_large"},
		{[]string{"check", "--network", "x", writeFile(t, "bin.txt", "\xff\xfe\x00")}, "check.not_text"},
		{[]string{"check", "--network", "x", "--lang", "fr", f}, "settings.language_unknown"},
	} {
		r := run(t, dir, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, "("+c.code+")") {
			t.Errorf("%v: want exit 2 with %s, got %+v", c.args, c.code, r)
		}
	}
}

func TestCheckJSONAndStdin(t *testing.T) {
	dir := t.TempDir()
	text := "Halo 😀\n" + strings.Repeat("咖", 140)
	r := runIn(t, dir, text, "check", "--network", "x", "--json", "-")
	if r.code != 3 {
		t.Fatalf("%+v", r)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, r.stdout)
	}
	// The documented field names (docs/CLI.md) are a public interface.
	for _, k := range []string{"file", "network", "channelId", "count", "limit", "counting", "guide", "findings", "errors", "warnings", "infos"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
	if rep["file"] != "-" || rep["network"] != "x" || rep["count"] != float64(288) || rep["limit"] != float64(280) || rep["counting"] != "weighted" || rep["errors"] != float64(1) {
		t.Fatalf("report: %v", rep)
	}
	f := rep["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "severity", "code", "params", "start", "end", "from16", "to16", "message", "line", "column"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	// "Halo 😀\n" weighs 8, so the 137th CJK character (weighing 2 each) is the
	// first past 280: line 2, column 137; in UTF-16 "Halo 😀\n" is 8 units.
	if f["rule"] != "length" || f["code"] != "over_limit" || f["line"] != float64(2) || f["column"] != float64(137) || f["from16"] != float64(8+136) {
		t.Fatalf("finding: %v", f)
	}
	if p := f["params"].(map[string]any); p["count"] != float64(288) || p["limit"] != float64(280) {
		t.Fatalf("params: %v", p)
	}
	// No findings: an empty list, not null, and exit 0.
	r = runIn(t, dir, "halo", "check", "--network", "x", "--json", "-")
	if r.code != 0 || !strings.Contains(r.stdout, `"findings": []`) {
		t.Fatalf("clean text: %+v", r)
	}
}

func TestCheckSpeaksIndonesianAndUsesTheChannelAndWorkspaceLimits(t *testing.T) {
	dir := t.TempDir()
	var ch map[string]any
	r := run(t, dir, "channel", "add", "--network", "threads", "--handle", "@kopi", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &ch); err != nil || r.code != 0 {
		t.Fatalf("channel add: %+v", r)
	}
	r = runIn(t, dir, "Pagi #kopi #pagi", "check", "--channel", ch["id"].(string), "--lang", "id", "-")
	if r.code != 3 || !strings.Contains(r.stdout, "stdin:1:12: kesalahan: 2 tag topik; postingan Threads hanya boleh memuat 1. [topics.max]") {
		t.Fatalf("Threads topic tags in Indonesian: %+v", r)
	}
	// The workspace lowers Threads' limit to 10: the check follows.
	ws, err := core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Workspace.SetNetworkLimit(context.Background(), "", networks.Limit{Network: "threads", MaxChars: 10}); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	r = runIn(t, dir, "Selamat pagi", "check", "--channel", ch["id"].(string), "--json", "-")
	var rep map[string]any
	json.Unmarshal([]byte(r.stdout), &rep)
	if r.code != 3 || rep["limit"] != float64(10) || rep["channelId"] != ch["id"] || rep["network"] != "threads" {
		t.Fatalf("workspace limit: %+v", r)
	}
}

// The check reads the workspace's style guide: a banned phrase with its
// replacement, a brand name's case variant, a discouraged term, a paid post
// without its disclosure and a rating above the channel's ceiling.
func TestCheckAgainstTheWorkspaceStyleGuide(t *testing.T) {
	dir := t.TempDir()
	var sari map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &sari)
	run(t, dir, "me", "set", sari["id"].(string))
	file := filepath.Join(t.TempDir(), "guide.json")
	os.WriteFile(file, []byte(`{"format":"postdeck-style-guide","version":1,"sections":{
	  "banned":[{"text":"termurah","replacement":"terjangkau","reason":"Klaim harga","severity":"error"}],
	  "names":[{"text":"Kopi Nusantara","variants":["KopiNusantara"]}],
	  "terms":[{"text":"Sobat Kopi","variants":["pelanggan"]}],
	  "disclosures":[{"label":"paid","variants":["#iklan","#ad"]}],
	  "rating":[{"rating":"G"}]}}`), 0o644)
	camp := map[string]any{}
	json.Unmarshal([]byte(run(t, dir, "campaign", "add", "--name", "Promo Akhir Tahun", "--from", "2026-12-01", "--to", "2026-12-31", "--json").stdout), &camp)
	os.WriteFile(file, []byte(strings.Replace(string(must(os.ReadFile(file))), `"rating":[`,
		`"hashtags":[{"kind":"required","text":"#PromoAkhirTahun","campaignId":"`+camp["id"].(string)+`"}],"rating":[`, 1)), 0o644)
	if r := run(t, dir, "styleguide", "import", file); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	text := "Halo pelanggan! Kopi termurah dari kopi nusantara."
	r := runIn(t, dir, text, "check", "--network", "instagram", "--label", "paid", "--rating", "PG", "--lang", "id", "-")
	if r.code != 3 {
		t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"stdin:1:1: kesalahan: Rating PG melebihi batas G untuk saluran ini. [rating]",
		"stdin:1:6: peringatan: Panduan gaya memakai “Sobat Kopi”, bukan “pelanggan”. → Ganti dengan “Sobat Kopi” [term:",
		"stdin:1:22: kesalahan: “termurah” ada dalam daftar kata dan frasa terlarang panduan gaya. Alasan: Klaim harga → Ganti dengan “terjangkau” [banned:",
		"stdin:1:36: kesalahan: Tulis nama ini “Kopi Nusantara”, bukan “kopi nusantara”. → Ganti dengan “Kopi Nusantara” [name:",
		"kesalahan: Postingan berlabel “paid” wajib mencantumkan pengungkapan: #iklan, #ad. → Ganti dengan “#iklan” [disclosure:",
		"Kesalahan: 4, peringatan: 1, catatan: 0.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	var rep map[string]any
	r = runIn(t, dir, "Kopi Nusantara untuk Sobat Kopi #iklan", "check", "--network", "instagram", "--label", "paid", "--rating", "G", "--json", "-")
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 || rep["guide"] != "styleguide" || len(rep["findings"].([]any)) != 0 {
		t.Fatalf("a text that follows the guide: %+v", r)
	}
	// In the campaign, its hashtag is required (a warning: exit 0).
	r = runIn(t, dir, "Kopi Nusantara untuk Sobat Kopi", "check", "--network", "instagram", "--campaign", camp["id"].(string), "-")
	if r.code != 0 || !strings.Contains(r.stdout, "warning: Add the required hashtag #PromoAkhirTahun. → Replace with “#PromoAkhirTahun” [hashtag.required:") {
		t.Fatalf("campaign hashtag: %+v", r)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
