#pragma once
// The allocator stb_image uses (internal to decode/). Every block stb frees
// is zeroed first (decoded pixels, zlib output, JPEG planes), and a per-thread
// budget caps what one decode may hold at once, so a zlib stream that
// inflates far past its declared size fails instead of exhausting the heap.
// libwebp, libtiff and zlib allocate through it too: their malloc, calloc
// and free are renamed at compile time (cmake/third_party.cmake) to
// lv_decode_malloc, lv_decode_calloc and lv_decode_free, and libtiff's
// _TIFFmalloc family calls the same functions (tiff_platform.cpp).
#include <cstddef>

namespace lv::decode_detail {

void* stbMalloc(std::size_t size);
void* stbRealloc(void* p, std::size_t newSize);
void* stbCalloc(std::size_t count, std::size_t size);  // zero-filled; nullptr when count*size overflows
void stbFree(void* p);

struct StbAllocStats {
  std::size_t live = 0;         // bytes currently held by stb
  std::size_t peak = 0;         // largest `live` since the budget was set
  std::size_t allocations = 0;  // malloc/realloc calls on this thread, ever
  bool overBudget = false;      // an allocation was refused by the budget
  bool outOfMemory = false;     // the system allocator failed
};

const StbAllocStats& stbAllocStats();

// Sets this thread's budget for the lifetime of the scope.
class StbBudgetScope {
 public:
  explicit StbBudgetScope(std::size_t budgetBytes);
  ~StbBudgetScope();
  StbBudgetScope(const StbBudgetScope&) = delete;
  StbBudgetScope& operator=(const StbBudgetScope&) = delete;

 private:
  std::size_t previous_;
};

}  // namespace lv::decode_detail
