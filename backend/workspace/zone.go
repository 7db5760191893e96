package workspace

import (
	"time"

	"gorm.io/gorm"
)

// ZoneIn is the workspace time zone, read through db (the store or a
// transaction, so a write sees the zone it runs under), in which dates and
// times of posts, tasks, meetings and absences are kept. It is UTC until a
// zone is set, or when the stored name is unknown to this build.
func ZoneIn(db *gorm.DB) *time.Location {
	var tz []string
	if err := db.Raw("SELECT time_zone FROM workspace WHERE deleted_at IS NULL AND time_zone <> '' LIMIT 1").Scan(&tz).Error; err == nil && len(tz) == 1 {
		if loc, err := time.LoadLocation(tz[0]); err == nil {
			return loc
		}
	}
	return time.UTC
}
