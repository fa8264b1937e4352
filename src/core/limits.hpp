#pragma once
#include <cstddef>
#include <cstdint>

namespace lv {

// Input limits. Defaults are Azure's (20 MB, 50..16000 px a side) plus a
// total-pixel cap: a 16000x16000 image would need ~1 GiB of RGBA while
// decoding, more than a 32-bit wasm heap can be trusted to hold.
struct Limits {
  std::size_t maxBytes = 20u * 1024u * 1024u;
  int minSide = 50;
  int maxSide = 16000;
  std::uint64_t maxPixels = 50'000'000;  // 8660x5773, or a 48 MP camera frame
};

}  // namespace lv
