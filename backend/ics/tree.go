package ics

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// node is a component with the line each part came from.
type node struct {
	name     string
	line     int
	props    map[string][]prop
	children []*node
}

type prop struct {
	ical.Prop
	line int
}

func (n *node) first(name string) *prop {
	if ps := n.props[name]; len(ps) > 0 {
		return &ps[0]
	}
	return nil
}

// parseTree unfolds lines and builds the component tree.
func parseTree(data []byte) (*node, error) {
	var stack []*node
	var root *node
	lines := logicalLines(data)
	for _, l := range lines {
		if l.err != nil {
			return nil, l.err
		}
		if l.text == "" {
			continue
		}
		p, err := parseLine(l.text)
		if err != nil && root == nil {
			return nil, errAt(l.no, "not_calendar", "this is not a calendar file (no BEGIN:VCALENDAR)")
		}
		if err != nil {
			return nil, errAt(l.no, "syntax", "%s", err)
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if name == "" {
				return nil, errAt(l.no, "syntax", "BEGIN without a component name")
			}
			if root != nil && len(stack) == 0 {
				if name == ical.CompCalendar {
					stack = append(stack, root) // a second calendar in the same file: its events join the first's
					continue
				}
				return nil, errAt(l.no, "syntax", "%s outside the calendar", name)
			}
			if len(stack) >= maxDepth {
				return nil, errAt(l.no, "syntax", "components nested too deep")
			}
			n := &node{name: name, line: l.no, props: map[string][]prop{}}
			if len(stack) == 0 {
				if name != ical.CompCalendar {
					return nil, errAt(l.no, "not_calendar", "the file does not start with BEGIN:VCALENDAR")
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if len(stack) == 0 {
				return nil, errAt(l.no, "syntax", "END:%s without a BEGIN", name)
			}
			top := stack[len(stack)-1]
			if top.name != name {
				return nil, errAt(l.no, "syntax", "END:%s where END:%s was expected (BEGIN on line %d)", name, top.name, top.line)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				if root == nil {
					return nil, errAt(l.no, "not_calendar", "the file does not start with BEGIN:VCALENDAR")
				}
				return nil, errAt(l.no, "syntax", "%s after the end of the calendar", p.Name)
			}
			top := stack[len(stack)-1]
			top.props[p.Name] = append(top.props[p.Name], prop{Prop: *p, line: l.no})
		}
	}
	if root == nil {
		return nil, errAt(1, "not_calendar", "this is not a calendar file (no BEGIN:VCALENDAR)")
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return nil, errAt(top.line, "syntax", "BEGIN:%s is never closed", top.name)
	}
	return root, nil
}

type logicalLine struct {
	no   int
	text string
	err  *ParseError
}

// logicalLines splits data into content lines (CRLF or LF), joining folded
// continuation lines, each with the number of its first physical line.
func logicalLines(data []byte) []logicalLine {
	var out []logicalLine
	no := 0
	for len(data) > 0 {
		no++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if !utf8.Valid(raw) {
			return append(out, logicalLine{err: errAt(no, "not_utf8", "the text is not UTF-8")})
		}
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && len(out) > 0 {
			last := &out[len(out)-1]
			if len(last.text)+len(raw) > maxLineBytes {
				return append(out, logicalLine{err: errAt(last.no, "syntax", "the line is too long")})
			}
			last.text += string(raw[1:])
			continue
		}
		if len(raw) > maxLineBytes {
			return append(out, logicalLine{err: errAt(no, "syntax", "the line is too long")})
		}
		out = append(out, logicalLine{no: no, text: string(raw)})
	}
	return out
}

// parseLine reads NAME *(;PARAM=VALUE[,VALUE]) : VALUE.
func parseLine(s string) (*ical.Prop, error) {
	i := 0
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	if i == 0 {
		return nil, fmt.Errorf("expected a property name, found %q", clip(s))
	}
	p := &ical.Prop{Name: strings.ToUpper(s[:i]), Params: ical.Params{}}
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return nil, fmt.Errorf("a parameter of %s is not NAME=VALUE", p.Name)
		}
		name := strings.ToUpper(s[i:j])
		i = j + 1
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("a quoted parameter of %s is never closed", p.Name)
				}
				v = s[i+1 : i+1+end]
				i += end + 2
			} else {
				j := i
				for j < len(s) && s[j] != ';' && s[j] != ':' && s[j] != ',' && s[j] != '"' {
					j++
				}
				v = s[i:j]
				i = j
			}
			p.Params[name] = append(p.Params[name], v)
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
	}
	if i >= len(s) || s[i] != ':' {
		return nil, fmt.Errorf("%s has no ':' before its value", p.Name)
	}
	p.Value = s[i+1:]
	return p, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func clip(s string) string {
	if len(s) > 30 {
		return s[:30] + "…"
	}
	return s
}
