#pragma once
// ICO and CUR (Windows icon and cursor resources): a 6-byte ICONDIR, then
// 16-byte ICONDIRENTRYs, each pointing at a PNG file or at a DIB (a
// BITMAPINFOHEADER without BMP file header whose height counts the colour
// (XOR) bitmap and the 1-bit transparency (AND) mask below it). Parsed here;
// the pixels come from the PNG and BMP decoders.
#include <cstdint>
#include <span>

#include "core/image.hpp"
#include "core/limits.hpp"

namespace lv {

struct IcoEntry {
  std::span<const std::uint8_t> data;  // the entry's image bytes, inside the file
  std::uint64_t width = 0, height = 0;  // from the embedded PNG's IHDR or the DIB header (AND mask excluded)
  unsigned bitCount = 0;                // bits a pixel (32 for PNG entries)
  bool png = false;
};

// The entry a browser would show at its largest: most pixels, then most bits
// a pixel, then the first listed. Sizes come from each entry's embedded
// header, not from the directory's 8-bit fields. Throws InvalidImageFormat
// when the directory or an entry lies past the end of the file (truncated)
// or an entry holds neither a PNG nor a DIB.
IcoEntry largestIcoEntry(std::span<const std::uint8_t> bytes);

// Decodes largestIcoEntry to RGB, alpha (and, for DIBs, the AND mask: set
// bits are transparent) composited on white; format Ico. Errors as
// decodeImage's.
DecodedImage decodeIco(std::span<const std::uint8_t> bytes, const Limits& limits);

}  // namespace lv
