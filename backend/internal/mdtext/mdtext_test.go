package mdtext

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// nasty is text teammates may type that a Markdown reader would otherwise
// turn into markup.
var nasty = []string{
	`# not a heading`, `### nor this`, `#hashtag in the middle #kopi`,
	`- not a list`, `+ nor this`, `* nor this`, `1. not numbered`, `2) nor this`, `> not a quote`, `=== `, `---`,
	`already \*escaped\* and \[bracketed\] and \\ doubled \`, `ends with a backslash \`,
	`a | b | c`, `| cell | cell |`, `|---|---|`,
	`<script>alert(1)</script>`, `<b>bold</b> <!-- comment --> <?php ?>`, `<https://x.example>`,
	`&amp; &lt; &#65; & alone`, `*emphasis* _em_ **strong** __strong__ ~~struck~~ ~one~`,
	"`code` ``more``", `[link](javascript:alert(1)) ![img](http://x.example/a.png) [ref][1]`,
	`[1]: http://x.example`, `[ ] not a task`, `- [x] nor this`,
	`Budi_Santoso_2 (Brand_manager)`, `Rp25.000 & 50% off!`, "☕ kopi *susu* 🇮🇩",
	"two\nlines", "tab\tand   spaces", "   leading spaces", "    four spaces, not code",
}

// render shows s as GitHub-style Markdown readers do (the extensions the
// playbook guide uses), as a paragraph, a heading, a list item and a table
// cell, and returns each as HTML.
func render(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	g := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	if err := g.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// Whatever the text, a reader shows exactly its characters (white space
// folded) and no markup of its own, wherever the export puts it.
func TestInlineRendersAsTheTextItself(t *testing.T) {
	for _, s := range nasty {
		want := html.EscapeString(strings.Join(strings.Fields(s), " "))
		want = strings.ReplaceAll(want, "&#39;", "'")
		want = strings.ReplaceAll(want, "&#34;", "&quot;")
		e := Inline(s)
		for _, c := range []struct{ md, open, close string }{
			{e + "\n", "<p>", "</p>\n"},
			{"## " + e + "\n", "<h2>", "</h2>\n"},
			{"- " + e + "\n", "<ul>\n<li>", "</li>\n</ul>\n"},
			{"| a |\n|---|\n| " + e + " |\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>", "</td>\n</tr>\n</tbody>\n</table>\n"},
		} {
			got := render(t, c.md)
			if want == "" {
				continue
			}
			if got != c.open+want+c.close {
				t.Errorf("%q escaped as %q renders\n%s\nwant\n%s", s, e, got, c.open+want+c.close)
			}
		}
	}
}

// Line keeps the line's own spacing and is what Inline applies.
func TestLineEscapesOneLineAsIs(t *testing.T) {
	if got := Line("a  *b*"); got != `a  \*b\*` {
		t.Fatalf("Line: %q", got)
	}
	if got := Line("10. ten"); got != `10\. ten` {
		t.Fatalf("Line: %q", got)
	}
}

// No raw "<" is left for a reader that lets HTML through, whatever it makes
// of backslashes.
func TestNoRawHTMLInTheEscapedText(t *testing.T) {
	for _, s := range nasty {
		if e := Inline(s); strings.ContainsAny(e, "<>") {
			t.Errorf("%q escaped as %q", s, e)
		}
	}
}
