package feeds

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
	"postdeck/backend/ics"
	"postdeck/backend/sharedfolder"
)

// keyFolder is the device-local setting naming the user's own feeds folder.
const keyFolder = "feeds_folder"

// PublishedEvent is sent to the window after a publish that wrote or
// removed a file, or failed.
const PublishedEvent = "feeds:published"

// Report says what one publish did.
type Report struct {
	At string `json:"at"`
	// Written are the files written (their content had changed).
	Written []string `json:"written"`
	// Unchanged counts the files left alone because they were current.
	Unchanged int `json:"unchanged"`
	// Removed are the files of deleted feeds that were taken away.
	Removed []string `json:"removed"`
	// Folders are the folders published to.
	Folders []string `json:"folders"`
	// Error is the code of what went wrong ("" when fine).
	Error       string         `json:"error"`
	ErrorParams map[string]any `json:"errorParams,omitempty"`
}

// Publisher writes every feed's file into the shared folder's feeds/ and
// into this device's own feeds folder.
type Publisher struct {
	svc *Service
	// shared returns this workspace's folder inside the shared folder ("" when
	// sync is off).
	shared func() (string, error)
	mu     sync.Mutex // one publish at a time
	last   Report
}

// NewPublisher returns a publisher; shared gives the workspace's folder in
// the shared folder (<folder>/postdeck/<workspace-id>), "" when sync is off.
func NewPublisher(svc *Service, shared func() (string, error)) *Publisher {
	return &Publisher{svc: svc, shared: shared}
}

// Folder returns this device's own feeds folder ("" when none is set).
func (s *Service) Folder() (string, error) { return s.st.Local(keyFolder) }

// SetFolder sets this device's own feeds folder ("" stops publishing there).
func (s *Service) SetFolder(ctx context.Context, dir string) error {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return apperr.Invalid("feed.folder_missing", "folder", "the folder does not exist").With("folder", dir)
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return apperr.Invalid("feed.folder_missing", "folder", "the folder does not exist").With("folder", dir)
		}
		dir = abs
	}
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyFolder, dir)
}

// Targets returns the folders feeds are written to now: the shared
// folder's feeds/ (only when the workspace is really there, so a wrong or
// unmounted folder is never filled) and this device's own folder.
func (p *Publisher) Targets() ([]string, error) {
	var out []string
	if root, err := p.shared(); err != nil {
		return nil, err
	} else if root != "" {
		if st, err := os.Stat(filepath.Join(root, "workspace.json")); err == nil && st.Mode().IsRegular() {
			out = append(out, filepath.Join(root, "feeds"))
		}
	}
	own, err := p.svc.Folder()
	if err != nil {
		return nil, err
	}
	if own != "" {
		out = append(out, own)
	}
	return out, nil
}

// Last returns the outcome of the latest publish.
func (p *Publisher) Last() Report {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last
}

// Publish writes the file of every feed whose content changed, into every
// target folder, and removes the files of deleted feeds.
func (p *Publisher) Publish(ctx context.Context) (Report, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rep, err := p.publish(ctx)
	rep.At = time.Now().UTC().Format(time.RFC3339)
	if err != nil {
		e := apperr.As(err)
		rep.Error, rep.ErrorParams = e.Code, e.Params
	}
	p.last = rep
	return rep, err
}

func (p *Publisher) publish(ctx context.Context) (Report, error) {
	rep := Report{Written: []string{}, Removed: []string{}, Folders: []string{}}
	targets, err := p.Targets()
	if err != nil || len(targets) == 0 {
		return rep, err
	}
	rows, err := allFeeds(p.svc.st.DB().WithContext(ctx))
	if err != nil {
		return rep, apperr.Internal(err)
	}
	live := liveFeeds(rows)
	files := make(map[string][]byte, len(live))
	for _, f := range live {
		data, err := p.svc.Export(ctx, f.Selection())
		if err != nil {
			// A feed whose member or channel was removed still publishes:
			// without that filter it would show everyone's posts, so it
			// shows none until someone fixes it.
			data, err = ics.Calendar{Name: f.Name, Zone: p.svc.cal.Zone(ctx)}.Encode()
			if err != nil {
				return rep, apperr.Internal(err)
			}
		}
		files[f.FileName] = data
	}
	own, _ := p.svc.Folder()
	var missing error
	for _, dir := range targets {
		if dir == own {
			// The user's own folder is never created: gone means an
			// unplugged drive or a renamed folder the user should hear of.
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				missing = apperr.New("feed.folder_missing", "the feeds folder does not exist").With("folder", dir)
				continue
			}
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			return rep, folderError(dir, err)
		}
		rep.Folders = append(rep.Folders, dir)
		out := sharedfolder.DirFS{Root: dir}
		for name, data := range files {
			path := filepath.Join(dir, name)
			if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
				rep.Unchanged++
				continue
			}
			if err := out.WriteFileAtomic(name, data); err != nil {
				return rep, folderError(dir, err)
			}
			rep.Written = append(rep.Written, path)
		}
		for _, r := range rows {
			name := r.FileName + ".ics"
			if r.DeletedAt == nil || files[name] != nil {
				continue
			}
			path := filepath.Join(dir, name)
			if ours(path) && os.Remove(path) == nil {
				rep.Removed = append(rep.Removed, path)
			}
		}
	}
	return rep, missing
}

// ours says whether path is a calendar file Postdeck wrote, so removing a
// deleted feed's file never takes a file someone else put there.
func ours(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := f.Read(head)
	return bytes.HasPrefix(head[:n], []byte("BEGIN:VCALENDAR")) && bytes.Contains(head[:n], []byte(ics.ProductID))
}

func folderError(dir string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return apperr.New("feed.folder_read_only", "the feeds folder cannot be written").With("folder", dir).Wrap(err)
	}
	return apperr.New("feed.folder_write_failed", "the feed could not be written").With("folder", dir).
		WithCause(err)
}

// Runner publishes in the background: soon after a change (several
// changes close together make one publish) and on a slow poll, which also
// puts back a file someone removed.
type Runner struct {
	pub      *Publisher
	emit     events.Emitter
	debounce time.Duration
	poll     time.Duration
	poke     chan struct{}
}

// NewRunner returns a background publisher.
func NewRunner(pub *Publisher, emit events.Emitter) *Runner {
	return &Runner{pub: pub, emit: emit, debounce: time.Second, poll: time.Minute, poke: make(chan struct{}, 1)}
}

// Poke asks for a publish soon.
func (r *Runner) Poke() {
	select {
	case r.poke <- struct{}{}:
	default:
	}
}

// Run publishes until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	tick := time.NewTicker(r.poll)
	defer tick.Stop()
	r.Poke()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.poke:
		case <-tick.C:
		}
		timer := time.NewTimer(r.debounce)
	settle:
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-r.poke:
			case <-timer.C:
				break settle
			}
		}
		before := r.pub.Last()
		rep, _ := r.pub.Publish(ctx)
		if len(rep.Written) > 0 || len(rep.Removed) > 0 || rep.Error != before.Error {
			r.emit.Emit(PublishedEvent, rep)
		}
	}
}
