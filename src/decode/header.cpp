#include "decode/header.hpp"

#include <cstring>
#include <string>

#include "decode/bmp.hpp"
#include "decode/bytes.hpp"
#include "decode/container.hpp"
#include "decode/gif.hpp"
#include "decode/ico.hpp"
#include "decode/tiff.hpp"
#include "decode/webp.hpp"

namespace lv {

using namespace decode_detail;

namespace {

DeclaredSize jpegSize(Bytes b) {
  JpegLayout layout = scanJpeg(b, /*stopAtFrame=*/true);
  if (!layout.hasFrame) {
    if (layout.truncated) failTruncated("JPEG", "it ends before its frame header");
    failFormat("the JPEG file has no frame header (SOF)" +
               (layout.problem.empty() ? std::string() : " (" + layout.problem + ")"));
  }
  return {layout.width, layout.height};
}

DeclaredSize pngSize(Bytes b) {
  if (!has(b, 8, 25)) failTruncated("PNG", "it ends inside its IHDR header");
  if (be32(b.data() + 8) != 13 || std::memcmp(b.data() + 12, "IHDR", 4) != 0)
    failFormat("the PNG file is damaged (it does not start with an IHDR chunk)");
  // The declared size is only trusted when the header's checksum holds.
  if (crc32(b.subspan(12, 17)) != be32(b.data() + 29))
    failFormat("the PNG file is damaged (checksum mismatch in its IHDR chunk)");
  return {be32(b.data() + 16), be32(b.data() + 20)};
}

DeclaredSize gifSize(Bytes b) {
  const GifLayout layout = scanGif(b);
  return {layout.width, layout.height};
}

DeclaredSize bmpSize(Bytes b) {
  const BmpHeader header = readBmpHeader(b);
  return {header.width, header.height};
}

}  // namespace

DeclaredSize readDeclaredSize(Bytes bytes, ImageFormat format) {
  DeclaredSize size;
  switch (format) {
    case ImageFormat::Jpeg:
    case ImageFormat::Mpo: size = jpegSize(bytes); break;
    case ImageFormat::Png: size = pngSize(bytes); break;
    case ImageFormat::Gif: size = gifSize(bytes); break;
    case ImageFormat::Bmp: size = bmpSize(bytes); break;
    case ImageFormat::Webp: size = readWebpSize(bytes); break;
    case ImageFormat::Tiff: size = readTiffSize(bytes); break;
    case ImageFormat::Ico: {
      const IcoEntry entry = largestIcoEntry(bytes);
      size = {entry.width, entry.height};
      break;
    }
    case ImageFormat::Raw: failFormat("raw pixels have no header");
  }
  if (size.width == 0 || size.height == 0)
    failFormat("the file declares a width or height of 0 (" + std::to_string(size.width) + "x" +
               std::to_string(size.height) + ")");
  return size;
}

void checkImageSize(std::uint64_t width, std::uint64_t height, const Limits& limits) {
  std::string dims = "The image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels";
  auto minSide = static_cast<std::uint64_t>(limits.minSide < 0 ? 0 : limits.minSide);
  auto maxSide = static_cast<std::uint64_t>(limits.maxSide < 0 ? 0 : limits.maxSide);
  if (width < minSide || height < minSide)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        dims + "; each side must be at least " + std::to_string(minSide) +
                            " pixels. Send a larger image.");
  if (width > maxSide || height > maxSide)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        dims + "; each side must be at most " + std::to_string(maxSide) +
                            " pixels. Resize the image and send it again.");
  // Sides are at most 2^32, so the product fits in 64 bits.
  if (width * height > limits.maxPixels)
    throw AnalysisError(ErrorCode::InvalidImageSize,
                        dims + " (" + std::to_string(width * height) + " pixels); the limit is " +
                            std::to_string(limits.maxPixels) + " pixels. Resize the image and send it again.");
}

}  // namespace lv
