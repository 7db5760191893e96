package calendar

import (
	"postdeck/backend/replica"
)

// AddPostIn is AddPost inside the caller's write, for features that create
// a post together with rows of their own in one transaction (a draft from
// the library that also records when the item was last used, the posts and
// tasks of an applied campaign plan): either all of it is written or
// nothing. It returns the new post's id.
func (s *Service) AddPostIn(w *replica.Writer, actor string, in PostInput) (string, error) {
	return s.add(w, nil, actor, "", "", in)
}

// AttachBlobIn attaches a file that is already in the blob store (by its
// SHA-256) to a post, inside the caller's write. Reused content keeps
// pointing at the same file instead of storing a copy.
func AttachBlobIn(w *replica.Writer, postID, name, sha string, size int64, mime string) (string, error) {
	return w.Insert("post_attachments", map[string]any{"post_id": postID, "name": cleanFileName(name), "sha256": sha,
		"size": size, "mime": mime})
}
