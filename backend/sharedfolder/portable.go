package sharedfolder

import (
	"fmt"
	"strings"
)

// windowsReserved are device names Windows refuses as a file name, with or
// without an extension ("con", "nul.txt", "COM1.seg").
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// PortableName returns an error when a file or folder name in the shared
// folder would not survive every OS and syncer a team uses: Windows refuses
// <>:"/\|?* and control characters, a trailing dot or space, and device
// names such as CON or NUL; names longer than 255 bytes fail almost
// everywhere. Names that differ only by case are a separate check
// (CaseCollisions): a Windows or macOS disk holds only one of them.
func PortableName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("%q is not a file name", name)
	case len(name) > 255:
		return fmt.Errorf("%q is longer than 255 bytes", name)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return fmt.Errorf("%q ends with a dot or a space, which Windows drops", name)
	}
	for _, r := range name {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return fmt.Errorf("%q holds %q, which Windows refuses in file names", name, r)
		}
	}
	base, _, _ := strings.Cut(name, ".")
	if windowsReserved[strings.ToUpper(strings.TrimRight(base, " "))] {
		return fmt.Errorf("%q is a device name on Windows", name)
	}
	return nil
}

// CaseCollisions returns the names in one folder that are the same but for
// case ("Feed.ics" and "feed.ics"); on Windows and macOS only one of them can
// exist, so a syncer renames or drops the other.
func CaseCollisions(names []string) [][2]string {
	seen := map[string]string{}
	var out [][2]string
	for _, n := range names {
		k := strings.ToLower(n)
		if first, ok := seen[k]; ok && first != n {
			out = append(out, [2]string{first, n})
			continue
		}
		seen[k] = n
	}
	return out
}
