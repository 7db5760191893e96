package playbooks

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"postdeck/backend/apperr"
)

// Playbook is a process guide: how the team handles one kind of situation,
// with the checklist a run of it starts from. Guideline marks the rules for
// anyone who speaks for the company, exported in a section of their own.
type Playbook struct {
	ID         string   `json:"id"`
	Key        string   `json:"builtInKey"`
	Title      string   `json:"title"`
	Lang       string   `json:"lang"`
	Body       string   `json:"body"` // Markdown
	Checklist  []string `json:"checklist"`
	Roles      []string `json:"roles"`
	OwnerRole  string   `json:"ownerRole"`
	OwnerID    string   `json:"ownerId"`
	ReviewDays int      `json:"reviewDays"`
	// ReviewedOn is the day it was last reviewed (YYYY-MM-DD; its creation
	// day until then) and DueOn the day the next review is due.
	ReviewedOn string `json:"reviewedOn"`
	DueOn      string `json:"dueOn"`
	Guideline  bool   `json:"guideline"`
}

// PlaybookInput is what the user enters for a playbook.
type PlaybookInput struct {
	Title      string   `json:"title"`
	Lang       string   `json:"lang"`
	Body       string   `json:"body"`
	Checklist  []string `json:"checklist"`
	Roles      []string `json:"roles"`
	OwnerRole  string   `json:"ownerRole"`
	OwnerID    string   `json:"ownerId"`
	ReviewDays int      `json:"reviewDays"`
	Guideline  bool     `json:"guideline"`
}

// Limits on playbooks.
const (
	maxBodyRunes   = 20_000 // what a task's description holds, since a run copies it there
	maxReviewDays  = 3650
	defaultReview  = 180
	maxItemRunes   = 500
	maxPlaybookTag = 50
)

//go:embed builtin
var builtinFS embed.FS

// BuiltIn returns the built-in playbooks of a language (en or id), in the
// order they are shown.
func BuiltIn(lang string) ([]PlaybookInput, []string, error) {
	if lang != "id" {
		lang = "en"
	}
	dir := path.Join("builtin", lang)
	entries, err := fs.ReadDir(builtinFS, dir)
	if err != nil {
		return nil, nil, err
	}
	var out []PlaybookInput
	var keys []string
	for _, e := range entries {
		raw, err := fs.ReadFile(builtinFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, err
		}
		pb, key, err := parseBuiltin(string(raw))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		pb.Lang = lang
		out = append(out, pb)
		keys = append(keys, key)
	}
	return out, keys, nil
}

// parseBuiltin reads a built-in playbook: a front matter of "key: value"
// lines between "---" lines, a "# Title" line, and the Markdown body whose
// "- [ ] " lines are the checklist.
func parseBuiltin(src string) (PlaybookInput, string, error) {
	var pb PlaybookInput
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		return pb, "", fmt.Errorf("no front matter")
	}
	front, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return pb, "", fmt.Errorf("front matter not closed")
	}
	var key string
	for _, line := range strings.Split(front, "\n") {
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "key":
			key = v
		case "owner_role":
			pb.OwnerRole = v
		case "review_days":
			n, err := strconv.Atoi(v)
			if err != nil {
				return pb, "", fmt.Errorf("review_days: %w", err)
			}
			pb.ReviewDays = n
		case "roles":
			for _, r := range strings.Split(v, ",") {
				pb.Roles = append(pb.Roles, strings.TrimSpace(r))
			}
		case "guideline":
			pb.Guideline = v == "true"
		}
	}
	body = strings.TrimLeft(body, "\n")
	title, body, _ := strings.Cut(body, "\n")
	pb.Title = strings.TrimSpace(strings.TrimPrefix(title, "# "))
	pb.Body = strings.TrimSpace(body) + "\n"
	pb.Checklist = ChecklistOf(pb.Body)
	if key == "" || pb.Title == "" || len(pb.Checklist) == 0 {
		return pb, "", fmt.Errorf("needs a key, a title and a checklist")
	}
	return pb, key, nil
}

// ChecklistOf returns the items of the Markdown task list ("- [ ] item")
// in a playbook's text, which is where its checklist is written.
func ChecklistOf(body string) []string {
	out := []string{}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		for _, p := range []string{"- [ ] ", "* [ ] ", "- [x] ", "- [X] "} {
			if item, ok := strings.CutPrefix(line, p); ok && strings.TrimSpace(item) != "" {
				out = append(out, strings.TrimSpace(item))
				break
			}
		}
	}
	return out
}

// checkPlaybook validates a playbook's input and returns it tidied. When
// the checklist is left empty it is read from the text's task list.
func checkPlaybook(in PlaybookInput) (PlaybookInput, error) {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" {
		return in, apperr.Invalid("playbook.title_required", "title", "a playbook needs a title")
	}
	if len([]rune(in.Title)) > maxNameRunes {
		return in, apperr.Invalid("playbook.title_too_long", "title", "the title is too long").With("max", maxNameRunes)
	}
	if in.Lang == "" {
		in.Lang = "en"
	}
	if in.Lang != "en" && in.Lang != "id" {
		return in, apperr.Invalid("playbook.lang_invalid", "lang", "the language is en or id").With("language", in.Lang)
	}
	if len([]rune(in.Body)) > maxBodyRunes {
		return in, apperr.Invalid("playbook.text_too_long", "body", "the text is too long").With("max", maxBodyRunes)
	}
	if in.ReviewDays == 0 {
		in.ReviewDays = defaultReview
	}
	if in.ReviewDays < 1 || in.ReviewDays > maxReviewDays {
		return in, apperr.Invalid("playbook.review_invalid", "reviewDays", "review every 1 to 3650 days").With("max", maxReviewDays)
	}
	items := []string{}
	for _, it := range in.Checklist {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		items = ChecklistOf(in.Body)
	}
	if len(items) > maxChecklist {
		return in, apperr.Invalid("playbook.checklist_too_long", "checklist", "too many checklist items").With("max", maxChecklist)
	}
	for _, it := range items {
		if len([]rune(it)) > maxItemRunes {
			return in, apperr.Invalid("playbook.item_too_long", "checklist", "a checklist item is too long").With("max", maxItemRunes)
		}
	}
	in.Checklist = items
	roles := []string{}
	for _, r := range in.Roles {
		if r = strings.TrimSpace(r); r != "" && len(roles) < maxPlaybookTag {
			roles = append(roles, r)
		}
	}
	in.Roles = roles
	return in, nil
}

// DueOn is the day a playbook reviewed on reviewedOn is due again.
func DueOn(reviewedOn string, days int) string {
	t, err := time.Parse("2006-01-02", reviewedOn)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

// DueForReview returns the playbooks whose review is due on or before
// today, the longest overdue first.
func DueForReview(all []Playbook, today string) []Playbook {
	out := []Playbook{}
	for _, p := range all {
		if p.DueOn != "" && p.DueOn <= today {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DueOn < out[j].DueOn })
	return out
}
