// Package i18n translates message keys with the window's locale files
// (frontend/src/i18n/locales), for the command line. Keys are dotted paths
// ("checks.banned_phrase") and {{name}} placeholders take the params, as
// i18next does in the window.
package i18n

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"postdeck/frontend/src/i18n/locales"
)

// Languages are the languages with a message file.
var Languages = []string{"en", "id"}

var (
	once    sync.Once
	catalog map[string]map[string]any
	loadErr error
)

func load() {
	catalog = map[string]map[string]any{}
	for _, lang := range Languages {
		raw, err := locales.FS.ReadFile(lang + ".json")
		if err != nil {
			loadErr = err
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			loadErr = fmt.Errorf("i18n: %s.json: %w", lang, err)
			return
		}
		catalog[lang] = doc
	}
}

// Lookup returns the message for key in lang, without placeholders filled.
func Lookup(lang, key string) (string, bool) {
	once.Do(load)
	if loadErr != nil {
		return "", false
	}
	var node any = catalog[lang]
	for _, part := range strings.Split(key, ".") {
		m, _ := node.(map[string]any)
		node = m[part]
	}
	s, ok := node.(string)
	return s, ok && s != ""
}

var placeholder = regexp.MustCompile(`\{\{\s*(\w+)\s*\}\}`)

// T returns the message for key in lang (English when lang has none, the key
// itself when neither has it) with {{name}} placeholders filled from params.
func T(lang, key string, params map[string]any) string {
	msg, ok := Lookup(lang, key)
	if !ok {
		if msg, ok = Lookup("en", key); !ok {
			return key
		}
	}
	return placeholder.ReplaceAllStringFunc(msg, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if v, ok := params[name]; ok {
			return fmt.Sprint(v)
		}
		return m
	})
}
