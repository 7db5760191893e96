package sharedfolder

// SetHostNameForTest makes every device of the test call itself name, so a
// test can look for that name in the shared folder; it returns the undo.
func SetHostNameForTest(name string) func() {
	old := hostName
	hostName = func() string { return name }
	return func() { hostName = old }
}

// ReadSegmentForTest reads a file of the workspace's folder in the shared
// folder (a slash-separated name such as "devices/<id>/changes/<seq>.seg")
// the way sync reads it: opened with the keys this engine found in its
// last sync when it is sealed, as it is when plain. Tests use it to look
// inside a segment whatever its sealing.
func (e *Engine) ReadSegmentForTest(folder, name string) ([]byte, error) {
	return e.sealedView(e.fsFor(folder)).ReadFile(name, MaxSnapshotBytes)
}
