package calendar

import (
	"context"
	"strings"
	"unicode"

	"postdeck/backend/apperr"
	"postdeck/backend/workspace"
)

// Hit is a post found by a search.
type Hit struct {
	Post    Post   `json:"post"`
	Snippet string `json:"snippet"`
}

// MaxHits bounds one search's answer; the palette shows a handful anyway.
const MaxHits = 20

// Search finds posts by words of their title, text, channel texts or
// comments. Every word must match, as a prefix ("prom" finds "promo").
func (s *Service) Search(ctx context.Context, query string) ([]Hit, error) {
	match := ftsQuery(query)
	if match == "" {
		return []Hit{}, nil
	}
	var rows []struct{ ID, Snippet string }
	db := s.st.DB().WithContext(ctx)
	// Newest posts first: FTS5 walks its index backwards by rowid and stops
	// after MaxHits, instead of ranking every match of a common word.
	// Deleted posts are not in the index (the triggers take them out).
	err := db.Raw(`SELECT p.id, h.snippet FROM (
			SELECT rowid, snippet(post_search, -1, '', '', '…', 12) AS snippet
			FROM post_search WHERE post_search MATCH ? ORDER BY rowid DESC LIMIT ?) h
		JOIN posts p ON p.rowid = h.rowid ORDER BY h.rowid DESC`, match, MaxHits).Scan(&rows).Error
	if err != nil {
		return nil, apperr.Internal(err)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var posts []postRow
	if err := db.Raw("SELECT "+postColumns+" FROM posts WHERE id IN ?", ids).Scan(&posts).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	loc := workspace.ZoneIn(db)
	loaded := make([]Post, len(posts))
	for i, r := range posts {
		loaded[i] = r.toPost(loc)
	}
	if err := loadVariantsOf(db, loaded); err != nil {
		return nil, apperr.Internal(err)
	}
	byID := map[string]*Post{}
	for i := range loaded {
		byID[loaded[i].ID] = &loaded[i]
	}
	out := make([]Hit, 0, len(rows))
	for _, r := range rows {
		if p := byID[r.ID]; p != nil {
			out = append(out, Hit{Post: *p, Snippet: r.Snippet})
		}
	}
	return out, nil
}

// ftsQuery turns what a person typed into an FTS5 query of quoted prefix
// terms, so quotes, stars or operators typed by a user are just text.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	var terms []string
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
		if len(terms) == 8 {
			break
		}
	}
	return strings.Join(terms, " ")
}
