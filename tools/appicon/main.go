// Command appicon draws Postdeck's icon, a calendar page with one day marked,
// from rounded rectangles, so it is sharp at every size:
//
//	go run ./tools/appicon build/appicon.png build/windows/icon.ico
//
// writes the 1024 px PNG that Wails and the Linux package use, and a Windows
// .ico holding 256, 128, 64, 48, 32 and 16 px images. Run it again only to
// change the design; the outputs are committed.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// shape is a rounded rectangle on a 1024 x 1024 canvas.
type shape struct {
	x0, y0, x1, y1, r float64
	c                 color.NRGBA
}

var (
	blue   = color.NRGBA{0x1c, 0x7e, 0xd6, 0xff}
	navy   = color.NRGBA{0x18, 0x4b, 0x8a, 0xff}
	white  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	coral  = color.NRGBA{0xff, 0x6b, 0x6b, 0xff}
	grey   = color.NRGBA{0xd0, 0xd7, 0xe1, 0xff}
	shapes = design()
)

// design lists the shapes back to front.
func design() []shape {
	s := []shape{
		{64, 64, 960, 960, 200, blue},   // the tile
		{224, 272, 800, 832, 64, white}, // the page
		{224, 272, 800, 420, 64, coral}, // its header
		{224, 360, 800, 420, 0, coral},  // (square lower corners of the header)
		{356, 208, 412, 336, 28, navy},  // rings
		{612, 208, 668, 336, 28, navy},
	}
	// Days: three rows of four, one marked.
	for row := 0; row < 3; row++ {
		for col := 0; col < 4; col++ {
			x, y := 276+float64(col)*124, 476+float64(row)*112
			c := grey
			if row == 1 && col == 2 {
				c = blue
			}
			s = append(s, shape{x, y, x + 96, y + 84, 18, c})
		}
	}
	return s
}

// inside reports whether canvas point (x, y) is inside s.
func (s shape) inside(x, y float64) bool {
	if x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1 {
		return false
	}
	cx := math.Max(s.x0+s.r, math.Min(x, s.x1-s.r))
	cy := math.Max(s.y0+s.r, math.Min(y, s.y1-s.r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= s.r*s.r
}

// render draws the icon at n x n pixels, 4 x 4 samples per pixel.
func render(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	const k = 4
	scale := 1024 / float64(n)
	for py := 0; py < n; py++ {
		for px := 0; px < n; px++ {
			var r, g, b, a float64
			for sy := 0; sy < k; sy++ {
				for sx := 0; sx < k; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/k) * scale
					y := (float64(py) + (float64(sy)+0.5)/k) * scale
					for i := len(shapes) - 1; i >= 0; i-- {
						if s := shapes[i]; s.inside(x, y) {
							r, g, b, a = r+float64(s.c.R), g+float64(s.c.G), b+float64(s.c.B), a+1
							break
						}
					}
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a * 255 / (k * k))})
			}
		}
	}
	return img
}

func pngBytes(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// ico packs PNG images into a Windows icon file (PNG entries work from
// Windows Vista on).
func ico(sizes []int) []byte {
	var head, body bytes.Buffer
	binary.Write(&head, binary.LittleEndian, [3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for _, n := range sizes {
		data := pngBytes(render(n))
		dim := uint8(n % 256) // 0 means 256
		binary.Write(&head, binary.LittleEndian, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(data)), uint32(offset)})
		body.Write(data)
		offset += len(data)
	}
	return append(head.Bytes(), body.Bytes()...)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: appicon OUT.png OUT.ico")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], pngBytes(render(1024)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(os.Args[2], ico([]int{256, 128, 64, 48, 32, 16}), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
