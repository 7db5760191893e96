package csvio_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"path/filepath"
	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/csvio"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
	"slices"
)

var ctx = context.Background()

type fixture struct {
	ws          *core.Workspace
	sari, ana   string
	ig, x       string
	campaign    string
	seriesID    string
	formulaPost string
}

func setup(t testing.TB) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	sari, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Email: "sari@kopi.id", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	ana, _ := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	// The same handle on two networks, as brands have.
	ig, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	x, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopinus"})
	camp, err := ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", StartsOn: "2027-02-17", EndsOn: "2027-03-19"})
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{ws: ws, sari: sari.ID, ana: ana.ID, ig: ig.ID, x: x.ID, campaign: camp.ID}
	if _, err := ws.Calendar.AddPost(ctx, ana.ID, calendar.PostInput{Title: "Promo kopi susu", Body: "Diskon 20%, hari ini!\nSemua cabang.",
		Channels: []string{ig.ID, x.ID}, Variants: map[string]string{x.ID: "Kopi susu -20% ☕"}, Date: "2027-02-20", Time: "09:30",
		OwnerID: ana.ID, ApproverID: sari.ID, CampaignID: camp.ID, Labels: []string{"promo", "ramadan"}, Rating: "PG"}); err != nil {
		t.Fatal(err)
	}
	series, err := ws.Calendar.AddPost(ctx, ana.ID, calendar.PostInput{Title: "Tips Senin", Body: "Tip", Channels: []string{ig.ID},
		Date: "2027-01-04", Time: "08:00", Repeat: &calendar.Repeat{Freq: "weekly", Weekdays: []string{"MO"}, Count: 10}})
	if err != nil {
		t.Fatal(err)
	}
	f.seriesID = series.ID
	if err := ws.Calendar.SkipOccurrence(ctx, series.ID, "2027-01-11"); err != nil {
		t.Fatal(err)
	}
	formula, _ := ws.Calendar.AddPost(ctx, ana.ID, calendar.PostInput{Title: "=HYPERLINK(\"http://evil\")", Body: "@everyone -50% +bonus"})
	f.formulaPost = formula.ID
	return f
}

func export(t testing.TB, ws *core.Workspace) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := csvio.Export(ctx, ws, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lastSeq is the newest change: it moves with every write to synced data.
func lastSeq(t testing.TB, ws *core.Workspace) int64 {
	t.Helper()
	var n int64
	if err := ws.Store.DB().Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func parse(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestExportThenImportChangesNothing(t *testing.T) {
	f := setup(t)
	data := export(t, f.ws)
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatal("the export starts with a BOM so Excel reads it as UTF-8")
	}
	rows := parse(t, data)
	head := strings.Join(rows[0], "|")
	if head != "id|title|date|time|status|channels|text|text [x:@kopinus]|owner|approver|campaign|labels|rating|rrule|exdates" {
		t.Fatalf("header: %s", head)
	}
	var promo, formula, series []string
	for _, r := range rows[1:] {
		switch r[0] {
		case f.formulaPost:
			formula = r
		case f.seriesID:
			series = r
		default:
			promo = r
		}
	}
	if promo[5] != "instagram:@kopinus, x:@kopinus" || promo[7] != "Kopi susu -20% ☕" || promo[8] != "Ana" || promo[9] != "Sari" ||
		promo[10] != "Ramadan" || promo[11] != "promo, ramadan" || promo[2] != "2027-02-20" || promo[3] != "09:30" {
		t.Fatalf("promo row: %q", promo)
	}
	if series[13] != "FREQ=WEEKLY;BYDAY=MO;COUNT=10" || series[14] != "2027-01-11" {
		t.Fatalf("series row: %q", series)
	}
	// Spreadsheets must show these as text, not run them.
	if formula[1] != `'=HYPERLINK("http://evil")` || formula[6] != "'@everyone -50% +bonus" {
		t.Fatalf("formula cells were not protected: %q", formula)
	}

	before := lastSeq(t, f.ws)
	if prev, _ := csvio.PreviewFile(ctx, f.ws, data, f.sari); prev.Unchanged != 3 || prev.Bad != 0 {
		t.Fatalf("the preview of an export says nothing changes: %+v", prev)
	}
	res, prev, err := csvio.Import(ctx, f.ws, data, csvio.Options{Actor: f.sari})
	if err != nil {
		t.Fatalf("import: %v %+v", err, prev)
	}
	if res.Unchanged != 3 || res.Added != 0 || res.Updated != 0 {
		t.Fatalf("re-importing an export changes nothing: %+v", res)
	}
	if lastSeq(t, f.ws) != before {
		t.Fatal("an unchanged import recorded changes")
	}
	p, _ := f.ws.Calendar.Post(ctx, f.formulaPost)
	if p.Title != `=HYPERLINK("http://evil")` {
		t.Fatalf("the protecting apostrophe must come off on import: %q", p.Title)
	}
}

func TestEditInASpreadsheetUpdatesThePost(t *testing.T) {
	f := setup(t)
	rows := parse(t, export(t, f.ws))
	for _, r := range rows[1:] {
		if r[1] == "Promo kopi susu" {
			r[1] = "Promo kopi susu (revisi)"
			r[2] = "2027-02-21"
			r[7] = "" // X now uses the common text
		}
	}
	rows = append(rows, []string{"", "Ide baru", "", "", "", "instagram:@kopinus", "Teks", "", "", "", "", "", "", "", ""})
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(rows)
	res, _, err := csvio.Import(ctx, f.ws, b.Bytes(), csvio.Options{Actor: f.sari})
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 1 || res.Added != 1 || res.Unchanged != 2 {
		t.Fatalf("result: %+v", res)
	}
	posts, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{})
	var found bool
	for _, p := range posts {
		if p.Title == "Promo kopi susu (revisi)" {
			found = true
			if p.Date != "2027-02-21" || len(p.Variants) != 0 || p.Time != "09:30" {
				t.Fatalf("updated post: %+v", p)
			}
		}
		if p.Title == "Ide baru" && (p.Status != calendar.Idea || p.OwnerID != f.sari) {
			t.Fatalf("new idea: %+v", p)
		}
	}
	if !found {
		t.Fatal("the edited title is not there")
	}
}

func TestExcelSemicolonsBOMAndDayFirstDates(t *testing.T) {
	f := setup(t)
	// What Excel writes with Indonesian regional settings: "CSV UTF-8",
	// semicolons, day-first dates, CRLF.
	file := "\ufeffTitle;Date;Time;Channels;Text;Owner\r\n" +
		"Lebaran;31/03/2027;9:30;instagram:@kopinus;\"Selamat Idul Fitri; mohon maaf lahir & batin\";sari@kopi.id\r\n" +
		"Halalbihalal;3/4/2027;;instagram:@kopinus;Ayo;Ana\r\n" +
		";;;;;\r\n"
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Separator != ";" || prev.Encoding != "utf-8-bom" || len(prev.Rows) != 2 {
		t.Fatalf("preview: %+v", prev)
	}
	if prev.Rows[0].Date != "2027-03-31" || prev.Rows[0].Time != "09:30" || len(prev.Rows[0].Problems) != 0 {
		t.Fatalf("row 2: %+v", prev.Rows[0])
	}
	// 3/4 is the 3rd of April or the 4th of March: not guessed.
	if got := prev.Rows[1].Problems; len(got) != 1 || got[0].Code != "csv.date_ambiguous" || got[0].Column != "date" || prev.Rows[1].Line != 3 {
		t.Fatalf("row 3: %+v", prev.Rows[1])
	}
}

func TestOneBadRowStopsTheImportUnlessSkipped(t *testing.T) {
	f := setup(t)
	file := "title,date,time,channels,owner\n" +
		"Satu,2027-05-01,10:00,instagram:@kopinus,Ana\n" +
		"Dua,2027-05-02,25:00,@kopinus,Budi\n" +
		"Tiga,2027-05-03,,x:@kopinus,\n"
	before := lastSeq(t, f.ws)
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Bad != 1 || prev.Adds != 2 {
		t.Fatalf("preview: %+v", prev)
	}
	var codes []string
	for _, p := range prev.Rows[1].Problems {
		codes = append(codes, p.Code)
	}
	// Every problem of the row at once: the bad time, the handle two
	// channels share, the member nobody is.
	if strings.Join(codes, " ") != "csv.time_invalid csv.channel_ambiguous csv.member_unknown" || prev.Rows[1].Line != 3 {
		t.Fatalf("row 3 problems: %v", prev.Rows[1].Problems)
	}
	if _, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari}); apperr.Code(err) != "csv.rows_have_problems" {
		t.Fatalf("want a refusal, got %v", err)
	}
	if lastSeq(t, f.ws) != before {
		t.Fatal("a preview or a refused import wrote something")
	}
	res, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari, SkipBad: true})
	if err != nil || res.Added != 2 || res.Skipped != 1 {
		t.Fatalf("skip bad rows: %+v %v", res, err)
	}
	may, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2027-05-01", To: "2027-05-31"})
	if len(may) != 2 || may[0].Title != "Satu" || may[1].Title != "Tiga" {
		t.Fatalf("posts in May: %+v", may)
	}
}

func TestCalendarRulesApplyToImportedRows(t *testing.T) {
	f := setup(t)
	long := strings.Repeat("x", 201)
	file := "id,title,date,status,rating,channels,rrule\n" +
		",,2027-06-01,,,,\n" + // no title
		"," + long + ",2027-06-02,,,,\n" +
		",Approved already,2027-06-03,approved,,,\n" +
		",Bad rating,2027-06-04,,R,,\n" +
		",Yearly,2027-06-05,,,,FREQ=YEARLY\n" +
		"not-an-id,Typo id,2027-06-06,,,,\n" +
		",Weekly ok,2027-06-07,,,instagram:@kopinus,FREQ=WEEKLY;BYDAY=MO\n"
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"post.title_required", "post.title_too_long", "post.import_status_new", "post.rating_invalid",
		"post.repeat_invalid", "post.import_id_invalid", ""}
	for i, w := range want {
		got := ""
		if len(prev.Rows[i].Problems) > 0 {
			got = prev.Rows[i].Problems[0].Code
		}
		if got != w {
			t.Errorf("row %d: want %q, got %+v", prev.Rows[i].Line, w, prev.Rows[i].Problems)
		}
	}
	if prev.Rows[6].Action != "add" {
		t.Fatalf("the good row: %+v", prev.Rows[6])
	}
}

func TestStatusChangesGoThroughTheWorkflow(t *testing.T) {
	f := setup(t)
	rows := parse(t, export(t, f.ws))
	for _, r := range rows[1:] {
		if r[1] == "Promo kopi susu" {
			r[4] = "scheduled"
		}
	}
	var b bytes.Buffer
	_ = csv.NewWriter(&b).WriteAll(rows)
	prev, _ := csvio.PreviewFile(ctx, f.ws, b.Bytes(), f.sari)
	if prev.Bad != 1 {
		t.Fatalf("preview: %+v", prev)
	}
	for _, r := range prev.Rows {
		if r.Title == "Promo kopi susu" && (len(r.Problems) != 1 || r.Problems[0].Code != "post.import_status_change" || r.Problems[0].Params["status"] != "draft") {
			t.Fatalf("status row: %+v", r)
		}
	}
}

func TestFileProblems(t *testing.T) {
	f := setup(t)
	for name, c := range map[string]struct{ file, code string }{
		"no header":          {"Promo,2027-01-01\n", "csv.no_title_column"},
		"header only":        {"title,date\n", "csv.no_rows"},
		"stray quote":        {"title,date\nA \"quoted\" word,2027-01-01\n\"open,2027-01-02\n", "csv.malformed"},
		"unknown channel":    {"title,text [tiktok:@nobody]\nA,b\n", "csv.variant_column_unknown"},
		"duplicate column":   {"title,date,Date\nA,2027-01-01,2027-01-02\n", "csv.duplicate_column"},
		"not text at all":    {"\x00\x01\x02", "csv.no_title_column"},
		"bad utf-8 with bom": {"\ufefftitle\n\xff\xfe\n", "csv.not_utf8"},
	} {
		prev, err := csvio.PreviewFile(ctx, f.ws, []byte(c.file), f.sari)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(prev.Problems) != 1 || prev.Problems[0].Code != c.code {
			t.Errorf("%s: want %s, got %+v", name, c.code, prev.Problems)
		}
		if _, _, err := csvio.Import(ctx, f.ws, []byte(c.file), csvio.Options{Actor: f.sari}); apperr.Code(err) != c.code {
			t.Errorf("%s: import: want %s, got %v", name, c.code, err)
		}
	}
}

func TestWindows1252AndUTF16(t *testing.T) {
	f := setup(t)
	latin, _ := charmap.Windows1252.NewEncoder().String("title,text\nCafé crème,Très bien\n")
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(latin), f.sari)
	if err != nil || prev.Encoding != "windows-1252" || prev.Rows[0].Title != "Café crème" {
		t.Fatalf("windows-1252: %+v %v", prev, err)
	}
	// Excel's "Unicode text": UTF-16 little-endian with a BOM, tabs.
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "title\ttext\r\nKopi ☕\tEnak\r\n" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	prev, err = csvio.PreviewFile(ctx, f.ws, u16, f.sari)
	if err != nil || prev.Encoding != "utf-16" || prev.Separator != "\t" || prev.Rows[0].Title != "Kopi ☕" {
		t.Fatalf("utf-16: %+v %v", prev, err)
	}
}

func TestDuplicateIDsAndDeletedPosts(t *testing.T) {
	f := setup(t)
	if err := f.ws.Calendar.DeletePost(ctx, f.formulaPost); err != nil {
		t.Fatal(err)
	}
	file := "id,title\n" + f.seriesID + ",A\n" + f.seriesID + ",B\n" + f.formulaPost + ",C\n"
	prev, _ := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if prev.Rows[1].Problems[0].Code != "csv.duplicate_id" || prev.Rows[1].Problems[0].Params["line"] != 2 {
		t.Fatalf("duplicate: %+v", prev.Rows[1])
	}
	if prev.Rows[2].Problems[0].Code != "post.import_deleted" {
		t.Fatalf("deleted: %+v", prev.Rows[2])
	}
}

func TestAPostFromAnotherWorkspaceKeepsItsID(t *testing.T) {
	f := setup(t)
	data := export(t, f.ws)
	other, _ := testws.Open(t)
	for _, ch := range []calendar.ChannelInput{{Network: "instagram", Handle: "@kopinus"}, {Network: "x", Handle: "@kopinus"}} {
		if _, err := other.Calendar.AddChannel(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}}); err != nil {
		t.Fatal(err)
	}
	// Sari and the campaign are not in this workspace: that row is a
	// problem; the rest import, and a second import updates, not duplicates.
	res, prev, err := csvio.Import(ctx, other, data, csvio.Options{SkipBad: true})
	if err != nil || res.Added != 2 || res.Skipped != 1 {
		t.Fatalf("first import: %+v %v %+v", res, err, prev)
	}
	res, _, err = csvio.Import(ctx, other, data, csvio.Options{SkipBad: true})
	if err != nil || res.Added != 0 || res.Unchanged != 2 {
		t.Fatalf("second import: %+v %v", res, err)
	}
	if p, err := other.Calendar.Post(ctx, f.seriesID); err != nil || p.RRule != "FREQ=WEEKLY;BYDAY=MO;COUNT=10" || p.ExDates[0] != "2027-01-11" {
		t.Fatalf("the series came over with its id, rule and skipped day: %+v %v", p, err)
	}
}

func TestColumnsLeftOutKeepTheirValues(t *testing.T) {
	f := setup(t)
	rows := parse(t, export(t, f.ws))
	var promoID string
	for _, r := range rows[1:] {
		if r[1] == "Promo kopi susu" {
			promoID = r[0]
		}
	}
	before, _ := f.ws.Calendar.Post(ctx, promoID)
	// A sheet with just the id and a new title: nothing else is touched.
	file := "id,title\n" + promoID + ",Promo kopi susu (final)\n"
	prev, _ := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if prev.Updates != 1 || prev.Rows[0].Channels[0] != "instagram:@kopinus" {
		t.Fatalf("preview: %+v", prev)
	}
	if _, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari}); err != nil {
		t.Fatal(err)
	}
	after, _ := f.ws.Calendar.Post(ctx, promoID)
	before.Title, before.UpdatedAt = after.Title, after.UpdatedAt
	if after.Title != "Promo kopi susu (final)" || !reflect.DeepEqual(before, after) {
		t.Fatalf("only the title may change:\nbefore %+v\nafter  %+v", before, after)
	}
	// An empty cell in a column that is there clears the field.
	file = "id,campaign\n" + promoID + ",\n"
	if _, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari}); err != nil {
		t.Fatal(err)
	}
	if p, _ := f.ws.Calendar.Post(ctx, promoID); p.CampaignID != "" || p.Title != "Promo kopi susu (final)" {
		t.Fatalf("clearing the campaign: %+v", p)
	}
}

// A NUL or another control character in a cell is a problem of its row (it
// was once stored and exported raw); tabs and line breaks are text. A date
// outside 1900-2199 is a problem of its row too.
func TestControlCharactersAndFarDatesAreRowProblems(t *testing.T) {
	f := setup(t)
	file := "title,text,date\n" +
		"\"Nul\x00here\",ok,2027-05-01\n" +
		"Bell,\"ding\x07\",2027-05-02\n" +
		"Tabs,\"a\tb\r\nc\",2027-05-03\n" +
		"Far,ok,9999-12-31\n" +
		"Early,ok,1899-12-31\n"
	before := lastSeq(t, f.ws)
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ code, column string }{{"csv.control_character", "title"}, {"csv.control_character", "text"}, {"", ""},
		{"post.date_out_of_range", "date"}, {"post.date_out_of_range", "date"}}
	for i, w := range want {
		var got Problem
		if len(prev.Rows[i].Problems) > 0 {
			got = Problem{prev.Rows[i].Problems[0].Code, prev.Rows[i].Problems[0].Column}
		}
		if got.code != w.code || got.column != w.column {
			t.Errorf("row %d: want %v, got %+v", prev.Rows[i].Line, w, prev.Rows[i].Problems)
		}
	}
	if _, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari}); apperr.Code(err) != "csv.rows_have_problems" {
		t.Fatalf("want a refusal, got %v", err)
	}
	if lastSeq(t, f.ws) != before {
		t.Fatal("a refused import wrote something")
	}
}

type Problem struct{ code, column string }

// A row lists every problem at once: what its cells hold (an owner nobody
// has) and what the calendar's rules say (a new post cannot start approved,
// a post needs a title), so fixing one does not uncover the next.
func TestPreviewListsEveryProblemOfARow(t *testing.T) {
	f := setup(t)
	file := "id,title,date,status,owner\n" +
		",Approved by hand,2027-06-03,approved,Budi\n" +
		",,2027-06-04,approved,\n" +
		",Baik,2027-06-05,draft,Sari\n"
	prev, err := csvio.PreviewFile(ctx, f.ws, []byte(file), f.sari)
	if err != nil {
		t.Fatal(err)
	}
	codes := func(r csvio.Row) []string {
		var out []string
		for _, p := range r.Problems {
			out = append(out, p.Column+":"+p.Code)
		}
		slices.Sort(out)
		return out
	}
	if got, want := codes(prev.Rows[0]), []string{"owner:csv.member_unknown", "status:post.import_status_new"}; !slices.Equal(got, want) {
		t.Errorf("row 2: want %v, got %v", want, got)
	}
	if got, want := codes(prev.Rows[1]), []string{"status:post.import_status_new", "title:post.title_required"}; !slices.Equal(got, want) {
		t.Errorf("row 3: want %v, got %v", want, got)
	}
	if prev.Rows[2].Action != "add" || len(prev.Rows[2].Problems) != 0 || prev.Bad != 2 || prev.Adds != 1 {
		t.Errorf("the good row: %+v (bad %d, adds %d)", prev.Rows[2], prev.Bad, prev.Adds)
	}
	// Importing the good row only writes exactly that row.
	res, _, err := csvio.Import(ctx, f.ws, []byte(file), csvio.Options{Actor: f.sari, SkipBad: true})
	if err != nil || res.Added != 1 || res.Skipped != 2 {
		t.Fatalf("import --skip-bad: %+v %v", res, err)
	}
}

// A file that is not there is reported with a reason the window can say
// in the user's language, and the file's name apart from its full path.
func TestReadFileOfAMissingFileSaysWhy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "posts.csv")
	_, err := csvio.ReadFile(path)
	e := apperr.As(err)
	if e.Code != "csv.file_unreadable" || e.Params["reason"] != apperr.ReasonNotFound || e.Params["name"] != "posts.csv" {
		t.Fatalf("%+v", e)
	}
}
