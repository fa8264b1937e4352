#pragma once
// Pixel memory that is overwritten with zeros before it is handed back to the
// allocator: an image must not outlive its job, not even in freed heap pages.
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace lv {

// Zeroes memory in a way the optimiser may not drop as a dead store.
void secureZero(void* data, std::size_t size);

template <class T>
struct ZeroingAllocator {
  using value_type = T;
  ZeroingAllocator() = default;
  template <class U>
  ZeroingAllocator(const ZeroingAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) {
    secureZero(p, n * sizeof(T));
    ::operator delete(p);
  }
  template <class U>
  bool operator==(const ZeroingAllocator<U>&) const { return true; }
};

template <class T>
using SecureVector = std::vector<T, ZeroingAllocator<T>>;

}  // namespace lv
