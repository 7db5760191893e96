package templates

// LibraryTable is the synced table of the library of approved content.
const LibraryTable = "library_items"
