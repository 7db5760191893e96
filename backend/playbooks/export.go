package playbooks

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/mdtext"
)

// Export formats.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
)

// ExportInfo is what a training guide says besides the playbooks: the
// workspace's name, the day it was made, and the names of roles and
// members in the guide's language.
type ExportInfo struct {
	Lang      string
	Workspace string
	Today     string
	RoleNames map[string]string
	Members   map[string]string
}

// words are the guide's own words per language.
var words = map[string]map[string]string{
	"en": {
		"title": "Training guide: how we work on social media", "contents": "Contents",
		"intro":      "Our process playbooks and the guidelines for anyone who speaks for the company. Read them when you join the team, and use them when you cover for a colleague.",
		"guidelines": "Guidelines", "processes": "Process playbooks", "owner": "Owner", "review": "Reviewed every %d days",
		"next": "next review", "roles": "Roles involved", "made": "Made on %s", "none": "No playbooks yet.",
	},
	"id": {
		"title": "Panduan pelatihan: cara kami bekerja di media sosial", "contents": "Daftar isi",
		"intro":      "Panduan proses kami dan pedoman bagi siapa pun yang berbicara atas nama perusahaan. Baca saat Anda bergabung dengan tim, dan gunakan saat menggantikan rekan.",
		"guidelines": "Pedoman", "processes": "Panduan proses", "owner": "Pemilik", "review": "Ditinjau setiap %d hari",
		"next": "tinjauan berikutnya", "roles": "Peran yang terlibat", "made": "Dibuat pada %s", "none": "Belum ada panduan.",
	},
}

// ExportLang checks a guide language: en or id.
func ExportLang(lang string) error {
	if _, ok := words[lang]; !ok {
		return apperr.Invalid("playbook.lang_invalid", "lang", "the language is en or id").With("language", lang)
	}
	return nil
}

// Markdown writes the playbooks of one language as one Markdown document:
// the guidelines first, then each process, each under its own heading with
// owner, review interval and roles.
func Markdown(pbs []Playbook, info ExportInfo) ([]byte, error) {
	return guide(pbs, info, false)
}

// guide writes the Markdown guide; forHTML turns every "<" of the
// playbooks' texts into an entity, so HTML a teammate typed shows as text
// on the page instead of being dropped or run.
func guide(pbs []Playbook, info ExportInfo, forHTML bool) ([]byte, error) {
	if err := ExportLang(info.Lang); err != nil {
		return nil, err
	}
	w := words[info.Lang]
	var b strings.Builder
	title := w["title"]
	if info.Workspace != "" {
		title += " · " + info.Workspace
	}
	fmt.Fprintf(&b, "# %s\n\n%s\n\n_%s_\n\n", mdtext.Inline(title), w["intro"], fmt.Sprintf(w["made"], info.Today))
	var guides, procs []Playbook
	for _, p := range pbs {
		if p.Lang != info.Lang {
			continue
		}
		if p.Guideline {
			guides = append(guides, p)
		} else {
			procs = append(procs, p)
		}
	}
	if len(guides)+len(procs) == 0 {
		b.WriteString(w["none"] + "\n")
		return []byte(b.String()), nil
	}
	b.WriteString("## " + w["contents"] + "\n\n")
	for _, p := range append(append([]Playbook{}, guides...), procs...) {
		fmt.Fprintf(&b, "- %s\n", mdtext.Inline(p.Title))
	}
	b.WriteString("\n")
	for _, group := range []struct {
		head string
		list []Playbook
	}{{w["guidelines"], guides}, {w["processes"], procs}} {
		if len(group.list) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s\n\n", group.head)
		for _, p := range group.list {
			fmt.Fprintf(&b, "### %s\n\n", mdtext.Inline(p.Title))
			meta := []string{}
			if owner := info.Members[p.OwnerID]; owner != "" {
				meta = append(meta, w["owner"]+": "+mdtext.Inline(owner))
			} else if role := info.RoleNames[p.OwnerRole]; role != "" {
				meta = append(meta, w["owner"]+": "+mdtext.Inline(role))
			}
			review := fmt.Sprintf(w["review"], p.ReviewDays)
			if p.DueOn != "" {
				review += " (" + w["next"] + ": " + p.DueOn + ")"
			}
			meta = append(meta, review)
			fmt.Fprintf(&b, "_%s_\n\n", strings.Join(meta, " · "))
			if len(p.Roles) > 0 && !strings.Contains(p.Body, "## ") {
				names := make([]string, 0, len(p.Roles))
				for _, r := range p.Roles {
					names = append(names, mdtext.Inline(nameOr(info.RoleNames[r], r)))
				}
				fmt.Fprintf(&b, "%s: %s\n\n", w["roles"], strings.Join(names, ", "))
			}
			body := demote(strings.TrimSpace(p.Body), 2)
			if forHTML {
				body = strings.ReplaceAll(body, "<", "&lt;")
			}
			b.WriteString(body)
			b.WriteString("\n\n")
			if len(ChecklistOf(p.Body)) == 0 && len(p.Checklist) > 0 {
				for _, it := range p.Checklist {
					fmt.Fprintf(&b, "- [ ] %s\n", mdtext.Inline(it))
				}
				b.WriteString("\n")
			}
		}
	}
	return []byte(b.String()), nil
}

// HTML writes the same guide as one standalone page with its styles
// inline. The Markdown is rendered without raw HTML (goldmark's default
// drops it), so every text a teammate wrote reaches the page escaped.
func HTML(pbs []Playbook, info ExportInfo) ([]byte, error) {
	src, err := guide(pbs, info, true)
	if err != nil {
		return nil, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	var body bytes.Buffer
	if err := md.Convert(src, &body); err != nil {
		return nil, apperr.Internal(err)
	}
	title := words[info.Lang]["title"]
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4 { font-size: 1rem; margin-bottom: .3rem; }
blockquote { margin: 0; padding: .2rem 1rem; border-left: 4px solid #d0d7de; color: #57606a; }
li:has(> input[type=checkbox]) { list-style: none; margin-left: -1.3rem; }
em { color: #57606a; }
@media print { body { margin: 0; } h2, h3 { break-after: avoid; } }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } em, blockquote { color: #9198a1; } }
</style>
</head>
<body>
`, html.EscapeString(info.Lang), html.EscapeString(title))
	b.Write(body.Bytes())
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

var headingRe = regexp.MustCompile(`(?m)^(#{1,5}) `)

// demote moves a playbook's own headings down by n levels, below the
// guide's headings.
func demote(md string, n int) string {
	return headingRe.ReplaceAllString(md, strings.Repeat("#", n)+"$1 ")
}

func nameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}
