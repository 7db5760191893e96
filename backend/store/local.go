package store

import "gorm.io/gorm"

// Local returns a device-local setting ("" when unset). Local settings are
// never synced: device id, clock, who "me" is, language, theme.
func (s *Store) Local(key string) (string, error) {
	var vals []string
	err := s.db.Raw("SELECT value FROM local_settings WHERE key = ?", key).Scan(&vals).Error
	if err != nil || len(vals) == 0 {
		return "", err
	}
	return vals[0], nil
}

// SetLocal stores a device-local setting through db (a transaction or the
// store's handle).
func (s *Store) SetLocal(db *gorm.DB, key, value string) error {
	return db.Exec(`INSERT INTO local_settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value).Error
}
