#pragma once
// Structural walks over a whole file, done before stb sees it. stb happily
// "decodes" a truncated JPEG (grey rows); these walks are how truncation and
// damaged containers are caught. All are linear in the
// file size and bounds-checked; none allocates pixel memory.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace lv {

// What a JPEG marker walk found. Never throws.
struct JpegLayout {
  bool hasFrame = false;             // a SOFn segment was found
  std::uint32_t width = 0, height = 0;  // from the first SOFn
  int components = 0;                // from the first SOFn: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
  int adobeTransform = -1;           // the last Adobe APP14's colour transform (0, 1, 2, ...), -1 without one
  std::size_t adobeTransformAt = 0;  // that byte's offset in the file
  std::span<const std::uint8_t> exifTiff;  // the first APP1 "Exif\0\0" payload with a TIFF header, may be empty
  bool hasScan = false;              // at least one SOS
  bool complete = false;             // reached EOI (FF D9)
  std::size_t end = 0;               // offset just past EOI, when complete
  std::string problem;               // why the walk stopped early, when it did
  bool truncated = false;            // the problem is that the data ran out
  bool endsInScan = false;           // it ran out inside a scan's entropy-coded data (no EOI follows)
  // Huffman tables scans use that no DHT before them defined, as bits (class
  // * 4 + id), all among tables 0 and 1 (a scan using another undefined one
  // is a problem), and the offset of the first such scan's SOS marker.
  unsigned standardTables = 0;
  std::size_t standardTablesAt = 0;
};

// Walks JPEG markers from SOI through the entropy-coded scans to EOI.
// stopAtFrame: stop as soon as the first SOFn has been read.
JpegLayout scanJpeg(std::span<const std::uint8_t> bytes, bool stopAtFrame = false);

// The walk, for decoding: throws AnalysisError(InvalidImageFormat) when the
// file is damaged, has no frame or scan, or ends anywhere but inside its
// last scan's data (whether that data is complete is for the decoder to
// find). Bytes after EOI are tolerated (layout.end says where they start).
JpegLayout checkJpeg(std::span<const std::uint8_t> bytes);

// A DHT marker segment (FF C4, length, tables) holding the `tables` (bits
// class * 4 + id, of tables 0 and 1) of ITU T.81 Annex K.3 (Tables K.3-K.6):
// the tables libjpeg assumes when a scan's table 0 or 1 was never defined,
// as in Motion-JPEG (AVI1) frames.
std::vector<std::uint8_t> standardHuffmanSegment(unsigned tables);

// What a PNG chunk walk found.
struct PngLayout {
  std::span<const std::uint8_t> exifTiff;  // an eXIf chunk before IDAT with a good CRC, may be empty
  bool hasEnd = false;                     // IEND reached
  std::size_t end = 0;                     // offset past IEND; without IEND, past the last whole chunk
};

// PNG chunk walk (PNG 1.2 + the eXIf extension): IHDR first, CRCs of
// critical chunks (ancillary chunks with a bad CRC are ignored, as libpng
// does), an IDAT present. The file may end without IEND after its last IDAT
// (whether the image data is complete is for the decoder to find). Throws
// AnalysisError(InvalidImageFormat) otherwise; bytes after IEND are tolerated.
PngLayout checkPng(std::span<const std::uint8_t> bytes);

// CRC-32 (PNG/zlib polynomial).
std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

}  // namespace lv
