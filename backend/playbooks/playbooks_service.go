package playbooks

import (
	"context"
	"path/filepath"
	"slices"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

// Playbooks returns the playbooks, by title.
func (s *Service) Playbooks(ctx context.Context) ([]Playbook, error) {
	rows, err := loadRows(s.st.DB().WithContext(ctx), kindOfPlaybook, "")
	if err != nil {
		return nil, err
	}
	_, loc := s.today(ctx)
	out := make([]Playbook, len(rows))
	for i, r := range rows {
		out[i] = r.toPlaybook(loc)
	}
	return out, nil
}

// Playbook returns one playbook.
func (s *Service) Playbook(ctx context.Context, id string) (Playbook, error) {
	_, loc := s.today(ctx)
	rows, err := loadRows(s.st.DB().WithContext(ctx), kindOfPlaybook, id)
	if err != nil {
		return Playbook{}, err
	}
	if len(rows) == 0 {
		return Playbook{}, apperr.New("playbook.not_found", "no such playbook").With("id", id)
	}
	return rows[0].toPlaybook(loc), nil
}

// DuePlaybooks lists the playbooks due for review today or earlier.
func (s *Service) DuePlaybooks(ctx context.Context) ([]Playbook, error) {
	all, err := s.Playbooks(ctx)
	if err != nil {
		return nil, err
	}
	today, _ := s.today(ctx)
	return DueForReview(all, today), nil
}

func (s *Service) checkOwner(db *gorm.DB, in PlaybookInput) error {
	if in.OwnerID == "" {
		return nil
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM members WHERE id = ? AND deleted_at IS NULL", in.OwnerID).Scan(&n).Error; err != nil {
		return apperr.Internal(err)
	}
	if n == 0 {
		return apperr.Invalid("playbook.owner_unknown", "ownerId", "the owner is not on the team").With("id", in.OwnerID)
	}
	return nil
}

// AddPlaybook creates a playbook, reviewed today.
func (s *Service) AddPlaybook(ctx context.Context, in PlaybookInput) (Playbook, error) {
	in, err := checkPlaybook(in)
	if err != nil {
		return Playbook{}, err
	}
	today, _ := s.today(ctx)
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.checkOwner(w.DB(), in); err != nil {
			return err
		}
		id, err = w.Insert("templates", playbookValues(in, "", today))
		return err
	})
	if err != nil {
		return Playbook{}, err
	}
	return s.Playbook(ctx, id)
}

// UpdatePlaybook replaces a playbook's text, checklist, roles, owner and
// review interval. reviewed marks it reviewed today (an edit is not always
// a review: fixing a typo does not check the whole process).
func (s *Service) UpdatePlaybook(ctx context.Context, id string, in PlaybookInput, reviewed bool) (Playbook, error) {
	in, err := checkPlaybook(in)
	if err != nil {
		return Playbook{}, err
	}
	cur, err := s.Playbook(ctx, id)
	if err != nil {
		return Playbook{}, err
	}
	on := cur.ReviewedOn
	if reviewed {
		on, _ = s.today(ctx)
	}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.checkOwner(w.DB(), in); err != nil {
			return err
		}
		v := playbookValues(in, cur.Key, on)
		delete(v, "kind")
		return w.Update("templates", id, v)
	})
	if err != nil {
		return Playbook{}, err
	}
	return s.Playbook(ctx, id)
}

// MarkReviewed records that the playbook was reviewed today, unchanged.
func (s *Service) MarkReviewed(ctx context.Context, id string) (Playbook, error) {
	cur, err := s.Playbook(ctx, id)
	if err != nil {
		return Playbook{}, err
	}
	return s.UpdatePlaybook(ctx, id, PlaybookInput{Title: cur.Title, Lang: cur.Lang, Body: cur.Body, Checklist: cur.Checklist,
		Roles: cur.Roles, OwnerRole: cur.OwnerRole, OwnerID: cur.OwnerID, ReviewDays: cur.ReviewDays, Guideline: cur.Guideline}, true)
}

// DeletePlaybook removes a playbook (a tombstone). A deleted built-in is
// not seeded again.
func (s *Service) DeletePlaybook(ctx context.Context, id string) error {
	if _, err := s.Playbook(ctx, id); err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete("templates", id) })
}

// RunResult is the task a playbook run created.
type RunResult struct {
	TaskID     string   `json:"taskId"`
	Title      string   `json:"title"`
	AssigneeID string   `json:"assigneeId"`
	Role       string   `json:"role"`
	Checklist  []string `json:"checklist"`
	Due        string   `json:"due"`
}

// RunPlaybook creates a task with the playbook's checklist for the member
// who holds its owner role (the playbook's owner when it names one; the
// first member holding the role otherwise), due today. With nobody in that
// role it refuses with a clear error and creates nothing.
func (s *Service) RunPlaybook(ctx context.Context, actor, id string) (RunResult, error) {
	pb, err := s.Playbook(ctx, id)
	if err != nil {
		return RunResult{}, err
	}
	if len(pb.Checklist) == 0 {
		return RunResult{}, apperr.New("playbook.no_checklist", "this playbook has no checklist to run").With("id", id)
	}
	members, err := s.team.Members(ctx)
	if err != nil {
		return RunResult{}, err
	}
	assignee := resolveOwner(pb, members)
	if assignee == "" {
		return RunResult{}, apperr.New("playbook.role_vacant", "nobody on the team holds the role "+pb.OwnerRole).
			With("role", pb.OwnerRole)
	}
	if s.tasks == nil {
		return RunResult{}, apperr.New("plan.tasks_unavailable", "tasks cannot be created here")
	}
	today, _ := s.today(ctx)
	res := RunResult{Title: pb.Title, AssigneeID: assignee, Role: pb.OwnerRole, Checklist: pb.Checklist, Due: today}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		res.TaskID, err = s.tasks.AddTaskWith(w, actor, TaskSpec{Title: pb.Title, Description: pb.Body, AssigneeID: assignee,
			Due: today, Checklist: pb.Checklist, Source: tasks.SourcePlaybook})
		return err
	})
	if err != nil {
		return RunResult{}, err
	}
	return res, nil
}

// resolveOwner is who runs a playbook: its owner if still on the team,
// else the first member (by name) holding its owner role.
func resolveOwner(pb Playbook, members []team.Member) string {
	for _, m := range members {
		if m.ID == pb.OwnerID {
			return m.ID
		}
	}
	for _, m := range members {
		if slices.Contains(m.Roles, pb.OwnerRole) {
			return m.ID
		}
	}
	return ""
}

// Export writes the training guide of one language: the team's playbooks
// in that language, and the shipped text of any built-in the workspace has
// only in the other language (so an English workspace can still hand an
// Indonesian freelancer the guide in Bahasa Indonesia).
func (s *Service) Export(ctx context.Context, format, lang string) ([]byte, error) {
	if format != FormatMarkdown && format != FormatHTML {
		return nil, apperr.Invalid("playbook.format_invalid", "format", "the format is md or html").With("format", format)
	}
	if err := ExportLang(lang); err != nil {
		return nil, err
	}
	all, err := s.Playbooks(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	var pbs []Playbook
	for _, p := range all {
		if p.Lang == lang {
			pbs = append(pbs, p)
			if p.Key != "" {
				have[p.Key] = true
			}
		}
	}
	shipped, keys, err := BuiltIn(lang)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	for _, p := range all {
		if p.Key == "" || p.Lang == lang || have[p.Key] {
			continue
		}
		if i := slices.Index(keys, p.Key); i >= 0 {
			in := shipped[i]
			pbs = append(pbs, Playbook{ID: p.ID, Key: p.Key, Title: in.Title, Lang: lang, Body: in.Body, Checklist: in.Checklist,
				Roles: in.Roles, OwnerRole: p.OwnerRole, OwnerID: p.OwnerID, ReviewDays: p.ReviewDays, DueOn: p.DueOn, Guideline: in.Guideline})
			have[p.Key] = true
		}
	}
	// Keep the shipped order for built-ins, then the team's own by title.
	slices.SortStableFunc(pbs, func(a, b Playbook) int {
		ia, ib := slices.Index(keys, a.Key), slices.Index(keys, b.Key)
		if ia < 0 {
			ia = len(keys)
		}
		if ib < 0 {
			ib = len(keys)
		}
		return ia - ib
	})
	info := ExportInfo{Lang: lang, RoleNames: RoleNames(lang), Members: map[string]string{}}
	info.Today, _ = s.today(ctx)
	members, err := s.team.Members(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		info.Members[m.ID] = m.Name
	}
	if roles, err := s.team.Roles(ctx); err == nil {
		for _, r := range roles {
			if !r.BuiltIn {
				info.RoleNames[r.ID] = r.Name
			}
		}
	}
	var wsName []string
	_ = s.st.DB().WithContext(ctx).Raw("SELECT name FROM workspace WHERE deleted_at IS NULL LIMIT 1").Scan(&wsName).Error
	if len(wsName) == 1 {
		info.Workspace = wsName[0]
	}
	if format == FormatHTML {
		return HTML(pbs, info)
	}
	return Markdown(pbs, info)
}

// RoleNames returns the built-in roles' names in a language, for the
// exported guide (the window has its own translations).
func RoleNames(lang string) map[string]string {
	out := map[string]string{}
	for _, r := range team.BuiltInRoles() {
		out[r.ID] = r.Name
	}
	if lang == "id" {
		for k, v := range idRoleNames {
			out[k] = v
		}
	}
	return out
}

var idRoleNames = map[string]string{
	"social_media_manager": "Manajer media sosial", "head_of_social": "Kepala pemasaran media sosial",
	"content_creator": "Pembuat konten", "community_manager": "Manajer komunitas", "social_media_analyst": "Analis media sosial",
	"paid_social_specialist": "Pakar sosial berbayar", "copywriter": "Copywriter", "graphic_designer": "Perancang grafis",
	"video_editor": "Editor video", "influencer_marketing_manager": "Manajer pemasaran influencer", "brand_manager": "Manajer merek",
	"product_manager": "Manajer produk", "customer_service": "Layanan pelanggan", "freelancer": "Pekerja lepas",
}

// ExportFile writes the training guide to a file the user chose, through a
// temporary file and a rename, so a failed write never leaves half a guide.
func (s *Service) ExportFile(ctx context.Context, format, lang, path string) (int, error) {
	data, err := s.Export(ctx, format, lang)
	if err != nil {
		return 0, err
	}
	abs, err := filepath.Abs(path)
	if err != nil || path == "" {
		return 0, apperr.Invalid("playbook.file_unwritable", "path", "the file cannot be written").With("path", path)
	}
	if err := (sharedfolder.DirFS{Root: filepath.Dir(abs)}).WriteFileAtomic(filepath.Base(abs), data); err != nil {
		return 0, apperr.New("playbook.file_unwritable", "the file cannot be written").With("path", abs).
			With("name", filepath.Base(abs)).WithCause(err)
	}
	return len(data), nil
}
