package calendar_test

import "os"

func osTempDir() (string, error) { return os.MkdirTemp("", "postdeck-bench-") }
