package sharedfolder

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
)

// Attachments (images, videos) are blobs: files named by the SHA-256 of
// their content, kept in the data folder under blobs/ab/<sha256> and copied
// into the shared folder at the same place. A name is its content's hash, so
// a blob is written once, never changed, and checked whenever it is read.

// MaxBlobBytes bounds one attachment.
const MaxBlobBytes = 512 << 20

var blobRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

// BlobState says where an attachment is.
type BlobState string

// Blob states: here, or still travelling (a teammate's syncer has not
// delivered it yet). A missing blob never stops sync.
const (
	BlobHere    BlobState = "here"
	BlobPending BlobState = "pending"
)

// ErrBadBlobName is returned for a name that is not a SHA-256.
var ErrBadBlobName = errors.New("not a blob name")

// blobPath is blobs/<first two hex digits>/<sha256>.
func blobPath(sha string) string { return "blobs/" + sha[:2] + "/" + sha }

// Blobs is the data folder's attachment store.
type Blobs struct {
	local DirFS
	// Wanted lists the blobs the workspace refers to (attachments of posts).
	Wanted func() ([]string, error)
}

// NewBlobs returns the attachment store of a data folder.
func NewBlobs(dataDir string) *Blobs {
	return &Blobs{local: DirFS{Root: dataDir}, Wanted: func() ([]string, error) { return nil, nil }}
}

// Put stores data and returns its name.
func (b *Blobs) Put(data []byte) (string, error) {
	if len(data) > MaxBlobBytes {
		return "", ErrTooLarge
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if _, err := b.local.Stat(blobPath(sha)); err == nil {
		return sha, nil
	}
	if err := b.local.MkdirAll(filepath.ToSlash(filepath.Dir(blobPath(sha)))); err != nil {
		return "", err
	}
	return sha, b.local.WriteFileAtomic(blobPath(sha), data)
}

// Get returns a blob's content after checking it against its name.
func (b *Blobs) Get(sha string) ([]byte, error) {
	if !blobRe.MatchString(sha) {
		return nil, ErrBadBlobName
	}
	return readBlob(b.local, sha)
}

// State says whether a blob is here or still travelling.
func (b *Blobs) State(sha string) BlobState {
	if _, err := b.Get(sha); err == nil {
		return BlobHere
	}
	return BlobPending
}

func readBlob(f FS, sha string) ([]byte, error) {
	data, err := f.ReadFile(blobPath(sha), MaxBlobBytes)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		return nil, fmt.Errorf("blob %s does not match its content", sha[:12])
	}
	return data, nil
}

// sendBlobs copies local blobs the shared folder lacks into it. Sync does it
// before writing the changes that refer to them, so a teammate rarely sees
// an attachment before its file.
func (b *Blobs) sendBlobs(shared FS, rep *Report) error {
	local, err := b.list(b.local)
	if err != nil {
		return err
	}
	for _, sha := range local {
		if _, err := shared.Stat(blobPath(sha)); err == nil {
			continue
		}
		data, err := readBlob(b.local, sha)
		if err != nil {
			continue // a damaged local copy is not spread
		}
		if err := shared.MkdirAll("blobs/" + sha[:2]); err != nil {
			return writeError(err)
		}
		if err := shared.WriteFileAtomic(blobPath(sha), data); err != nil {
			return writeError(err)
		}
		rep.BlobsSent++
	}
	return nil
}

// fetchBlobs copies wanted blobs this device lacks out of the shared folder.
// A blob that is missing or damaged there stays pending and is tried again
// next time; it never stops sync.
func (b *Blobs) fetchBlobs(shared FS, rep *Report) error {
	wanted, err := b.Wanted()
	if err != nil {
		return err
	}
	for _, sha := range wanted {
		if !blobRe.MatchString(sha) {
			continue
		}
		if _, err := readBlob(b.local, sha); err == nil {
			continue
		}
		data, err := readBlob(shared, sha)
		if err != nil {
			rep.BlobsPending++
			continue
		}
		if _, err := b.Put(data); err != nil {
			return err
		}
		rep.BlobsReceived++
	}
	return nil
}

// list returns the names of the blobs in f.
func (b *Blobs) list(f FS) ([]string, error) {
	dirs, err := f.ReadDir("blobs")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		files, err := f.ReadDir("blobs/" + d.Name())
		if err != nil {
			continue
		}
		for _, fi := range files {
			if blobRe.MatchString(fi.Name()) && fi.Name()[:2] == d.Name() {
				out = append(out, fi.Name())
			}
		}
	}
	return out, nil
}
