#include "features/thumbnail/thumbnail.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "features/smart_crops/smart_crops.hpp"
#include "imgproc/model_input.hpp"

namespace lv::thumbnail_detail {
// stb_image_write's scratch memory (PNG rows, zlib output) is zeroed when
// freed, like every buffer that held pixels. Each block keeps its size in
// front of it.
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* zeroingMalloc(std::size_t size) {
  auto* base = static_cast<unsigned char*>(std::malloc(size + kHeader));
  if (!base) return nullptr;
  *reinterpret_cast<std::size_t*>(base) = size;
  return base + kHeader;
}

void zeroingFree(void* p) {
  if (!p) return;
  unsigned char* base = static_cast<unsigned char*>(p) - kHeader;
  secureZero(base, *reinterpret_cast<std::size_t*>(base) + kHeader);
  std::free(base);
}

void* zeroingRealloc(void* p, std::size_t size) {
  void* moved = zeroingMalloc(size);
  if (moved && p) {
    std::memcpy(moved, p, std::min(size, *reinterpret_cast<std::size_t*>(static_cast<unsigned char*>(p) - kHeader)));
    zeroingFree(p);
  }
  return moved;
}
}  // namespace lv::thumbnail_detail

#define STBIW_MALLOC(size) ::lv::thumbnail_detail::zeroingMalloc(size)
#define STBIW_REALLOC(p, size) ::lv::thumbnail_detail::zeroingRealloc(p, size)
#define STBIW_FREE(p) ::lv::thumbnail_detail::zeroingFree(p)
#define STB_IMAGE_WRITE_STATIC  // the tests link their own copy
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace lv {
namespace {

constexpr int kJpegQuality = 90;

void checkSides(int width, int height) {
  auto ok = [](int side) { return side >= kMinThumbnailSide && side <= kMaxThumbnailSide; };
  if (!ok(width) || !ok(height))
    throw AnalysisError(ErrorCode::InvalidThumbnailSize,
                        "The thumbnail's width and height must be whole numbers from 1 to 1024 pixels.");
}

int side(const nlohmann::json& options, const char* name) {
  const auto it = options.find(name);
  const bool whole = it != options.end() && it->is_number() && std::trunc(it->get<double>()) == it->get<double>() &&
                     std::abs(it->get<double>()) <= kMaxThumbnailSide + 1;
  return whole ? static_cast<int>(it->get<double>()) : 0;  // 0: refused by checkSides
}

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<SecureVector<std::uint8_t>*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

ThumbnailOptions parseThumbnailOptions(std::string_view text) {
  const nlohmann::json options = nlohmann::json::parse(text, nullptr, false);
  if (!options.is_object()) throw AnalysisError(ErrorCode::InvalidArgument, "The thumbnail options must be a JSON object.");
  ThumbnailOptions parsed;
  parsed.width = side(options, "width");
  parsed.height = side(options, "height");
  checkSides(parsed.width, parsed.height);
  if (const auto it = options.find("smartCropping"); it != options.end()) {
    if (!it->is_boolean()) throw AnalysisError(ErrorCode::InvalidArgument, "'smartCropping' must be true or false.");
    parsed.smartCropping = it->get<bool>();
  }
  if (const auto it = options.find("format"); it != options.end()) {
    if (*it != "jpeg" && *it != "png") throw AnalysisError(ErrorCode::InvalidArgument, "'format' must be \"jpeg\" or \"png\".");
    parsed.format = *it == "png" ? ThumbnailFormat::Png : ThumbnailFormat::Jpeg;
  }
  return parsed;
}

CropRegion thumbnailRegion(const Image& image, const ThumbnailOptions& options) {
  if (image.width <= 0 || image.height <= 0) throw AnalysisError(ErrorCode::InvalidArgument, "The image is empty.");
  const double ratio = static_cast<double>(options.width) / options.height;
  if (options.smartCropping) return smartCropExact(image, ratio);
  const int w = std::clamp(static_cast<int>(std::lround(std::min<double>(image.width, image.height * ratio))), 1, image.width);
  const int h = std::clamp(static_cast<int>(std::lround(w / ratio)), 1, image.height);
  return {ratio, (image.width - w) / 2, (image.height - h) / 2, w, h};
}

SecureVector<std::uint8_t> makeThumbnail(const Image& image, const ThumbnailOptions& options) {
  checkSides(options.width, options.height);
  const CropRegion crop = thumbnailRegion(image, options);
  const Image pixels = resampleRegion(image, {crop.x, crop.y, crop.w, crop.h}, options.width, options.height);
  SecureVector<std::uint8_t> encoded;
  const int ok = options.format == ThumbnailFormat::Png
                     ? stbi_write_png_to_func(appendBytes, &encoded, pixels.width, pixels.height, 3, pixels.rgb.data(), pixels.width * 3)
                     : stbi_write_jpg_to_func(appendBytes, &encoded, pixels.width, pixels.height, 3, pixels.rgb.data(), kJpegQuality);
  if (!ok) throw AnalysisError(ErrorCode::InternalError, "The thumbnail could not be encoded.");
  return encoded;
}

}  // namespace lv
