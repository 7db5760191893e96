// Command iconsizes writes smaller copies of the app icon for the Linux
// package: desktops look icons up by size (hicolor/<n>x<n>/apps), and the
// source icon is 1024x1024. Each size must divide the source size; every
// output pixel is the average of the block of source pixels it covers
// (weighted by alpha, so transparent pixels do not darken the edges).
//
//	go run ./tools/iconsizes build/appicon.png OUTDIR 512 256 128 64 48 32
//
// writes OUTDIR/<n>x<n>/apps/postdeck.png for each size.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: iconsizes SOURCE.png OUTDIR SIZE...")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		fmt.Fprintln(os.Stderr, "iconsizes:", err)
		os.Exit(1)
	}
}

func run(source, outDir string, sizes []string) error {
	f, err := os.Open(source)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	for _, s := range sizes {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fmt.Errorf("bad size %q", s)
		}
		img, err := shrink(src, n)
		if err != nil {
			return err
		}
		path := filepath.Join(outDir, fmt.Sprintf("%dx%d", n, n), "apps", "postdeck.png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := png.Encode(out, img); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
	}
	return nil
}

// shrink box-filters a square image down to n x n pixels.
func shrink(src image.Image, n int) (*image.NRGBA, error) {
	b := src.Bounds()
	if b.Dx() != b.Dy() || b.Dx()%n != 0 {
		return nil, fmt.Errorf("cannot shrink a %dx%d icon to %dx%d: the size must divide the source", b.Dx(), b.Dy(), n, n)
	}
	k := b.Dx() / n
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			var r, g, bl, a uint64
			for sy := 0; sy < k; sy++ {
				for sx := 0; sx < k; sx++ {
					// RGBA() is alpha-premultiplied, 16 bits per channel.
					cr, cg, cb, ca := src.At(b.Min.X+x*k+sx, b.Min.Y+y*k+sy).RGBA()
					r, g, bl, a = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca)
				}
			}
			if a == 0 {
				continue
			}
			// Un-premultiply: the average colour of the covered opaque area.
			dst.SetNRGBA(x, y, color.NRGBA{
				R: uint8(r * 255 / a), G: uint8(g * 255 / a), B: uint8(bl * 255 / a),
				A: uint8(a / uint64(k*k) >> 8),
			})
		}
	}
	return dst, nil
}
