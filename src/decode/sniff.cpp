#include "decode/sniff.hpp"

#include <cstring>

#include "decode/bytes.hpp"

namespace lv {

using decode_detail::has;

namespace {

bool startsWith(std::span<const std::uint8_t> bytes, const char* magic, std::size_t n) {
  return bytes.size() >= n && std::memcmp(bytes.data(), magic, n) == 0;
}

// An APP2 segment holding "MPF\0" among the JPEG's segments before its
// first frame or scan header.
bool hasMpfSegment(std::span<const std::uint8_t> bytes) {
  std::size_t pos = 2;
  while (has(bytes, pos, 4) && bytes[pos] == 0xFF) {
    const std::uint8_t marker = bytes[pos + 1];
    if (marker == 0xDA || (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC)) return false;
    const std::size_t length = decode_detail::be16(bytes.data() + pos + 2);
    if (marker == 0xE2 && length >= 6 && has(bytes, pos + 4, 4) && std::memcmp(bytes.data() + pos + 4, "MPF\0", 4) == 0)
      return true;
    pos += 2 + length;
  }
  return false;
}

// Reserved 0, type 1 (icon) or 2 (cursor), a non-zero entry count, and the
// first entry's reserved byte 0 when it is there.
bool isIcoHeader(std::span<const std::uint8_t> bytes) {
  if (!startsWith(bytes, "\0\0\1\0", 4) && !startsWith(bytes, "\0\0\2\0", 4)) return false;
  if (!has(bytes, 4, 2) || decode_detail::le16(bytes.data() + 4) == 0) return false;
  return !has(bytes, 9, 1) || bytes[9] == 0;
}

}  // namespace

std::optional<ImageFormat> sniffFormat(std::span<const std::uint8_t> bytes) {
  if (startsWith(bytes, "\xFF\xD8\xFF", 3)) return hasMpfSegment(bytes) ? ImageFormat::Mpo : ImageFormat::Jpeg;
  if (startsWith(bytes, "RIFF", 4) && has(bytes, 8, 4) && std::memcmp(bytes.data() + 8, "WEBP", 4) == 0)
    return ImageFormat::Webp;
  if (startsWith(bytes, "II*\0", 4) || startsWith(bytes, "MM\0*", 4) || startsWith(bytes, "II+\0", 4) ||
      startsWith(bytes, "MM\0+", 4))
    return ImageFormat::Tiff;
  if (isIcoHeader(bytes)) return ImageFormat::Ico;
  if (startsWith(bytes, "\x89PNG\r\n\x1A\n", 8)) return ImageFormat::Png;
  if (startsWith(bytes, "GIF87a", 6) || startsWith(bytes, "GIF89a", 6)) return ImageFormat::Gif;
  // "BM" alone is two ASCII letters; also require a DIB header size that
  // some BMP version uses (12, OS/2 2.x's 16..64, 108, 124) when it is present.
  if (startsWith(bytes, "BM", 2)) {
    if (!has(bytes, 14, 4)) return ImageFormat::Bmp;  // too short: let the header reader say so
    std::uint32_t dib = decode_detail::le32(bytes.data() + 14);
    if (dib == 12 || (dib >= 16 && dib <= 64 && dib % 4 == 0) || dib == 108 || dib == 124)
      return ImageFormat::Bmp;
  }
  return std::nullopt;
}

std::string describeLeadingBytes(std::span<const std::uint8_t> bytes, std::size_t count) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  std::size_t n = bytes.size() < count ? bytes.size() : count;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  if (bytes.size() > n) out += " ...";
  return out;
}

}  // namespace lv
