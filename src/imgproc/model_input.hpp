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

// The longer side of a job's small copy: the largest whole-image input of
// the default models (objects, 512 px), so that the detectors' inputs of a
// photo (objects; faces at 256 and 448 px) can all be made from it.
constexpr int kSmallCopySide = 512;

// An area-averaged copy of an image (longer side kSmallCopySide), made on
// first use and kept for one job, so that a job reads its full-size image
// once for all of its small model inputs rather than once per input.
class SmallCopy {
 public:
  // The copy of `image`; made on the first call, so one SmallCopy must only
  // ever be asked for one image. Not thread-safe.
  const Image& of(const Image& image) const;

 private:
  mutable Image copy_;
};

// The pixels model inputs are made from: an image and, optionally, the
// SmallCopy to read instead where it holds all the detail an input keeps.
struct PixelSource {
  PixelSource(const Image& image, const SmallCopy* smallCopy = nullptr) : image(image), smallCopy(smallCopy) {}
  const Image& image;
  const SmallCopy* smallCopy;
};

struct InputSize {
  int height = 0, width = 0;
  bool operator==(const InputSize&) const = default;
};

struct ModelInput {
  Tensor tensor;  // [1, H, W, 3] or [1, 3, H, W]
  InputSize size;  // H, W
  InputTransform transform;
};

// The input size (pixels) for `region` (image pixels): the card's, or for a
// letterbox with a letterboxStep the letterboxed region's size with each side
// rounded up to that step (at most the card's). In a 512 px letterbox with
// step 32 a 4:3 photo gets 384 x 512 (height x width), a 3:4 one 512 x 384.
// An empty region gets the card's size.
InputSize letterboxInputSize(const ModelInputSpec& spec, const Rect& region);

// `region` (image pixels) defaults to the whole image; `height`/`width`
// override the card's size (for models with dynamic inputs); without them the
// size is letterboxInputSize's. Letterbox keeps the aspect ratio with the
// image at the top-left and black padding right/bottom.
ModelInput prepareModelInput(const PixelSource& source, const ModelInputSpec& spec, std::optional<Rect> region = {},
                             int height = 0, int width = 0);

// The region (image pixels) resampled to exactly outWidth x outHeight: area
// averaging down to twice the output size where it shrinks by more than that
// (no aliasing), then bilinear. Read from the source's small copy when the
// output shrinks the region at least as much as the copy does (the copy then
// loses nothing the output keeps), else from the image, in place.
Image resampleRegion(const PixelSource& source, const Rect& region, int outWidth, int outHeight);

}  // namespace lv
