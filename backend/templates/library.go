package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
)

// LibraryTable is the synced table of the library of approved content.
const LibraryTable = "library_items"

// LibraryFile is an attachment kept in the library: a reference to the
// file in the blob store, not a copy.
type LibraryFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Mime   string `json:"mime"`
}

// LibraryItem is approved content kept for reuse.
type LibraryItem struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	// Variants are the channel texts that differ from Body, by channel id.
	Variants     map[string]string `json:"variants"`
	Attachments  []LibraryFile     `json:"attachments"`
	Channels     []string          `json:"channels"`
	Labels       []string          `json:"labels"`
	SourcePostID string            `json:"sourcePostId"`
	// LastUsedAt is when the item last became a new draft ("" never).
	LastUsedAt string `json:"lastUsedAt"`
	UseCount   int64  `json:"useCount"`
	CreatedAt  string `json:"createdAt"`
}

type libraryRow struct {
	ID, Title, Body, Variants, Attachments, Channels, Labels, SourcePostID string
	LastUsedAt, UseCount, CreatedAt                                        int64
}

const libraryColumns = `id, title, body, variants, attachments, channels, labels, source_post_id, last_used_at, use_count, created_at`

func (r libraryRow) item() LibraryItem {
	it := LibraryItem{ID: r.ID, Title: r.Title, Body: r.Body, Variants: map[string]string{}, Attachments: []LibraryFile{},
		Channels: conv.Strings(r.Channels), Labels: conv.Strings(r.Labels), SourcePostID: r.SourcePostID,
		LastUsedAt: conv.ISOTime(r.LastUsedAt), UseCount: r.UseCount, CreatedAt: conv.ISOTime(r.CreatedAt)}
	_ = json.Unmarshal([]byte(r.Variants), &it.Variants)
	_ = json.Unmarshal([]byte(r.Attachments), &it.Attachments)
	if it.Variants == nil {
		it.Variants = map[string]string{}
	}
	if it.Attachments == nil {
		it.Attachments = []LibraryFile{}
	}
	return it
}

// libraryID derives an item's id from its post, so adding a post again
// (or on two devices at once) keeps one item.
func libraryID(postID string) string {
	sum := sha256.Sum256([]byte("library\x00" + postID))
	return "lib-" + hex.EncodeToString(sum[:16])
}

// Library returns the library's items, the most recently used first, then
// the newest.
func (s *Service) Library(ctx context.Context) ([]LibraryItem, error) {
	var rows []libraryRow
	if err := s.st.DB().WithContext(ctx).Raw("SELECT " + libraryColumns + " FROM library_items WHERE deleted_at IS NULL").
		Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].LastUsedAt != rows[j].LastUsedAt {
			return rows[i].LastUsedAt > rows[j].LastUsedAt
		}
		if rows[i].CreatedAt != rows[j].CreatedAt {
			return rows[i].CreatedAt > rows[j].CreatedAt
		}
		return rows[i].ID < rows[j].ID
	})
	out := make([]LibraryItem, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.item())
	}
	return out, nil
}

// LibraryItem returns one item.
func (s *Service) LibraryItem(ctx context.Context, id string) (LibraryItem, error) {
	var rows []libraryRow
	if err := s.st.DB().WithContext(ctx).Raw("SELECT "+libraryColumns+" FROM library_items WHERE id = ? AND deleted_at IS NULL", id).
		Scan(&rows).Error; err != nil {
		return LibraryItem{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return LibraryItem{}, apperr.New("library.not_found", "no such item in the library").With("id", id)
	}
	return rows[0].item(), nil
}

// approvedStatuses are the states of a post that was approved.
var approvedStatuses = []calendar.Status{calendar.Approved, calendar.Scheduled, calendar.Published}

// AddToLibrary keeps an approved post in the library: its text, channel
// texts, channels, labels and attachments (by reference to the stored
// file). Adding the same post again refreshes its item.
func (s *Service) AddToLibrary(ctx context.Context, postID string) (LibraryItem, error) {
	post, err := s.cal.Post(ctx, postID)
	if err != nil {
		return LibraryItem{}, err
	}
	approved := false
	for _, st := range approvedStatuses {
		approved = approved || post.Status == st
	}
	if !approved {
		return LibraryItem{}, apperr.New("library.not_approved", "only approved posts go into the library").With("status", string(post.Status))
	}
	atts, err := s.cal.Attachments(ctx, postID)
	if err != nil {
		return LibraryItem{}, err
	}
	files := make([]LibraryFile, 0, len(atts))
	for _, a := range atts {
		files = append(files, LibraryFile{Name: a.Name, SHA256: a.SHA256, Size: a.Size, Mime: a.Mime})
	}
	id := libraryID(postID)
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		var deleted int64
		if err := w.DB().Raw("SELECT COUNT(*) FROM library_items WHERE id = ? AND deleted_at IS NOT NULL", id).Scan(&deleted).Error; err != nil {
			return err
		}
		if deleted > 0 {
			if err := w.Restore(LibraryTable, id); err != nil {
				return err
			}
		}
		return w.Put(LibraryTable, id, map[string]any{"title": post.Title, "body": post.Body, "variants": post.Variants,
			"attachments": files, "channels": post.Channels, "labels": post.Labels, "source_post_id": postID})
	})
	if err != nil {
		return LibraryItem{}, err
	}
	return s.LibraryItem(ctx, id)
}

// RemoveFromLibrary takes an item out of the library (a tombstone; the
// post it came from is untouched).
func (s *Service) RemoveFromLibrary(ctx context.Context, id string) error {
	if _, err := s.LibraryItem(ctx, id); err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete(LibraryTable, id) })
}

// Reuse is what the user chooses when a library item becomes a new post.
type Reuse struct {
	Date string `json:"date"`
	Time string `json:"time"`
}

// UseLibraryItem makes a new draft of a library item (its text, channel
// texts, channels, labels and files) and records when the item was last
// used, all in one transaction.
func (s *Service) UseLibraryItem(ctx context.Context, actor, id string, in Reuse) (calendar.Post, error) {
	it, err := s.LibraryItem(ctx, id)
	if err != nil {
		return calendar.Post{}, err
	}
	var postID string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		// Channels deleted since the item was kept are left out.
		var live []string
		if len(it.Channels) > 0 {
			if err := w.DB().Raw("SELECT id FROM channels WHERE deleted_at IS NULL AND id IN ?", it.Channels).Scan(&live).Error; err != nil {
				return err
			}
		}
		channels := []string{}
		variants := map[string]string{}
		for _, ch := range it.Channels {
			for _, l := range live {
				if l == ch {
					channels = append(channels, ch)
					if v, ok := it.Variants[ch]; ok {
						variants[ch] = v
					}
				}
			}
		}
		var err error
		postID, err = s.cal.AddPostIn(w, actor, calendar.PostInput{Title: it.Title, Body: it.Body, Channels: channels,
			Variants: variants, Labels: it.Labels, Date: in.Date, Time: in.Time})
		if err != nil {
			return err
		}
		for _, f := range it.Attachments {
			if _, err := calendar.AttachBlobIn(w, postID, f.Name, f.SHA256, f.Size, f.Mime); err != nil {
				return err
			}
		}
		return w.Update(LibraryTable, id, map[string]any{"last_used_at": s.now().UnixMilli(), "use_count": it.UseCount + 1})
	})
	if err != nil {
		return calendar.Post{}, err
	}
	return s.cal.Post(ctx, postID)
}

// WantedBlobs lists the files the library refers to, so a device fetches
// them through the shared folder even after the post they came from lost
// them.
func (s *Service) WantedBlobs() ([]string, error) {
	var raws []string
	if err := s.st.DB().Raw("SELECT attachments FROM library_items WHERE deleted_at IS NULL AND attachments <> '[]'").
		Scan(&raws).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, r := range raws {
		var files []LibraryFile
		_ = json.Unmarshal([]byte(r), &files)
		for _, f := range files {
			out = append(out, f.SHA256)
		}
	}
	return out, nil
}
