package calendar

import (
	"context"
	"strings"
	"unicode"

	"postdeck/backend/apperr"
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
	err := db.Raw(`SELECT p.id, snippet(post_search, -1, '', '', '…', 12) AS snippet
		FROM post_search JOIN posts p ON p.rowid = post_search.rowid
		WHERE post_search MATCH ? AND p.deleted_at IS NULL
		ORDER BY bm25(post_search, 5.0, 1.0, 1.0, 0.5) LIMIT ?`, match, MaxHits).Scan(&rows).Error
	if err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Hit, 0, len(rows))
	for _, r := range rows {
		p, err := getPost(db, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Hit{Post: p, Snippet: r.Snippet})
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
