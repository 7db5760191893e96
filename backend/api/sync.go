package api

import (
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
)

// Sync is the shared-folder facade.
type Sync struct {
	ws     *coreWorkspace
	runner *sharedfolder.Runner
}

// Status returns what sync has done and what waits.
func (s *Sync) Status() (sharedfolder.Status, error) { return s.ws.Sync.Status(ctx()) }

// LastRun returns the outcome of the latest background sync.
func (s *Sync) LastRun() sharedfolder.RunStatus { return s.runner.Last() }

// Scan lists the workspaces in a folder.
func (s *Sync) Scan(folder string) ([]sharedfolder.Found, error) { return sharedfolder.Scan(folder) }

// Connect shares this workspace through folder; encrypt says whether a
// workspace shared there for the first time is end-to-end encrypted.
func (s *Sync) Connect(folder string, encrypt bool) (sharedfolder.Report, error) {
	info, err := s.ws.Workspace.Info(ctx())
	if err != nil {
		return sharedfolder.Report{}, err
	}
	s.ws.Sync.Encrypt = encrypt
	r, err := s.ws.Sync.Connect(ctx(), folder, info.Name)
	s.runner.Poke() // start watching the new folder
	return r, err
}

// Join makes this device part of the workspace found in folder.
func (s *Sync) Join(folder, workspaceID string) (sharedfolder.Report, error) {
	r, err := s.ws.Sync.Join(ctx(), folder, workspaceID)
	s.runner.Poke()
	return r, err
}

// Leave stops syncing; local data stays.
func (s *Sync) Leave() error { return s.ws.Sync.Disconnect() }

// SyncNow runs a sync right away.
func (s *Sync) SyncNow() (sharedfolder.Report, error) { return s.ws.Sync.SyncOnce(ctx()) }

// Conflicts lists the open conflicts with both values.
func (s *Sync) Conflicts() ([]replica.ConflictView, error) { return s.ws.Replica.ConflictViews(ctx()) }

// Resolve closes a conflict the way the person chose (the same code as
// 'postdeck sync resolve').
func (s *Sync) Resolve(conflictID string, choice replica.Resolution) error {
	me, err := s.ws.Workspace.Me(ctx())
	if err != nil {
		return err
	}
	return s.ws.Replica.Resolve(ctx(), conflictID, choice, me)
}

// Republish publishes everything this computer has into the shared folder
// after the person confirmed that the emptied folder is the right one.
func (s *Sync) Republish() (sharedfolder.Report, error) {
	info, err := s.ws.Workspace.Info(ctx())
	if err != nil {
		return sharedfolder.Report{}, err
	}
	r, err := s.ws.Sync.Republish(ctx(), info.Name)
	s.runner.Poke()
	return r, err
}

// Devices lists the computers of the shared workspace (the same list as
// 'postdeck device list').
func (s *Sync) Devices() ([]sharedfolder.Device, error) { return s.ws.Sync.Devices(ctx()) }

// ConfirmDevice confirms a computer that asked to join.
func (s *Sync) ConfirmDevice(id string) (sharedfolder.Device, error) {
	d, err := s.ws.Sync.ConfirmDevice(ctx(), id)
	s.runner.Poke()
	return d, err
}

// ConfirmDeviceAs confirms a computer that asked to join an encrypted
// folder without saying whom it writes for, as member.
func (s *Sync) ConfirmDeviceAs(id, member string) (sharedfolder.Device, error) {
	d, err := s.ws.Sync.ConfirmDeviceAs(ctx(), id, member)
	s.runner.Poke()
	return d, err
}

// Encrypt encrypts the shared folder of a workspace shared already,
// reporting progress as sharedfolder.EncryptProgressEvent.
func (s *Sync) Encrypt() (sharedfolder.EncryptProgress, error) {
	p, err := s.ws.Sync.EncryptFolder(ctx(), nil)
	s.runner.Poke()
	return p, err
}

// RefuseDevice refuses a computer that asked to join.
func (s *Sync) RefuseDevice(id string) (sharedfolder.Device, error) {
	d, err := s.ws.Sync.RefuseDevice(ctx(), id)
	s.runner.Poke()
	return d, err
}

// RevokeDevice revokes a computer (a lost laptop).
func (s *Sync) RevokeDevice(id string) (sharedfolder.Device, error) {
	d, err := s.ws.Sync.RevokeDevice(ctx(), id)
	s.runner.Poke()
	return d, err
}

// Rebuild recomputes this computer's synced data from its change log, when
// the agreement check found it differs from a teammate's.
func (s *Sync) Rebuild() (replica.RebuildResult, error) {
	r, err := s.ws.Sync.RebuildState(ctx())
	s.runner.Poke() // publish the new state
	return r, err
}
