#include "decode/budget.hpp"

#include <string>

#include "decode/bytes.hpp"
#include "decode/stb_alloc.hpp"

namespace lv::decode_detail {

std::size_t decodeBudget(const DeclaredSize& size, std::size_t fileBytes, unsigned bytesPerPixel) {
  // Sides are below 2^32 and the pixel limit applies first, so nothing here overflows 64 bits.
  std::uint64_t bytes =
      size.width * size.height * bytesPerPixel + size.height * 2 + 2 * std::uint64_t{fileBytes} + (16u << 20);
  return bytes > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(bytes);
}

void failIfOutOfBudget(const char* format, const DeclaredSize& size) {
  const StbAllocStats& stats = stbAllocStats();
  if (stats.overBudget)
    failFormat(std::string("the ") + format +
               " data expands to far more than its declared size allows (a decompression bomb?)");
  if (stats.outOfMemory)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        "There is not enough memory to decode an image of " + std::to_string(size.width) + "x" +
                            std::to_string(size.height) + " pixels. Send a smaller image.");
}

}  // namespace lv::decode_detail
