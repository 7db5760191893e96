package sharedfolder

import (
	"bufio"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"postdeck/backend/replica"
)

// parallelDecodeLines is the number of change lines from which a segment is
// decoded on every core: a snapshot of a whole workspace has hundreds of
// thousands of them, a usual segment a few dozen.
const parallelDecodeLines = 8192

// decodeChanges parses the change lines of a segment (everything after the
// header, each line ending in '\n'), split exactly as bufio.ScanLines splits
// them, with the same limit on a line's length as the scanner had. A change
// written by EncodeSegment is read by a parser for that one shape; anything
// else goes through encoding/json, so what is accepted and what it decodes to
// do not change. The error names the first change that cannot be read.
func decodeChanges(body []byte, maxLine int) ([]replica.Change, error) {
	var lines [][]byte
	for len(body) > 0 {
		advance, line, err := bufio.ScanLines(body, true)
		if err != nil {
			return nil, err
		}
		if advance > maxLine {
			return nil, bufio.ErrTooLong
		}
		lines = append(lines, line)
		body = body[advance:]
	}
	changes := make([]replica.Change, len(lines))
	workers := 1
	if len(lines) >= parallelDecodeLines {
		workers = runtime.GOMAXPROCS(0)
	}
	errAt, errs := make([]int, workers), make([]error, workers)
	var wg sync.WaitGroup
	per := (len(lines) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := min(w*per, len(lines)), min((w+1)*per, len(lines))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if decodeChangeLine(lines[i], &changes[i]) {
					continue
				}
				if err := json.Unmarshal(lines[i], &changes[i]); err != nil {
					errAt[w], errs[w] = i, err
					return
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil { // workers cover the lines in order: the first error is the first line's
			return nil, fmt.Errorf("change %d: %w", errAt[w]+1, err)
		}
	}
	return changes, nil
}

// decodeChangeLine parses a change in exactly the form EncodeSegment writes
// it: {"e":..,"r":..,"f":..,"v":..,"c":{"hlc":..,"device":..},"b":{"hlc":..,"device":..}}
// with plain ASCII texts. It reports false, leaving c as it was, for any
// other form; encoding/json then reads the line (and says what is wrong).
func decodeChangeLine(line []byte, c *replica.Change) bool {
	p := lineParser{b: line}
	var out replica.Change
	ok := p.lit(`{"e":`) && p.text(&out.Entity) &&
		p.lit(`,"r":`) && p.text(&out.RowID) &&
		p.lit(`,"f":`) && p.text(&out.Field) &&
		p.lit(`,"v":`) && p.value(&out.Value) &&
		p.lit(`,"c":{"hlc":`) && p.int(&out.Clock.HLC) &&
		p.lit(`,"device":`) && p.text(&out.Clock.Device) &&
		p.lit(`},"b":{"hlc":`) && p.int(&out.Base.HLC) &&
		p.lit(`,"device":`) && p.text(&out.Base.Device) &&
		p.lit(`}}`) && p.i == len(p.b)
	if ok {
		*c = out
	}
	return ok
}

// lineParser reads one change line from position i on.
type lineParser struct {
	b []byte
	i int
}

func (p *lineParser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

// text reads a JSON string of printable ASCII without escapes: ids, table
// and field names and device ids are always that. Anything else is left to
// encoding/json (which, for one, replaces invalid UTF-8).
func (p *lineParser) text(s *string) bool {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	for j := p.i + 1; j < len(p.b); j++ {
		switch ch := p.b[j]; {
		case ch == '"':
			*s = string(p.b[p.i+1 : j])
			p.i = j + 1
			return true
		case ch == '\\' || ch < 0x20 || ch >= 0x80:
			return false
		}
	}
	return false
}

// int reads a JSON integer as encoding/json reads one into an int64.
func (p *lineParser) int(n *int64) bool {
	j := p.i
	if j < len(p.b) && p.b[j] == '-' {
		j++
	}
	start := j
	for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
		j++
	}
	if j == start || (p.b[start] == '0' && j-start > 1) {
		return false
	}
	v, err := strconv.ParseInt(string(p.b[p.i:j]), 10, 64)
	if err != nil {
		return false
	}
	*n, p.i = v, j
	return true
}

// value takes the raw bytes of any JSON value, as json.RawMessage keeps
// them. A string is checked here; anything else is delimited here and
// checked by json.Valid.
func (p *lineParser) value(raw *json.RawMessage) bool {
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '"' {
		if !p.skipString() {
			return false
		}
		*raw = append(json.RawMessage(nil), p.b[start:p.i]...)
		return true
	}
	depth := 0
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case '"':
			if !p.skipString() {
				return false
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				goto end
			}
			depth--
		case ',':
			if depth == 0 {
				goto end
			}
		}
		p.i++
	}
end:
	if p.i == start || isSpace(p.b[start]) || isSpace(p.b[p.i-1]) || !json.Valid(p.b[start:p.i]) {
		return false
	}
	*raw = append(json.RawMessage(nil), p.b[start:p.i]...)
	return true
}

// skipString moves past a valid JSON string starting at p.i.
func (p *lineParser) skipString() bool {
	for j := p.i + 1; j < len(p.b); j++ {
		switch ch := p.b[j]; {
		case ch == '"':
			p.i = j + 1
			return true
		case ch < 0x20:
			return false
		case ch == '\\':
			j++
			if j >= len(p.b) {
				return false
			}
			switch p.b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(p.b) {
					return false
				}
				for _, h := range p.b[j+1 : j+5] {
					if !isHex(h) {
						return false
					}
				}
				j += 4
			default:
				return false
			}
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}
