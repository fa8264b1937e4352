#pragma once
// Azure's generateThumbnail: a crop of the requested aspect ratio (where the
// image's interest is, or the centre), resampled to exactly width x height
// and encoded as JPEG or PNG.
#include <cstdint>
#include <string_view>

#include "core/image.hpp"
#include "core/secure_buffer.hpp"
#include "features/smart_crops/smart_crops.hpp"

namespace lv {

enum class ThumbnailFormat { Jpeg, Png };

// Azure's bounds for each side of a thumbnail, in pixels.
inline constexpr int kMinThumbnailSide = 1;
inline constexpr int kMaxThumbnailSide = 1024;

struct ThumbnailOptions {
  int width = 0;               // pixels, 1..1024
  int height = 0;              // pixels, 1..1024
  bool smartCropping = false;  // crop where the interest is, else the centre
  ThumbnailFormat format = ThumbnailFormat::Jpeg;
};

// Parses {"width": n, "height": n, "smartCropping": bool, "format": "jpeg"|"png"}.
// Throws AnalysisError: InvalidThumbnailSize for a side that is missing, not
// a whole number or outside 1..1024; InvalidArgument (BadArgument) for
// malformed JSON, a smartCropping that is not a boolean or another format.
ThumbnailOptions parseThumbnailOptions(std::string_view json);

// The region of `image` a thumbnail of options.width x options.height shows:
// the largest window of that aspect ratio, centred or (smartCropping) where
// smartCropExact puts it. Throws AnalysisError(InvalidArgument) for an empty image.
CropRegion thumbnailRegion(const Image& image, const ThumbnailOptions& options);

// The encoded thumbnail (JPEG quality 90, or PNG), zeroed when freed.
// Throws AnalysisError: InvalidThumbnailSize / InvalidArgument as above when
// `options` were not parsed here, InternalError if encoding fails.
SecureVector<std::uint8_t> makeThumbnail(const Image& image, const ThumbnailOptions& options);

}  // namespace lv
