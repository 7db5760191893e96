package textmerge

import (
	"math/rand"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	base := "Promo Ramadan\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n"
	cases := []struct {
		name       string
		a, b, want string
		clean      bool
	}{
		{"different lines", "Promo Ramadan!\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n",
			"Promo Ramadan\nDiskon 20%\nBerlaku sampai Sabtu\n#kopi\n",
			"Promo Ramadan!\nDiskon 20%\nBerlaku sampai Sabtu\n#kopi\n", true},
		{"same change twice", "Promo\n", "Promo\n", "Promo\n", true},
		{"one side unchanged", base, "x\n", "x\n", true},
		{"insert and edit elsewhere", "Promo Ramadan\nBaru!\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n",
			"Promo Ramadan\nDiskon 20%\nBerlaku sampai Jumat\n#kopinusantara\n",
			"Promo Ramadan\nBaru!\nDiskon 20%\nBerlaku sampai Jumat\n#kopinusantara\n", true},
		{"same line differently", "Promo Ramadan\nDiskon 30%\nBerlaku sampai Jumat\n#kopi\n",
			"Promo Ramadan\nDiskon 25%\nBerlaku sampai Jumat\n#kopi\n", "", false},
		{"both insert at one place", "Promo Ramadan\nA\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n",
			"Promo Ramadan\nB\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n", "", false},
		{"one deletes a line the other edits", "Promo Ramadan\nBerlaku sampai Jumat\n#kopi\n",
			"Promo Ramadan\nDiskon 50%\nBerlaku sampai Jumat\n#kopi\n", "", false},
		{"no trailing newline", "Promo Ramadan\nDiskon 20%\nBerlaku sampai Jumat\n#kopi",
			"Promo\nDiskon 20%\nBerlaku sampai Jumat\n#kopi\n", "Promo\nDiskon 20%\nBerlaku sampai Jumat\n#kopi", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Merge(base, c.a, c.b)
			if ok != c.clean || (ok && got != c.want) {
				t.Fatalf("Merge = %q, %v; want %q, %v", got, ok, c.want, c.clean)
			}
			got2, ok2 := Merge(base, c.b, c.a)
			if ok2 != ok || got2 != got {
				t.Fatalf("merge depends on the order of the sides: %q/%v vs %q/%v", got, ok, got2, ok2)
			}
		})
	}
}

// A clean merge keeps every line each side added, in both orders.
func TestRandomMergesKeepBothSidesWork(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 500; n++ {
		var base []string
		for i := 0; i < 8; i++ {
			base = append(base, "line "+string(rune('a'+i))+"\n")
		}
		a := append([]string{}, base...)
		b := append([]string{}, base...)
		ia, ib := rng.Intn(8), rng.Intn(8)
		a[ia] = "A edit\n"
		b[ib] = "B edit\n"
		got, ok := Merge(strings.Join(base, ""), strings.Join(a, ""), strings.Join(b, ""))
		if ia == ib {
			if ok {
				t.Fatalf("same line edited twice merged cleanly: %q", got)
			}
			continue
		}
		if !ok || !strings.Contains(got, "A edit") || !strings.Contains(got, "B edit") || strings.Count(got, "\n") != 8 {
			t.Fatalf("lines %d,%d: %q %v", ia, ib, got, ok)
		}
	}
}
