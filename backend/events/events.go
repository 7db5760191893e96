// Package events names the events the backend sends to the UI and defines the
// Emitter that domain code receives. Domain packages never import the Wails
// runtime; the adapter lives in the composition root.
package events

import "sync"

// Changed is sent after a transaction that touched synced data commits, and
// when another process (the command line, a sync) changed the database.
const Changed = "data:changed"

// ChangedPayload lists the entities (table names) that changed. An empty list
// means "anything may have changed": refresh everything.
type ChangedPayload struct {
	Entities []string `json:"entities"`
}

// Emitter delivers events to whoever listens (the UI window).
type Emitter interface {
	Emit(name string, payload any)
}

// Nop is an Emitter that drops every event (command line, tests).
type Nop struct{}

// Emit drops the event.
func (Nop) Emit(string, any) {}

// Recorder is an Emitter that keeps the events it got, for tests.
type Recorder struct {
	mu     sync.Mutex
	Events []Recorded
}

// Recorded is one event kept by a Recorder.
type Recorded struct {
	Name    string
	Payload any
}

// Emit records the event.
func (r *Recorder) Emit(name string, payload any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Events = append(r.Events, Recorded{name, payload})
}

// Count returns how many events named name were recorded.
func (r *Recorder) Count(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.Events {
		if e.Name == name {
			n++
		}
	}
	return n
}
