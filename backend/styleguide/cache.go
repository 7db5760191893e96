package styleguide

// checkerCache keeps the compiled checker until the guide or the network
// limits change.
type checkerCache struct {
	seq  int64  // newest change seq when the key was computed
	hash string // of the guide and limits the checker was compiled from
}
