package dates

import "testing"

func TestValidAndBounds(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-12-31": true, "2028-02-29": true, "2027-02-29": false, "2027-02-30": false,
		"2027-2-3": false, "27-02-03": false, "2027-02-03 ": false, "+027-02-03": false, "": false,
		"1899-12-31": true, "2200-01-01": true,
	} {
		if Valid(s) != want {
			t.Errorf("Valid(%q) = %v, want %v", s, !want, want)
		}
	}
	for s, want := range map[string]bool{
		"1899-12-31": false, "1900-01-01": true, "2199-12-31": true, "2200-01-01": false, "2027-02-30": false,
	} {
		if Plannable(s) != want {
			t.Errorf("Plannable(%q) = %v, want %v", s, !want, want)
		}
	}
}
