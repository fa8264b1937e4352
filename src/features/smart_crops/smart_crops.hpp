#pragma once
// Azure 4.0 "smartCropsResult": for each requested aspect ratio, the crop
// that keeps what is interesting (edges, vivid colour, skin, and optional
// hint boxes such as faces or objects), computed from the pixels.
#include <span>
#include <vector>

#include "core/image.hpp"

namespace lv {

// One Azure smart-crop value: aspectRatio and boundingBox {x, y, w, h} in
// image pixels. aspectRatio is the requested width/height after clamping
// to [0.75, 1.8] (or the chosen one, 2 decimals, when none was requested).
struct CropRegion {
  double aspectRatio = 1.0;
  int x = 0, y = 0, w = 0, h = 0;
};

// Something known to matter (a face, an object), in image pixels. weight 1
// makes the box worth as much interest as half of the image's own.
struct InterestBox {
  int x = 0, y = 0, w = 0, h = 0;
  float weight = 1.0f;
};

// Azure's accepted aspect ratios (width / height).
inline constexpr double kMinCropAspectRatio = 0.75;
inline constexpr double kMaxCropAspectRatio = 1.8;

// One crop per ratio, in order; ratios outside [0.75, 1.8] are clamped (the
// caller validates them), a non-finite ratio counts as 1. No ratio: one crop
// with a ratio in [0.75, 1.8] chosen for the image. Every crop lies inside
// the image and has h == round(w / aspectRatio) (both >= 1).
// Throws AnalysisError(InvalidArgument) for an empty image.
std::vector<CropRegion> smartCrops(const Image& image, const std::vector<double>& aspectRatios,
                                   std::span<const InterestBox> hints = {});

// The one crop of exactly `aspectRatio` (width / height, any positive
// ratio: no clamping) that keeps the most of the image's interest; for
// thumbnails. Throws AnalysisError(InvalidArgument) for an empty image or a
// ratio that is not a positive finite number.
CropRegion smartCropExact(const Image& image, double aspectRatio);

}  // namespace lv
