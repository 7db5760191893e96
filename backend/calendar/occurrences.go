package calendar

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/workspace"
)

// occurrenceID is the same on every device for one occurrence of a series,
// so two teammates editing the same week's post on their own write one row.
func occurrenceID(seriesID, day string) string {
	sum := sha256.Sum256([]byte(seriesID + "\x00occurrence\x00" + day))
	return hex.EncodeToString(sum[:16])
}

// DetachOccurrence makes one occurrence of a series a post of its own, so it
// can be edited, moved through the workflow or commented on without touching
// the rest of the series. It returns the post (the one made before, if any).
func (s *Service) DetachOccurrence(ctx context.Context, seriesID, day string) (Post, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = s.detach(w, seriesID, day)
		return err
	})
	if err != nil {
		return Post{}, err
	}
	return s.Post(ctx, id)
}

// EditOccurrence changes one occurrence of a series only ("this post"), in
// one step: the occurrence becomes a post of its own with the new fields.
func (s *Service) EditOccurrence(ctx context.Context, actor, seriesID, day string, in PostInput) (UpdateResult, error) {
	if in.Repeat != nil {
		return UpdateResult{}, apperr.Invalid("post.repeat_on_occurrence", "repeat", "one post of a series cannot repeat on its own")
	}
	return s.updateWith(ctx, actor, in, func(w *replica.Writer) (string, error) { return s.detach(w, seriesID, day) })
}

// SkipOccurrence leaves one day out of a series. An occurrence edited on its
// own is removed too (kept as a tombstone, as every delete).
func (s *Service) SkipOccurrence(ctx context.Context, seriesID, day string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		series, err := s.seriesAt(w, seriesID, day)
		if err != nil {
			return err
		}
		if err := skipDay(w, series, day); err != nil {
			return err
		}
		id := occurrenceID(seriesID, day)
		if live, _, err := rowState(w, "posts", id); err != nil || !live {
			return err
		}
		return w.Delete("posts", id)
	})
}

// skipDay adds day to the series' skipped days.
func skipDay(w *replica.Writer, series Post, day string) error {
	if slices.Contains(series.ExDates, day) {
		return nil
	}
	days := append(slices.Clone(series.ExDates), day)
	sort.Strings(days)
	return w.Update("posts", series.ID, map[string]any{"exdates": days})
}

// seriesAt returns the live series seriesID after checking that day is one
// of its occurrences.
func (s *Service) seriesAt(w *replica.Writer, seriesID, day string) (Post, error) {
	series, err := s.getPost(w.DB(), seriesID)
	if err != nil {
		return Post{}, err
	}
	if series.RRule == "" {
		return Post{}, apperr.New("post.not_recurring", "this post does not repeat").With("id", seriesID)
	}
	if !dates.Valid(day) || !isOccurrence(series.RRule, series.Date, series.Time, workspace.ZoneIn(w.DB()), day) {
		return Post{}, apperr.Invalid("post.not_an_occurrence", "occurrence", "the series has no post on this day").With("date", day)
	}
	return series, nil
}

// detach makes the occurrence day of a series a post of its own inside w
// and returns its id; an occurrence detached before is returned as it is.
func (s *Service) detach(w *replica.Writer, seriesID, day string) (string, error) {
	series, err := s.seriesAt(w, seriesID, day)
	if err != nil {
		return "", err
	}
	if slices.Contains(series.ExDates, day) {
		return "", apperr.Invalid("post.occurrence_skipped", "occurrence", "this day was skipped; bring it back in the series first").
			With("date", day)
	}
	id := occurrenceID(seriesID, day)
	live, exists, err := rowState(w, "posts", id)
	if err != nil || live {
		return id, err
	}
	var approvedAt []int64
	if err := w.DB().Raw("SELECT approved_at FROM posts WHERE id = ?", seriesID).Scan(&approvedAt).Error; err != nil {
		return "", err
	}
	values := map[string]any{"title": series.Title, "body": series.Body, "channels": series.Channels, "date": day,
		"time": series.Time, "status": string(series.Status), "owner_id": series.OwnerID, "approver_id": series.ApproverID,
		"campaign_id": series.CampaignID, "labels": series.Labels, "rating": series.Rating, "approved_at": approvedAt[0],
		"approved_by": series.ApprovedBy, "rrule": "", "exdates": []string{}, "series_id": seriesID, "occurrence": day}
	if exists {
		// Detached, then skipped or deleted, then brought back: the same row.
		if err := w.Restore("posts", id); err != nil {
			return "", err
		}
		if err := w.Update("posts", id, values); err != nil {
			return "", err
		}
	} else if err := w.Put("posts", id, values); err != nil {
		return "", err
	}
	if err := copyAttachments(w, seriesID, id); err != nil {
		return "", err
	}
	return id, writeVariants(w, id, series.Channels, series.Variants, false)
}

// rowState says whether the row id of table (one of this package's tables)
// exists and whether it is not deleted.
func rowState(w *replica.Writer, table, id string) (live, exists bool, err error) {
	return rowStateIn(w.DB(), table, id)
}

// rowStateIn is rowState on any handle (reads outside a write).
func rowStateIn(db *gorm.DB, table, id string) (live, exists bool, err error) {
	var rows []struct{ DeletedAt *int64 }
	if err := db.Raw("SELECT deleted_at FROM "+table+" WHERE id = ?", id).Scan(&rows).Error; err != nil {
		return false, false, err
	}
	if len(rows) == 0 {
		return false, false, nil
	}
	return rows[0].DeletedAt == nil, true, nil
}
