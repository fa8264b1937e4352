#pragma once
// Bounds-checked little helpers shared by the decode/ parsers (internal).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"

namespace lv::decode_detail {

using Bytes = std::span<const std::uint8_t>;

// True when [offset, offset + count) lies inside bytes (overflow-safe).
inline bool has(Bytes bytes, std::size_t offset, std::size_t count) {
  return offset <= bytes.size() && count <= bytes.size() - offset;
}

inline std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
inline std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[1] << 8) | p[0]); }
inline std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
inline std::uint32_t le32(const std::uint8_t* p) {
  return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}

inline constexpr const char* kFormatList = "JPEG, PNG, GIF, BMP, WebP, TIFF, ICO or MPO";
inline const std::string kSendValid = std::string("Send a complete, valid ") + kFormatList + " file.";

// Throws InvalidImageFormat: "The image could not be decoded: <reason>. <advice>"
[[noreturn]] inline void failFormat(const std::string& reason, const std::string& advice = kSendValid) {
  throw AnalysisError(ErrorCode::InvalidImageFormat, "The image could not be decoded: " + reason + ". " + advice);
}

// Throws InvalidImageFormat for a file that ends early.
[[noreturn]] inline void failTruncated(const char* format, const std::string& where) {
  failFormat(std::string("the ") + format + " file is truncated (" + where + ")",
             "Send the complete file; it may have been cut off while uploading or copying.");
}

}  // namespace lv::decode_detail
