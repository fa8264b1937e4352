#pragma once
// Four floats (or int32s) in one SIMD register, through the GCC/Clang vector
// extension: SSE natively, SIMD128 in wasm; each lane computes what the
// scalar code would, bit for bit. The resamplers hold a pixel's three
// channels in one (lane 3 unused), or four samples of a row.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace lv {

using Float4 = float __attribute__((vector_size(16)));
using Int4 = std::int32_t __attribute__((vector_size(16)));

// Four bytes as floats, exactly. Emscripten's clang (LLVM 14) turns a
// byte-to-float conversion into four scalar ones; this keeps it in one
// register: the bytes widened to int32 lanes, set as the low mantissa bits
// of 2^23 (bits 0x4B000000), and 2^23 taken away.
inline Float4 bytesToFloat4(const std::uint8_t* bytes) {
  using Byte4 = std::uint8_t __attribute__((vector_size(4)));
  Byte4 b;
  std::memcpy(&b, bytes, sizeof b);
  const Int4 bits = __builtin_convertvector(b, Int4) | 0x4B000000;
  return (Float4)bits - 8388608.0f;  // a cast between vector types of one size keeps the bits
}

// A pixel's three bytes as floats (lane 3: the next byte, or 0 where the
// buffer ends at the pixel): bytesToFloat4 without reading past `end`.
inline Float4 pixelToFloat4(const std::uint8_t* pixel, const std::uint8_t* end) {
  if (end - pixel >= 4) return bytesToFloat4(pixel);
  return Float4{float(pixel[0]), float(pixel[1]), float(pixel[2]), 0.0f};
}

// Calls pass(load) with a pixel loader for one row of an RGB buffer ending
// at `end`: bytesToFloat4, or on the buffer's last row (whose last pixel has
// no fourth byte) the checked pixelToFloat4.
template <class Pass>
void forEachPixelLoad(bool lastRow, const std::uint8_t* end, Pass&& pass) {
  if (!lastRow) pass([](const std::uint8_t* pixel) { return bytesToFloat4(pixel); });
  else pass([end](const std::uint8_t* pixel) { return pixelToFloat4(pixel, end); });
}

// The low byte of each lane (values 0..255) to four bytes, in one store.
inline void storeBytes4(std::uint8_t* to, Int4 v) {
  using Bytes16 = std::uint8_t __attribute__((vector_size(16)));
  const Bytes16 bytes = (Bytes16)v;
  const Int4 low = (Int4)__builtin_shufflevector(bytes, bytes, 0, 4, 8, 12, 0, 4, 8, 12, 0, 4, 8, 12, 0, 4, 8, 12);
  const std::int32_t packed = low[0];
  std::memcpy(to, &packed, sizeof packed);
}

inline Float4 loadFloat4(const float* from) {
  Float4 v;
  std::memcpy(&v, from, sizeof v);
  return v;
}

inline void storeFloat4(float* to, Float4 v) { std::memcpy(to, &v, sizeof v); }

}  // namespace lv
