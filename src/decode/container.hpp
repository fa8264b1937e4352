#pragma once
// Structural walks over a whole file, done before stb sees it. stb happily
// "decodes" a truncated JPEG (grey rows) or BMP (black rows); these walks are
// how truncation and damaged containers are caught. All are linear in the
// file size and bounds-checked; none allocates pixel memory.
#include <cstdint>
#include <span>
#include <string>

#include "core/image.hpp"

namespace lv {

// What a JPEG marker walk found. Never throws.
struct JpegLayout {
  bool hasFrame = false;             // a SOFn segment was found
  std::uint32_t width = 0, height = 0;  // from the first SOFn
  std::span<const std::uint8_t> exifTiff;  // first APP1 "Exif\0\0" payload (TIFF header onward), may be empty
  bool hasScan = false;              // at least one SOS
  bool complete = false;             // reached EOI (FF D9)
  std::string problem;               // why the walk stopped early, when it did
  bool truncated = false;            // the problem is that the data ran out
};

// Walks JPEG markers from SOI through the entropy-coded scans to EOI.
// stopAtFrame: stop as soon as the first SOFn has been read.
JpegLayout scanJpeg(std::span<const std::uint8_t> bytes, bool stopAtFrame = false);

// Throws AnalysisError(InvalidImageFormat) when the container is damaged or
// truncated: JPEG without EOI or scan; PNG chunk walk (IHDR first, CRCs of
// critical chunks, IDAT present, IEND reached); BMP shorter than its pixel
// data. GIF is handled by gif.hpp. Bytes after the end marker are tolerated.
// For JPEG, the layout found is stored in *jpeg when given (EXIF comes from it).
void checkContainer(std::span<const std::uint8_t> bytes, ImageFormat format, JpegLayout* jpeg = nullptr);

// CRC-32 (PNG/zlib polynomial).
std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

}  // namespace lv
