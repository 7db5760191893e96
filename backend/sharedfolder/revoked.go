package sharedfolder

import (
	"context"

	"gorm.io/gorm"

	"postdeck/backend/replica"
)

// A revocation stops accepting a device's changes after the last of its
// segments the revoking device had applied (upto_seq), on every device. A
// segment past that line is never applied; its changes are logged as
// refused, with the reason, and listed on the Sync page like any refused
// change, so nothing a device wrote is dropped without a trace. A device
// that applied such segments before the revocation reached it takes them
// back when it arrives: every device ends with the same rows and the same
// refused list whatever order the revocation and the segments came in.

// refuseRevoked logs the changes of a segment written after its device's
// revocation as refused, and moves the device's cursor past it. It reports
// false when the segment is not the revoked device's own (signed with a key
// never confirmed for it): that one waits, as any unconfirmed segment does.
func (e *Engine) refuseRevoked(ctx context.Context, device string, seq int64, h SegmentHeader,
	changes []replica.Change) (bool, error) {
	if e.trust == nil || !h.Signed || !e.trust.keys[device][h.Key] {
		return false, nil
	}
	_, err := e.rep.RefuseAll(ctx, changes, e.trust.member[device], replica.ReasonRevoked, func(db *gorm.DB) error {
		return setCursor(db, device, seq, e.now())
	})
	return err == nil, err
}

// takeBackRevoked refuses, for every revoked device, the segments this
// device applied past the revocation's line before it heard of the
// revocation. They are read again from the folder, where segments stay.
func (e *Engine) takeBackRevoked(ctx context.Context, f FS, rep *Report) error {
	if e.trust == nil {
		return nil
	}
	for device, upto := range e.trust.revoked {
		cursor, err := e.cursor(device)
		if err != nil {
			return err
		}
		for seq := upto + 1; seq <= cursor; seq++ {
			name := devicePath(device, "changes", SegmentName(seq))
			data, err := f.ReadFile(name, MaxSegmentBytes)
			if err != nil {
				// Compacted away: its changes are in the log, but which of
				// them came after the line is no longer known here.
				rep.Issues = append(rep.Issues, Issue{Code: CodeWaitingSegment, Device: device, File: name})
				continue
			}
			_, changes, err := DecodeSegment(data)
			if err != nil || foreignChange(changes, device) >= 0 {
				continue // never applied: nothing to take back
			}
			if _, err := e.rep.RefuseAll(ctx, changes, e.trust.member[device], replica.ReasonRevoked, nil); err != nil {
				return err
			}
		}
	}
	return nil
}
