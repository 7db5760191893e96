package feeds

// ListForTest exposes list to the tests.
var ListForTest = list
