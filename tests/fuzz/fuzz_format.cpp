// libFuzzer target for one decoder: arbitrary bytes through decodeImage,
// kept only when they sniff as the format this target was built for
// (LV_FUZZ_FORMAT, an lv::ImageFormat name), so each target's corpus and
// time go to one decoder. Any crash, leak, sanitizer report or timeout is a
// bug; typed errors are the expected outcome for most inputs.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/error.hpp"
#include "decode/decode.hpp"
#include "decode/sniff.hpp"
#include "fuzz_limits.hpp"

#ifndef LV_FUZZ_FORMAT
#error "define LV_FUZZ_FORMAT, e.g. -DLV_FUZZ_FORMAT=Webp"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lv::Limits limits = lv::fuzz::fuzzLimits();
  const std::span<const std::uint8_t> bytes(data, size);
  if (lv::sniffFormat(bytes) != lv::ImageFormat::LV_FUZZ_FORMAT) return -1;  // not this decoder's: not kept
  try {
    const lv::DecodedImage decoded = lv::decodeImage(bytes, limits);
    if (decoded.image.rgb.size() != decoded.image.pixelCount() * 3) __builtin_trap();
  } catch (const lv::AnalysisError& e) {
    if (e.code() != lv::ErrorCode::InvalidImageFormat && e.code() != lv::ErrorCode::InvalidImageSize) __builtin_trap();
  }
  return 0;
}
