package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// BuiltIn is a default template Postdeck ships. Key names it for good
// ("agenda.weekly_checkin.en"); the row's id is derived from the key.
type BuiltIn struct {
	Key  string
	Kind Kind
	Name string
	Lang string
	Body string
	// Data is the kind's details ({} when nil).
	Data any
}

// BuiltInID is the row id of the built-in with this key: the same on every
// device, so two devices seeding at once write the same row and converge
// to one copy instead of two.
func BuiltInID(key string) string {
	sum := sha256.Sum256([]byte("template\x00" + key))
	return "builtin-" + hex.EncodeToString(sum[:16])
}

// AddBuiltIns adds defaults to be seeded (each kind's file calls it from
// its registration).
func (s *Service) AddBuiltIns(b ...BuiltIn) { s.builtIns = append(s.builtIns, b...) }

// SeedBuiltIns writes every default this workspace has never had. A default
// the team edited or deleted (a tombstone) is left as it is: seeding happens
// once per default and workspace, not on every start. It runs once per
// process; List and Get call it.
func (s *Service) SeedBuiltIns(ctx context.Context) error {
	s.seedMu.Lock()
	defer s.seedMu.Unlock()
	if s.seeded || len(s.builtIns) == 0 {
		return nil
	}
	var have []string
	if err := s.st.DB().WithContext(ctx).Raw("SELECT id FROM templates WHERE built_in <> ''").Scan(&have).Error; err != nil {
		return apperr.Internal(err)
	}
	known := map[string]bool{}
	for _, id := range have {
		known[id] = true
	}
	var todo []BuiltIn
	for _, b := range s.builtIns {
		if !known[BuiltInID(b.Key)] {
			todo = append(todo, b)
		}
	}
	if len(todo) > 0 {
		err := s.rep.Write(ctx, func(w *replica.Writer) error {
			for _, b := range todo {
				id := BuiltInID(b.Key)
				// Look again inside the write: the window and the command line
				// may seed at the same moment.
				var n int64
				if err := w.DB().Raw("SELECT COUNT(*) FROM templates WHERE id = ?", id).Scan(&n).Error; err != nil {
					return err
				}
				if n > 0 {
					continue
				}
				data := b.Data
				if data == nil {
					data = map[string]any{}
				}
				raw, err := json.Marshal(data)
				if err != nil {
					return err
				}
				if err := w.Put(Table, id, map[string]any{"kind": b.Kind, "name": b.Name, "lang": b.Lang,
					"body": b.Body, "data": json.RawMessage(raw), "built_in": b.Key}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return apperr.Internal(err)
		}
	}
	s.seeded = true
	return nil
}
