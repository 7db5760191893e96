package calendar

import "gorm.io/gorm"

// RebuildSearch fills the full-text index of posts again from the posts
// table, inside the caller's transaction: after the synced tables were
// rebuilt from the change log, rows have new rowids and the index (kept
// by triggers on insert and update only) would point at the old ones.
func RebuildSearch(db *gorm.DB) error {
	if err := db.Exec(`DELETE FROM post_search`).Error; err != nil {
		return err
	}
	return db.Exec(`INSERT INTO post_search(rowid, title, body, variants, comments)
		SELECT p.rowid, p.title, p.body,
			(SELECT group_concat(text, ' ') FROM post_variants WHERE post_id = p.id AND deleted_at IS NULL),
			(SELECT group_concat(body, ' ') FROM comments WHERE post_id = p.id AND deleted_at IS NULL)
		FROM posts p WHERE p.deleted_at IS NULL`).Error
}
