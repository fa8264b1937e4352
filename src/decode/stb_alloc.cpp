#include "decode/stb_alloc.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/secure_buffer.hpp"

namespace lv::decode_detail {

namespace {

// Each block carries its size in a header so that free can zero it.
constexpr std::size_t kHeader = 16;  // keeps malloc's 16-byte alignment

thread_local StbAllocStats stats;
thread_local std::size_t budget = std::numeric_limits<std::size_t>::max();

std::size_t& sizeOf(void* block) { return *static_cast<std::size_t*>(block); }

bool admit(std::size_t extra) {
  if (extra > budget || stats.live > budget - extra) {
    stats.overBudget = true;
    return false;
  }
  return true;
}

}  // namespace

void* stbMalloc(std::size_t size) {
  ++stats.allocations;
  if (size > std::numeric_limits<std::size_t>::max() - kHeader || !admit(size)) return nullptr;
  void* block = std::malloc(size + kHeader);
  if (!block) {
    stats.outOfMemory = true;
    return nullptr;
  }
  sizeOf(block) = size;
  stats.live += size;
  if (stats.live > stats.peak) stats.peak = stats.live;
  return static_cast<std::uint8_t*>(block) + kHeader;
}

void stbFree(void* p) {
  if (!p) return;
  void* block = static_cast<std::uint8_t*>(p) - kHeader;
  std::size_t size = sizeOf(block);
  secureZero(p, size);
  stats.live -= size;
  std::free(block);
}

// Never uses realloc: the old block must be zeroed before it goes back.
void* stbRealloc(void* p, std::size_t newSize) {
  if (!p) return stbMalloc(newSize);
  std::size_t oldSize = sizeOf(static_cast<std::uint8_t*>(p) - kHeader);
  void* fresh = stbMalloc(newSize);
  if (!fresh) return nullptr;  // stb frees the old block itself
  std::memcpy(fresh, p, oldSize < newSize ? oldSize : newSize);
  stbFree(p);
  return fresh;
}

void* stbCalloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > std::numeric_limits<std::size_t>::max() / size) return nullptr;
  void* p = stbMalloc(count * size);
  if (p) std::memset(p, 0, count * size);
  return p;
}

const StbAllocStats& stbAllocStats() { return stats; }

StbBudgetScope::StbBudgetScope(std::size_t budgetBytes) : previous_(budget) {
  budget = budgetBytes;
  stats.peak = stats.live;
  stats.overBudget = false;
  stats.outOfMemory = false;
}

StbBudgetScope::~StbBudgetScope() { budget = previous_; }

}  // namespace lv::decode_detail

// The C libraries' malloc, calloc and free (see stb_alloc.hpp).
extern "C" {

void* lv_decode_malloc(std::size_t size) { return lv::decode_detail::stbMalloc(size); }

void* lv_decode_calloc(std::size_t count, std::size_t size) { return lv::decode_detail::stbCalloc(count, size); }

void lv_decode_free(void* p) { lv::decode_detail::stbFree(p); }

}  // extern "C"
