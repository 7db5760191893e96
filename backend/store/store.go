// Package store opens the workspace database (SQLite through gorm), applies
// the embedded, versioned migrations and offers the one transaction helper.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// FileName is the database file inside a data dir.
const FileName = "postdeck.db"

// Store is an open workspace database.
type Store struct {
	db   *gorm.DB
	path string
}

// Open opens (creating if needed) the database at path, with WAL, foreign
// keys and a busy timeout, and brings its schema up to date.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=5000&_synchronous=NORMAL&_txlock=immediate"
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// SQLite allows one writer; a small pool keeps readers concurrent while
	// _txlock=immediate makes writers queue on the busy timeout instead of
	// failing with "database is locked" halfway through a transaction.
	sqlDB.SetMaxOpenConns(4)
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// OpenDir opens the workspace database inside a data dir.
func OpenDir(dataDir string) (*Store, error) {
	return Open(filepath.Join(dataDir, FileName))
}

// DB returns the gorm handle for reads. Writes to synced tables go through
// the replica package, never through this handle.
func (s *Store) DB() *gorm.DB { return s.db }

// Path returns the database file path.
func (s *Store) Path() string { return s.path }

// SQL returns the underlying database/sql handle.
func (s *Store) SQL() *sql.DB {
	sqlDB, _ := s.db.DB()
	return sqlDB
}

// Close closes the database.
func (s *Store) Close() error {
	return s.SQL().Close()
}

// Tx runs fn in one transaction and then runs the after-commit hooks fn
// registered, so side effects (events, file writes) happen only for data
// that is really there.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	t := &Tx{}
	err := s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		t.DB = db
		return fn(t)
	})
	if err != nil {
		return err
	}
	for _, h := range t.after {
		h()
	}
	return nil
}

// Tx is an open transaction.
type Tx struct {
	DB    *gorm.DB
	after []func()
}

// AfterCommit registers fn to run once the transaction has committed.
func (t *Tx) AfterCommit(fn func()) { t.after = append(t.after, fn) }

// Watch runs query (which returns one integer) every interval until ctx
// ends and calls onChange whenever its value changes. It sees commits of
// other processes too, which is the point: the window learns about changes
// made by the command line or a sync run elsewhere.
func (s *Store) Watch(ctx context.Context, every time.Duration, query string, onChange func()) {
	read := func() (int64, error) {
		var v int64
		err := s.SQL().QueryRowContext(ctx, query).Scan(&v)
		return v, err
	}
	last, err := read()
	if err != nil {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			v, err := read()
			if err == nil && v != last {
				last = v
				onChange()
			}
		}
	}
}

// SQLiteVersion returns the version of the SQLite library compiled in.
func SQLiteVersion() (string, error) {
	db, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		return "", err
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	var v string
	err = db.Raw("SELECT sqlite_version()").Scan(&v).Error
	return v, err
}
