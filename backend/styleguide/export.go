package styleguide

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/mdtext"
	"postdeck/backend/networks"
)

// Export formats.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatJSON     = "json"
)

// FileFormat names the JSON export, so an import can tell it from any file.
const FileFormat = "postdeck-style-guide"

// FileVersion is the version of the JSON export this build writes and reads.
const FileVersion = 1

// File is the JSON export: every section, each entry with the fields its
// section uses.
type File struct {
	Format   string                       `json:"format"`
	Version  int                          `json:"version"`
	Sections map[Section][]map[string]any `json:"sections"`
}

// docItem is one entry as people read it: a line, and details under it.
type docItem struct {
	Line    string
	Details []string
	Color   string // a swatch, for colours
	// Image is a logo as a data: URL, so the HTML page needs no other file.
	Image template.URL
}

// maxInlineLogo bounds a logo put inside the HTML page; a larger one is
// named, not embedded.
const maxInlineLogo = 1 << 20

type docSection struct {
	Title string
	Items []docItem
}

type doc struct {
	Lang, Title, Intro string
	Sections           []docSection
}

// Export renders the guide as Markdown, HTML or JSON, with the words of
// lang ("en" or "id") in Markdown and HTML.
func (s *Service) Export(ctx context.Context, format, lang string) ([]byte, error) {
	entries, err := s.Entries(ctx)
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatJSON:
		return exportJSON(entries)
	case FormatMarkdown, FormatHTML:
		d, err := s.document(ctx, entries, lang)
		if err != nil {
			return nil, err
		}
		if format == FormatMarkdown {
			return renderMarkdown(d), nil
		}
		return renderHTML(d)
	}
	return nil, apperr.Invalid("styleguide.format_unknown", "format", "the format is md, html or json").With("format", format)
}

// ExportTo writes the export to path through a temp file renamed into
// place, so a full disk never leaves half a guide under that name.
func (s *Service) ExportTo(ctx context.Context, format, lang, path string) error {
	data, err := s.Export(ctx, format, lang)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".postdeck-guide-*")
	if err != nil {
		return apperr.New("styleguide.export_failed", "the style guide could not be written there").With("path", path).WithCause(err)
	}
	defer os.Remove(tmp.Name())
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return apperr.New("styleguide.export_failed", "the style guide could not be written there").With("path", path).WithCause(err)
	}
	return nil
}

// fileEntry is an entry as the JSON export holds it: its id and the fields
// of its section.
func fileEntry(e Entry) map[string]any {
	raw, _ := json.Marshal(e)
	var all map[string]any
	_ = json.Unmarshal(raw, &all)
	out := map[string]any{"id": e.ID}
	for _, f := range fieldsOf[e.Section] {
		out[f] = all[f]
	}
	return out
}

func exportJSON(entries []Entry) ([]byte, error) {
	f := File{Format: FileFormat, Version: FileVersion, Sections: map[Section][]map[string]any{}}
	for _, sec := range Sections {
		f.Sections[sec] = []map[string]any{}
	}
	for _, e := range entries {
		f.Sections[e.Section] = append(f.Sections[e.Section], fileEntry(e))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, apperr.Internal(err)
	}
	return buf.Bytes(), nil
}

// document turns the entries into what a reader sees, in lang's words.
func (s *Service) document(ctx context.Context, entries []Entry, lang string) (doc, error) {
	if lang != "id" {
		lang = "en"
	}
	w := func(k string) string { return word(lang, k) }
	db := s.st.DB().WithContext(ctx)
	var wsName string
	_ = db.Raw("SELECT name FROM workspace WHERE deleted_at IS NULL LIMIT 1").Scan(&wsName).Error
	names := map[string]string{}
	var refs []struct{ ID, Name string }
	if err := db.Raw(`SELECT id, network || ' ' || handle AS name FROM channels UNION ALL SELECT id, name FROM campaigns`).Scan(&refs).Error; err != nil {
		return doc{}, apperr.Internal(err)
	}
	for _, r := range refs {
		names[r.ID] = r.Name
	}
	ref := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	network := func(id string) string {
		if id == "" {
			return w("allNetworks")
		}
		if n, ok := networks.Get(id); ok {
			return n.Name
		}
		return id
	}
	d := doc{Lang: lang, Title: w("title"), Intro: fmt.Sprintf(w("intro"), wsName, s.now().UTC().Format("2006-01-02"))}
	for _, sec := range Sections {
		ds := docSection{Title: w(string(sec))}
		for _, e := range entries {
			if e.Section != sec {
				continue
			}
			var it docItem
			switch sec {
			case Names:
				it.Line = w("right") + ": " + e.Text
				if len(e.Variants) > 0 {
					it.Line += " (" + w("wrong") + ": " + strings.Join(e.Variants, ", ") + ")"
				}
			case Terms:
				it.Line = w("preferred") + ": " + e.Text
				if len(e.Variants) > 0 {
					it.Line += " (" + w("discouraged") + ": " + strings.Join(e.Variants, ", ") + ")"
				}
			case Tone:
				scope := w("overall")
				if e.Network != "" {
					scope = network(e.Network)
				}
				it.Line = scope + ": " + w(e.Tone)
				if e.Guidance != "" {
					it.Details = append(it.Details, w("guidance")+": "+e.Guidance)
				}
				for _, g := range e.Good {
					it.Details = append(it.Details, w("good")+": "+g)
				}
				for _, b := range e.Bad {
					it.Details = append(it.Details, w("bad")+": "+b)
				}
			case Rating:
				scope := w("workspace")
				if e.ChannelID != "" {
					scope = w("channel") + " " + ref(e.ChannelID)
				}
				it.Line = scope + ": " + e.Rating
			case Branding:
				it.Line = w(e.Kind) + ": " + e.Text
				if e.Kind == "colour" {
					it.Line += " " + e.Color
					it.Color = e.Color
				}
				if e.Kind == "logo" {
					it.Line = w("logo") + ": " + e.FileName
					it.Image = s.inlineLogo(e)
				}
			case Hashtags:
				switch e.Kind {
				case "required":
					it.Line = w("required") + ": " + e.Text
					if e.ChannelID != "" {
						it.Line += " (" + w("channel") + " " + ref(e.ChannelID) + ")"
					}
					if e.CampaignID != "" {
						it.Line += " (" + w("campaign") + " " + ref(e.CampaignID) + ")"
					}
				case "banned":
					it.Line = w("bannedTag") + ": " + e.Text
					if e.Reason != "" {
						it.Details = append(it.Details, w("reason")+": "+e.Reason)
					}
				case "limit":
					it.Line = fmt.Sprintf(w("limit"), e.Max, network(e.Network))
				}
			case Banned:
				it.Line = e.Text + " (" + w(e.Severity) + ")"
				if e.Replacement != "" {
					it.Details = append(it.Details, w("replacement")+": "+e.Replacement)
				}
				if e.Reason != "" {
					it.Details = append(it.Details, w("reason")+": "+e.Reason)
				}
			case Emoji:
				policy := w(e.Mode)
				if e.Mode == "max" {
					policy = fmt.Sprintf(w("max"), e.Max)
				}
				it.Line = network(e.Network) + ": " + policy
			case Disclosures:
				it.Line = w(e.Label) + ": " + w("oneOf") + " " + strings.Join(e.Variants, ", ")
			case Usage:
				it.Line = w(e.Kind) + ": " + e.Text
			}
			ds.Items = append(ds.Items, it)
		}
		d.Sections = append(d.Sections, ds)
	}
	return d, nil
}

// inlineLogo returns a logo's file as a data: URL, or "" when it is not
// here, too large, or not one of the image types every browser shows. Only
// the checked type and base64 text go into the URL, so it cannot carry
// markup; an SVG in an <img> runs no scripts.
func (s *Service) inlineLogo(e Entry) template.URL {
	switch e.Mime {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml":
	default:
		return ""
	}
	if s.blobs == nil || e.Size > maxInlineLogo {
		return ""
	}
	data, err := s.blobs.Get(e.SHA256)
	if err != nil || len(data) > maxInlineLogo {
		return ""
	}
	return template.URL("data:" + e.Mime + ";base64," + base64.StdEncoding.EncodeToString(data))
}

func renderMarkdown(d doc) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n", mdtext.Inline(d.Title), mdtext.Inline(d.Intro))
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", mdtext.Inline(s.Title))
		if len(s.Items) == 0 {
			fmt.Fprintf(&b, "%s\n", mdtext.Inline(word(d.Lang, "empty")))
			continue
		}
		for _, it := range s.Items {
			fmt.Fprintf(&b, "- %s\n", mdtext.Inline(it.Line))
			for _, det := range it.Details {
				fmt.Fprintf(&b, "  - %s\n", mdtext.Inline(det))
			}
		}
	}
	return []byte(b.String())
}

// page is the standalone HTML export: inline CSS, no scripts, no outside
// files. html/template escapes every text it puts in.
var page = template.Must(template.New("guide").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2328;background:#fff}
h1{font-size:1.8rem;margin-bottom:.25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.intro{color:#59636e}ul{padding-left:1.25rem}li{margin:.35rem 0}li ul{margin:.15rem 0;color:#444}
.swatch{display:inline-block;width:1em;height:1em;border:1px solid #888;border-radius:3px;vertical-align:middle;margin-right:.4em}
.empty{color:#8c959f;font-style:italic}.logo{display:block;max-height:4rem;max-width:12rem;margin:.25rem 0}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}.intro,li ul{color:#9198a1}h2{border-color:#30363d}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="intro">{{.Intro}}</p>
{{range .Sections}}<h2>{{.Title}}</h2>
{{if .Items}}<ul>
{{range .Items}}<li>{{if .Image}}<img class="logo" src="{{.Image}}" alt="">{{end}}{{if .Color}}<span class="swatch" style="background:{{.Color}}"></span>{{end}}{{.Line}}{{if .Details}}<ul>{{range .Details}}<li>{{.}}</li>{{end}}</ul>{{end}}</li>
{{end}}</ul>
{{else}}<p class="empty">{{$.Empty}}</p>
{{end}}{{end}}</body>
</html>
`))

func renderHTML(d doc) ([]byte, error) {
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		doc
		Empty string
	}{d, word(d.Lang, "empty")})
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return buf.Bytes(), nil
}
