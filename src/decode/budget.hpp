#pragma once
// How much memory one decode may hold at once (internal to decode/), and the
// typed errors for a decode that hit that cap or ran out of memory. The cap
// is enforced by the allocator every decoder library uses (stb_alloc.hpp).
#include <cstddef>
#include <cstdint>

#include "decode/header.hpp"

namespace lv::decode_detail {

// bytesPerPixel: the most any decoder keeps per declared pixel at once
// (working buffers and output together); plus two copies of the file and
// 16 MiB of slack. Saturates at SIZE_MAX.
std::size_t decodeBudget(const DeclaredSize& size, std::size_t fileBytes, unsigned bytesPerPixel);

// After a decoder library failed inside a StbBudgetScope: throws
// InvalidImageFormat ("expands to far more than its declared size", a
// decompression bomb) when the budget refused an allocation, InvalidImageSize
// ("not enough memory") when the system allocator failed; returns otherwise.
// `format` names the format in the message ("PNG", "WebP").
void failIfOutOfBudget(const char* format, const DeclaredSize& size);

}  // namespace lv::decode_detail
