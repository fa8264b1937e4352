#pragma once
// Magic bytes -> image format. A file name or MIME type is never consulted.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/image.hpp"

namespace lv {

// Jpeg (FF D8 FF), Png (89 'PNG' 0D 0A 1A 0A), Gif ("GIF87a"/"GIF89a"),
// Bmp ("BM" + a plausible header size), Webp ("RIFF" size "WEBP"), Tiff
// ("II*\0", "MM\0*", BigTIFF "II+\0"/"MM\0+"), Ico (00 00 01 00 or, CUR,
// 00 00 02 00, then at least one directory entry), Mpo (a JPEG with an APP2
// "MPF\0" segment before its first frame, CIPA DC-007); nullopt otherwise.
std::optional<ImageFormat> sniffFormat(std::span<const std::uint8_t> bytes);

// The first bytes as hex ("89 50 4E 47 ..."), for error messages.
std::string describeLeadingBytes(std::span<const std::uint8_t> bytes, std::size_t count = 8);

}  // namespace lv
