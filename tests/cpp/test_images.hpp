#pragma once
// Image-file builders for tests: PNG/BMP/JPEG through stb_image_write, a
// minimal GIF encoder, a hand-rolled PNG writer (any bit depth / color type,
// stored or zero-run deflate), and byte-level helpers (EXIF insertion, cuts).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lvtest {

using Bytes = std::vector<std::uint8_t>;
using Rgb = std::array<std::uint8_t, 3>;

// 8-bit interleaved pixels (channels 1..4).
struct Pixels {
  int width = 0, height = 0, channels = 3;
  std::vector<std::uint8_t> data;
  std::uint8_t* at(int x, int y) { return data.data() + (static_cast<std::size_t>(y) * width + x) * channels; }
};

// Pixels filled by fn(x, y, pixel).
Pixels makePixels(int width, int height, int channels,
                  const std::function<void(int x, int y, std::uint8_t* px)>& fn);
// One color everywhere.
Pixels solid(int width, int height, Rgb color);
// Red top-left quadrant (x < w/2, y < h/2), the rest blue: asymmetric for orientation tests.
Pixels redQuadrant(int width, int height);

Bytes encodePng(const Pixels& pixels);                     // stb_image_write
Bytes encodeBmp(const Pixels& pixels);                     // 24-bit, or 32-bit BITFIELDS when channels == 4
Bytes encodeJpeg(const Pixels& pixels, int quality = 95);  // baseline, JFIF

// Minimal GIF89a encoder: a global palette of up to 128 colors, LZW with
// 7-bit minimum code size and only literal 8-bit codes (clear every 126).
struct GifFrame {
  std::vector<std::uint8_t> indices;  // width*height palette indices (< 128)
  int left = 0, top = 0, width = 0, height = 0;
  int transparentIndex = -1;
  std::vector<Rgb> localPalette;  // a local color table when not empty
};
Bytes encodeGif(int width, int height, const std::vector<Rgb>& palette, const std::vector<GifFrame>& frames,
                bool trailer = true);
// A single full-screen frame of one palette index.
GifFrame gifFill(int width, int height, std::uint8_t index);

// Hand-built PNG pieces.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);
std::uint32_t adler32(const std::uint8_t* data, std::size_t size);
Bytes pngChunk(const char* type, const Bytes& data);  // length + type + data + CRC
Bytes pngIhdr(std::uint32_t width, std::uint32_t height, int bitDepth, int colorType);  // the IHDR chunk
Bytes zlibStored(const Bytes& raw);    // zlib stream of stored deflate blocks
Bytes zlibZeros(std::uint64_t count);  // zlib stream of `count` zero bytes (fixed Huffman, 258-byte matches)
struct PngSpec {
  std::uint32_t width = 0, height = 0;
  int bitDepth = 8, colorType = 2;  // 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
  Bytes rows;                       // packed samples row by row, big-endian for 16-bit, no filter bytes
  std::vector<Rgb> palette;         // PLTE, for color type 3
  Bytes trns;                       // tRNS chunk data, when not empty
};
Bytes encodePngRaw(const PngSpec& spec);  // filter 0 rows, stored deflate
// A PNG of width x height all-zero samples (gray 8-bit by default) with a
// well-formed compressed IDAT: small even for 15000x15000.
Bytes pngOfZeros(std::uint32_t width, std::uint32_t height, int bitDepth = 8, int colorType = 0);

// A TIFF block ("II*\0" or "MM\0*") whose IFD0 holds Make and Orientation.
Bytes exifTiff(int orientation, bool bigEndian);
// A JPEG marker segment: FF marker, 16-bit length, payload.
Bytes jpegSegment(std::uint8_t marker, const Bytes& payload);
// Inserts a segment right after SOI.
Bytes withSegment(const Bytes& jpeg, const Bytes& segment);
// Inserts an APP1 Exif segment with IFD0 orientation right after SOI.
Bytes withExifOrientation(const Bytes& jpeg, int orientation, bool bigEndian);

// A baseline JPEG of flat 8x8 blocks (DC only, quantiser 1: no DCT needed)
// with 1..4 components: for colour transforms, sampling factors and markers.
struct BlockJpegSpec {
  int width = 0, height = 0;
  int components = 3;
  std::array<int, 4> h{1, 1, 1, 1}, v{1, 1, 1, 1};  // sampling factors
  // Component c's sample for the block holding full-size pixel (x, y).
  std::function<int(int c, int x, int y)> sample;
  int adobeTransform = -1;  // writes an Adobe APP14 with this transform when >= 0
};
Bytes encodeBlockJpeg(const BlockJpegSpec& spec);

// A BMP with any DIB header (12, 16..64, 40, 52, 56, 108, 124 bytes) and
// coding; `pixels` is the stored pixel data (rows or an RLE stream).
struct BmpSpec {
  std::uint32_t headerSize = 40;
  int width = 0, height = 0;  // negative height: top-down
  int bitCount = 24;
  std::uint32_t compression = 0;
  std::uint32_t colorsUsed = 0;
  std::vector<Rgb> palette;             // RGBQUADs, RGBTRIPLEs for a 12-byte header
  std::array<std::uint32_t, 4> masks{};  // R, G, B, A: in V2+ headers, or after a 40-byte one
  int masksAfterHeader = 0;             // 3 (BI_BITFIELDS) or 4 (BI_ALPHABITFIELDS) after a 40-byte header
  Bytes pixels;
};
Bytes encodeBmpRaw(const BmpSpec& spec);
// Bottom-up rows of `bitCount`-bit values (little-endian above 8 bits), each padded to 4 bytes.
Bytes bmpRows(int width, int height, int bitCount, const std::function<std::uint32_t(int x, int y)>& value);
// A BI_RLE8 (bitCount 8) or BI_RLE4 (4) stream of encoded runs, EOL after each row, then EOB.
Bytes rleRows(int width, int height, int bitCount, const std::function<std::uint8_t(int x, int y)>& index);

Bytes readFile(const std::string& path);
Bytes prefix(const Bytes& bytes, std::size_t count);

}  // namespace lvtest
