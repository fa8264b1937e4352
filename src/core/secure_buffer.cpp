#include "core/secure_buffer.hpp"

#include <cstring>

namespace lv {

void secureZero(void* data, std::size_t size) {
  if (size == 0) return;
  // A full-speed memset, then a compiler barrier that claims to read the
  // memory through `data`: the stores count as observed, so the optimiser
  // may not drop them although the memory is freed right after (musl's
  // explicit_bzero does the same). A volatile byte loop was ~1 byte a cycle.
  std::memset(data, 0, size);
  __asm__ __volatile__("" : : "r"(data) : "memory");
}

}  // namespace lv
