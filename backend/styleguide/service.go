// Package styleguide keeps the team's style guide: brand names and their
// wrong spellings, what customers are called, tone, the content rating
// ceiling, branding markers, hashtags, banned phrases, the emoji policy,
// required disclosures and usage guidelines. Each entry is its own synced
// row, so teammates editing different entries at once both keep their
// edits. The guide is exported as Markdown, HTML and JSON, imported back
// from JSON, and compiled for the draft checker (backend/checker).
package styleguide

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/networks"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
)

// Table is the synced table of style guide entries.
const Table = "style_guide_entries"

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: Table, Fields: map[string]replica.Kind{
		"section": replica.Text, "kind": replica.Text, "text": replica.Text, "variants": replica.JSON,
		"network": replica.Text, "channel_id": replica.Text, "campaign_id": replica.Text, "tone": replica.Text,
		"guidance": replica.Text, "good": replica.JSON, "bad": replica.JSON, "rating": replica.Text,
		"reason": replica.Text, "replacement": replica.Text, "severity": replica.Text, "mode": replica.Text,
		"max_count": replica.Int, "color": replica.Text, "label": replica.Text, "sha256": replica.Text,
		"file_name": replica.Text, "size": replica.Int, "mime": replica.Text, "example": replica.Bool,
	}},
}

// MaxLogoBytes bounds one logo file.
const MaxLogoBytes = 20 << 20

// BlobStore keeps files by the SHA-256 of their content (the data folder's
// store, which the sync engine copies through the shared folder).
type BlobStore interface {
	Put(data []byte) (string, error)
	Get(sha string) ([]byte, error)
}

// Service reads and changes the style guide.
type Service struct {
	st    *store.Store
	rep   *replica.Replica
	team  *team.Service
	blobs BlobStore
	now   func() time.Time

	// limits returns the workspace's network limits (SetLimits).
	limits func(ctx context.Context) ([]networks.Limit, error)

	mu       sync.Mutex
	cache    checkerCache
	compiles int // how many times a checker was compiled (tests watch the cache with it)
}

// NewService returns the style guide service.
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service) *Service {
	return &Service{st: st, rep: rep, team: tm, now: time.Now}
}

// SetBlobs gives the service its file store (for logos).
func (s *Service) SetBlobs(b BlobStore) { s.blobs = b }

// Guide is the whole style guide as the window and `styleguide show` see it.
type Guide struct {
	Sections []SectionEntries `json:"sections"`
	// Examples counts the entries of the example guide nobody edited yet.
	Examples int `json:"examples"`
	// Total counts every entry.
	Total int `json:"total"`
}

// SectionEntries is one section with its entries.
type SectionEntries struct {
	Section Section `json:"section"`
	Entries []Entry `json:"entries"`
}

// Show returns the guide, every section in order (empty ones too).
func (s *Service) Show(ctx context.Context) (Guide, error) {
	entries, err := s.Entries(ctx)
	if err != nil {
		return Guide{}, err
	}
	return group(entries), nil
}

func group(entries []Entry) Guide {
	g := Guide{Sections: make([]SectionEntries, 0, len(Sections))}
	for _, sec := range Sections {
		se := SectionEntries{Section: sec, Entries: []Entry{}}
		for _, e := range entries {
			if e.Section == sec {
				se.Entries = append(se.Entries, e)
				if e.Example {
					g.Examples++
				}
			}
		}
		g.Total += len(se.Entries)
		g.Sections = append(g.Sections, se)
	}
	return g
}

type entryRow struct {
	ID, Section, Kind, Text, Variants, Network, ChannelID, CampaignID, Tone, Guidance, Good, Bad string
	Rating, Reason, Replacement, Severity, Mode, Color, Label, Sha256, FileName, Mime            string
	MaxCount, Size, CreatedAt                                                                    int64
	Example                                                                                      bool
}

const entryCols = `id, section, kind, text, variants, network, channel_id, campaign_id, tone, guidance, good, bad,
	rating, reason, replacement, severity, mode, color, label, sha256, file_name, mime, max_count, size, created_at, example`

// Entries returns the live entries, by section, then oldest first.
func (s *Service) Entries(ctx context.Context) ([]Entry, error) {
	out, err := readEntries(s.st.DB().WithContext(ctx), "deleted_at IS NULL")
	if err != nil {
		return nil, apperr.Internal(err)
	}
	s.fileStates(out)
	return out, nil
}

// fileStates says, for each logo, whether its file is here yet.
func (s *Service) fileStates(entries []Entry) {
	for i := range entries {
		if entries[i].SHA256 != "" && entries[i].Section == Branding {
			entries[i].FileState = "pending"
			if s.blobs != nil {
				if _, err := s.blobs.Get(entries[i].SHA256); err == nil {
					entries[i].FileState = "here"
				}
			}
		}
	}
}

func readEntries(db *gorm.DB, where string, args ...any) ([]Entry, error) {
	var rows []entryRow
	if err := db.Raw("SELECT "+entryCols+" FROM "+Table+" WHERE "+where+" ORDER BY created_at, id", args...).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(rows))
	for _, r := range rows {
		out = append(out, Entry{ID: r.ID, Section: Section(r.Section), Kind: r.Kind, Text: r.Text, Variants: conv.Strings(r.Variants),
			Network: r.Network, ChannelID: r.ChannelID, CampaignID: r.CampaignID, Tone: r.Tone, Guidance: r.Guidance,
			Good: conv.Strings(r.Good), Bad: conv.Strings(r.Bad), Rating: r.Rating, Reason: r.Reason, Replacement: r.Replacement,
			Severity: r.Severity, Mode: r.Mode, Max: int(r.MaxCount), Color: r.Color, Label: r.Label, SHA256: r.Sha256,
			FileName: r.FileName, Size: r.Size, Mime: r.Mime, Example: r.Example})
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		return slices.Index(Sections, a.Section) - slices.Index(Sections, b.Section)
	})
	return out, nil
}

// Entry returns one live entry.
func (s *Service) Entry(ctx context.Context, id string) (Entry, error) {
	list, err := readEntries(s.st.DB().WithContext(ctx), "deleted_at IS NULL AND id = ?", id)
	if err != nil {
		return Entry{}, apperr.Internal(err)
	}
	if len(list) == 0 {
		return Entry{}, apperr.New("styleguide.entry_not_found", "this style guide entry no longer exists").With("id", id)
	}
	s.fileStates(list)
	return list[0], nil
}

func values(e Entry) map[string]any {
	return map[string]any{"section": string(e.Section), "kind": e.Kind, "text": e.Text, "variants": e.Variants,
		"network": e.Network, "channel_id": e.ChannelID, "campaign_id": e.CampaignID, "tone": e.Tone,
		"guidance": e.Guidance, "good": e.Good, "bad": e.Bad, "rating": e.Rating, "reason": e.Reason,
		"replacement": e.Replacement, "severity": e.Severity, "mode": e.Mode, "max_count": e.Max, "color": e.Color,
		"label": e.Label, "sha256": e.SHA256, "file_name": e.FileName, "size": e.Size, "mime": e.Mime, "example": e.Example}
}

// derivedID names a row from a key, so every device that writes the same
// thing (the example guide, the rating of a channel) writes the same row.
func derivedID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// CanEdit returns nil when actor may change the guide, else the refusal
// (a member whose roles lack edit_style_guide, or a device that has not said
// who it is), which the window also shows before anyone clicks.
func (s *Service) CanEdit(ctx context.Context, actor string) error {
	if actor == "" {
		return apperr.New("styleguide.identity_required", "say who you are on this device first (Settings)")
	}
	ok, err := s.team.Can(ctx, actor, team.EditStyleGuide)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New("styleguide.permission_denied", "your roles do not allow editing the style guide").
			With("permission", string(team.EditStyleGuide))
	}
	return nil
}

// Save adds an entry (ID "") or changes one, as actor. An entry that holds
// the one value of a scope (the rating of a channel, the tone of a network)
// lives in the row of that scope.
func (s *Service) Save(ctx context.Context, actor string, in Entry) (Entry, error) {
	if err := s.CanEdit(ctx, actor); err != nil {
		return Entry{}, err
	}
	e, err := normalize(in)
	if err != nil {
		return Entry{}, err
	}
	e.Example = false // an edited example is the team's own entry now
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		id, err := saveTx(w, e)
		e.ID = id
		return err
	})
	if err != nil {
		return Entry{}, err
	}
	return s.Entry(ctx, e.ID)
}

// saveTx writes a normalised entry and returns its id.
func saveTx(w *replica.Writer, e Entry) (string, error) {
	if err := checkRefs(w.DB(), e); err != nil {
		return "", err
	}
	if e.ID != "" {
		old, err := readEntries(w.DB(), "deleted_at IS NULL AND id = ?", e.ID)
		if err != nil {
			return "", err
		}
		if len(old) == 0 {
			return "", apperr.New("styleguide.entry_not_found", "this style guide entry no longer exists").With("id", e.ID)
		}
		if old[0].Section != e.Section {
			return "", apperr.Invalid("styleguide.section_change", "section", "an entry stays in its section")
		}
	}
	id := e.ID
	if key := scopeKey(e); key != "" {
		id = derivedID(string(e.Section), key)
		if e.ID != id {
			live, exists, err := rowState(w.DB(), id)
			if err != nil {
				return "", err
			}
			if live {
				return "", apperr.Invalid("styleguide.scope_taken", scopeField(e), "the guide already has an entry for this").
					With("section", string(e.Section))
			}
			if exists {
				if err := w.Restore(Table, id); err != nil {
					return "", err
				}
			}
			if e.ID != "" { // moved to another scope: the old row goes
				if err := w.Delete(Table, e.ID); err != nil {
					return "", err
				}
			}
		}
		return id, w.Put(Table, id, values(e))
	}
	if id == "" {
		return w.Insert(Table, values(e))
	}
	return id, w.Update(Table, id, values(e))
}

func scopeField(e Entry) string {
	switch e.Section {
	case Rating:
		return "channelId"
	case Disclosures:
		return "label"
	}
	return "network"
}

// checkRefs refuses channels and campaigns the workspace does not have.
func checkRefs(db *gorm.DB, e Entry) error {
	for _, ref := range []struct{ table, id, field, code string }{
		{"channels", e.ChannelID, "channelId", "styleguide.channel_unknown"},
		{"campaigns", e.CampaignID, "campaignId", "styleguide.campaign_unknown"},
	} {
		if ref.id == "" {
			continue
		}
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM "+ref.table+" WHERE id = ? AND deleted_at IS NULL", ref.id).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			if ref.table == "channels" {
				return apperr.Invalid("styleguide.channel_unknown", ref.field, "no such channel").With("id", ref.id)
			}
			return apperr.Invalid("styleguide.campaign_unknown", ref.field, "no such campaign").With("id", ref.id)
		}
	}
	return nil
}

func rowState(db *gorm.DB, id string) (live, exists bool, err error) {
	var rows []struct{ DeletedAt *int64 }
	if err := db.Raw("SELECT deleted_at FROM "+Table+" WHERE id = ?", id).Scan(&rows).Error; err != nil {
		return false, false, err
	}
	if len(rows) == 0 {
		return false, false, nil
	}
	return rows[0].DeletedAt == nil, true, nil
}

// Remove deletes an entry (a tombstone: a teammate's concurrent edit brings
// it back, and nothing is lost).
func (s *Service) Remove(ctx context.Context, actor, id string) error {
	if err := s.CanEdit(ctx, actor); err != nil {
		return err
	}
	if _, err := s.Entry(ctx, id); err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete(Table, id) })
}

// ClearExample removes every entry of the example guide nobody edited, in
// one change, and returns how many went.
func (s *Service) ClearExample(ctx context.Context, actor string) (int, error) {
	if err := s.CanEdit(ctx, actor); err != nil {
		return 0, err
	}
	n := 0
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var ids []string
		if err := w.DB().Raw("SELECT id FROM " + Table + " WHERE deleted_at IS NULL AND example = 1").Scan(&ids).Error; err != nil {
			return err
		}
		for _, id := range ids {
			if err := w.Delete(Table, id); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// AddLogo stores a logo file in the blob store and adds it to the
// branding section.
func (s *Service) AddLogo(ctx context.Context, actor, name string, data []byte) (Entry, error) {
	if err := s.CanEdit(ctx, actor); err != nil {
		return Entry{}, err
	}
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	if name == "" || name == "." || name == "/" {
		return Entry{}, apperr.Invalid("styleguide.required", "fileName", "this field is required").With("field", "fileName")
	}
	if len(data) == 0 {
		return Entry{}, apperr.Invalid("styleguide.logo_empty", "file", "the file is empty").With("name", name)
	}
	if len(data) > MaxLogoBytes {
		return Entry{}, apperr.Invalid("styleguide.logo_too_large", "file", "the logo file is too large").
			With("name", name).With("maxMB", MaxLogoBytes>>20)
	}
	mime := http.DetectContentType(data)
	if !strings.HasPrefix(mime, "image/") && !strings.HasSuffix(strings.ToLower(name), ".svg") {
		return Entry{}, apperr.Invalid("styleguide.logo_not_image", "file", "a logo must be an image").With("name", name)
	}
	if strings.HasSuffix(strings.ToLower(name), ".svg") {
		mime = "image/svg+xml"
	}
	// The file is stored before the row that points at it: a failed write
	// leaves an unreferenced file, never a reference to a missing one.
	sha, err := s.blobs.Put(data)
	if err != nil {
		return Entry{}, apperr.New("styleguide.logo_store_failed", "the file could not be saved in the data folder").
			With("name", name).WithCause(err)
	}
	return s.Save(ctx, actor, Entry{Section: Branding, Kind: "logo", Text: name, SHA256: sha, FileName: name,
		Size: int64(len(data)), Mime: mime})
}

// AddLogoBase64 is AddLogo for a file read in the window.
func (s *Service) AddLogoBase64(ctx context.Context, actor, name, content string) (Entry, error) {
	data, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return Entry{}, apperr.Invalid("styleguide.logo_unreadable", "file", "the file could not be read").With("name", name)
	}
	return s.AddLogo(ctx, actor, name, data)
}

// LogoContent returns a logo's file as base64; a file still travelling
// from a teammate is styleguide.logo_pending.
func (s *Service) LogoContent(ctx context.Context, id string) (string, error) {
	e, err := s.Entry(ctx, id)
	if err != nil {
		return "", err
	}
	if e.SHA256 == "" {
		return "", apperr.New("styleguide.entry_not_found", "this style guide entry no longer exists").With("id", id)
	}
	data, err := s.blobs.Get(e.SHA256)
	if err != nil {
		return "", apperr.New("styleguide.logo_pending", "this logo has not arrived from your teammate yet").With("name", e.FileName)
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// WantedBlobs lists the logo files the guide refers to, for the sync
// engine to fetch from the shared folder.
func (s *Service) WantedBlobs() ([]string, error) {
	var shas []string
	err := s.st.DB().Raw("SELECT DISTINCT sha256 FROM " + Table + " WHERE deleted_at IS NULL AND sha256 <> ''").Scan(&shas).Error
	return shas, err
}

// jsonEqual compares two entries by their stored values.
func jsonEqual(a, b Entry) bool {
	a.FileState, b.FileState = "", ""
	ja, _ := json.Marshal(values(a))
	jb, _ := json.Marshal(values(b))
	return string(ja) == string(jb)
}
