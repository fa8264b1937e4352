#pragma once
// WebP through libwebp (Debian's 1.2.4): the RIFF container of the WebP
// Container Specification with a lossy (VP8, RFC 6386) or lossless (VP8L)
// bitstream, optional alpha (ALPH), EXIF and animation (ANIM/ANMF).
#include <cstdint>
#include <span>

#include "core/image.hpp"
#include "decode/header.hpp"

namespace lv {

// The canvas size (pixels) from the VP8/VP8L frame header or the VP8X chunk,
// before any orientation is applied. Reads headers only; allocates nothing.
// Throws InvalidImageFormat when the RIFF size runs past the data (truncated)
// or the headers are damaged.
DeclaredSize readWebpSize(std::span<const std::uint8_t> bytes);

// Decodes a still WebP, or the first frame of an animated one composited on
// its (transparent) canvas, to RGB with alpha composited on white; `animated`
// is set when more frames follow. An EXIF chunk's orientation is applied as
// browsers do (exifOrientation holds the tag; the image is upright). `size`
// is what readWebpSize returned and the limits have accepted. Throws
// InvalidImageFormat for a truncated or damaged bitstream, InvalidImageSize
// when memory runs out.
DecodedImage decodeWebp(std::span<const std::uint8_t> bytes, const DeclaredSize& size);

}  // namespace lv
