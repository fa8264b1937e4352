#include "decode/container.hpp"

#include <array>
#include <cstring>

#include "decode/bytes.hpp"

namespace lv {

using namespace decode_detail;

namespace {

bool isSof(std::uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

// Skips entropy-coded data starting at pos; returns the offset of the next
// real marker's 0xFF, or bytes.size() when the data ends first.
std::size_t skipScanData(Bytes b, std::size_t pos) {
  while (pos < b.size()) {
    const void* ff = std::memchr(b.data() + pos, 0xFF, b.size() - pos);
    if (!ff) return b.size();
    pos = static_cast<std::size_t>(static_cast<const std::uint8_t*>(ff) - b.data());
    if (pos + 1 >= b.size()) return b.size();
    std::uint8_t next = b[pos + 1];
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) pos += 2;  // stuffed byte or restart marker
    else if (next == 0xFF) pos += 1;                                // fill byte
    else return pos;
  }
  return b.size();
}

// Validates a DHT segment's tables. stb_image 2.27 trusted the 16 code counts
// and overran its tables when they added up to more than 256 (fixed in 2.28;
// we build 2.30, scripts/third-party.sh): refused here first all the same,
// with a message that names the problem.
// `defined` gains bit (class * 4 + id) of each table.
bool validHuffmanTables(Bytes segment, unsigned& defined) {
  std::size_t pos = 0;
  while (pos < segment.size()) {
    if (!has(segment, pos, 17)) return false;
    std::uint8_t classAndId = segment[pos];
    if ((classAndId >> 4) > 1 || (classAndId & 15) > 3) return false;
    defined |= 1u << ((classAndId >> 4) * 4 + (classAndId & 15));
    std::size_t symbols = 0;
    std::uint32_t codes = 0;  // Kraft check: at most 2^len codes of each length
    for (int len = 1; len <= 16; ++len) {
      std::uint8_t count = segment[pos + static_cast<std::size_t>(len)];
      symbols += count;
      codes = (codes << 1) + count;
      if (codes > (1u << len)) return false;
    }
    if (symbols > 256 || !has(segment, pos + 17, symbols)) return false;
    pos += 17 + symbols;
  }
  return true;
}

// The Huffman tables a scan (SOS segment) decodes with, as bits (class * 4
// + id). Progressive scans use DC tables in first DC scans only and AC
// tables in AC scans only (ITU T.81, G.1.2). Arithmetic-coded frames have no
// Huffman tables (stb refuses them itself).
unsigned scanTables(Bytes sos, std::uint8_t frameMarker) {
  if (frameMarker >= 0xC8 || sos.empty()) return 0;
  const std::size_t count = sos[0];
  if (!has(sos, 1, 2 * count + 3)) return 0;  // stb refuses a short scan header itself
  const bool progressive = frameMarker == 0xC2 || frameMarker == 0xC6;
  const std::uint8_t spectralStart = sos[1 + 2 * count], approximationHigh = sos[3 + 2 * count] >> 4;
  const bool usesDc = !progressive || (spectralStart == 0 && approximationHigh == 0);
  const bool usesAc = !progressive || spectralStart > 0;
  unsigned used = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::uint8_t tables = sos[2 + 2 * k];
    if (usesDc) used |= 1u << ((tables >> 4) & 3);
    if (usesAc) used |= 1u << (4 + (tables & 3));
  }
  return used;
}

// Tables 0 and 1 of each class: those ITU T.81 Annex K.3 gives.
constexpr unsigned kStandardTables = 0x33;

// ITU T.81 Annex K.3, Tables K.3-K.6: code counts per length (1..16 bits),
// then the symbols in code order.
struct HuffmanSpec {
  std::uint8_t classAndId;
  std::array<std::uint8_t, 16> counts;
  std::vector<std::uint8_t> symbols;
};

const std::array<HuffmanSpec, 4>& annexKTables() {
  static const std::array<HuffmanSpec, 4> tables = {{
      {0x00, {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},  // K.3, DC luminance
      {0x01, {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},  // K.4, DC chrominance
      {0x10, {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D},  // K.5, AC luminance
       {0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
        0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
        0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A,
        0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65,
        0x66, 0x67, 0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
        0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9,
        0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA,
        0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA,
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA}},
      {0x11, {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77},  // K.6, AC chrominance
       {0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32,
        0x81, 0x08, 0x14, 0x42, 0x91, 0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52, 0xF0, 0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16,
        0x24, 0x34, 0xE1, 0x25, 0xF1, 0x17, 0x18, 0x19, 0x1A, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x35, 0x36, 0x37, 0x38, 0x39,
        0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64,
        0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x82, 0x83, 0x84, 0x85, 0x86,
        0x87, 0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
        0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8,
        0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9,
        0xEA, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA}},
  }};
  return tables;
}

void stopTruncated(JpegLayout& layout, const char* where) {
  layout.truncated = true;
  layout.problem = where;
}

bool isExifApp1(Bytes segment) {
  if (segment.size() < 10 || std::memcmp(segment.data(), "Exif\0\0", 6) != 0) return false;
  return std::memcmp(segment.data() + 6, "II*\0", 4) == 0 || std::memcmp(segment.data() + 6, "MM\0*", 4) == 0;
}

// A PNG chunk type, printable for messages.
std::string chunkName(const std::uint8_t* type) {
  std::string name(reinterpret_cast<const char*>(type), 4);
  for (char& c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) c = '?';
  return name;
}

}  // namespace

JpegLayout scanJpeg(Bytes b, bool stopAtFrame) {
  JpegLayout layout;
  std::uint8_t frameMarker = 0;
  unsigned definedTables = 0;  // bit class * 4 + id of each Huffman table a DHT defined
  std::size_t pos = 2;  // after SOI
  for (;;) {
    if (pos >= b.size()) {
      stopTruncated(layout, layout.hasScan ? "it ends before the end-of-image marker"
                                           : "it ends before its image data");
      return layout;
    }
    if (b[pos] != 0xFF) {  // stray byte between segments: skip it, as libjpeg does
      ++pos;
      continue;
    }
    while (pos < b.size() && b[pos] == 0xFF) ++pos;  // fill bytes
    if (pos >= b.size()) continue;
    const std::size_t markerAt = pos - 1;
    std::uint8_t marker = b[pos++];
    if (marker == 0xD9) {
      layout.complete = true;
      layout.end = pos;
      return layout;
    }
    if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue;
    if (!has(b, pos, 2)) {
      stopTruncated(layout, "it ends inside a marker segment");
      return layout;
    }
    std::size_t length = be16(b.data() + pos);
    if (length < 2) {
      layout.problem = "a marker segment has an impossible length";
      return layout;
    }
    if (!has(b, pos, length)) {
      stopTruncated(layout, "it ends inside a marker segment");
      return layout;
    }
    Bytes segment = b.subspan(pos + 2, length - 2);
    pos += length;
    if (isSof(marker) && !layout.hasFrame) {
      if (segment.size() < 6) {
        layout.problem = "its frame header is too short";
        return layout;
      }
      layout.hasFrame = true;
      frameMarker = marker;
      layout.height = be16(segment.data() + 1);
      layout.width = be16(segment.data() + 3);
      layout.components = segment[5];
      if (stopAtFrame) return layout;
    } else if (marker == 0xEE && segment.size() >= 12 && std::memcmp(segment.data(), "Adobe\0", 6) == 0) {
      layout.adobeTransform = segment[11];  // after "Adobe", version, flags0, flags1 (stb's reading)
      layout.adobeTransformAt = static_cast<std::size_t>(segment.data() - b.data()) + 11;
    } else if (marker == 0xE1 && layout.exifTiff.empty() && !layout.hasScan && isExifApp1(segment)) {
      layout.exifTiff = segment.subspan(6);
    } else if (marker == 0xC4 && !validHuffmanTables(segment, definedTables)) {
      layout.problem = "a Huffman table is invalid";
      return layout;
    } else if (marker == 0xDA) {
      // stb_image decodes with an undefined table's uninitialised memory (2.27,
      // found by fuzzing). libjpeg, so every browser, takes Annex K's tables
      // for an undefined table 0 or 1, as Motion-JPEG frames expect.
      const unsigned undefined = scanTables(segment, frameMarker) & ~definedTables;
      if (undefined & ~kStandardTables) {
        layout.problem = "a scan uses a Huffman table the file never defines";
        return layout;
      }
      if (undefined && !layout.standardTables) layout.standardTablesAt = markerAt;
      layout.standardTables |= undefined;
      definedTables |= undefined;
      layout.hasScan = true;
      pos = skipScanData(b, pos);
      if (pos >= b.size()) {
        stopTruncated(layout, "it ends inside its image data, without an end-of-image marker");
        layout.endsInScan = true;
        return layout;
      }
    }
  }
}

std::vector<std::uint8_t> standardHuffmanSegment(unsigned tables) {
  std::vector<std::uint8_t> segment = {0xFF, 0xC4, 0, 0};
  for (const HuffmanSpec& spec : annexKTables()) {
    if (!(tables & (1u << ((spec.classAndId >> 4) * 4 + (spec.classAndId & 15))))) continue;
    segment.push_back(spec.classAndId);
    segment.insert(segment.end(), spec.counts.begin(), spec.counts.end());
    segment.insert(segment.end(), spec.symbols.begin(), spec.symbols.end());
  }
  const std::size_t length = segment.size() - 2;
  segment[2] = static_cast<std::uint8_t>(length >> 8);
  segment[3] = static_cast<std::uint8_t>(length & 0xFF);
  return segment;
}

JpegLayout checkJpeg(Bytes b) {
  JpegLayout layout = scanJpeg(b);
  if (layout.truncated && !layout.endsInScan) failTruncated("JPEG", layout.problem);
  if (!layout.problem.empty() && !layout.truncated) failFormat("the JPEG file is damaged (" + layout.problem + ")");
  if (!layout.hasFrame) failFormat("the JPEG file has no frame header (SOF)");
  if (!layout.hasScan) failFormat("the JPEG file has no image data (no SOS scan)");
  return layout;
}

PngLayout checkPng(Bytes b) {
  PngLayout layout;
  std::size_t pos = 8;
  bool first = true, sawIdat = false;
  for (;;) {
    layout.end = pos;
    const bool whole = has(b, pos, 12) && be32(b.data() + pos) <= 0x7FFFFFFFu &&
                       has(b, pos + 12, be32(b.data() + pos));
    // Without IEND: complete when it stops at or inside a chunk that follows the image data.
    if (!whole && sawIdat && !(has(b, pos, 8) && std::memcmp(b.data() + pos + 4, "IDAT", 4) == 0)) return layout;
    if (!has(b, pos, 8)) failTruncated("PNG", "it ends before its IEND chunk");
    std::uint32_t length = be32(b.data() + pos);
    const std::uint8_t* type = b.data() + pos + 4;
    const std::string name = chunkName(type);
    if (length > 0x7FFFFFFFu) failFormat("the PNG file is damaged (chunk " + name + " has an impossible length)");
    if (!has(b, pos + 8, std::size_t{length} + 4)) failTruncated("PNG", "it ends inside its " + name + " chunk");
    if (first && std::memcmp(type, "IHDR", 4) != 0) failFormat("the PNG file is damaged (its first chunk is not IHDR)");
    first = false;
    const bool critical = (type[0] & 0x20) == 0;
    const bool crcOk = crc32(b.subspan(pos + 4, std::size_t{length} + 4)) == be32(b.data() + pos + 8 + length);
    if (critical && !crcOk) failFormat("the PNG file is damaged (checksum mismatch in its " + name + " chunk)");
    if (std::memcmp(type, "eXIf", 4) == 0 && crcOk && !sawIdat && layout.exifTiff.empty())
      layout.exifTiff = b.subspan(pos + 8, length);
    if (std::memcmp(type, "IDAT", 4) == 0) sawIdat = true;
    pos += 12 + std::size_t{length};
    if (std::memcmp(type, "IEND", 4) == 0) {
      if (!sawIdat) failFormat("the PNG file has no image data (no IDAT chunk)");
      layout.hasEnd = true;
      layout.end = pos;
      return layout;
    }
  }
}

std::uint32_t crc32(Bytes bytes, std::uint32_t crc) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (std::uint8_t byte : bytes) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

}  // namespace lv
