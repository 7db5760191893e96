package templates_test

import (
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/templates"
)

func code(err error) string { return apperr.Code(err) }

func param(err error, key string) any {
	e, ok := err.(*apperr.Error)
	if !ok {
		return nil
	}
	return e.Params[key]
}

func TestRenderFillsEveryPlaceholder(t *testing.T) {
	got, err := templates.Render("{{product}} is here on {{ date }}! {{link}} #{{campaign}} {{product}}",
		map[string]string{"product": "Kopi Susu", "date": "17 Agustus", "link": "https://kopi.id", "campaign": "Merdeka"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Kopi Susu is here on 17 Agustus! https://kopi.id #Merdeka Kopi Susu"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestRenderNamesEveryMissingValue(t *testing.T) {
	_, err := templates.Render("{{product}} {{link}} {{discount}} {{link}}", map[string]string{"product": "Kopi", "link": "  "})
	if code(err) != "template.value_missing" {
		t.Fatalf("want template.value_missing, got %v", err)
	}
	if got := param(err, "names"); got != "link, discount" {
		t.Fatalf("names: %v", got)
	}
}

func TestRenderNeverExpandsValuesAgain(t *testing.T) {
	got, err := templates.Render("Try {{product}} at {{link}}",
		map[string]string{"product": "{{link}} beta", "link": "{{product}}"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Try {{link}} beta at {{product}}"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	// A value with an unclosed {{ is not a template error either.
	if got, err := templates.Render("{{product}}", map[string]string{"product": "a {{ b"}); err != nil || got != "a {{ b" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestRenderKeepsUnicodeAndEmoji(t *testing.T) {
	got, err := templates.Render("☕️ {{produk}} — ✨{{harga}}✨ 👩🏽‍💻 ünïcödé", map[string]string{"produk": "Kopi Gula Aren 🌴", "harga": "Rp25.000"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "☕️ Kopi Gula Aren 🌴 — ✨Rp25.000✨ 👩🏽‍💻 ünïcödé"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAnUnclosedPlaceholderSaysWhere(t *testing.T) {
	_, err := templates.Render("Halo 👋\nBeli {{product} sekarang", map[string]string{"product": "x"})
	if code(err) != "template.placeholder_unclosed" {
		t.Fatalf("want template.placeholder_unclosed, got %v", err)
	}
	if param(err, "line") != 2 || param(err, "column") != 6 {
		t.Fatalf("position: line %v column %v", param(err, "line"), param(err, "column"))
	}
	if _, err := templates.Placeholders("{{ two words }}"); code(err) != "template.placeholder_invalid" {
		t.Fatalf("want template.placeholder_invalid, got %v", err)
	}
}

func TestPlaceholdersInOrderOfFirstUse(t *testing.T) {
	got, err := templates.Placeholders("{{link}} {{product}} {{link}} {{ harga_2 }}")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "link" || got[1] != "product" || got[2] != "harga_2" {
		t.Fatalf("got %v", got)
	}
}
