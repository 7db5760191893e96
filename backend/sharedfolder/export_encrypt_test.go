package sharedfolder

// SetHostNameForTest makes every device of the test call itself name, so a
// test can look for that name in the shared folder; it returns the undo.
func SetHostNameForTest(name string) func() {
	old := hostName
	hostName = func() string { return name }
	return func() { hostName = old }
}
