package calendar

import (
	"context"
	"time"

	"postdeck/backend/workspace"
)

// Zone returns the workspace time zone in which post dates and times are
// kept (UTC until one is set), for code outside the package that turns
// them into instants, such as calendar files.
func (s *Service) Zone(ctx context.Context) *time.Location {
	return workspace.ZoneIn(s.st.DB().WithContext(ctx))
}
