// Package locales embeds the window's message files, so the command line
// says the same thing in the same words and languages as the window.
package locales

import "embed"

// FS holds en.json and id.json.
//
//go:embed en.json id.json
var FS embed.FS
