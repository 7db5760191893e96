package apperr_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"postdeck/backend/apperr"
)

// Every error code the backend can return is a key the window translates;
// a code without an English and an Indonesian message would reach users raw.
func TestEveryErrorCodeIsTranslated(t *testing.T) {
	codeRe := regexp.MustCompile(`apperr\.(?:New|Invalid)\("([a-z_.]+)"|Code\w*\s*=\s*"([a-z_.]+)"`)
	codes := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range codeRe.FindAllStringSubmatch(string(src), -1) {
			codes[m[1]+m[2]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d codes: the scan is broken", len(codes))
	}
	for _, lang := range []string{"en", "id"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "locales", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s.json: %v", lang, err)
		}
		for code, where := range codes {
			var node any = doc["errors"]
			for _, part := range strings.Split(code, ".") {
				m, _ := node.(map[string]any)
				node = m[part]
			}
			if s, ok := node.(string); !ok || s == "" {
				t.Errorf("%s.json has no errors.%s (returned in %s)", lang, code, where)
			}
		}
	}
}

func TestJSONCarriesCodeFieldAndParams(t *testing.T) {
	err := apperr.Invalid("member.email_invalid", "email", "bad").With("email", "x@")
	var got map[string]any
	if e := json.Unmarshal([]byte(apperr.JSON(err)), &got); e != nil {
		t.Fatal(e)
	}
	if got["code"] != "member.email_invalid" || got["field"] != "email" || got["params"].(map[string]any)["email"] != "x@" {
		t.Fatalf("%v", got)
	}
	wrapped := apperr.JSON(errors.New("disk I/O error"))
	if !strings.Contains(wrapped, `"code":"internal"`) {
		t.Fatalf("unknown errors must become internal ones: %s", wrapped)
	}
}

// A file that is not there reaches the window as a reason it can say in
// the user's language; the system's English text is only the detail.
func TestWithCauseSaysWhyInWordsTheWindowTranslates(t *testing.T) {
	_, cause := os.Open(filepath.Join(t.TempDir(), "posts.csv"))
	e := apperr.New("csv.file_unreadable", "the file cannot be read").WithCause(cause)
	if e.Params["reason"] != apperr.ReasonNotFound {
		t.Fatalf("reason: %v", e.Params)
	}
	if d, _ := e.Params["detail"].(string); !strings.Contains(d, "no such file") {
		t.Fatalf("detail: %v", e.Params)
	}
	if !errors.Is(e, os.ErrNotExist) {
		t.Fatal("the cause is kept for errors.Is")
	}
	if r := apperr.New("x", "y").WithCause(errors.New("disk I/O error")).Params["reason"]; r != nil {
		t.Fatalf("an unknown failure has no reason, got %v", r)
	}
	// Every reason has words in both languages.
	for _, lang := range []string{"en", "id"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "locales", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Errors struct {
				Reasons map[string]string `json:"reasons"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		for _, r := range []string{apperr.ReasonNotFound, apperr.ReasonPermission, apperr.ReasonNoSpace, apperr.ReasonIsDirectory, apperr.ReasonReadOnly} {
			if doc.Errors.Reasons[r] == "" {
				t.Errorf("%s.json has no errors.reasons.%s", lang, r)
			}
		}
	}
}
