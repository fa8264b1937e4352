#pragma once
// Image (or a region of it) -> a model's input tensor, as its card says:
// resized (stretched or letterboxed), channels reordered, normalised, laid
// out NHWC or NCHW. Also returns how to map model pixels back to the image.
#include <optional>

#include "core/image.hpp"
#include "core/model_spec.hpp"
#include "core/tensor.hpp"

namespace lv {

// image = model * scale + offset, per axis.
struct InputTransform {
  double scaleX = 1, scaleY = 1, offsetX = 0, offsetY = 0;
  double toImageX(double modelX) const { return modelX * scaleX + offsetX; }
  double toImageY(double modelY) const { return modelY * scaleY + offsetY; }
};

struct ModelInput {
  Tensor tensor;  // [1, H, W, 3] or [1, 3, H, W]
  InputTransform transform;
};

// `region` defaults to the whole image; `height`/`width` override the
// card's size (for models with dynamic inputs). Letterbox keeps the aspect
// ratio with the image at the top-left and black padding right/bottom.
ModelInput prepareModelInput(const Image& image, const ModelInputSpec& spec, std::optional<Rect> region = {},
                             int height = 0, int width = 0);

// The region resampled to exactly outWidth x outHeight: area averaging down
// to twice the output size where it shrinks by more than that (no
// aliasing), then bilinear. The region is read in place.
Image resampleRegion(const Image& image, const Rect& region, int outWidth, int outHeight);

}  // namespace lv
