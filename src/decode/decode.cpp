#include "decode/decode.hpp"

#include <climits>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

#include <stb/stb_image.h>

#include "decode/bmp.hpp"
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
// (inflated rows + 16-bit image + 8-bit image ≈ 20 bytes a pixel; a JPEG
// holds at most ~4 output + ~12 working bytes), plus the compressed data stb
// copies.
constexpr unsigned kStbBytesPerPixel = 24;

[[noreturn]] void failDecode(ImageFormat format, const DeclaredSize& size) {
  failIfOutOfBudget(label(format), size);
  const char* reason = stbi_failure_reason();
  failFormat(std::string("the ") + label(format) + " data is damaged or uses an unsupported feature (" +
             (reason ? reason : "unknown") + ")");
}

Image decodePixels(std::span<const std::uint8_t> bytes, ImageFormat format, const DeclaredSize& size) {
  const int len = static_cast<int>(bytes.size());
  StbPixels pixels;
  {
    StbBudgetScope budget(decodeBudget(size, bytes.size(), kStbBytesPerPixel));
    int infoW = 0, infoH = 0, comp = 0;
    if (!stbi_info_from_memory(bytes.data(), len, &infoW, &infoH, &comp)) failDecode(format, size);
    // stb's BMP info reports a top-down image's height as negative.
    auto magnitude = [](int v) { return static_cast<std::uint64_t>(v < 0 ? -static_cast<std::int64_t>(v) : v); };
    if (magnitude(infoW) != size.width || magnitude(infoH) != size.height)
      failFormat(std::string("the ") + label(format) + " header is inconsistent");
    // RGBA for JPEG too, whose alpha is always 255: stb converts YCbCr to
    // RGB with SIMD only into four channels (its three-channel path is scalar).
    pixels.data = stbi_load_from_memory(bytes.data(), len, &pixels.width, &pixels.height, &comp, 4);
    if (!pixels.data) failDecode(format, size);
  }
  if (static_cast<std::uint64_t>(pixels.width) != size.width ||
      static_cast<std::uint64_t>(pixels.height) != size.height)
    failFormat(std::string("the ") + label(format) + " data does not match its declared size");

  Image image(pixels.width, pixels.height);
  if (format == ImageFormat::Jpeg) dropAlpha(pixels.data, image);
  else compositeOnWhite(pixels.data, image);
  return image;
}

// Decodes a copy of the file that the caller repaired (an end marker
// appended, ...): when even that fails, the file was cut short.
template <class DecodeFn>
Image decodeRepaired(const char* format, const char* where, DecodeFn&& decode) {
  try {
    return decode();
  } catch (const AnalysisError&) {
    const StbAllocStats& stats = stbAllocStats();
    if (stats.overBudget || stats.outOfMemory) throw;
    failTruncated(format, where);
  }
}

SecureVector<std::uint8_t> copyOf(std::span<const std::uint8_t> bytes, std::size_t count,
                                  std::initializer_list<std::uint8_t> tail) {
  SecureVector<std::uint8_t> copy(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(count));
  copy.insert(copy.end(), tail);
  return copy;
}

// Two readings of libjpeg's (so browsers') that stb_image lacks; for these
// files stb decodes a copy edited to say what libjpeg assumes:
// - stb reads four components as Adobe's inverted CMYK only under an APP14
//   colour transform 0, as (inverted) YCCK under 2, and otherwise as YCbCr
//   without K. Chromium and Pillow read every four-component JPEG with
//   Adobe's inversion: without APP14 as CMYK, and any transform but 0 as YCCK.
// - A scan whose Huffman table 0 or 1 no DHT defined (Motion-JPEG frames)
//   decodes with T.81 Annex K's tables: a DHT holding them goes before it.
Image jpegPixels(std::span<const std::uint8_t> bytes, const JpegLayout& layout, const DeclaredSize& size) {
  const bool readAsAdobe = layout.components == 4 && layout.adobeTransform != 0 && layout.adobeTransform != 2;
  if (!readAsAdobe && !layout.standardTables) return decodePixels(bytes, ImageFormat::Jpeg, size);
  SecureVector<std::uint8_t> copy(bytes.begin(), bytes.end());
  std::size_t adobeTransformAt = layout.adobeTransformAt;
  if (layout.standardTables) {
    const auto dht = standardHuffmanSegment(layout.standardTables);
    copy.insert(copy.begin() + static_cast<std::ptrdiff_t>(layout.standardTablesAt), dht.begin(), dht.end());
    if (adobeTransformAt > layout.standardTablesAt) adobeTransformAt += dht.size();
  }
  if (readAsAdobe && layout.adobeTransform > 0) {
    copy[adobeTransformAt] = 2;
  } else if (readAsAdobe) {
    static constexpr std::uint8_t kAdobeCmyk[] = {0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
    copy.insert(copy.begin() + 2, std::begin(kAdobeCmyk), std::end(kAdobeCmyk));
  }
  return decodePixels(copy, ImageFormat::Jpeg, size);
}

// Scan data that runs to the end of the file: decoded with an EOI appended,
// then again with filler bits before that EOI. Complete data ignores the
// filler; data cut short decodes its missing blocks from the filler in one
// and from zero bits in the other. The filler covers more than two MCUs of
// the longest possible codes, so that blocks hidden in the padding of the
// last MCU cannot hide the cut.
Image jpegWithoutEoi(std::span<const std::uint8_t> bytes, const JpegLayout& layout, const DeclaredSize& size) {
  std::size_t n = bytes.size();
  while (n > 0 && bytes[n - 1] == 0xFF) --n;  // a marker's first byte, or fill bytes
  const auto ended = copyOf(bytes, n, {0xFF, 0xD9});
  auto filled = copyOf(bytes, n, {});
  filled.resize(n + 8192, 0xFE);
  filled.insert(filled.end(), {0xFF, 0xD9});
  const char* where = "its image data ends before the last rows";
  Image image = decodeRepaired("JPEG", where, [&] { return jpegPixels(ended, layout, size); });
  Image check = decodeRepaired("JPEG", where, [&] { return jpegPixels(filled, layout, size); });
  if (image.rgb != check.rgb) failTruncated("JPEG", where);
  return image;
}

// Turns the image upright by the orientation of an EXIF TIFF block (JPEG
// APP1, PNG eXIf), as browsers display it.
void orient(DecodedImage& result, std::span<const std::uint8_t> exifTiff) {
  result.exifOrientation = parseExifOrientation(exifTiff);
  result.image = applyOrientation(std::move(result.image), result.exifOrientation);
}

// imagesFollow: an MPO, whose other images follow the first one's EOI.
void decodeJpeg(std::span<const std::uint8_t> bytes, const DeclaredSize& size, DecodedImage& result,
                bool imagesFollow = false) {
  const JpegLayout layout = checkJpeg(bytes);
  if (layout.complete) {
    result.image = jpegPixels(bytes, layout, size);
    if (layout.end < bytes.size() && !imagesFollow)
      result.warnings.push_back("The JPEG file has " + std::to_string(bytes.size() - layout.end) +
                                " bytes after its end-of-image marker (EOI); they were ignored.");
  } else {
    result.image = jpegWithoutEoi(bytes, layout, size);
    result.warnings.push_back(
        "The JPEG file has no end-of-image marker (EOI); its image data is complete and was analysed.");
  }
  orient(result, layout.exifTiff);
}

void decodePng(std::span<const std::uint8_t> bytes, const DeclaredSize& size, DecodedImage& result) {
  const PngLayout layout = checkPng(bytes);
  if (layout.hasEnd) {
    result.image = decodePixels(bytes, ImageFormat::Png, size);
  } else {
    const auto ended = copyOf(bytes, layout.end, {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82});
    result.image = decodeRepaired("PNG", "its image data ends before the last rows",
                                  [&] { return decodePixels(ended, ImageFormat::Png, size); });
    result.warnings.push_back("The PNG file has no IEND chunk; its image data is complete and was analysed.");
  }
  orient(result, layout.exifTiff);
}

// The top-left width x height of an image.
Image cropped(const Image& image, std::uint32_t width, std::uint32_t height) {
  Image out(static_cast<int>(width), static_cast<int>(height));
  for (int y = 0; y < out.height; ++y) std::memcpy(out.pixel(0, y), image.pixel(0, y), std::size_t{width} * 3);
  return out;
}

void decodeGif(std::span<const std::uint8_t> bytes, const Limits& limits, DecodedImage& result) {
  const GifLayout layout = scanGif(bytes);
  result.animated = layout.frames > 1;
  const auto fitted = gifWithFittingScreen(bytes, layout);
  if (fitted.empty()) {
    result.image = decodePixels(bytes, ImageFormat::Gif, {layout.width, layout.height});
    return;
  }
  const DeclaredSize screen{le16(fitted.data() + 6), le16(fitted.data() + 8)};
  checkImageSize(screen.width, screen.height, limits);
  Image image = decodePixels(fitted, ImageFormat::Gif, screen);
  result.image = screen.width == layout.width && screen.height == layout.height
                     ? std::move(image)
                     : cropped(image, layout.width, layout.height);
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
  switch (*sniffed) {
    case ImageFormat::Jpeg: decodeJpeg(bytes, size, result); break;
    case ImageFormat::Mpo: decodeJpeg(bytes, size, result, /*imagesFollow=*/true); break;  // its first image
    case ImageFormat::Png: decodePng(bytes, size, result); break;
    case ImageFormat::Gif: decodeGif(bytes, limits, result); break;
    case ImageFormat::Bmp: result.image = decodeBmp(bytes, readBmpHeader(bytes), result.warnings); break;
    default: break;
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
