#pragma once
// Test helpers for the feature tests: sample images and synthetic drawings.
#include <cstdint>
#include <string>

#include "core/image.hpp"

namespace lv::test {

// Loads LV_SAMPLES_DIR/<name> (PNG or JPEG) as RGB; an empty Image when the
// file is missing (run scripts/samples.sh).
Image loadSample(const std::string& name);

// The image after a JPEG encode/decode at the given quality (1..100).
Image jpegRoundTrip(const Image& img, int quality);

Image solidImage(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b);
void fillRect(Image& img, int x, int y, int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b);
// A flat gray (128) image with one vivid, busy square: a red and blue
// checkerboard of `cell`-pixel squares, `size` pixels wide, at (px, py).
Image grayWithCheckerPatch(int w, int h, int px, int py, int size, int cell);
void fillCircle(Image& img, int cx, int cy, int radius, std::uint8_t r, std::uint8_t g, std::uint8_t b);
// A ring of the given thickness (pixels whose distance to the centre lies
// in [radius - thickness/2, radius + thickness/2]).
void drawRing(Image& img, int cx, int cy, int radius, int thickness, std::uint8_t r, std::uint8_t g,
              std::uint8_t b);
void drawLine(Image& img, int x0, int y0, int x1, int y1, int thickness, std::uint8_t r, std::uint8_t g,
              std::uint8_t b);

}  // namespace lv::test
