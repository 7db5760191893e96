package calendar_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"postdeck/backend/calendar"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachmentsAreStoredByContentAndListedWithTheirPost(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	img := pngBytes(t)
	a, err := f.ws.Calendar.AddAttachment(ctx, p.ID, `C:\Users\sari\Pictures\foto produk.png`, img)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "foto produk.png" || a.Mime != "image/png" || a.Size != int64(len(img)) || a.State != "here" || len(a.SHA256) != 64 {
		t.Fatalf("attachment: %+v", a)
	}
	again, err := f.ws.Calendar.AddAttachmentBase64(ctx, p.ID, "copy.png", base64.StdEncoding.EncodeToString(img))
	if err != nil || again.SHA256 != a.SHA256 || again.ID == a.ID {
		t.Fatalf("the same file twice: %+v %v", again, err)
	}
	brief, _ := f.ws.Calendar.AddAttachment(ctx, p.ID, "brief.md", []byte("# Brief\nDiskon 20%"))
	if brief.Mime != "text/markdown; charset=utf-8" && brief.Mime != "text/markdown" {
		t.Fatalf("a text file by its extension: %q", brief.Mime)
	}
	content, err := f.ws.Calendar.AttachmentContent(ctx, a.ID)
	if err != nil || content != base64.StdEncoding.EncodeToString(img) {
		t.Fatalf("content: %v", err)
	}
	if err := f.ws.Calendar.RemoveAttachment(ctx, again.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := f.ws.Calendar.Attachments(ctx, p.ID)
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != brief.ID {
		t.Fatalf("after removing the copy: %+v", list)
	}
	wanted, _ := f.ws.Calendar.WantedBlobs()
	if len(wanted) != 2 {
		t.Fatalf("files the sync engine fetches: %v", wanted)
	}
}

func TestBadAttachmentsAreRefusedAndChangeNothing(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"", []byte("x"), "attachment.name_required"},
		{"../..", []byte("x"), "attachment.name_required"},
		{"empty.txt", nil, "attachment.empty"},
		{"huge.mov", make([]byte, calendar.MaxAttachmentBytes+1), "attachment.too_large"},
	}
	for _, c := range cases {
		if _, err := f.ws.Calendar.AddAttachment(ctx, p.ID, c.name, c.data); code(err) != c.code {
			t.Errorf("%q: got %v, want %s", c.name, err, c.code)
		}
	}
	if _, err := f.ws.Calendar.AddAttachment(ctx, "0193f1c2-0000-7000-8000-000000000000", "a.txt", []byte("x")); code(err) != "post.not_found" {
		t.Errorf("no such post: %v", err)
	}
	if _, err := f.ws.Calendar.AddAttachmentBase64(ctx, p.ID, "a.txt", "%%%not base64"); code(err) != "attachment.unreadable" {
		t.Errorf("bad base64: %v", err)
	}
	if list, _ := f.ws.Calendar.Attachments(ctx, p.ID); len(list) != 0 {
		t.Fatalf("refused files were attached: %+v", list)
	}
}

func TestAnOccurrenceEditedAloneKeepsTheSeriesFiles(t *testing.T) {
	f := setup(t)
	s := f.series(t, "2026-12-01", "", calendar.Repeat{Freq: "daily", Count: 3})
	if _, err := f.ws.Calendar.AddAttachment(ctx, s.ID, "logo.png", pngBytes(t)); err != nil {
		t.Fatal(err)
	}
	one, err := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-02")
	if err != nil {
		t.Fatal(err)
	}
	list, _ := f.ws.Calendar.Attachments(ctx, one.ID)
	if len(list) != 1 || list[0].Name != "logo.png" || list[0].State != "here" {
		t.Fatalf("the occurrence's files: %+v", list)
	}
}

func TestSavingAFileWritesItWhole(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	img := pngBytes(t)
	a, _ := f.ws.Calendar.AddAttachment(ctx, p.ID, "foto.png", img)
	dest := filepath.Join(t.TempDir(), "saved.png")
	if err := f.ws.Calendar.SaveAttachmentTo(ctx, a.ID, dest); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dest); !bytes.Equal(got, img) {
		t.Fatal("the saved file differs")
	}
	if err := f.ws.Calendar.SaveAttachmentTo(ctx, a.ID, filepath.Join(t.TempDir(), "no", "such", "dir.png")); code(err) != "attachment.save_failed" {
		t.Fatalf("saving into a missing folder: %v", err)
	}
}
