#pragma once
// Builders for the formats decoded by libraries or container parsing: WebP
// through libwebp's encoder, TIFF through libtiff's writer, ICO, CUR and MPO
// containers assembled byte by byte around our PNG/BMP/JPEG encoders.
#include <cstdint>
#include <functional>
#include <vector>

#include "test_images.hpp"

namespace lvtest {

// libwebp's encoder: lossy (VP8, quality 0..100) or lossless (VP8L). Pixels
// with 4 channels keep their alpha (lossy: an ALPH chunk in a VP8X file).
Bytes encodeWebp(const Pixels& pixels, bool lossless, float quality = 90);
// A WebP in the extended format (VP8X) with an EXIF chunk holding orientation.
Bytes webpWithExif(const Bytes& webp, int orientation);
// An animated WebP (VP8X + ANIM + one ANMF a frame) of width x height whose
// frames are the image chunks of `frames` (each a simple WebP), each placed
// at (offsetX, offsetY) (even numbers).
struct WebpFrame {
  Bytes webp;
  int offsetX = 0, offsetY = 0;
};
Bytes animatedWebp(int width, int height, const std::vector<WebpFrame>& frames);

// libtiff's writer. compression: 1 none, 5 LZW, 8 Deflate, 32773 PackBits.
enum class TiffColor { Rgb, Grey, Palette };
struct TiffSpec {
  TiffColor color = TiffColor::Rgb;
  int compression = 1;
  bool tiled = false;         // 16x16 tiles instead of 8-row strips
  bool bigEndian = false;
  std::vector<Rgb> palette;   // TiffColor::Palette: up to 256 colours; pixels hold indices in channel 0
};
Bytes encodeTiff(const Pixels& pixels, const TiffSpec& spec);

// A BITMAPINFOHEADER DIB as an ICO stores it: height doubled, rows bottom-up,
// then the AND mask. bitCount 32 keeps channel 4 as alpha; 24 drops it;
// transparent(x, y) sets the AND mask bit.
Bytes icoDib(const Pixels& pixels, int bitCount, const std::function<bool(int x, int y)>& transparent = {});
// An ICO (cursor = false) or CUR directory over the entries (PNG files or DIBs).
Bytes encodeIco(const std::vector<Bytes>& entries, bool cursor = false);

// An MPO: `first` with an APP2 MPF index segment after its SOI, then `second`.
Bytes encodeMpo(const Bytes& first, const Bytes& second);

}  // namespace lvtest
