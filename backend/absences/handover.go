package absences

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

// Kinds of item a hand-over moves.
const (
	ItemTask     = "task"     // an open task assigned to the member
	ItemPost     = "post"     // a post the member owns that is not published
	ItemApproval = "approval" // a post waiting for the member's approval
)

// States of an item in a hand-over.
const (
	StatePending    = "pending"     // still with the absent member
	StateHandedOver = "handed_over" // now with the backup (recorded)
	StateLeft       = "left"        // nobody could take it; Reason says why
)

// Reasons an item cannot be handed over.
const (
	ReasonNoBackup            = "no_backup"             // the member has no backup
	ReasonBackupAbsent        = "backup_absent"         // the backup is away too
	ReasonBackupCannotApprove = "backup_cannot_approve" // the backup's roles do not approve posts
)

// HandoverEvent is sent to the window after a hand-over is written, so it
// says so in a notification.
const HandoverEvent = "handover:done"

// Item is one piece of work in a hand-over. JSON names are a public
// interface (docs/CLI.md).
type Item struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
	// Date is the task's due day or the post's day ("" when none).
	Date   string `json:"date"`
	FromID string `json:"fromId"`
	// ToID is who takes it ("" when nobody can: see Reason).
	ToID   string `json:"toId"`
	State  string `json:"state"`
	Reason string `json:"reason,omitempty"`
	// CanApprove names the members who may approve, when the backup may not.
	CanApprove []string `json:"canApprove,omitempty"`
	// At and ByID say when and by whom it was handed over ("" ByID: automatically).
	At   string `json:"at,omitempty"`
	ByID string `json:"byId,omitempty"`
}

// Plan is what an absence's hand-over covers.
type Plan struct {
	Absence  Absence `json:"absence"`
	BackupID string  `json:"backupId"`
	Items    []Item  `json:"items"`
}

// Result is a hand-over's outcome.
type Result struct {
	Plan
	DryRun bool `json:"dryRun"`
	// Moved and Left count the items this run handed over and could not.
	Moved     int  `json:"moved"`
	Left      int  `json:"left"`
	Automatic bool `json:"automatic"`
}

// HandoverNotice is the payload of HandoverEvent.
type HandoverNotice struct {
	AbsenceID string `json:"absenceId"`
	MemberID  string `json:"memberId"`
	BackupID  string `json:"backupId"`
	Moved     int    `json:"moved"`
	Left      int    `json:"left"`
	Automatic bool   `json:"automatic"`
}

// SetEmitter makes hand-overs announce themselves to the window.
func (s *Service) SetEmitter(em events.Emitter) { s.emit = em }

// HandoverID is the same on every device for one absence and item, so a
// hand-over made twice (two devices at once) writes one record.
func HandoverID(absenceID, kind, itemID string) string {
	sum := sha256.Sum256([]byte(absenceID + "\x00" + kind + "\x00" + itemID))
	return hex.EncodeToString(sum[:16])
}

// historyID names the entry a hand-over leaves in an item's history.
func historyID(handoverID string) string {
	sum := sha256.Sum256([]byte(handoverID + "\x00history"))
	return hex.EncodeToString(sum[:16])
}

// Plan lists what the absence's hand-over covers, without changing anything.
func (s *Service) Plan(ctx context.Context, absenceID string) (Plan, error) {
	db := s.st.DB().WithContext(ctx)
	a, err := getAbsence(db, absenceID)
	if err != nil {
		return Plan{}, err
	}
	return s.plan(db, a)
}

// HandOver hands the absent member's work to their backup as actor, or with
// dryRun only says what it would do. Items already handed over stay as they
// are; items nobody can take are recorded as left, with the reason.
func (s *Service) HandOver(ctx context.Context, actor, absenceID string, dryRun bool) (Result, error) {
	var res Result
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		a, err := getAbsence(w.DB(), absenceID)
		if err != nil {
			return err
		}
		res, err = s.handOver(w, a, actor, s.now().UnixMilli(), false, dryRun)
		if err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	if err != nil {
		return Result{}, err
	}
	if !dryRun {
		s.announce(res)
	}
	return res, nil
}

var errDryRun = fmt.Errorf("dry run")

// AutoHandOver hands over, for every absence going on today, what is still
// with the absent member, when the workspace asks for automatic hand-overs.
// Any device may run it when it opens the workspace or after a sync: the
// records and history entries it writes are the same on every device (the
// ids come from the absence and the item, the time is the absence's start,
// nobody is named as the one who did it), so two devices doing it at once
// agree. It returns the hand-overs that moved or left something.
func (s *Service) AutoHandOver(ctx context.Context) ([]Result, error) {
	db := s.st.DB().WithContext(ctx)
	var on []bool
	if err := db.Raw("SELECT auto_handover FROM workspace WHERE deleted_at IS NULL LIMIT 1").Scan(&on).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if len(on) == 0 || !on[0] {
		return nil, nil
	}
	today := s.Today(db)
	current, err := listAbsences(db, Filter{From: today, To: today})
	if err != nil {
		return nil, apperr.Internal(err)
	}
	var out []Result
	for _, a := range current {
		// Look first, write only when something is still pending: a device
		// opening the workspace every day writes nothing twice.
		p, err := s.plan(db, a)
		if err != nil {
			return nil, err
		}
		if !p.hasPending() {
			continue
		}
		var res Result
		err = s.rep.Write(ctx, func(w *replica.Writer) error {
			a, err := getAbsence(w.DB(), a.ID)
			if err != nil {
				return err
			}
			start, _ := time.ParseInLocation("2006-01-02", a.From, workspace.ZoneIn(w.DB()))
			res, err = s.handOver(w, a, "", start.UnixMilli(), true, false)
			return err
		})
		if err != nil {
			return out, err
		}
		if res.Moved+res.Left > 0 {
			s.announce(res)
			out = append(out, res)
		}
	}
	return out, nil
}

func (p Plan) hasPending() bool {
	for _, it := range p.Items {
		if it.State == StatePending {
			return true
		}
	}
	return false
}

func (s *Service) announce(r Result) {
	if s.emit == nil || r.Moved+r.Left == 0 {
		return
	}
	s.emit.Emit(HandoverEvent, HandoverNotice{AbsenceID: r.Absence.ID, MemberID: r.Absence.MemberID, BackupID: r.BackupID,
		Moved: r.Moved, Left: r.Left, Automatic: r.Automatic})
}

func (s *Service) handOver(w *replica.Writer, a Absence, actor string, at int64, auto, dryRun bool) (Result, error) {
	p, err := s.plan(w.DB(), a)
	if err != nil {
		return Result{}, err
	}
	res := Result{Plan: p, DryRun: dryRun, Automatic: auto}
	recorded, err := records(w.DB(), a.ID)
	if err != nil {
		return Result{}, err
	}
	for i, it := range res.Items {
		if it.State == StateHandedOver {
			continue
		}
		hid := HandoverID(a.ID, it.Kind, it.ID)
		if it.ToID == "" {
			// Left: recorded once, and again only when the reason changes.
			if rec, ok := recorded[hid]; ok && rec.Reason == it.Reason && rec.ToID == "" {
				continue
			}
			it.State = StateLeft
			res.Items[i] = it
			res.Left++
			if dryRun {
				continue
			}
			if err := w.Put("handovers", hid, map[string]any{"absence_id": a.ID, "item_kind": it.Kind, "item_id": it.ID,
				"from_id": it.FromID, "to_id": "", "by_id": actor, "reason": it.Reason, "at": at}); err != nil {
				return Result{}, err
			}
			continue
		}
		res.Moved++
		it.State = StateHandedOver
		it.At, it.ByID = conv.ISOTime(at), actor
		res.Items[i] = it
		if dryRun {
			continue
		}
		if err := s.moveItem(w, it, hid, actor, at); err != nil {
			return Result{}, err
		}
		if err := w.Put("handovers", hid, map[string]any{"absence_id": a.ID, "item_kind": it.Kind, "item_id": it.ID,
			"from_id": it.FromID, "to_id": it.ToID, "by_id": actor, "reason": "", "at": at}); err != nil {
			return Result{}, err
		}
	}
	if dryRun {
		// A dry run says what would happen: pending items show as handed over
		// or left, as they would be.
		for i, it := range res.Items {
			if it.State == StatePending && it.ToID == "" {
				res.Items[i].State = StateLeft
			}
		}
	}
	return res, nil
}

// moveItem gives the item to its new person and leaves an entry in the
// item's own history.
func (s *Service) moveItem(w *replica.Writer, it Item, hid, actor string, at int64) error {
	switch it.Kind {
	case ItemTask:
		var backup []string
		if err := w.DB().Raw("SELECT backup_id FROM members WHERE id = ?", it.ToID).Scan(&backup).Error; err != nil {
			return err
		}
		next := ""
		if len(backup) == 1 {
			next = backup[0]
		}
		return moveTask(w, historyID(hid), it, next, actor, at)
	case ItemPost, ItemApproval:
		field := "owner_id"
		if it.Kind == ItemApproval {
			field = "approver_id"
		}
		var status []string
		if err := w.DB().Raw("SELECT status FROM posts WHERE id = ?", it.ID).Scan(&status).Error; err != nil {
			return err
		}
		if len(status) == 0 {
			return apperr.New(apperr.CodeNotFound, "this item does not exist or was deleted").With("id", it.ID)
		}
		if err := w.Update("posts", it.ID, map[string]any{field: it.ToID}); err != nil {
			return err
		}
		// The post's history shows status moves; a hand-over keeps the status
		// and says in its note what changed hands (the window words it).
		return w.Put("post_events", historyID(hid), map[string]any{"post_id": it.ID, "from_status": status[0],
			"to_status": status[0], "member_id": actor, "note": PostHistoryNote(it.Kind, it.FromID, it.ToID), "at": at})
	}
	return fmt.Errorf("absences: unknown item kind %q", it.Kind)
}

// PostHistoryNote is the note a hand-over leaves in a post's history:
// "handover:<owner|approval>:<from member>:<to member>". The window turns it
// into a sentence in the reader's language.
func PostHistoryNote(kind, from, to string) string {
	role := "owner"
	if kind == ItemApproval {
		role = "approval"
	}
	return "handover:" + role + ":" + from + ":" + to
}

type record struct {
	ID, ItemKind, ItemID, FromID, ToID, ByID, Reason string
	At                                               int64
}

func records(db *gorm.DB, absenceID string) (map[string]record, error) {
	var rows []record
	if err := db.Raw("SELECT id, item_kind, item_id, from_id, to_id, by_id, reason, at FROM handovers WHERE absence_id = ? AND deleted_at IS NULL", absenceID).
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]record, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// plan finds the items: those still with the member (pending, with who
// would take them) and those the hand-over records as done.
func (s *Service) plan(db *gorm.DB, a Absence) (Plan, error) {
	members, err := team.MembersDB(db)
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	byID := map[string]team.Member{}
	for _, m := range members {
		byID[m.ID] = m
	}
	member := byID[a.MemberID]
	p := Plan{Absence: a, BackupID: member.BackupID, Items: []Item{}}
	day := s.Today(db)
	if a.From > day {
		day = a.From
	}
	away, err := listAbsences(db, Filter{From: day, To: day})
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	absent := map[string]bool{}
	for _, x := range away {
		absent[x.MemberID] = true
	}
	absent[a.MemberID] = true
	// Who takes the work, or why nobody can.
	backup, reason := member.BackupID, ""
	if _, ok := byID[backup]; !ok || backup == "" {
		backup, reason = "", ReasonNoBackup
	} else if absent[backup] {
		backup, reason = "", ReasonBackupAbsent
	}
	may, err := team.Allowed(db, team.ApprovePosts)
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	approvers := []string{}
	for _, m := range members {
		if may[m.ID] && !absent[m.ID] {
			approvers = append(approvers, m.ID)
		}
	}

	recs, err := records(db, a.ID)
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	done := map[string]bool{}
	for _, r := range recs {
		if r.ToID == "" {
			continue
		}
		done[r.ItemKind+"\x00"+r.ItemID] = true
		title, date := s.itemInfo(db, r.ItemKind, r.ItemID)
		by := r.ByID
		p.Items = append(p.Items, Item{Kind: r.ItemKind, ID: r.ItemID, Title: title, Date: date, FromID: r.FromID, ToID: r.ToID,
			State: StateHandedOver, At: conv.ISOTime(r.At), ByID: by})
	}

	add := func(kind, id, title, date string, to, why string) {
		if done[kind+"\x00"+id] {
			// Given back to the member after the hand-over: theirs again, on purpose.
			return
		}
		it := Item{Kind: kind, ID: id, Title: title, Date: date, FromID: a.MemberID, ToID: to, State: StatePending, Reason: why}
		if kind == ItemApproval && why == ReasonBackupCannotApprove {
			it.CanApprove = approvers
		}
		p.Items = append(p.Items, it)
	}

	tasks, err := openTasksOf(db, a.MemberID)
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	for _, t := range tasks {
		to, why := backup, reason
		// A task with a backup of its own goes to that person when they are here.
		if t.BackupID != "" && t.BackupID != a.MemberID && !absent[t.BackupID] {
			if _, ok := byID[t.BackupID]; ok {
				to, why = t.BackupID, ""
			}
		}
		add(ItemTask, t.ID, t.Title, t.Due, to, why)
	}

	posts, err := postsOf(db, a.MemberID)
	if err != nil {
		return Plan{}, apperr.Internal(err)
	}
	backupApproves := backup != "" && slices.Contains(approvers, backup)
	for _, ps := range posts {
		if ps.OwnerID == a.MemberID && ps.Status != "published" && ps.Status != "archived" {
			add(ItemPost, ps.ID, ps.Title, ps.Date, backup, reason)
		}
		if ps.ApproverID == a.MemberID && waitsForApproval(ps.Status) {
			to, why := backup, reason
			if backup != "" && !backupApproves {
				to, why = "", ReasonBackupCannotApprove
			}
			add(ItemApproval, ps.ID, ps.Title, ps.Date, to, why)
		}
	}
	// A left item is shown as left (with its reason) when nothing changed.
	for i, it := range p.Items {
		if it.State != StatePending || it.ToID != "" {
			continue
		}
		if r, ok := recs[HandoverID(a.ID, it.Kind, it.ID)]; ok && r.ToID == "" && r.Reason == it.Reason {
			p.Items[i].State = StateLeft
			p.Items[i].At, p.Items[i].ByID = conv.ISOTime(r.At), r.ByID
		}
	}
	return p, nil
}

// waitsForApproval reports whether a post in status still needs its
// approver: it has not been approved yet.
func waitsForApproval(status string) bool {
	switch status {
	case "idea", "draft", "in_review", "changes_requested":
		return true
	}
	return false
}

type taskRow struct {
	ID, Title, Due, BackupID string
}

type postRow struct {
	ID, Title, Date, Status, OwnerID, ApproverID string
}

func postsOf(db *gorm.DB, member string) ([]postRow, error) {
	var rows []postRow
	err := db.Raw(`SELECT id, title, date, status, owner_id, approver_id FROM posts
		WHERE deleted_at IS NULL AND (owner_id = ? OR approver_id = ?) ORDER BY date, time, id`, member, member).Scan(&rows).Error
	return rows, err
}

func (s *Service) itemInfo(db *gorm.DB, kind, id string) (title, date string) {
	var rows []struct{ Title, Date string }
	switch kind {
	case ItemTask:
		db.Raw("SELECT title, due AS date FROM tasks WHERE id = ?", id).Scan(&rows)
	default:
		db.Raw("SELECT title, date FROM posts WHERE id = ?", id).Scan(&rows)
	}
	if len(rows) == 0 {
		return "", ""
	}
	return rows[0].Title, rows[0].Date
}
