#include "decode/sniff.hpp"

#include <cstring>

#include "decode/bytes.hpp"

namespace lv {

using decode_detail::has;

namespace {

bool startsWith(std::span<const std::uint8_t> bytes, const char* magic, std::size_t n) {
  return bytes.size() >= n && std::memcmp(bytes.data(), magic, n) == 0;
}

}  // namespace

std::optional<ImageFormat> sniffFormat(std::span<const std::uint8_t> bytes) {
  if (startsWith(bytes, "\xFF\xD8\xFF", 3)) return ImageFormat::Jpeg;
  if (startsWith(bytes, "\x89PNG\r\n\x1A\n", 8)) return ImageFormat::Png;
  if (startsWith(bytes, "GIF87a", 6) || startsWith(bytes, "GIF89a", 6)) return ImageFormat::Gif;
  // "BM" alone is two ASCII letters; also require a DIB header size that
  // some BMP version uses (12, 40, 52, 56, 64, 108, 124) when it is present.
  if (startsWith(bytes, "BM", 2)) {
    if (!has(bytes, 14, 4)) return ImageFormat::Bmp;  // too short: let the header reader say so
    std::uint32_t dib = decode_detail::le32(bytes.data() + 14);
    if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124)
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
