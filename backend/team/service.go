package team

import (
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "members", Fields: map[string]replica.Kind{
		"name": replica.Text, "email": replica.Text, "roles": replica.JSON, "networks": replica.JSON,
		"capacity_hours": replica.Float, "color": replica.Text, "freelancer": replica.Bool, "backup_id": replica.Text,
	}},
	{Table: "roles", Fields: map[string]replica.Kind{
		"name": replica.Text, "description": replica.Text, "permissions": replica.JSON,
	}},
}

// Service reads and changes the team.
type Service struct {
	st  *store.Store
	rep *replica.Replica
}

// NewService returns the team service.
func NewService(st *store.Store, rep *replica.Replica) *Service {
	return &Service{st: st, rep: rep}
}
