#pragma once
// Shared assertions for the decode tests.
#include <catch2/catch.hpp>

#include <span>
#include <string>

#include "core/error.hpp"
#include "core/image.hpp"
#include "core/limits.hpp"
#include "decode/decode.hpp"
#include "test_images.hpp"

namespace lvtest {

// Runs decodeImage and returns the AnalysisError it throws (fails the test
// when it throws something else or nothing).
inline lv::AnalysisError decodeError(const Bytes& bytes, const lv::Limits& limits = {}) {
  try {
    lv::decodeImage(std::span<const std::uint8_t>(bytes.data(), bytes.size()), limits);
  } catch (const lv::AnalysisError& e) {
    return e;
  }
  FAIL("decodeImage accepted the input");
  return lv::AnalysisError(lv::ErrorCode::InternalError, "unreachable");
}

inline lv::DecodedImage decode(const Bytes& bytes, const lv::Limits& limits = {}) {
  return lv::decodeImage(std::span<const std::uint8_t>(bytes.data(), bytes.size()), limits);
}

inline bool near(const std::uint8_t* px, int r, int g, int b, int tolerance = 0) {
  return std::abs(px[0] - r) <= tolerance && std::abs(px[1] - g) <= tolerance && std::abs(px[2] - b) <= tolerance;
}

inline bool mentions(const lv::AnalysisError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace lvtest
