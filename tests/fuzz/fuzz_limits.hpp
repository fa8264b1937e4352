#pragma once
// The limits every fuzz target decodes under: small, so each run is fast and
// the fuzzer explores formats rather than large valid images.
#include "core/limits.hpp"

namespace lv::fuzz {

inline Limits fuzzLimits() {
  Limits limits;
  limits.minSide = 1;
  limits.maxSide = 4096;
  limits.maxPixels = 4'000'000;
  return limits;
}

}  // namespace lv::fuzz
