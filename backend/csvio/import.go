package csvio

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/backup"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

// Problem is what is wrong with a file or a row. Code is an error code the
// window translates (errors.<code>) with Params; Column names the column;
// Message is the English text for the command line.
type Problem struct {
	Code    string         `json:"code"`
	Column  string         `json:"column"`
	Params  map[string]any `json:"params"`
	Message string         `json:"message"`
}

// Row is one row of the file as the import sees it.
type Row struct {
	// Line is where the row starts in the file (the header is line 1).
	Line  int    `json:"line"`
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Time  string `json:"time"`
	// Channels as the file names them.
	Channels []string `json:"channels"`
	// Action is add, update or unchanged; "" for a row with problems.
	Action string `json:"action"`
	// BackToReview is true when the row changes the text of an approved or
	// scheduled post, which sends it back to review.
	BackToReview bool      `json:"backToReview"`
	Problems     []Problem `json:"problems"`
}

// Preview is what an import of a file would do. Nothing is written to make it.
type Preview struct {
	// Encoding is utf-8, utf-8-bom, utf-16 or windows-1252.
	Encoding string `json:"encoding"`
	// Separator is ",", ";" or "\t".
	Separator string `json:"separator"`
	// Ignored are columns Postdeck does not know; their cells are left alone.
	Ignored []string `json:"ignored"`
	// Problems are problems of the whole file; with any, nothing can be imported.
	Problems  []Problem `json:"problems"`
	Rows      []Row     `json:"rows"`
	Adds      int       `json:"adds"`
	Updates   int       `json:"updates"`
	Unchanged int       `json:"unchanged"`
	// Bad counts the rows with problems.
	Bad int `json:"bad"`
}

// Result is what an import did.
type Result struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped counts rows with problems left out (only with skip bad rows).
	Skipped int `json:"skipped"`
	// Backup is the file backed up into before the import, or "".
	Backup string `json:"backup"`
}

// Options of an import.
type Options struct {
	// Actor is the member the import acts as (the owner of new posts
	// without one, and the author of their history).
	Actor string
	// SkipBad imports the good rows and leaves out the rows with problems;
	// without it any problem stops the whole import.
	SkipBad bool
	// BackupTo, when set, is a file to back the workspace up into first,
	// once the file is known to import (a refused import needs none).
	BackupTo   string
	AppVersion string
	Progress   func(backup.Progress)
	// Rows hears how many rows are written, now and then.
	Rows func(done, total int)
}

// PreviewFile checks the file and every row against the workspace and says
// what an import would do, without writing anything.
func PreviewFile(ctx context.Context, ws *core.Workspace, data []byte, actor string) (Preview, error) {
	p, _, err := plan(ctx, ws, data, actor)
	return p, err
}

// ReadFile reads a file to import, refusing one too large to be a
// spreadsheet of posts before reading it all.
func ReadFile(path string) ([]byte, error) {
	fail := func(err error) ([]byte, error) {
		return nil, apperr.New("csv.file_unreadable", "the file cannot be read").With("path", path).With("name", filepath.Base(path)).WithCause(err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return fail(err)
	}
	return data, nil
}

// Import writes the file's rows: all of them, or, with SkipBad, all rows
// without problems; never some of the good ones. A file with problems of
// its own, or rows with problems without SkipBad, is refused and nothing
// is written.
func Import(ctx context.Context, ws *core.Workspace, data []byte, opt Options) (Result, Preview, error) {
	p, batch, err := plan(ctx, ws, data, opt.Actor)
	if err != nil {
		return Result{}, p, err
	}
	if len(p.Problems) > 0 {
		pr := p.Problems[0]
		e := apperr.New(pr.Code, pr.Message)
		for k, v := range pr.Params {
			e = e.With(k, v)
		}
		return Result{}, p, e
	}
	if p.Bad > 0 && !opt.SkipBad {
		return Result{}, p, apperr.New("csv.rows_have_problems", "some rows have problems; fix them or skip them").With("count", p.Bad)
	}
	var posts []calendar.BatchPost
	var rows []int
	for i, b := range batch {
		if b != nil && len(p.Rows[i].Problems) == 0 {
			posts = append(posts, *b)
			rows = append(rows, i)
		}
	}
	if len(posts) == 0 {
		return Result{}, p, apperr.New("csv.nothing_to_import", "no row can be imported")
	}
	res := Result{Skipped: p.Bad}
	if opt.BackupTo != "" {
		sum, err := backup.Create(ctx, ws, opt.BackupTo, backup.Options{AppVersion: opt.AppVersion, Progress: opt.Progress})
		if err != nil {
			return Result{}, p, err
		}
		res.Backup = sum.Path
	}
	out, err := ws.Calendar.ApplyBatch(ctx, opt.Actor, posts, calendar.BatchOptions{Progress: opt.Rows})
	if err != nil {
		return res, p, err
	}
	for i, o := range out {
		if o.Err != nil {
			// The workspace changed since the check (a teammate's sync):
			// nothing was written.
			e := apperr.As(o.Err)
			return res, p, apperr.New("csv.row_failed", "a row could not be imported; nothing was written").
				With("line", p.Rows[rows[i]].Line).With("detail", e.Message)
		}
		switch o.Action {
		case calendar.BatchAdd:
			res.Added++
		case calendar.BatchUpdate:
			res.Updated++
		default:
			res.Unchanged++
		}
	}
	return res, p, nil
}

// plan reads the file, turns each row into a post for the calendar and has
// the calendar check them all in a write it rolls back.
func plan(ctx context.Context, ws *core.Workspace, data []byte, actor string) (Preview, []*calendar.BatchPost, error) {
	p := Preview{Ignored: []string{}, Problems: []Problem{}, Rows: []Row{}}
	fail := func(err error) (Preview, []*calendar.BatchPost, error) {
		e := apperr.As(err)
		if e.Code == apperr.CodeInternal {
			return p, nil, e
		}
		p.Problems = append(p.Problems, problemOf(e, ""))
		return p, nil, nil
	}
	if len(data) > MaxBytes {
		return fail(apperr.New("csv.too_large", "the file is too large for one import").With("max", MaxBytes>>20))
	}
	text, enc, err := decode(data)
	if err != nil {
		return fail(err)
	}
	p.Encoding = enc
	sep, err := detectSeparator(text)
	if err != nil {
		return fail(err)
	}
	p.Separator = string(sep)
	header, records, err := readRecords(text, sep)
	if err != nil {
		return fail(err)
	}
	dir, err := loadDirectory(ctx, ws)
	if err != nil {
		return p, nil, err
	}
	info, err := ws.Workspace.Info(ctx)
	if err != nil {
		return p, nil, err
	}
	loc, err := time.LoadLocation(info.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	cols, err := readHeader(header, dir, &p)
	if err != nil {
		return fail(err)
	}
	if len(records) == 0 {
		return fail(apperr.New("csv.no_rows", "the file has a header but no posts"))
	}

	batch := make([]*calendar.BatchPost, len(records))
	seen := map[string]int{}
	// Every row goes through the calendar's rules, also one whose cells
	// already have problems (checked with what could be read), so the
	// preview lists all of a row's problems at once, the same ones the
	// command line and a real import report.
	var checked []calendar.BatchPost
	var checkedRows []int
	for i, rec := range records {
		row, post := readRow(ctx, ws, rec, cols, dir, loc)
		if row.ID != "" {
			if first, dup := seen[row.ID]; dup {
				row.Problems = append(row.Problems, problemOf(apperr.Invalid("csv.duplicate_id", "id",
					"the same post is in two rows").With("line", first), "id"))
			} else {
				seen[row.ID] = row.Line
			}
		}
		p.Rows = append(p.Rows, row)
		if len(row.Problems) == 0 {
			batch[i] = post
		}
		checked = append(checked, *post)
		checkedRows = append(checkedRows, i)
	}
	if len(checked) > 0 {
		out, err := ws.Calendar.ApplyBatch(ctx, actor, checked, calendar.BatchOptions{DryRun: true})
		if err != nil {
			return p, nil, err
		}
		for j, o := range out {
			row := &p.Rows[checkedRows[j]]
			flagged := map[string]bool{}
			for _, pr := range row.Problems {
				flagged[pr.Column] = true
			}
			read := len(row.Problems) == 0
			for _, e := range calendar.Problems(o.Err) {
				// A cell that could not be read is checked as empty: its
				// column has its problem already.
				if col := columnOf(e.Field); !flagged[col] || col == "" {
					row.Problems = append(row.Problems, problemOf(e, col))
				}
			}
			if read && len(row.Problems) == 0 {
				row.Action, row.BackToReview = o.Action, o.BackToReview
			}
		}
	}
	for _, r := range p.Rows {
		switch {
		case len(r.Problems) > 0:
			p.Bad++
		case r.Action == calendar.BatchAdd:
			p.Adds++
		case r.Action == calendar.BatchUpdate:
			p.Updates++
		default:
			p.Unchanged++
		}
	}
	return p, batch, nil
}

// columns maps the file's columns to what they hold.
type columns struct {
	index    map[string]int // known column -> cell index
	variants map[string]int // channel id -> cell index of its own text
	names    []string       // header as written, for problems
}

func readHeader(header []string, dir directory, p *Preview) (columns, error) {
	cols := columns{index: map[string]int{}, variants: map[string]int{}, names: header}
	for i, h := range header {
		name := columnName(h)
		if name == "" {
			continue
		}
		if ref, ok := variantRef(name); ok {
			ch, err := dir.channel(ref)
			if err != nil {
				return cols, apperr.New("csv.variant_column_unknown", "a text column names a channel this workspace does not have").
					With("column", strings.TrimSpace(h))
			}
			if _, dup := cols.variants[ch]; dup {
				return cols, apperr.New("csv.duplicate_column", "two columns have the same name").With("column", strings.TrimSpace(h))
			}
			cols.variants[ch] = i
			continue
		}
		if !slices.Contains(Columns, name) {
			p.Ignored = append(p.Ignored, strings.TrimSpace(h))
			continue
		}
		if _, dup := cols.index[name]; dup {
			return cols, apperr.New("csv.duplicate_column", "two columns have the same name").With("column", name)
		}
		cols.index[name] = i
	}
	return cols, nil
}

// readRow turns one record into a post, collecting what is wrong with it.
// The post holds what could be read even when the row has problems, for
// the calendar's own checks; only a row without problems is imported.
// A row for an existing post starts from the post as it is: a column the
// file does not have leaves that field alone, and only an empty cell in a
// column it has clears one.
func readRow(ctx context.Context, ws *core.Workspace, rec record, cols columns, dir directory, loc *time.Location) (Row, *calendar.BatchPost) {
	cell := func(name string) (string, bool) {
		i, ok := cols.index[name]
		if !ok || i >= len(rec.cells) {
			return "", ok
		}
		return unprotect(rec.cells[i]), true
	}
	text := func(name string) string { v, _ := cell(name); return strings.TrimSpace(v) }
	row := Row{Line: rec.line, Channels: []string{}, Problems: []Problem{}}
	bad := func(err error, column string) {
		row.Problems = append(row.Problems, problemOf(apperr.As(err), column))
	}
	if len(rec.cells) > len(cols.names) && !blank(rec.cells[len(cols.names):]) {
		bad(apperr.Invalid("csv.extra_cells", "", "this row has more cells than the header has columns"), "")
	}
	for i, c := range rec.cells {
		// A NUL or another control character is no part of any text a
		// person writes: it comes from a broken export, and stored it
		// would travel on into calendar files and teammates' screens.
		if at := strings.IndexFunc(c, isControl); at >= 0 {
			column := ""
			if i < len(cols.names) {
				column = cols.names[i]
			}
			bad(apperr.Invalid("csv.control_character", column, "this cell holds a control character (such as NUL) that is not text").
				With("column", column).With("code", fmt.Sprintf("U+%04X", []rune(c[at:])[0])), column)
		}
	}

	row.ID = text("id")
	in := calendar.PostInput{Variants: map[string]string{}, Channels: []string{}, Labels: []string{}}
	if row.ID != "" {
		if cur, err := ws.Calendar.Post(ctx, row.ID); err == nil {
			in = calendar.PostInput{Title: cur.Title, Body: cur.Body, Channels: cur.Channels, Variants: cur.Variants,
				Date: cur.Date, Time: cur.Time, OwnerID: cur.OwnerID, ApproverID: cur.ApproverID, CampaignID: cur.CampaignID,
				Labels: cur.Labels, Rating: cur.Rating, Repeat: cur.Repeat}
		}
	}
	has := func(name string) bool { _, ok := cols.index[name]; return ok }
	var err error
	if has("title") {
		in.Title = text("title")
	}
	if has("text") {
		in.Body, _ = cell("text")
	}
	if has("labels") {
		in.Labels = splitList(text("labels"))
	}
	if has("rating") {
		in.Rating = strings.ToUpper(text("rating"))
	}
	if has("date") {
		if in.Date, err = parseDate(text("date")); err != nil {
			bad(err, "date")
		}
	}
	if has("time") {
		if in.Time, err = parseTime(text("time")); err != nil {
			bad(err, "time")
		}
	}
	row.Title, row.Date, row.Time = in.Title, in.Date, in.Time
	if row.Date == "" {
		row.Date = text("date")
	}
	if has("channels") {
		in.Channels = []string{}
		for _, ref := range splitList(text("channels")) {
			row.Channels = append(row.Channels, ref)
			id, err := dir.channel(ref)
			if err != nil {
				bad(err, "channels")
				continue
			}
			in.Channels = append(in.Channels, id)
		}
	} else {
		for _, c := range in.Channels {
			row.Channels = append(row.Channels, dir.channelName(c))
		}
	}
	variants := map[string]string{}
	for ch, text := range in.Variants {
		if _, inFile := cols.variants[ch]; !inFile && slices.Contains(in.Channels, ch) {
			variants[ch] = text // a channel text the file has no column for stays
		}
	}
	for ch, i := range cols.variants {
		if i < len(rec.cells) && rec.cells[i] != "" {
			variants[ch] = unprotect(rec.cells[i])
		}
	}
	in.Variants = variants
	if has("owner") {
		if in.OwnerID, err = dir.member(text("owner"), "owner"); err != nil {
			bad(err, "owner")
		}
	}
	if has("approver") {
		if in.ApproverID, err = dir.member(text("approver"), "approver"); err != nil {
			bad(err, "approver")
		}
	}
	if has("campaign") {
		if in.CampaignID, err = dir.campaign(text("campaign")); err != nil {
			bad(err, "campaign")
		}
	}
	status := calendar.Status(strings.ToLower(text("status")))
	if status != "" && !slices.Contains(calendar.Statuses, status) {
		bad(apperr.Invalid("csv.status_unknown", "status", "unknown status").With("status", text("status")), "status")
	}
	if has("rrule") {
		if in.Repeat, err = calendar.RepeatFromRule(text("rrule"), loc); err != nil {
			bad(err, "rrule")
		}
	}
	if v, ok := cell("exdates"); ok {
		in.ExDates = []string{}
		for _, d := range splitList(v) {
			day, err := parseDate(d)
			if err != nil {
				bad(err, "exdates")
				continue
			}
			in.ExDates = append(in.ExDates, day)
		}
	}
	return row, &calendar.BatchPost{ID: row.ID, Input: in, Status: status}
}

// isControl is a control character other than tab and line breaks.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

// columnOf names the column of a calendar error's field.
func columnOf(field string) string {
	switch field {
	case "body":
		return "text"
	case "variants":
		return "text"
	case "ownerId":
		return "owner"
	case "approverId":
		return "approver"
	case "campaignId":
		return "campaign"
	case "repeat":
		return "rrule"
	}
	return field
}

func problemOf(e *apperr.Error, column string) Problem {
	params := e.Params
	if params == nil {
		params = map[string]any{}
	}
	return Problem{Code: e.Code, Column: column, Params: params, Message: e.Message}
}

// String is the problem in English for the command line.
func (p Problem) String() string {
	var b strings.Builder
	if p.Column != "" {
		fmt.Fprintf(&b, "%s: ", p.Column)
	}
	b.WriteString(p.Message)
	keys := make([]string, 0, len(p.Params))
	for k := range p.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " [%s: %v]", k, p.Params[k])
	}
	return b.String()
}
