package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"postdeck/backend/apperr"
)

// Limits on an import, so a wrong file (a video, a database dump) is
// refused quickly instead of filling the preview.
const (
	MaxBytes = 20 << 20
	MaxRows  = 20_000
)

// Encodings a file can come in.
const (
	EncUTF8        = "utf-8"
	EncUTF8BOM     = "utf-8-bom"
	EncUTF16       = "utf-16"
	EncWindows1252 = "windows-1252"
)

// decode turns the file into text. UTF-8 is the format; a BOM (Excel's
// "CSV UTF-8") is taken off; UTF-16 with a BOM is Excel's "Unicode text";
// anything else that is not UTF-8 is read as Windows-1252, what Excel's
// plain "CSV" writes on Western Windows, and the preview says so.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte(bom)):
		data = data[len(bom):]
		if !utf8.Valid(data) {
			return "", "", apperr.New("csv.not_utf8", "the file says it is UTF-8 but is not")
		}
		return string(data), EncUTF8BOM, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(text) {
			return "", "", apperr.New("csv.not_utf8", "the file is not readable text")
		}
		return strings.TrimPrefix(string(text), bom), EncUTF16, nil
	case utf8.Valid(data):
		return string(data), EncUTF8, nil
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", apperr.New("csv.not_utf8", "the file is not readable text")
	}
	return string(text), EncWindows1252, nil
}

// separators a spreadsheet may use: Excel in most of Europe and in
// Indonesia writes semicolons, "Unicode text" tabs.
var separators = []rune{',', ';', '\t'}

// detectSeparator picks the separator that splits the header row into the
// most known column names ("title" or "id" must be one of them).
func detectSeparator(text string) (rune, error) {
	best, bestKnown := rune(0), 0
	for _, sep := range separators {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = sep
		r.FieldsPerRecord = -1
		header, err := r.Read()
		if err != nil {
			continue
		}
		known, hasTitle := 0, false
		for _, h := range header {
			name := columnName(h)
			if name == "title" || name == "id" {
				hasTitle = true
			}
			if isColumn(name) {
				known++
			}
		}
		if hasTitle && known > bestKnown {
			best, bestKnown = sep, known
		}
	}
	if best == 0 {
		return 0, apperr.New("csv.no_title_column", "the first row must name the columns, with a title column (or id, to change existing posts)")
	}
	return best, nil
}

// columnName is a header cell as a column name.
func columnName(h string) string {
	return strings.ToLower(strings.TrimSpace(unprotect(strings.TrimPrefix(h, bom))))
}

func isColumn(name string) bool {
	for _, c := range Columns {
		if c == name {
			return true
		}
	}
	_, ok := variantRef(name)
	return ok
}

// variantRef reads the channel out of a "text [channel]" column name.
func variantRef(name string) (string, bool) {
	if !strings.HasPrefix(name, "text [") || !strings.HasSuffix(name, "]") {
		return "", false
	}
	ref := strings.TrimSpace(name[len("text [") : len(name)-1])
	return ref, ref != ""
}

// record is one row of the file with the line it starts on.
type record struct {
	line  int
	cells []string
}

// readRecords reads every row after the header.
func readRecords(text string, sep rune) ([]string, []record, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, malformed(err)
	}
	var out []record
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, malformed(err)
		}
		if blank(cells) {
			continue // spreadsheets leave rows of empty cells at the end
		}
		if len(out) == MaxRows {
			return nil, nil, apperr.New("csv.too_many_rows", "too many rows for one import").With("max", MaxRows)
		}
		line, _ := r.FieldPos(0)
		out = append(out, record{line: line, cells: cells})
	}
	return header, out, nil
}

func malformed(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return apperr.New("csv.malformed", "the file is not valid CSV").With("line", pe.Line).Wrap(err)
	}
	return apperr.New("csv.malformed", "the file is not valid CSV").With("line", 1).Wrap(err)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
