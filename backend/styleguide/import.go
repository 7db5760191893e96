package styleguide

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"slices"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// MaxImportBytes bounds an imported guide: a real one is a few hundred
// kilobytes at most. A larger file is refused by its size, before it is read.
const MaxImportBytes = 5 << 20

// errDryRun rolls a preview's write back.
var errDryRun = errors.New("dry run")

// SectionChanges counts what an import changes in one section.
type SectionChanges struct {
	Section Section `json:"section"`
	Added   int     `json:"added"`
	Changed int     `json:"changed"`
	Removed int     `json:"removed"`
	// Unchanged counts entries the file has as they are.
	Unchanged int `json:"unchanged"`
}

// ImportResult says what an import did, or would do (DryRun).
type ImportResult struct {
	DryRun   bool             `json:"dryRun"`
	Sections []SectionChanges `json:"sections"`
	Added    int              `json:"added"`
	Changed  int              `json:"changed"`
	Removed  int              `json:"removed"`
}

// ImportFile imports a JSON export from path (see Import). The size is
// checked before the file is read.
func (s *Service) ImportFile(ctx context.Context, actor, path string, dryRun bool) (ImportResult, error) {
	if err := s.CanEdit(ctx, actor); err != nil {
		return ImportResult{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return ImportResult{}, apperr.New("styleguide.import_unreadable", "the file could not be read").With("path", path).WithCause(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxImportBytes {
		return ImportResult{}, tooLarge()
	}
	// The size may grow while reading (or not be known): read one byte past
	// the limit at most.
	data, err := io.ReadAll(io.LimitReader(f, MaxImportBytes+1))
	if err != nil {
		return ImportResult{}, apperr.New("styleguide.import_unreadable", "the file could not be read").With("path", path).WithCause(err)
	}
	return s.Import(ctx, actor, data, dryRun)
}

func tooLarge() error {
	return apperr.Invalid("styleguide.import_too_large", "file", "the file is too large for a style guide").
		With("maxMB", MaxImportBytes>>20)
}

// Import replaces the sections a JSON export holds with its entries, all or
// nothing in one transaction: an entry whose id exists is updated, a new one
// added, and a live entry the file's sections lack is removed (a tombstone).
// Sections the file does not list are left alone. With dryRun it says what
// would change and writes nothing. A file with an unknown section, an
// unknown field or a value that fails validation is refused whole, and the
// error names the section, the entry and the field.
func (s *Service) Import(ctx context.Context, actor string, data []byte, dryRun bool) (ImportResult, error) {
	if err := s.CanEdit(ctx, actor); err != nil {
		return ImportResult{}, err
	}
	if len(data) > MaxImportBytes {
		return ImportResult{}, tooLarge()
	}
	incoming, present, err := parseFile(data)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{DryRun: dryRun}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		current, err := readEntries(w.DB(), "deleted_at IS NULL")
		if err != nil {
			return err
		}
		byID := map[string]Entry{}
		for _, e := range current {
			byID[e.ID] = e
		}
		counts := map[Section]*SectionChanges{}
		for _, sec := range Sections {
			counts[sec] = &SectionChanges{Section: sec}
		}
		kept := map[string]bool{}
		order := int64(0)
		for _, e := range incoming {
			c := counts[e.Section]
			old, live := byID[e.ID]
			if live && old.Section != e.Section {
				return apperr.Invalid("styleguide.section_change", "section", "an entry stays in its section").
					With("section", string(e.Section)).With("entry", e.ID)
			}
			if live {
				e.Example = old.Example && jsonEqual(old, withExample(e, old.Example))
				if jsonEqual(old, e) {
					c.Unchanged++
					kept[e.ID] = true
					continue
				}
				c.Changed++
				kept[e.ID] = true
				if err := checkRefs(w.DB(), e); err != nil {
					return entryError(err, e)
				}
				if err := w.Update(Table, e.ID, values(e)); err != nil {
					return err
				}
				continue
			}
			c.Added++
			// New entries keep the file's order.
			order++
			id, err := importNew(w, e, s.now().UnixMilli()+order)
			if err != nil {
				return entryError(err, e)
			}
			kept[id] = true
		}
		for _, e := range current {
			if present[e.Section] && !kept[e.ID] {
				counts[e.Section].Removed++
				if err := w.Delete(Table, e.ID); err != nil {
					return err
				}
			}
		}
		for _, sec := range Sections {
			c := *counts[sec]
			res.Sections = append(res.Sections, c)
			res.Added += c.Added
			res.Changed += c.Changed
			res.Removed += c.Removed
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return ImportResult{}, err
	}
	return res, nil
}

func withExample(e Entry, ex bool) Entry { e.Example = ex; return e }

// importNew adds an entry the guide does not have live: a row of the same
// id that was deleted comes back; a scoped entry goes to its scope's row.
func importNew(w *replica.Writer, e Entry, createdAt int64) (string, error) {
	if err := checkRefs(w.DB(), e); err != nil {
		return "", err
	}
	v := values(e)
	v[replica.FieldCreatedAt] = createdAt
	id := e.ID
	if key := scopeKey(e); key != "" {
		id = derivedID(string(e.Section), key)
	}
	if id == "" {
		return w.Insert(Table, v)
	}
	live, exists, err := rowState(w.DB(), id)
	if err != nil {
		return "", err
	}
	if live {
		return "", apperr.Invalid("styleguide.import_duplicate", "id", "the file holds this entry twice").With("entry", id)
	}
	if exists {
		if err := w.Restore(Table, id); err != nil {
			return "", err
		}
	}
	return id, w.Put(Table, id, v)
}

func entryError(err error, e Entry) error {
	if ae := apperr.As(err); ae != nil && ae.Code != apperr.CodeInternal {
		return ae.With("section", string(e.Section))
	}
	return err
}

// parseFile reads and validates a JSON export: the format, every section
// name, every field name of every entry, and every value.
func parseFile(data []byte) ([]Entry, map[Section]bool, error) {
	var head struct {
		Format   string                                  `json:"format"`
		Version  int                                     `json:"version"`
		Sections map[string][]map[string]json.RawMessage `json:"sections"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&head); err != nil {
		var syn *json.SyntaxError
		e := apperr.Invalid("styleguide.import_not_json", "file", "the file is not a style guide export (JSON)")
		if errors.As(err, &syn) {
			e = e.With("offset", syn.Offset)
		}
		return nil, nil, e.With("detail", err.Error())
	}
	if head.Format != FileFormat {
		return nil, nil, apperr.Invalid("styleguide.import_not_guide", "file", "the file is not a Postdeck style guide export").With("format", head.Format)
	}
	if head.Version > FileVersion || head.Version < 1 {
		return nil, nil, apperr.Invalid("styleguide.import_version", "file", "the file was written by a newer Postdeck").With("version", head.Version)
	}
	var out []Entry
	present := map[Section]bool{}
	seen := map[string]bool{}
	for name, list := range head.Sections {
		sec := Section(name)
		if !slices.Contains(Sections, sec) {
			return nil, nil, apperr.Invalid("styleguide.import_section_unknown", "sections", "the file has a section this guide does not know").
				With("section", name)
		}
		present[sec] = true
		if len(out)+len(list) > MaxEntries {
			return nil, nil, apperr.Invalid("styleguide.import_too_many", "file", "the file holds too many entries").With("max", MaxEntries)
		}
		allowed := append([]string{"id"}, fieldsOf[sec]...)
		for i, raw := range list {
			for field := range raw {
				if !slices.Contains(allowed, field) {
					return nil, nil, apperr.Invalid("styleguide.import_field_unknown", field, "an entry has a field its section does not have").
						With("section", name).With("entry", i+1).With("field", field)
				}
			}
			var e Entry
			obj, _ := json.Marshal(raw)
			if err := json.Unmarshal(obj, &e); err != nil {
				return nil, nil, apperr.Invalid("styleguide.import_field_invalid", "file", "an entry has a value of the wrong kind").
					With("section", name).With("entry", i+1).With("detail", err.Error())
			}
			e.Section = sec
			if e.ID != "" && !replica.ValidID(e.ID) {
				return nil, nil, apperr.Invalid("styleguide.import_field_invalid", "id", "an entry has a value of the wrong kind").
					With("section", name).With("entry", i+1).With("detail", "bad id")
			}
			n, err := normalize(e)
			if err != nil {
				if ae := apperr.As(err); ae != nil {
					return nil, nil, ae.With("section", name).With("entry", i+1)
				}
				return nil, nil, err
			}
			if key := scopeKey(n); key != "" {
				// One entry per scope: its row is the scope's, whatever
				// id the file gives it.
				n.ID = derivedID(string(n.Section), key)
			}
			if n.ID != "" {
				if seen[n.ID] {
					return nil, nil, apperr.Invalid("styleguide.import_duplicate", "id", "the file holds this entry twice").With("entry", n.ID)
				}
				seen[n.ID] = true
			}
			out = append(out, n)
		}
	}
	// The file's order is the order entries are added in, section by section.
	slices.SortStableFunc(out, func(a, b Entry) int {
		return slices.Index(Sections, a.Section) - slices.Index(Sections, b.Section)
	})
	return out, present, nil
}
