#include "decode/decode.hpp"

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>

#include <stb/stb_image.h>

#include "decode/budget.hpp"
#include "decode/bytes.hpp"
#include "decode/container.hpp"
#include "decode/exif.hpp"
#include "decode/gif.hpp"
#include "decode/header.hpp"
#include "decode/ico.hpp"
#include "decode/pixels.hpp"
#include "decode/sniff.hpp"
#include "decode/stb_alloc.hpp"
#include "decode/tiff.hpp"
#include "decode/webp.hpp"

namespace lv {

using namespace decode_detail;

namespace {

const char* label(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Gif: return "GIF";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Webp: return "WebP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Ico: return "ICO";
    case ImageFormat::Mpo: return "MPO";
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

// What one stb decode may hold at once: the largest case is a 16-bit RGBA PNG
// (inflated rows + 16-bit image + 8-bit image ≈ 20 bytes a pixel), plus the
// compressed data stb copies.
constexpr unsigned kStbBytesPerPixel = 24;

[[noreturn]] void failDecode(ImageFormat format, const DeclaredSize& size) {
  failIfOutOfBudget(label(format), size);
  const char* reason = stbi_failure_reason();
  failFormat(std::string("the ") + label(format) + " data is damaged or uses an unsupported feature (" +
             (reason ? reason : "unknown") + ")");
}

Image decodePixels(std::span<const std::uint8_t> bytes, ImageFormat format, const DeclaredSize& size) {
  const int len = static_cast<int>(bytes.size());
  const int channels = format == ImageFormat::Jpeg ? 3 : 4;  // JPEG has no alpha
  StbPixels pixels;
  {
    StbBudgetScope budget(decodeBudget(size, bytes.size(), kStbBytesPerPixel));
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
  if (bytes.empty()) failFormat("the image is empty (0 bytes)", "Send the bytes of a " + std::string(kFormatList) + " file.");
  checkInputBytes(bytes.size(), limits);
  auto sniffed = sniffFormat(bytes);
  if (!sniffed)
    failFormat("it is not a " + std::string(kFormatList) + " file (it starts with bytes " +
                   describeLeadingBytes(bytes) + ")",
               "Send one of those formats.");

  DeclaredSize size = readDeclaredSize(bytes, *sniffed);
  checkImageSize(size.width, size.height, limits);
  switch (*sniffed) {
    case ImageFormat::Webp: return decodeWebp(bytes, size);
    case ImageFormat::Tiff: return decodeTiff(bytes, size);
    case ImageFormat::Ico: return decodeIco(bytes, limits);
    default: break;
  }

  DecodedImage result;
  result.format = *sniffed;
  // An MPO's first image is a complete JPEG; the others follow its EOI.
  const ImageFormat format = *sniffed == ImageFormat::Mpo ? ImageFormat::Jpeg : *sniffed;
  JpegLayout jpeg;
  if (format == ImageFormat::Gif) result.animated = scanGif(bytes).frames > 1;
  else checkContainer(bytes, format, &jpeg);

  result.image = decodePixels(bytes, format, size);
  if (format == ImageFormat::Jpeg) {
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
