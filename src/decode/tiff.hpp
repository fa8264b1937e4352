#pragma once
// TIFF through libtiff (Debian's 4.5.0): TIFF 6.0 baseline images, first
// page only, in strips or tiles, uncompressed, PackBits, LZW or Deflate
// (Adobe's 8 and the older 32946); bilevel, grey, palette and RGB, with or
// without alpha, 1 to 16 bits a sample. BigTIFF files are read too.
#include <cstdint>
#include <span>

#include "core/image.hpp"
#include "decode/header.hpp"

namespace lv {

// ImageWidth (256) and ImageLength (257) from the first IFD, read with our
// own bounds-checked walk: no libtiff, no allocation. Throws
// InvalidImageFormat when the header or IFD is truncated or damaged or lacks
// either tag.
DeclaredSize readTiffSize(std::span<const std::uint8_t> bytes);

// Decodes the first page to RGB (alpha composited on white). `size` is what
// readTiffSize returned and the limits have accepted. Throws
// InvalidImageFormat for a damaged or truncated file, a compression scheme
// outside the list above (JPEG-in-TIFF, CCITT fax, LZMA, ...) or a colour
// model libtiff cannot turn into RGB; InvalidImageSize when memory runs out.
DecodedImage decodeTiff(std::span<const std::uint8_t> bytes, const DeclaredSize& size);

}  // namespace lv
