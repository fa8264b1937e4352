#pragma once
// BMP, decoded by our own code: every variant browsers display.
//
// Headers: BITMAPCOREHEADER (12 bytes: Windows 2.x, OS/2 1.x), OS/2 2.x
// BITMAPINFOHEADER2 (16..64 bytes), BITMAPINFOHEADER (40: Windows 3.x),
// BITMAPV2INFOHEADER (52), BITMAPV3INFOHEADER (56), BITMAPV4HEADER (108) and
// BITMAPV5HEADER (124). Pixels: 1/2/4/8 bpp palettes; 16/24/32 bpp; biCompression
// BI_RGB, BI_RLE8, BI_RLE4, BI_BITFIELDS, BI_ALPHABITFIELDS, and OS/2's RLE24.
// Bottom-up or top-down (negative biHeight, uncompressed only).
//
// Browser behaviour followed: RLE pixels skipped by a delta, an end-of-line or
// an early end-of-bitmap are transparent (white here); a palette index past the
// palette is black; 32 bpp alpha counts only when some pixel has non-zero
// alpha; BITMAPV4/V5 colour spaces and ICC profiles are ignored (sRGB assumed).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace lv {

enum class BmpCoding { Rgb, Rle8, Rle4, Rle24, Bitfields };

// What the BITMAPFILEHEADER and the DIB header declare.
struct BmpHeader {
  std::uint32_t width = 0, height = 0;  // pixels; height is |biHeight|
  bool topDown = false;                 // biHeight < 0
  unsigned bitCount = 0;                // biBitCount: 1, 2, 4, 8, 16, 24 or 32
  BmpCoding coding = BmpCoding::Rgb;
  std::array<std::uint32_t, 4> masks{};  // R, G, B, A bit masks, for 16 and 32 bpp
  std::size_t paletteOffset = 0;         // file offset of the colour table
  std::size_t paletteEntries = 0;        // colours in it (<= 2^bitCount), 0 above 8 bpp
  std::size_t paletteEntryBytes = 4;     // RGBQUAD (4) or, for BITMAPCOREHEADER, RGBTRIPLE (3)
  std::size_t pixelOffset = 0;           // bfOffBits
};

// Reads and validates the headers; allocates nothing. Throws
// AnalysisError(InvalidImageFormat) for a truncated header, an unknown header
// size, a zero or impossible bit count, an unsupported biCompression
// (BI_JPEG, BI_PNG, OS/2 Huffman 1D), masks that are not contiguous bit runs,
// or a palette or pixel offset outside the file.
BmpHeader readBmpHeader(std::span<const std::uint8_t> bytes);

// Decodes the pixels into an upright RGB image (alpha composited on white).
// The caller has checked header.width x header.height against the limits:
// the only allocation is that image, made after the pixel data (uncompressed)
// has been found to fit in the file. Throws InvalidImageSize for a side above
// 65535 (whatever the limits), InvalidImageFormat when the pixel data is truncated; an RLE stream that ends on its last row without an
// end-of-bitmap marker decodes, with a note in `warnings`.
Image decodeBmp(std::span<const std::uint8_t> bytes, const BmpHeader& header, std::vector<std::string>& warnings);

}  // namespace lv
