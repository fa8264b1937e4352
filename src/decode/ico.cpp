#include "decode/ico.hpp"

#include <cstring>
#include <string>
#include <vector>

#include <stb/stb_image.h>

#include "decode/budget.hpp"
#include "decode/bmp.hpp"
#include "decode/bytes.hpp"
#include "decode/container.hpp"
#include "decode/decode.hpp"
#include "decode/header.hpp"
#include "decode/pixels.hpp"
#include "decode/stb_alloc.hpp"

namespace lv {

using namespace decode_detail;

namespace {

constexpr std::size_t kDirHeader = 6, kDirEntry = 16;
constexpr unsigned kStbBytesPerPixel = 24;

// The layout of a DIB entry, offsets from the entry's start.
struct Dib {
  std::uint32_t headerSize = 0, compression = 0;
  std::uint64_t xorOffset = 0, xorStride = 0, andOffset = 0, andStride = 0;
};

bool isPng(Bytes data) { return data.size() >= 8 && std::memcmp(data.data(), "\x89PNG\r\n\x1A\n", 8) == 0; }

IcoEntry readEntry(Bytes file, std::size_t index) {
  const std::uint8_t* dir = file.data() + kDirHeader + index * kDirEntry;
  const std::uint64_t size = le32(dir + 8), offset = le32(dir + 12);
  const std::string which = "image " + std::to_string(index + 1);
  if (!has(file, offset, size)) failTruncated("ICO", "its " + which + " lies past the end of the file");
  IcoEntry entry;
  entry.data = file.subspan(offset, size);
  if (isPng(entry.data)) {
    const DeclaredSize png = readDeclaredSize(entry.data, ImageFormat::Png);
    return {entry.data, png.width, png.height, 32, true};
  }
  if (!has(entry.data, 0, 16) || le32(entry.data.data()) < 40)
    failFormat("the ICO file's " + which + " is neither a PNG nor a bitmap (DIB)");
  const auto width = static_cast<std::int32_t>(le32(entry.data.data() + 4));
  const auto doubledHeight = static_cast<std::int32_t>(le32(entry.data.data() + 8));
  if (width <= 0 || doubledHeight < 2)
    failFormat("the ICO file's " + which + " declares an impossible size (" + std::to_string(width) + "x" +
               std::to_string(doubledHeight) + "/2)");
  entry.width = static_cast<std::uint64_t>(width);
  entry.height = static_cast<std::uint64_t>(doubledHeight) / 2;
  entry.bitCount = le16(entry.data.data() + 14);
  return entry;
}

Dib dibLayout(const IcoEntry& entry) {
  const std::uint8_t* h = entry.data.data();
  Dib dib;
  dib.headerSize = le32(h);
  dib.compression = has(entry.data, 16, 4) ? le32(h + 16) : 0;
  const std::uint32_t colorsUsed = has(entry.data, 32, 4) ? le32(h + 32) : 0;
  const std::uint64_t paletteColors = entry.bitCount <= 8 ? (colorsUsed ? colorsUsed : 1u << entry.bitCount) : 0;
  const std::uint64_t masks = (dib.compression == 3 && dib.headerSize == 40) ? 12 : 0;  // BI_BITFIELDS after a 40-byte header
  dib.xorOffset = dib.headerSize + masks + 4 * paletteColors;
  dib.xorStride = (entry.width * entry.bitCount + 31) / 32 * 4;
  dib.andOffset = dib.xorOffset + dib.xorStride * entry.height;
  dib.andStride = (entry.width + 31) / 32 * 4;
  return dib;
}

// The colour bitmap as a BMP file: a 14-byte file header, the DIB header with
// its true height, palette or masks, and the XOR rows.
std::vector<std::uint8_t> asBmpFile(const IcoEntry& entry, const Dib& dib) {
  std::vector<std::uint8_t> bmp(14 + dib.andOffset);
  auto put32 = [&](std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 4; ++i) bmp[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  };
  bmp[0] = 'B', bmp[1] = 'M';
  put32(2, bmp.size());
  put32(10, 14 + dib.xorOffset);
  std::memcpy(bmp.data() + 14, entry.data.data(), dib.andOffset);
  put32(14 + 8, entry.height);
  return bmp;
}

// Whether the AND mask decides transparency: always below 32 bits a pixel;
// at 32 only when the alpha channel is empty (all zero), as browsers do.
bool maskApplies(const IcoEntry& entry, const Dib& dib) {
  if (entry.bitCount < 32) return true;
  for (std::uint64_t y = 0; y < entry.height; ++y)
    for (std::uint64_t x = 0; x < entry.width; ++x)
      if (entry.data[dib.xorOffset + y * dib.xorStride + x * 4 + 3] != 0) return false;
  return true;
}

// Clears alpha where the AND mask (bottom-up rows, most significant bit first) is set.
void applyAndMask(const IcoEntry& entry, const Dib& dib, std::uint8_t* rgba) {
  for (std::uint64_t y = 0; y < entry.height; ++y) {
    const std::uint8_t* row = entry.data.data() + dib.andOffset + (entry.height - 1 - y) * dib.andStride;
    for (std::uint64_t x = 0; x < entry.width; ++x)
      if (row[x / 8] & (0x80 >> (x % 8))) rgba[(y * entry.width + x) * 4 + 3] = 0;
  }
}

struct StbRgba {
  unsigned char* data = nullptr;
  ~StbRgba() {
    if (data) stbi_image_free(data);
  }
};

DecodedImage decodeDib(const IcoEntry& entry) {
  const Dib dib = dibLayout(entry);
  const bool hasMask = has(entry.data, dib.andOffset, dib.andStride * entry.height);
  if (!has(entry.data, 0, dib.andOffset) || (entry.bitCount < 32 && !hasMask))
    failTruncated("ICO", "its bitmap ends before its pixel data does");
  const std::vector<std::uint8_t> bmp = asBmpFile(entry, dib);
  readBmpHeader(bmp);
  const DeclaredSize size{entry.width, entry.height};
  StbRgba pixels;
  {
    StbBudgetScope budget(decodeBudget(size, bmp.size(), kStbBytesPerPixel));
    int w = 0, h = 0, comp = 0;
    pixels.data = stbi_load_from_memory(bmp.data(), static_cast<int>(bmp.size()), &w, &h, &comp, 4);
    if (!pixels.data) {
      failIfOutOfBudget("ICO", size);
      const char* reason = stbi_failure_reason();
      failFormat(std::string("the ICO file's bitmap is damaged or uses an unsupported feature (") +
                 (reason ? reason : "unknown") + ")");
    }
    if (static_cast<std::uint64_t>(w) != entry.width || static_cast<std::uint64_t>(h) != entry.height)
      failFormat("the ICO file's bitmap does not match its declared size");
  }
  if (hasMask && maskApplies(entry, dib)) applyAndMask(entry, dib, pixels.data);
  DecodedImage result;
  result.image = Image(static_cast<int>(entry.width), static_cast<int>(entry.height));
  compositeOnWhite(pixels.data, result.image);
  return result;
}

}  // namespace

IcoEntry largestIcoEntry(Bytes bytes) {
  if (!has(bytes, 0, kDirHeader)) failTruncated("ICO", "it ends inside its header");
  const std::size_t count = le16(bytes.data() + 4);
  if (count == 0) failFormat("the ICO file holds no images");
  if (!has(bytes, kDirHeader, count * kDirEntry)) failTruncated("ICO", "it ends inside its directory");
  IcoEntry best;
  for (std::size_t i = 0; i < count; ++i) {
    IcoEntry entry = readEntry(bytes, i);
    const std::uint64_t pixels = entry.width * entry.height, bestPixels = best.width * best.height;
    if (pixels > bestPixels || (pixels == bestPixels && entry.bitCount > best.bitCount)) best = entry;
  }
  return best;
}

DecodedImage decodeIco(Bytes bytes, const Limits& limits) {
  const IcoEntry entry = largestIcoEntry(bytes);
  DecodedImage result = entry.png ? decodeImage(entry.data, limits) : decodeDib(entry);
  result.format = ImageFormat::Ico;
  return result;
}

}  // namespace lv
