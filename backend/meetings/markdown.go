package meetings

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/mdtext"
)

// Languages of the words the Markdown export adds to the team's own text.
var Languages = []string{"en", "id"}

type mdWords struct {
	kind                                                      map[string]string
	date, duration, minutes, attendees, guests, agenda, notes string
	checkIns, wins, help, plan, nextReport, actions, previous string
	posts, campaigns, due, noDue, nobody, none                string
	status                                                    map[string]string
}

var md = map[string]mdWords{
	"en": {kind: map[string]string{KindCheckin: "Weekly check-in", KindStakeholder: "Stakeholder meeting"},
		date: "When", duration: "Length", minutes: "min", attendees: "Attendees", guests: "Guests", agenda: "Agenda",
		notes: "Notes", checkIns: "Check-ins", wins: "Wins", help: "Needs help with", plan: "Action plan",
		nextReport: "Will report next time", actions: "Action items", previous: "Action items from the last meeting",
		posts: "Posts affected", campaigns: "Campaigns affected", due: "due", noDue: "no due date", nobody: "nobody",
		none:   "None.",
		status: map[string]string{"todo": "to do", "doing": "doing", "blocked": "blocked", "done": "done"}},
	"id": {kind: map[string]string{KindCheckin: "Check-in pekanan", KindStakeholder: "Rapat pemangku kepentingan"},
		date: "Waktu", duration: "Durasi", minutes: "menit", attendees: "Peserta", guests: "Tamu", agenda: "Agenda",
		notes: "Catatan", checkIns: "Check-in", wins: "Keberhasilan", help: "Butuh bantuan", plan: "Rencana aksi",
		nextReport: "Akan dilaporkan berikutnya", actions: "Tindak lanjut", previous: "Tindak lanjut dari rapat sebelumnya",
		posts: "Postingan terdampak", campaigns: "Kampanye terdampak", due: "tenggat", noDue: "tanpa tenggat",
		nobody: "belum ada", none: "Tidak ada.",
		status: map[string]string{"todo": "akan dikerjakan", "doing": "sedang dikerjakan", "blocked": "terhambat", "done": "selesai"}},
}

// Markdown returns the notes of one meeting day as Markdown, for people
// without Postdeck. Names, titles and check-ins are escaped, so they are
// shown as written and never turn into a link, a heading or HTML. The agenda
// and the notes are Markdown already (agenda templates are), so their lists
// and headings stay, the headings moved under the section's, and raw HTML
// in them is escaped.
func (s *Service) Markdown(ctx context.Context, key, day, lang string) (string, error) {
	w, ok := md[lang]
	if lang == "" {
		w, ok = md["en"], true
	}
	if !ok {
		return "", apperr.Invalid("meeting.language_unknown", "language", "the language is en or id").With("language", lang)
	}
	d, err := s.Day(ctx, key, day)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdtext.Inline(d.Meeting.Title))
	fmt.Fprintf(&b, "%s\n\n", w.kind[d.Meeting.Kind])
	fmt.Fprintf(&b, "- %s: %s\n", w.date, mdtext.Inline(d.Date+" "+d.Occurrence.Time+" ("+d.Meeting.Zone+")"))
	fmt.Fprintf(&b, "- %s: %d %s\n", w.duration, d.Meeting.DurationMinutes, w.minutes)
	if len(d.Attendees) > 0 {
		names := make([]string, len(d.Attendees))
		for i, p := range d.Attendees {
			names[i] = mdtext.Inline(p.Name)
		}
		fmt.Fprintf(&b, "- %s: %s\n", w.attendees, strings.Join(names, ", "))
	}
	if len(d.Meeting.Guests) > 0 {
		names := make([]string, len(d.Meeting.Guests))
		for i, g := range d.Meeting.Guests {
			names[i] = mdtext.Inline(g.Name)
			if g.Role != "" {
				names[i] += " (" + mdtext.Inline(g.Role) + ")"
			}
		}
		fmt.Fprintf(&b, "- %s: %s\n", w.guests, strings.Join(names, ", "))
	}
	section := func(title, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", title, markdownBlock(text))
	}
	section(w.agenda, d.Agenda)
	section(w.notes, d.Notes)
	actions := func(title string, list []Action) {
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		if len(list) == 0 {
			b.WriteString(w.none + "\n")
			return
		}
		for _, a := range list {
			box := " "
			if a.Status == "done" {
				box = "x"
			}
			who := mdtext.Inline(a.AssigneeName)
			if who == "" {
				who = w.nobody
			}
			due := w.noDue
			if a.Due != "" {
				due = w.due + " " + mdtext.Inline(strings.TrimSpace(a.Due+" "+a.DueTime))
			}
			status := w.status[a.Status]
			if status == "" {
				status = mdtext.Inline(a.Status)
			}
			fmt.Fprintf(&b, "- [%s] %s — %s, %s, %s\n", box, mdtext.Inline(a.Title), who, due, status)
		}
	}
	if d.Previous != nil {
		actions(w.previous+" ("+d.Previous.Date+")", d.Previous.Actions)
	}
	if d.Meeting.Kind == KindCheckin || hasCheckIn(d.CheckIns) {
		fmt.Fprintf(&b, "\n## %s\n", w.checkIns)
		for _, c := range d.CheckIns {
			fmt.Fprintf(&b, "\n### %s\n\n", mdtext.Inline(c.MemberName))
			wrote := false
			for _, f := range []struct{ label, text string }{{w.wins, c.Wins}, {w.help, c.Help}, {w.plan, c.Plan}, {w.nextReport, c.NextReport}} {
				if strings.TrimSpace(f.text) == "" {
					continue
				}
				wrote = true
				fmt.Fprintf(&b, "**%s**\n\n%s\n\n", f.label, block(f.text))
			}
			if !wrote {
				b.WriteString(w.none + "\n\n")
			}
		}
	}
	actions(w.actions, d.Actions)
	linkList := func(title string, list []Link) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		for _, l := range list {
			if l.Date != "" {
				fmt.Fprintf(&b, "- %s (%s)\n", mdtext.Inline(l.Title), mdtext.Inline(l.Date))
			} else {
				fmt.Fprintf(&b, "- %s\n", mdtext.Inline(l.Title))
			}
		}
	}
	linkList(w.posts, d.Posts)
	linkList(w.campaigns, d.Campaigns)
	return strings.TrimRight(b.String(), "\n") + "\n", nil
}

func hasCheckIn(cs []CheckIn) bool {
	for _, c := range cs {
		if c.Wins+c.Help+c.Plan+c.NextReport != "" {
			return true
		}
	}
	return false
}

var atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(\s|$)`)

// markdownBlock keeps text that is Markdown already: its headings go two
// levels down (so they sit under "## Agenda"), and the characters that
// start raw HTML or an entity are escaped, so nothing the team typed can
// become markup a reader's program runs.
func markdownBlock(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		l = strings.ReplaceAll(strings.ReplaceAll(l, "<", "\\<"), "&", "\\&")
		if m := atxHeading.FindStringSubmatchIndex(l); m != nil {
			level := min(m[3]-m[2]+2, 6)
			l = strings.Repeat("#", level) + l[m[3]:]
		}
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// block escapes text of several lines, each kept as its own line (a hard
// break), with blank lines kept as paragraph breaks.
func block(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(strings.TrimSpace(s), "\n")
	var out []string
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			out = append(out, "")
			continue
		}
		l = mdtext.Line(strings.TrimLeft(l, " \t"))
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			l += "\\" // a hard line break that survives trimming tools
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// WriteMarkdown writes a meeting day's notes as Markdown to path, through a
// temp file beside it and a rename, so a reader never sees half a file.
func (s *Service) WriteMarkdown(ctx context.Context, key, day, lang, path string) error {
	text, err := s.Markdown(ctx, key, day, lang)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		return apperr.New("meeting.write_failed", "the notes could not be written").With("path", path).WithCause(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".postdeck-notes-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return nil
}
