// Package csvio exports the content calendar's posts as CSV and imports
// them back from spreadsheets (Excel, Google Sheets, LibreOffice): UTF-8 with
// a header row, a BOM or none, commas, semicolons or tabs. An import is
// checked row by row before anything is written, then written all at once
// or not at all. The columns are documented in docs/CSV.md.
package csvio

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

// Columns in the order an export writes them. A per-channel text follows
// "text" as "text [network:handle]" (see variantColumn).
var Columns = []string{"id", "title", "date", "time", "status", "channels", "text",
	"owner", "approver", "campaign", "labels", "rating", "rrule", "exdates"}

// bom makes Excel read the file as UTF-8; every spreadsheet ignores it.
const bom = "\ufeff"

// variantColumn is the name of the column with a channel's own text.
func variantColumn(channel string) string { return "text [" + channel + "]" }

// Export writes every live post of the workspace as CSV to w and returns
// how many posts it wrote.
func Export(ctx context.Context, ws *core.Workspace, w io.Writer) (int, error) {
	dir, err := loadDirectory(ctx, ws)
	if err != nil {
		return 0, err
	}
	posts, err := ws.Calendar.Posts(ctx, calendar.Filter{})
	if err != nil {
		return 0, err
	}
	// A column for each channel that has its own text on some post, in
	// the channel list's order.
	var variantChannels []string
	for _, c := range dir.channels {
		for _, p := range posts {
			if _, ok := p.Variants[c.ID]; ok {
				variantChannels = append(variantChannels, c.ID)
				break
			}
		}
	}
	header := slices.Clone(Columns)
	at := slices.Index(header, "text") + 1
	extra := make([]string, len(variantChannels))
	for i, c := range variantChannels {
		extra[i] = variantColumn(dir.channelName(c))
	}
	header = slices.Insert(header, at, extra...)

	if _, err := io.WriteString(w, bom); err != nil {
		return 0, apperr.Internal(err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, and what Excel writes
	if err := cw.Write(header); err != nil {
		return 0, apperr.Internal(err)
	}
	for _, p := range posts {
		channels := make([]string, len(p.Channels))
		for i, c := range p.Channels {
			channels[i] = dir.channelName(c)
		}
		row := []string{p.ID, p.Title, p.Date, p.Time, string(p.Status), strings.Join(channels, ", "), p.Body}
		for _, c := range variantChannels {
			row = append(row, p.Variants[c])
		}
		row = append(row, dir.memberName(p.OwnerID), dir.memberName(p.ApproverID), dir.campaignName(p.CampaignID),
			strings.Join(p.Labels, ", "), p.Rating, p.RRule, strings.Join(p.ExDates, ", "))
		for i := range row {
			row[i] = protect(row[i])
		}
		if err := cw.Write(row); err != nil {
			return 0, apperr.Internal(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, apperr.Internal(err)
	}
	return len(posts), nil
}

// ExportFile writes the export to the file at path, atomically: a temp
// file in the same folder, fsync, rename, so a spreadsheet open on the old
// file never sees half of the new one.
func ExportFile(ctx context.Context, ws *core.Workspace, path string) (int, error) {
	var buf bytes.Buffer
	n, err := Export(ctx, ws, &buf)
	if err != nil {
		return 0, err
	}
	fail := func(err error) (int, error) {
		return 0, apperr.New("csv.file_unwritable", "the file cannot be written").With("path", path).With("name", filepath.Base(path)).WithCause(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".postdeck-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(buf.Bytes())
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fail(err)
	}
	return n, nil
}
