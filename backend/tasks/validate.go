package tasks

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
)

// Limits on task fields. An estimate over MaxEstimateHours is a typing slip
// (a quarter of a year of full-time work), not a plan.
const (
	maxTitleRunes       = 200
	maxDescriptionRunes = 20000
	maxItemRunes        = 500
	maxItems            = 200
	maxPosts            = 100
	MaxEstimateHours    = 500
)

var (
	timeRe   = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	sourceRe = regexp.MustCompile(`^[a-z_]{0,30}$`)
)

// check validates a task's fields and returns the values to store. cur is
// the task as it is (nil when new): references that did not change are not
// checked again, so a teammate deleted since does not block a status change.
// defaultBackup gives an empty backup the assignee's own backup.
func (s *Service) check(db *gorm.DB, in Input, cur *Task, defaultBackup bool) (map[string]any, error) {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	in.AssigneeID = strings.TrimSpace(in.AssigneeID)
	in.BackupID = strings.TrimSpace(in.BackupID)
	in.Due = strings.TrimSpace(in.Due)
	in.DueTime = strings.TrimSpace(in.DueTime)
	in.CampaignID = strings.TrimSpace(in.CampaignID)
	in.MeetingID = strings.TrimSpace(in.MeetingID)
	if cur == nil {
		cur = &Task{}
	}
	if in.Title == "" {
		return nil, apperr.Invalid("task.title_required", "title", "a task needs a title")
	}
	if len([]rune(in.Title)) > maxTitleRunes {
		return nil, apperr.Invalid("task.title_too_long", "title", "the title is too long").With("max", maxTitleRunes)
	}
	if len([]rune(in.Description)) > maxDescriptionRunes {
		return nil, apperr.Invalid("task.description_too_long", "description", "the description is too long").
			With("max", maxDescriptionRunes)
	}
	if in.Status == "" {
		in.Status = StatusTodo
	}
	if !slices.Contains(Statuses, in.Status) {
		return nil, apperr.Invalid("task.status_invalid", "status", "unknown task status: use todo, doing, blocked or done").
			With("status", in.Status)
	}
	if in.Priority == "" {
		in.Priority = PriorityNormal
	}
	if !slices.Contains(Priorities, in.Priority) {
		return nil, apperr.Invalid("task.priority_invalid", "priority", "unknown priority: use low, normal, high or urgent").
			With("priority", in.Priority)
	}
	if in.EstimateHours == 0 {
		in.EstimateHours = 1
	}
	if math.IsNaN(in.EstimateHours) || in.EstimateHours < 0 || in.EstimateHours > MaxEstimateHours {
		return nil, apperr.Invalid("task.estimate_invalid", "estimateHours", "the estimate must be between 0 and 500 hours").
			With("max", MaxEstimateHours)
	}
	if in.Due != "" {
		if !dates.Valid(in.Due) {
			return nil, apperr.Invalid("task.due_invalid", "due", "the due date is not a real day (YYYY-MM-DD)").With("date", in.Due)
		}
		if !dates.InRange(in.Due) {
			return nil, apperr.Invalid("task.due_out_of_range", "due", "the due date is outside 1900-01-01 to 2199-12-31").
				With("date", in.Due).With("min", dates.Min).With("max", dates.Max)
		}
	}
	if in.DueTime != "" {
		if !timeRe.MatchString(in.DueTime) {
			return nil, apperr.Invalid("task.time_invalid", "dueTime", "the time must be HH:MM, from 00:00 to 23:59").
				With("time", in.DueTime)
		}
		if in.Due == "" {
			return nil, apperr.Invalid("task.time_without_due", "dueTime", "a time needs a due date")
		}
	}
	if in.AssigneeID != "" && in.AssigneeID != cur.AssigneeID {
		if err := liveMember(db, "assigneeId", in.AssigneeID); err != nil {
			return nil, err
		}
	}
	if in.BackupID == "" && defaultBackup && in.AssigneeID != "" {
		var backup []string
		if err := db.Raw(`SELECT b.id FROM members m JOIN members b ON b.id = m.backup_id AND b.deleted_at IS NULL
			WHERE m.id = ? AND m.deleted_at IS NULL`, in.AssigneeID).Scan(&backup).Error; err != nil {
			return nil, apperr.Internal(err)
		}
		if len(backup) == 1 {
			in.BackupID = backup[0]
		}
	}
	if in.BackupID != "" {
		if in.BackupID == in.AssigneeID {
			return nil, apperr.Invalid("task.backup_self", "backupId", "the assignee cannot be their own backup")
		}
		if in.BackupID != cur.BackupID {
			if err := liveMember(db, "backupId", in.BackupID); err != nil {
				return nil, err
			}
		}
	}
	posts := []string{}
	for _, id := range in.PostIDs {
		id = strings.TrimSpace(id)
		if id != "" && !slices.Contains(posts, id) {
			posts = append(posts, id)
		}
	}
	if len(posts) > maxPosts {
		return nil, apperr.Invalid("task.too_many_posts", "postIds", "too many linked posts").With("max", maxPosts)
	}
	for _, id := range posts {
		if slices.Contains(cur.PostIDs, id) {
			continue
		}
		if ok, err := live(db, "posts", id); err != nil {
			return nil, err
		} else if !ok {
			return nil, apperr.Invalid("task.post_unknown", "postIds", "no such post").With("id", id)
		}
	}
	if in.CampaignID != "" && in.CampaignID != cur.CampaignID {
		if ok, err := live(db, "campaigns", in.CampaignID); err != nil {
			return nil, err
		} else if !ok {
			return nil, apperr.Invalid("task.campaign_unknown", "campaignId", "no such campaign").With("id", in.CampaignID)
		}
	}
	// Meetings live in their own package, which may not be on this device's
	// build yet when a teammate's task arrives; the id's form is checked.
	if in.MeetingID != "" && !replica.ValidID(in.MeetingID) {
		return nil, apperr.Invalid("task.meeting_unknown", "meetingId", "no such meeting").With("id", in.MeetingID)
	}
	if !sourceRe.MatchString(in.Source) {
		return nil, apperr.Invalid("task.source_invalid", "source", "unknown source").With("source", in.Source)
	}
	return map[string]any{
		"title": in.Title, "description": in.Description, "assignee_id": in.AssigneeID, "backup_id": in.BackupID,
		"due": in.Due, "due_time": in.DueTime, "status": in.Status, "priority": in.Priority,
		"estimate_hours": in.EstimateHours, "post_ids": posts, "campaign_id": in.CampaignID,
		"meeting_id": in.MeetingID, "source": in.Source,
	}, nil
}

// checkItems validates the texts of new checklist items; blank lines are
// left out.
func checkItems(texts []string) ([]string, error) {
	out := []string{}
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if err := checkItemText(t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if len(out) > maxItems {
		return nil, apperr.Invalid("task.too_many_items", "checklist", "the checklist is too long").With("max", maxItems)
	}
	return out, nil
}

func checkItemText(t string) error {
	if t == "" {
		return apperr.Invalid("task.item_required", "checklist", "write the checklist item first")
	}
	if len([]rune(t)) > maxItemRunes {
		return apperr.Invalid("task.item_too_long", "checklist", "the checklist item is too long").With("max", maxItemRunes)
	}
	return nil
}

func liveMember(db *gorm.DB, field, id string) error {
	ok, err := live(db, "members", id)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Invalid("task.member_unknown", field, "no member with this id on the team").With("id", id)
	}
	return nil
}

// live reports whether table has a live row id. table is one of ours.
func live(db *gorm.DB, table, id string) (bool, error) {
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&n).Error; err != nil {
		return false, apperr.Internal(err)
	}
	return n > 0, nil
}
