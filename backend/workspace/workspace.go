package workspace

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // IANA zones on every OS, Windows included

	"github.com/google/uuid"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "workspace", Fields: map[string]replica.Kind{"name": replica.Text, "time_zone": replica.Text, "keeper_id": replica.Text, "network_limits": replica.Text,
		"auto_handover": replica.Bool}},
}

// Device-local settings keys.
const (
	keyWorkspaceID = "workspace_id"
	keyMe          = "me"
	keyLanguage    = "language"
	keyTheme       = "theme"
)

// Languages the interface speaks.
var Languages = []string{"en", "id"}

// Themes the interface offers; "auto" follows the OS.
var Themes = []string{"auto", "light", "dark"}

const maxWorkspaceNameRunes = 100

// Info describes the workspace and this device's place in it.
type Info struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	TimeZone string `json:"timeZone"`
	// KeeperID is the member who keeps the content calendar current ("" until named).
	KeeperID string `json:"keeperId"`
	// AutoHandover hands an absent member's work to their backup when the
	// absence starts (checked when a device opens the workspace or syncs).
	AutoHandover bool `json:"autoHandover"`
	// Onboarded is false until first-run onboarding named the workspace.
	Onboarded bool   `json:"onboarded"`
	DeviceID  string `json:"deviceId"`
	// Me is the member this device belongs to ("" until chosen).
	Me       string `json:"me"`
	Language string `json:"language"`
	Theme    string `json:"theme"`
	// SystemTimeZone is the OS's zone, the default during onboarding.
	SystemTimeZone string `json:"systemTimeZone"`
	DataDir        string `json:"dataDir"`
}

// Service reads and changes the workspace and this device's settings.
type Service struct {
	st      *store.Store
	rep     *replica.Replica
	team    *team.Service
	dataDir string
	mu      sync.Mutex
	id      string
	// OnOnboard runs inside the write that creates the workspace, with the
	// language it was set up in (the style guide writes its example there).
	OnOnboard func(w *replica.Writer, lang string) error
	// CheckMe, when set, refuses a member this device is not confirmed
	// for in the shared folder (see sharedfolder.Engine.CheckMember).
	CheckMe func(ctx context.Context, memberID string) error
}

// NewService returns the workspace service, giving the workspace an id on
// first use.
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service, dataDir string) (*Service, error) {
	id, err := st.Local(keyWorkspaceID)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = uuid.Must(uuid.NewV7()).String()
		if err := st.SetLocal(st.DB(), keyWorkspaceID, id); err != nil {
			return nil, err
		}
	}
	return &Service{st: st, rep: rep, team: tm, dataDir: dataDir, id: id}, nil
}

// ID returns the workspace id.
func (s *Service) ID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.id
}

// Adopt makes this device part of the workspace with id (joining a team's
// shared folder). Rows already here stay and are shared with that workspace.
func (s *Service) Adopt(ctx context.Context, id string) error {
	if !replica.ValidID(id) {
		return apperr.New("workspace.id_invalid", "not a workspace id").With("id", id)
	}
	if err := s.st.SetLocal(s.st.DB().WithContext(ctx), keyWorkspaceID, id); err != nil {
		return apperr.Internal(err)
	}
	s.mu.Lock()
	s.id = id
	s.mu.Unlock()
	return nil
}

// Info returns the workspace and this device's settings.
func (s *Service) Info(ctx context.Context) (Info, error) {
	var rows []struct {
		Name, TimeZone, KeeperID string
		AutoHandover             bool
	}
	if err := s.st.DB().WithContext(ctx).Raw("SELECT name, time_zone, keeper_id, auto_handover FROM workspace WHERE id = ? AND deleted_at IS NULL", s.ID()).
		Scan(&rows).Error; err != nil {
		return Info{}, apperr.Internal(err)
	}
	info := Info{ID: s.ID(), DeviceID: s.rep.Device(), SystemTimeZone: SystemTimeZone(), DataDir: s.dataDir,
		TimeZone: SystemTimeZone()}
	if len(rows) > 0 && rows[0].Name != "" {
		info.Name, info.TimeZone, info.Onboarded = rows[0].Name, rows[0].TimeZone, true
		info.KeeperID, info.AutoHandover = rows[0].KeeperID, rows[0].AutoHandover
	}
	var err error
	if info.Me, err = s.Me(ctx); err != nil {
		return Info{}, err
	}
	if info.Language, err = s.local(keyLanguage, "en"); err != nil {
		return Info{}, err
	}
	if info.Theme, err = s.local(keyTheme, "auto"); err != nil {
		return Info{}, err
	}
	return info, nil
}

// Me returns the member id this device belongs to, "" if none is set or the
// member was deleted.
func (s *Service) Me(ctx context.Context) (string, error) {
	me, err := s.st.Local(keyMe)
	if err != nil || me == "" {
		return "", err
	}
	if _, err := s.team.Member(ctx, me); err != nil {
		if apperr.Code(err) == "member.not_found" {
			return "", nil
		}
		return "", err
	}
	return me, nil
}

// SetMe says which member uses this device.
func (s *Service) SetMe(ctx context.Context, memberID string) error {
	if _, err := s.team.Member(ctx, memberID); err != nil {
		return err
	}
	if s.CheckMe != nil {
		if err := s.CheckMe(ctx, memberID); err != nil {
			return err
		}
	}
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyMe, memberID)
}

// OnboardInput is what first-run onboarding asks.
type OnboardInput struct {
	WorkspaceName string           `json:"workspaceName"`
	TimeZone      string           `json:"timeZone"`
	Me            team.MemberInput `json:"me"`
}

// Onboard names the workspace, sets its time zone and adds the person at
// this device as its first member, all or nothing.
func (s *Service) Onboard(ctx context.Context, in OnboardInput) (Info, error) {
	name, tz, err := checkSettings(in.WorkspaceName, in.TimeZone)
	if err != nil {
		return Info{}, err
	}
	// The language the person set up the workspace in is the workspace's.
	lang, err := s.local(keyLanguage, "en")
	if err != nil {
		return Info{}, err
	}
	var meID string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := w.Put("workspace", s.ID(), map[string]any{"name": name, "time_zone": tz}); err != nil {
			return err
		}
		meID, err = s.team.AddMemberTx(w, "", in.Me)
		if err != nil {
			return err
		}
		if s.OnOnboard != nil {
			if err := s.OnOnboard(w, lang); err != nil {
				return err
			}
		}
		return s.st.SetLocal(w.DB(), keyMe, meID)
	})
	if err != nil {
		return Info{}, err
	}
	return s.Info(ctx)
}

// Update sets the workspace name and time zone.
func (s *Service) Update(ctx context.Context, workspaceName, timeZone string) (Info, error) {
	name, tz, err := checkSettings(workspaceName, timeZone)
	if err != nil {
		return Info{}, err
	}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		return w.Put("workspace", s.ID(), map[string]any{"name": name, "time_zone": tz})
	})
	if err != nil {
		return Info{}, err
	}
	return s.Info(ctx)
}

// SetKeeper names the member who keeps the content calendar current ("" for
// nobody). The seed guide's step 4: one person owns the calendar.
func (s *Service) SetKeeper(ctx context.Context, memberID string) (Info, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if memberID != "" {
			var n int64
			if err := w.DB().Raw("SELECT COUNT(*) FROM members WHERE id = ? AND deleted_at IS NULL", memberID).Scan(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return apperr.Invalid("workspace.keeper_unknown", "keeperId", "not on the team").With("id", memberID)
			}
		}
		return w.Put("workspace", s.ID(), map[string]any{"keeper_id": memberID})
	})
	if err != nil {
		return Info{}, err
	}
	return s.Info(ctx)
}

// SetAutoHandover switches automatic hand-overs to backups on or off for
// the whole team.
func (s *Service) SetAutoHandover(ctx context.Context, on bool) (Info, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		return w.Put("workspace", s.ID(), map[string]any{"auto_handover": on})
	})
	if err != nil {
		return Info{}, err
	}
	return s.Info(ctx)
}

// SetLanguage remembers the interface language on this device.
func (s *Service) SetLanguage(ctx context.Context, lang string) error {
	if !slices.Contains(Languages, lang) {
		return apperr.Invalid("settings.language_unknown", "language", "unknown language").With("language", lang)
	}
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyLanguage, lang)
}

// SetTheme remembers the colour scheme on this device.
func (s *Service) SetTheme(ctx context.Context, theme string) error {
	if !slices.Contains(Themes, theme) {
		return apperr.Invalid("settings.theme_unknown", "theme", "unknown theme").With("theme", theme)
	}
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyTheme, theme)
}

func (s *Service) local(key, def string) (string, error) {
	v, err := s.st.Local(key)
	if err != nil {
		return "", apperr.Internal(err)
	}
	if v == "" {
		return def, nil
	}
	return v, nil
}

func checkSettings(name, tz string) (string, string, error) {
	name = strings.TrimSpace(name)
	tz = strings.TrimSpace(tz)
	if name == "" {
		return "", "", apperr.Invalid("workspace.name_required", "workspaceName", "the workspace needs a name")
	}
	if len([]rune(name)) > maxWorkspaceNameRunes {
		return "", "", apperr.Invalid("workspace.name_too_long", "workspaceName", "the name is too long").
			With("max", maxWorkspaceNameRunes)
	}
	if !validZone(tz) {
		return "", "", apperr.Invalid("workspace.time_zone_invalid", "timeZone", "unknown time zone").With("zone", tz)
	}
	return name, tz, nil
}

// validZone accepts IANA zone names only: not "Local", not offsets.
func validZone(tz string) bool {
	if tz == "" || tz == "Local" || strings.ContainsAny(tz, " \\") || strings.Contains(tz, "..") {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}
