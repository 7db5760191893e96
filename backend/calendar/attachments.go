package calendar

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
)

// MaxAttachmentBytes bounds one attached file: enough for a short video,
// small enough to travel through a shared folder and an app window.
const MaxAttachmentBytes = 100 << 20

const maxAttachmentName = 200

// BlobStore keeps files by the SHA-256 of their content (the data folder's
// store, which the sync engine copies through the shared folder).
type BlobStore interface {
	Put(data []byte) (string, error)
	Get(sha string) ([]byte, error)
}

// Attachment is a file on a post. State is "here", or "pending" while a
// teammate's file has not arrived through the shared folder yet.
type Attachment struct {
	ID        string `json:"id"`
	PostID    string `json:"postId"`
	Name      string `json:"name"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	Mime      string `json:"mime"`
	State     string `json:"state"`
	CreatedAt string `json:"createdAt"`
}

// SetBlobs gives the service its file store.
func (s *Service) SetBlobs(b BlobStore) { s.blobs = b }

// AddAttachment copies a file into the workspace (by content hash, so the
// same file attached twice is stored once) and attaches it to a post.
func (s *Service) AddAttachment(ctx context.Context, postID, name string, data []byte) (Attachment, error) {
	name = cleanFileName(name)
	if name == "" {
		return Attachment{}, apperr.Invalid("attachment.name_required", "name", "a file needs a name")
	}
	if len(data) == 0 {
		return Attachment{}, apperr.Invalid("attachment.empty", "file", "the file is empty").With("name", name)
	}
	if len(data) > MaxAttachmentBytes {
		return Attachment{}, apperr.Invalid("attachment.too_large", "file", "the file is too large").
			With("name", name).With("maxMB", MaxAttachmentBytes>>20)
	}
	if _, err := s.Post(ctx, postID); err != nil {
		return Attachment{}, err
	}
	// The file is stored before the row that points at it: a failed write
	// leaves an unreferenced file, never a reference to a missing one.
	sha, err := s.blobs.Put(data)
	if err != nil {
		return Attachment{}, apperr.New("attachment.store_failed", "the file could not be saved in the data folder").
			With("name", name).Wrap(err)
	}
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		id, err = w.Insert("post_attachments", map[string]any{"post_id": postID, "name": name, "sha256": sha,
			"size": int64(len(data)), "mime": detectMime(name, data)})
		return err
	})
	if err != nil {
		return Attachment{}, err
	}
	return s.attachment(ctx, id)
}

// AddAttachmentBase64 is AddAttachment for a file read in the window (an
// <input type=file>), whose bytes cross the bridge as base64.
func (s *Service) AddAttachmentBase64(ctx context.Context, postID, name, content string) (Attachment, error) {
	data, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return Attachment{}, apperr.Invalid("attachment.unreadable", "file", "the file could not be read").With("name", name)
	}
	return s.AddAttachment(ctx, postID, name, data)
}

// Attachments lists a post's files, oldest first.
func (s *Service) Attachments(ctx context.Context, postID string) ([]Attachment, error) {
	return s.attachments(ctx, "post_id = ?", postID)
}

func (s *Service) attachment(ctx context.Context, id string) (Attachment, error) {
	list, err := s.attachments(ctx, "id = ?", id)
	if err != nil {
		return Attachment{}, err
	}
	if len(list) == 0 {
		return Attachment{}, apperr.New("attachment.not_found", "this file is no longer attached").With("id", id)
	}
	return list[0], nil
}

func (s *Service) attachments(ctx context.Context, where string, arg any) ([]Attachment, error) {
	var rows []struct {
		ID, PostID, Name, Sha256, Mime string
		Size, CreatedAt                int64
	}
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT id, post_id, name, sha256, size, mime, created_at FROM post_attachments
		WHERE deleted_at IS NULL AND `+where+` ORDER BY created_at, id`, arg).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Attachment, 0, len(rows))
	for _, r := range rows {
		a := Attachment{ID: r.ID, PostID: r.PostID, Name: r.Name, SHA256: r.Sha256, Size: r.Size, Mime: r.Mime,
			State: "pending", CreatedAt: conv.ISOTime(r.CreatedAt)}
		if s.blobs != nil {
			if _, err := s.blobs.Get(r.Sha256); err == nil {
				a.State = "here"
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// AttachmentContent returns a file's content as base64 for the window to
// show or save. A file still travelling is attachment.pending, not an error
// of the app.
func (s *Service) AttachmentContent(ctx context.Context, id string) (string, error) {
	a, err := s.attachment(ctx, id)
	if err != nil {
		return "", err
	}
	data, err := s.blobs.Get(a.SHA256)
	if err != nil {
		return "", apperr.New("attachment.pending", "this file has not arrived from your teammate yet").With("name", a.Name)
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// SaveAttachmentTo writes a file's content to dest (a path the user chose),
// through a temporary file renamed into place, so a full disk never leaves
// half a file under the chosen name.
func (s *Service) SaveAttachmentTo(ctx context.Context, id, dest string) error {
	a, err := s.attachment(ctx, id)
	if err != nil {
		return err
	}
	data, err := s.blobs.Get(a.SHA256)
	if err != nil {
		return apperr.New("attachment.pending", "this file has not arrived from your teammate yet").With("name", a.Name)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".postdeck-save-*")
	if err != nil {
		return apperr.New("attachment.save_failed", "the file could not be saved there").With("name", a.Name).Wrap(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dest)
	}
	if err != nil {
		return apperr.New("attachment.save_failed", "the file could not be saved there").With("name", a.Name).Wrap(err)
	}
	return nil
}

// RemoveAttachment takes a file off its post (a tombstone; the file itself
// stays in the store, so an undo or a concurrent edit loses nothing).
func (s *Service) RemoveAttachment(ctx context.Context, id string) error {
	if _, err := s.attachment(ctx, id); err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete("post_attachments", id) })
}

// WantedBlobs lists the files the workspace's posts refer to, for the sync
// engine to fetch from the shared folder.
func (s *Service) WantedBlobs() ([]string, error) {
	var shas []string
	err := s.st.DB().Raw("SELECT DISTINCT sha256 FROM post_attachments WHERE deleted_at IS NULL").Scan(&shas).Error
	return shas, err
}

// copyAttachments gives a detached occurrence its series' files. The ids
// derive from both, so two devices detaching the same day write the same rows.
func copyAttachments(w *replica.Writer, fromPost, toPost string) error {
	var rows []struct {
		ID, Name, Sha256, Mime string
		Size                   int64
	}
	if err := w.DB().Raw("SELECT id, name, sha256, mime, size FROM post_attachments WHERE post_id = ? AND deleted_at IS NULL",
		fromPost).Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		sum := sha256.Sum256([]byte(toPost + "\x00" + r.ID))
		id := hex.EncodeToString(sum[:16])
		if live, exists, err := rowState(w, "post_attachments", id); err != nil || live {
			return err
		} else if exists {
			if err := w.Restore("post_attachments", id); err != nil {
				return err
			}
			continue
		}
		if err := w.Put("post_attachments", id, map[string]any{"post_id": toPost, "name": r.Name, "sha256": r.Sha256,
			"size": r.Size, "mime": r.Mime}); err != nil {
			return err
		}
	}
	return nil
}

// cleanFileName keeps the last part of a path (from either kind of
// separator), without control characters, at most maxAttachmentName runes.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	if r := []rune(name); len(r) > maxAttachmentName {
		name = string(r[len(r)-maxAttachmentName:])
	}
	return name
}

// detectMime names a file's type from its first bytes, or its extension.
func detectMime(name string, data []byte) string {
	sniffed := http.DetectContentType(data)
	if sniffed != "application/octet-stream" && !strings.HasPrefix(sniffed, "text/plain") {
		return sniffed
	}
	if byExt := mime.TypeByExtension(strings.ToLower(path.Ext(name))); byExt != "" {
		return byExt
	}
	return sniffed
}
