package store

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one versioned schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in version order. File names
// are NNNN_name.sql; a gap or a duplicate version is a programming error.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, convErr := strconv.Atoi(num)
		if !ok || convErr != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", name)
		}
		body, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: rest, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d_%s: expected version %d", m.Version, m.Name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion returns the version of the newest applied migration.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.Raw("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v).Error
	return v, err
}

// migrate applies every pending migration in one transaction: a database is
// either fully at the new version or untouched.
func (s *Store) migrate() error {
	all, err := Migrations()
	if err != nil {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))`).Error; err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		var current int
		if err := tx.Raw("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current).Error; err != nil {
			return err
		}
		if current > len(all) {
			return fmt.Errorf("database schema version %d is newer than this Postdeck (knows %d): update Postdeck", current, len(all))
		}
		for _, m := range all[current:] {
			if err := tx.Exec(m.SQL).Error; err != nil {
				return fmt.Errorf("migration %d_%s: %w", m.Version, m.Name, err)
			}
			if err := tx.Exec("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", m.Version, m.Name).Error; err != nil {
				return err
			}
		}
		return nil
	})
}
