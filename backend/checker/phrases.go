package checker

import (
	"fmt"
	"strings"

	ac "github.com/coregx/ahocorasick"
)

// Kinds of phrase a pattern can come from.
const (
	kindNameRight     = iota // a name's right spelling: flagged when the case differs
	kindNameWrong            // a listed wrong variant of a name
	kindTerm                 // a discouraged term
	kindBanned               // a banned word or phrase
	kindTermPreferred        // a term's preferred form: only protects its span
)

// ref ties a pattern back to the guide entry it came from.
type ref struct {
	kind  int
	index int // into Guide.Names, Terms or Banned
}

// phraseSet matches every name, term and banned phrase of a guide in one
// pass of one Aho-Corasick automaton over the folded text, so the cost of a
// check grows with the text, not with the number of rules.
type phraseSet struct {
	g    *Guide
	auto *ac.Automaton
	refs [][]ref // per pattern id: the entries sharing that folded pattern
}

func compilePhrases(g Guide) (*phraseSet, error) {
	ps := &phraseSet{g: &g}
	ids := map[string]int{}
	var patterns [][]byte
	add := func(phrase string, r ref, what string) error {
		key := fold(strings.TrimSpace(phrase))
		if key == "" || key == " " {
			return fmt.Errorf("checker: %s has an empty phrase", what)
		}
		id, ok := ids[key]
		if !ok {
			id = len(patterns)
			ids[key] = id
			patterns = append(patterns, []byte(key))
			ps.refs = append(ps.refs, nil)
		}
		for _, have := range ps.refs[id] {
			if have == r {
				return nil
			}
		}
		ps.refs[id] = append(ps.refs[id], r)
		return nil
	}
	for i, n := range g.Names {
		if err := add(n.Right, ref{kindNameRight, i}, "name "+n.ID); err != nil {
			return nil, err
		}
		for _, w := range n.Wrong {
			if strings.TrimSpace(w) == "" {
				continue // an empty variant row in the guide: nothing to find
			}
			if err := add(w, ref{kindNameWrong, i}, "name "+n.ID); err != nil {
				return nil, err
			}
		}
	}
	for i, t := range g.Terms {
		if strings.TrimSpace(t.Preferred) != "" {
			if err := add(t.Preferred, ref{kindTermPreferred, i}, "term "+t.ID); err != nil {
				return nil, err
			}
		}
		for _, d := range t.Discouraged {
			if strings.TrimSpace(d) == "" {
				continue
			}
			if err := add(d, ref{kindTerm, i}, "term "+t.ID); err != nil {
				return nil, err
			}
		}
	}
	for i, b := range g.Banned {
		if err := add(b.Phrase, ref{kindBanned, i}, "banned phrase "+b.ID); err != nil {
			return nil, err
		}
	}
	if len(patterns) == 0 {
		return ps, nil
	}
	auto, err := ac.NewBuilder().AddPatterns(patterns).Build()
	if err != nil {
		return nil, fmt.Errorf("checker: build matcher: %w", err)
	}
	ps.auto = auto
	return ps, nil
}

// find appends a finding for every whole-word match in t.
func (ps *phraseSet) find(t *text, fs []Finding) []Finding {
	if ps.auto == nil || len(t.folded) == 0 {
		return fs
	}
	type seen struct {
		rule       string
		start, end int
	}
	var dup map[seen]bool
	// protected are the spans where a name or a preferred term is written
	// exactly right: nothing inside them is flagged ("Toko Murah Jaya" is a
	// brand, not the banned word "murah"; a wrong variant that is part of
	// the right spelling is not a mistake there).
	var protected [][2]int
	type hit struct {
		r          ref
		start, end int
	}
	var hits []hit
	for _, m := range ps.auto.FindAllOverlapping(t.folded) {
		start, end := int(t.orig[m.Start]), int(t.orig[m.End])
		if start >= end || !t.atBoundaries(start, end) || inSpans(t.urls, start, end) || inSpans(t.mentions, start, end) {
			continue
		}
		found := t.s[start:end]
		for _, r := range ps.refs[m.PatternID] {
			switch {
			case r.kind == kindNameRight && found == ps.g.Names[r.index].Right,
				r.kind == kindTermPreferred && found == ps.g.Terms[r.index].Preferred:
				protected = append(protected, [2]int{start, end})
			case r.kind != kindTermPreferred:
				hits = append(hits, hit{r, start, end})
			}
		}
	}
	for _, h := range hits {
		if insideOther(protected, h.start, h.end) {
			continue
		}
		f, ok := ps.finding(h.r, t, h.start, h.end, t.s[h.start:h.end])
		if !ok {
			continue
		}
		// A name's right spelling and a wrong variant that differs only in
		// case find the same span: report it once.
		if h.r.kind == kindNameRight || h.r.kind == kindNameWrong {
			if dup == nil {
				dup = map[seen]bool{}
			}
			k := seen{f.Rule, h.start, h.end}
			if dup[k] {
				continue
			}
			dup[k] = true
		}
		fs = append(fs, f)
	}
	return fs
}

// insideOther reports whether [start,end) lies within one of spans without
// being that span itself.
func insideOther(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if sp[0] <= start && end <= sp[1] && (sp[0] != start || sp[1] != end) {
			return true
		}
	}
	return false
}

func (ps *phraseSet) finding(r ref, t *text, start, end int, found string) (Finding, bool) {
	f := Finding{Start: start, End: end}
	switch r.kind {
	case kindNameRight, kindNameWrong:
		n := ps.g.Names[r.index]
		// The right spelling, exactly, is never flagged. Inside a hashtag a
		// name cannot have its spaces, so hashtags are left alone.
		if found == n.Right || t.inHashtag(start, end) {
			return f, false
		}
		f.Rule, f.Severity, f.Code = "name:"+n.ID, SeverityError, CodeNameSpelling
		f.Params = map[string]any{"found": found, "right": n.Right}
		f.Fix = &Fix{Replacement: n.Right}
	case kindTerm:
		tm := ps.g.Terms[r.index]
		if found == tm.Preferred || t.inHashtag(start, end) {
			return f, false
		}
		f.Rule, f.Severity, f.Code = "term:"+tm.ID, SeverityWarning, CodeTermDiscouraged
		f.Params = map[string]any{"found": found, "preferred": tm.Preferred}
		if tm.Preferred != "" {
			f.Fix = &Fix{Replacement: tm.Preferred}
		}
	case kindBanned:
		b := ps.g.Banned[r.index]
		sev := b.Severity
		if sev == "" {
			sev = SeverityError
		}
		f.Rule, f.Severity, f.Code = "banned:"+b.ID, sev, CodeBannedPhrase
		f.Params = map[string]any{"found": found, "phrase": b.Phrase, "reason": b.Reason, "replacement": b.Replacement}
		if b.Replacement != "" {
			f.Fix = &Fix{Replacement: b.Replacement}
		}
	}
	return f, true
}
