#pragma once
// Bytes -> upright RGB8 image. The public entry points of decode/.
//
// Errors (all lv::AnalysisError, never a crash):
//  - InvalidImageFormat: 0 bytes; magic bytes of no supported format (JPEG,
//    PNG, GIF, BMP, WebP, TIFF, ICO/CUR, MPO); a damaged file (a bad CRC in
//    a PNG critical chunk, ...); a file cut before its image data is
//    complete (JPEG scan data, PNG IDAT, BMP pixels or RLE rows, GIF first
//    frame, WebP shorter than its RIFF size, TIFF strips or ICO entries past
//    the end); data stb, libwebp, libtiff or our decoders cannot decode; a
//    TIFF compression other than none, PackBits, LZW or Deflate; compressed
//    data that inflates past the declared size. A file that only lacks its
//    end marker (JPEG EOI, PNG IEND, BMP RLE end-of-bitmap) decodes, with a
//    warning.
//  - InvalidImageSize: more than limits.maxBytes; a declared side outside
//    limits.minSide..maxSide or more than limits.maxPixels pixels (checked
//    from the header, before any pixel memory is allocated); not enough
//    memory to decode. JPEG, PNG, GIF and BMP sides above 65535 are refused
//    whatever the limits (stb_image's cap; WebP cannot exceed 16383).
#include <cstdint>
#include <span>

#include "core/error.hpp"
#include "core/image.hpp"
#include "core/limits.hpp"

namespace lv {

// Throws InvalidImageSize when an input of `size` bytes is over the limit:
// lets a caller refuse a huge input before copying it anywhere.
void checkInputBytes(std::size_t size, const Limits& limits);

// Decodes a JPEG (four components as Chromium reads them), PNG, GIF (first
// frame, canvas as gif.hpp; `animated` when more frames follow), BMP
// (bmp.hpp), WebP (first frame of an animation, `animated` likewise), TIFF
// (first page), ICO/CUR (the largest entry) or MPO (its first image). The
// format comes from the magic bytes only (sniff.hpp). Alpha is composited on
// white; 16-bit samples are reduced to 8; EXIF orientation (JPEG APP1, MPO,
// WebP, PNG eXIf) is applied (image has the upright size, exifOrientation the
// tag as found). `warnings` lists what was repaired or ignored (a missing end
// marker, bytes after it).
DecodedImage decodeImage(std::span<const std::uint8_t> bytes, const Limits& limits);

// Wraps browser ImageData (RGBA8, row-major, width*height*4 bytes): alpha
// composited on white, format Raw. The side and pixel limits apply;
// limits.maxBytes does not (the caller has already decoded the image).
DecodedImage imageFromRgba(const std::uint8_t* rgba, int width, int height, const Limits& limits);

}  // namespace lv
