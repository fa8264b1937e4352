#include "decode/decode.hpp"

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>

#include <stb/stb_image.h>

#include "decode/bytes.hpp"
#include "decode/container.hpp"
#include "decode/exif.hpp"
#include "decode/gif.hpp"
#include "decode/header.hpp"
#include "decode/sniff.hpp"
#include "decode/stb_alloc.hpp"

namespace lv {

using namespace decode_detail;

namespace {

const char* label(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Gif: return "GIF";
    case ImageFormat::Bmp: return "BMP";
    default: return "image";
  }
}

// Pixels owned by stb; freed (and, through stb_alloc, zeroed) on every path.
struct StbPixels {
  unsigned char* data = nullptr;
  int width = 0, height = 0;
  ~StbPixels() {
    if (data) stbi_image_free(data);
  }
};

// What one decode may hold at once: the largest case is a 16-bit RGBA PNG
// (inflated rows + 16-bit image + 8-bit image ≈ 20 bytes a pixel), plus the
// compressed data stb copies, plus slack.
std::size_t budgetFor(const DeclaredSize& size, std::size_t fileBytes) {
  std::uint64_t bytes = size.width * size.height * 24 + size.height * 2 + 2 * std::uint64_t{fileBytes} + (16u << 20);
  return bytes > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(bytes);
}

// Alpha composited on white, rounding to nearest.
void compositeOnWhite(const std::uint8_t* rgba, Image& out) {
  std::uint8_t* dst = out.rgb.data();
  for (std::size_t i = 0, n = out.pixelCount(); i < n; ++i, rgba += 4, dst += 3) {
    unsigned a = rgba[3];
    for (int c = 0; c < 3; ++c) dst[c] = static_cast<std::uint8_t>((rgba[c] * a + 255u * (255u - a) + 127u) / 255u);
  }
}

[[noreturn]] void failDecode(ImageFormat format, const DeclaredSize& size) {
  const StbAllocStats& stats = stbAllocStats();
  if (stats.overBudget)
    failFormat(std::string("the ") + label(format) +
               " data expands to far more than its declared size allows (a decompression bomb?)");
  if (stats.outOfMemory)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        "There is not enough memory to decode an image of " + std::to_string(size.width) + "x" +
                            std::to_string(size.height) + " pixels. Send a smaller image.");
  const char* reason = stbi_failure_reason();
  failFormat(std::string("the ") + label(format) + " data is damaged or uses an unsupported feature (" +
             (reason ? reason : "unknown") + ")");
}

Image decodePixels(std::span<const std::uint8_t> bytes, ImageFormat format, const DeclaredSize& size) {
  const int len = static_cast<int>(bytes.size());
  const int channels = format == ImageFormat::Jpeg ? 3 : 4;  // JPEG has no alpha
  StbPixels pixels;
  {
    StbBudgetScope budget(budgetFor(size, bytes.size()));
    int infoW = 0, infoH = 0, comp = 0;
    if (!stbi_info_from_memory(bytes.data(), len, &infoW, &infoH, &comp)) failDecode(format, size);
    // stb's BMP info reports a top-down image's height as negative.
    auto magnitude = [](int v) { return static_cast<std::uint64_t>(v < 0 ? -static_cast<std::int64_t>(v) : v); };
    if (magnitude(infoW) != size.width || magnitude(infoH) != size.height)
      failFormat(std::string("the ") + label(format) + " header is inconsistent");
    pixels.data = stbi_load_from_memory(bytes.data(), len, &pixels.width, &pixels.height, &comp, channels);
    if (!pixels.data) failDecode(format, size);
  }
  if (static_cast<std::uint64_t>(pixels.width) != size.width ||
      static_cast<std::uint64_t>(pixels.height) != size.height)
    failFormat(std::string("the ") + label(format) + " data does not match its declared size");

  Image image(pixels.width, pixels.height);
  if (channels == 3) std::memcpy(image.rgb.data(), pixels.data, image.rgb.size());
  else compositeOnWhite(pixels.data, image);
  return image;
}

}  // namespace

void checkInputBytes(std::size_t size, const Limits& limits) {
  if (size > limits.maxBytes || size > static_cast<std::size_t>(INT_MAX))
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        "The image is " + std::to_string(size) + " bytes; the limit is " +
                            std::to_string(limits.maxBytes) + " bytes. Send a smaller or more compressed file.");
}

DecodedImage decodeImage(std::span<const std::uint8_t> bytes, const Limits& limits) {
  if (bytes.empty())
    failFormat("the image is empty (0 bytes)", "Send the bytes of a JPEG, PNG, GIF or BMP file.");
  checkInputBytes(bytes.size(), limits);
  auto format = sniffFormat(bytes);
  if (!format)
    failFormat("it is not a JPEG, PNG, GIF or BMP file (it starts with bytes " + describeLeadingBytes(bytes) + ")",
               "Send one of those formats.");

  DeclaredSize size = readDeclaredSize(bytes, *format);
  checkImageSize(size.width, size.height, limits);

  DecodedImage result;
  result.format = *format;
  JpegLayout jpeg;
  if (*format == ImageFormat::Gif) result.animated = scanGif(bytes).frames > 1;
  else checkContainer(bytes, *format, &jpeg);

  result.image = decodePixels(bytes, *format, size);
  if (*format == ImageFormat::Jpeg) {
    result.exifOrientation = parseExifOrientation(jpeg.exifTiff);
    result.image = applyOrientation(std::move(result.image), result.exifOrientation);
  }
  return result;
}

DecodedImage imageFromRgba(const std::uint8_t* rgba, int width, int height, const Limits& limits) {
  if (width <= 0 || height <= 0)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        "The image is " + std::to_string(width) + "x" + std::to_string(height) +
                            " pixels; each side must be at least " + std::to_string(limits.minSide) +
                            " pixels. Send a larger image.");
  checkImageSize(static_cast<std::uint64_t>(width), static_cast<std::uint64_t>(height), limits);
  if (!rgba) throw AnalysisError(ErrorCode::InvalidArgument, "The image data is missing (null pixel buffer).");
  DecodedImage result;
  result.format = ImageFormat::Raw;
  result.image = Image(width, height);
  compositeOnWhite(rgba, result.image);
  return result;
}

}  // namespace lv
