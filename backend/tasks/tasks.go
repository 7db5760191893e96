package tasks

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
)

// The statuses a task moves through, in board order.
const (
	StatusTodo    = "todo"
	StatusDoing   = "doing"
	StatusBlocked = "blocked"
	StatusDone    = "done"
)

// Statuses lists every status in board order.
var Statuses = []string{StatusTodo, StatusDoing, StatusBlocked, StatusDone}

// The priorities a task can have, lowest first.
const (
	PriorityLow    = "low"
	PriorityNormal = "normal"
	PriorityHigh   = "high"
	PriorityUrgent = "urgent"
)

// Priorities lists every priority, lowest first.
var Priorities = []string{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// Sources of tasks other parts of Postdeck create; "" is a task made by hand.
const (
	SourceMeeting  = "meeting"
	SourcePlaybook = "playbook"
	SourcePlan     = "plan"
)

// ChecklistItem is one line of a task's checklist, a row of its own so two
// people ticking different items at once both keep their tick.
type ChecklistItem struct {
	ID       string  `json:"id"`
	TaskID   string  `json:"taskId"`
	Text     string  `json:"text"`
	Done     bool    `json:"done"`
	Position float64 `json:"position"`
	DoneBy   string  `json:"doneBy"`
	DoneAt   int64   `json:"doneAt"` // Unix milliseconds; 0 when not done
}

// Task is a piece of work assigned to a member. JSON names are a public
// interface (the command line's --json output); see docs/CLI.md.
type Task struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"` // Markdown
	AssigneeID  string `json:"assigneeId"`
	BackupID    string `json:"backupId"`
	Due         string `json:"due"`     // YYYY-MM-DD in the workspace zone, "" = none
	DueTime     string `json:"dueTime"` // HH:MM, "" = any time that day
	Status      string `json:"status"`
	Priority    string `json:"priority"`
	// EstimateHours counts toward the assignee's workload in the week due.
	EstimateHours float64         `json:"estimateHours"`
	PostIDs       []string        `json:"postIds"`
	CampaignID    string          `json:"campaignId"`
	MeetingID     string          `json:"meetingId"`
	Source        string          `json:"source"`
	CreatedBy     string          `json:"createdBy"`
	CreatedAt     int64           `json:"createdAt"` // Unix milliseconds
	UpdatedAt     int64           `json:"updatedAt"`
	Checklist     []ChecklistItem `json:"checklist"`
}

// Input is what the user enters for a new task. Empty Status and Priority
// mean "todo" and "normal"; EstimateHours 0 means 1 hour; an empty BackupID
// means the assignee's own backup. Checklist holds the texts of the items.
type Input struct {
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	AssigneeID    string   `json:"assigneeId"`
	BackupID      string   `json:"backupId"`
	Due           string   `json:"due"`
	DueTime       string   `json:"dueTime"`
	Status        string   `json:"status"`
	Priority      string   `json:"priority"`
	EstimateHours float64  `json:"estimateHours"`
	PostIDs       []string `json:"postIds"`
	CampaignID    string   `json:"campaignId"`
	MeetingID     string   `json:"meetingId"`
	Source        string   `json:"source"`
	Checklist     []string `json:"checklist"`
}

// Patch changes some fields of a task; nil fields stay as they are. Setting
// AssigneeID without BackupID gives the task the new assignee's backup.
// HistoryKind names the history entry an assignee change records ("" is
// "assignee"; a hand-over passes "handover").
type Patch struct {
	Title         *string   `json:"title,omitempty"`
	Description   *string   `json:"description,omitempty"`
	AssigneeID    *string   `json:"assigneeId,omitempty"`
	BackupID      *string   `json:"backupId,omitempty"`
	Due           *string   `json:"due,omitempty"`
	DueTime       *string   `json:"dueTime,omitempty"`
	Status        *string   `json:"status,omitempty"`
	Priority      *string   `json:"priority,omitempty"`
	EstimateHours *float64  `json:"estimateHours,omitempty"`
	PostIDs       *[]string `json:"postIds,omitempty"`
	CampaignID    *string   `json:"campaignId,omitempty"`
	MeetingID     *string   `json:"meetingId,omitempty"`
	Source        *string   `json:"source,omitempty"`
	HistoryKind   string    `json:"historyKind,omitempty"`
}

// Filter narrows List. Empty fields do not filter. DueBefore keeps tasks
// due strictly before that day and DueFrom those due on it or later (both
// leave out tasks without a due date); Open leaves out done tasks.
type Filter struct {
	AssigneeID string `json:"assigneeId"`
	Status     string `json:"status"`
	DueBefore  string `json:"dueBefore"`
	DueFrom    string `json:"dueFrom"`
	CampaignID string `json:"campaignId"`
	MeetingID  string `json:"meetingId"`
	PostID     string `json:"postId"`
	Source     string `json:"source"`
	Open       bool   `json:"open"`
}

type taskRow struct {
	ID, Title, Description, AssigneeID, BackupID, Due, DueTime, Status, Priority string
	EstimateHours                                                                float64
	PostIDs                                                                      string
	CampaignID, MeetingID, Source, CreatedBy                                     string
	CreatedAt, UpdatedAt                                                         int64
}

const taskColumns = `id, title, description, assignee_id, backup_id, due, due_time, status, priority, estimate_hours,
	post_ids, campaign_id, meeting_id, source, created_by, created_at, updated_at`

func (r taskRow) toTask() Task {
	return Task{ID: r.ID, Title: r.Title, Description: r.Description, AssigneeID: r.AssigneeID, BackupID: r.BackupID,
		Due: r.Due, DueTime: r.DueTime, Status: r.Status, Priority: r.Priority, EstimateHours: r.EstimateHours,
		PostIDs: conv.Strings(r.PostIDs), CampaignID: r.CampaignID, MeetingID: r.MeetingID, Source: r.Source,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Checklist: []ChecklistItem{}}
}

func (t Task) input() Input {
	return Input{Title: t.Title, Description: t.Description, AssigneeID: t.AssigneeID, BackupID: t.BackupID,
		Due: t.Due, DueTime: t.DueTime, Status: t.Status, Priority: t.Priority, EstimateHours: t.EstimateHours,
		PostIDs: t.PostIDs, CampaignID: t.CampaignID, MeetingID: t.MeetingID, Source: t.Source}
}

// Add creates a task with its checklist.
func (s *Service) Add(ctx context.Context, actor string, in Input) (Task, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = s.AddWith(w, actor, in)
		return err
	})
	if err != nil {
		return Task{}, err
	}
	return s.Get(ctx, id)
}

// AddWith creates a task inside a larger write (a campaign plan creates its
// campaign, posts and tasks at once) and returns its id.
func (s *Service) AddWith(w *replica.Writer, actor string, in Input) (string, error) {
	values, err := s.check(w.DB(), in, nil, true)
	if err != nil {
		return "", err
	}
	items, err := checkItems(in.Checklist)
	if err != nil {
		return "", err
	}
	values["created_by"] = actor
	id, err := w.Insert(TableTasks, values)
	if err != nil {
		return "", err
	}
	for i, text := range items {
		if _, err := w.Insert(TableChecklist, map[string]any{"task_id": id, "text": text, "done": false,
			"position": float64(i + 1), "done_by": "", "done_at": int64(0)}); err != nil {
			return "", err
		}
	}
	return id, s.AddHistoryWith(w, id, actor, KindCreated, "", values["assignee_id"].(string))
}

// Update changes the fields set in p and records assignee, backup and
// status changes in the task's history.
func (s *Service) Update(ctx context.Context, actor, id string, p Patch) (Task, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error { return s.UpdateWith(w, actor, id, p) })
	if err != nil {
		return Task{}, err
	}
	return s.Get(ctx, id)
}

// UpdateWith is Update inside a larger write (a hand-over of many items).
func (s *Service) UpdateWith(w *replica.Writer, actor, id string, p Patch) error {
	cur, err := getTask(w.DB(), id)
	if err != nil {
		return err
	}
	in := p.apply(cur)
	newAssignee := p.AssigneeID != nil && p.BackupID == nil && *p.AssigneeID != cur.AssigneeID
	values, err := s.check(w.DB(), in, &cur, newAssignee)
	if err != nil {
		return err
	}
	if err := w.Update(TableTasks, id, values); err != nil {
		return err
	}
	kind := p.HistoryKind
	if kind == "" {
		kind = KindAssignee
	}
	if to := values["assignee_id"].(string); to != cur.AssigneeID {
		if err := s.AddHistoryWith(w, id, actor, kind, cur.AssigneeID, to); err != nil {
			return err
		}
	}
	if to := values["backup_id"].(string); to != cur.BackupID {
		if err := s.AddHistoryWith(w, id, actor, KindBackup, cur.BackupID, to); err != nil {
			return err
		}
	}
	if to := values["status"].(string); to != cur.Status {
		if err := s.AddHistoryWith(w, id, actor, KindStatus, cur.Status, to); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a task (a tombstone: its row, checklist, comments and
// history stay for sync and can come back).
func (s *Service) Delete(ctx context.Context, actor, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		cur, err := getTask(w.DB(), id)
		if err != nil {
			return err
		}
		if err := w.Delete(TableTasks, id); err != nil {
			return err
		}
		return s.AddHistoryWith(w, id, actor, KindDeleted, cur.Status, "")
	})
}

func (p Patch) apply(t Task) Input {
	in := t.input()
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&in.Title, p.Title)
	set(&in.Description, p.Description)
	set(&in.AssigneeID, p.AssigneeID)
	set(&in.BackupID, p.BackupID)
	set(&in.Due, p.Due)
	set(&in.DueTime, p.DueTime)
	set(&in.Status, p.Status)
	set(&in.Priority, p.Priority)
	set(&in.CampaignID, p.CampaignID)
	set(&in.MeetingID, p.MeetingID)
	set(&in.Source, p.Source)
	if p.EstimateHours != nil {
		in.EstimateHours = *p.EstimateHours
	}
	if p.PostIDs != nil {
		in.PostIDs = *p.PostIDs
	}
	if p.AssigneeID != nil && p.BackupID == nil && *p.AssigneeID != t.AssigneeID {
		in.BackupID = "" // the new assignee's own backup
	}
	return in
}

// Get returns one live task with its checklist.
func (s *Service) Get(ctx context.Context, id string) (Task, error) {
	t, err := getTask(s.st.DB().WithContext(ctx), id)
	if err != nil {
		return Task{}, err
	}
	if err := loadChecklists(s.st.DB().WithContext(ctx), []*Task{&t}); err != nil {
		return Task{}, apperr.Internal(err)
	}
	return t, nil
}

func getTask(db *gorm.DB, id string) (Task, error) {
	var rows []taskRow
	if err := db.Raw("SELECT "+taskColumns+" FROM tasks WHERE id = ? AND deleted_at IS NULL", id).Scan(&rows).Error; err != nil {
		return Task{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return Task{}, apperr.New("task.not_found", "no such task").With("id", id)
	}
	return rows[0].toTask(), nil
}

// List returns the live tasks that match f with their checklists: those
// with a due date first, by day and time, then the rest; within a day the
// most urgent first.
func (s *Service) List(ctx context.Context, f Filter) ([]Task, error) {
	db := s.st.DB().WithContext(ctx)
	where := []string{"deleted_at IS NULL"}
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.AssigneeID != "" {
		add("assignee_id = ?", f.AssigneeID)
	}
	if f.Status != "" {
		if !slices.Contains(Statuses, f.Status) {
			return nil, apperr.Invalid("task.status_invalid", "status", "unknown task status").With("status", f.Status)
		}
		add("status = ?", f.Status)
	}
	if f.DueBefore != "" {
		if !dates.Valid(f.DueBefore) {
			return nil, apperr.Invalid("task.due_invalid", "dueBefore", "not a real day").With("date", f.DueBefore)
		}
		add("due <> '' AND due < ?", f.DueBefore)
	}
	if f.DueFrom != "" {
		if !dates.Valid(f.DueFrom) {
			return nil, apperr.Invalid("task.due_invalid", "dueFrom", "not a real day").With("date", f.DueFrom)
		}
		add("due >= ?", f.DueFrom)
	}
	if f.CampaignID != "" {
		add("campaign_id = ?", f.CampaignID)
	}
	if f.MeetingID != "" {
		add("meeting_id = ?", f.MeetingID)
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if f.PostID != "" {
		add("EXISTS (SELECT 1 FROM json_each(tasks.post_ids) WHERE value = ?)", f.PostID)
	}
	if f.Open {
		where = append(where, "status <> 'done'")
	}
	rows, err := db.Raw("SELECT "+taskColumns+" FROM tasks WHERE "+strings.Join(where, " AND ")+`
		ORDER BY due = '', due, due_time <> '', due_time,
		CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, created_at, id`, args...).Rows()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	defer rows.Close()
	// Rows are scanned by hand: the board reads every task, and gorm's
	// reflection was most of the time on a workspace of 20,000.
	out := []Task{}
	for rows.Next() {
		var r taskRow
		if err := rows.Scan(&r.ID, &r.Title, &r.Description, &r.AssigneeID, &r.BackupID, &r.Due, &r.DueTime, &r.Status,
			&r.Priority, &r.EstimateHours, &r.PostIDs, &r.CampaignID, &r.MeetingID, &r.Source, &r.CreatedBy,
			&r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, apperr.Internal(err)
		}
		out = append(out, r.toTask())
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Internal(err)
	}
	ptrs := make([]*Task, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	if err := loadChecklists(db, ptrs); err != nil {
		return nil, apperr.Internal(err)
	}
	return out, nil
}

// loadChecklists fills the checklists of tasks, a few hundred tasks a query.
func loadChecklists(db *gorm.DB, tasks []*Task) error {
	byID := make(map[string]*Task, len(tasks))
	ids := make([]string, 0, len(tasks))
	for _, t := range tasks {
		byID[t.ID] = t
		ids = append(ids, t.ID)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		rows, err := db.Raw(`SELECT id, task_id, text, done, position, done_by, done_at FROM task_checklist_items
			WHERE task_id IN ? AND deleted_at IS NULL ORDER BY task_id, position, id`, chunk).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var it ChecklistItem
			if err := rows.Scan(&it.ID, &it.TaskID, &it.Text, &it.Done, &it.Position, &it.DoneBy, &it.DoneAt); err != nil {
				rows.Close()
				return err
			}
			t := byID[it.TaskID]
			t.Checklist = append(t.Checklist, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
