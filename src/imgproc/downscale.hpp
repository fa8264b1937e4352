#pragma once
// Shrinks an image to an analysis size by exact area averaging (each output
// pixel is the mean of the input area it covers, fractional edges weighted).
#include "core/image.hpp"

namespace lv {

// A copy whose longer side is at most maxSide (aspect ratio kept, each side
// at least 1). An image already small enough is copied unchanged.
// Throws AnalysisError(InvalidArgument) for an empty image or maxSide < 1.
Image downscaleArea(const Image& image, int maxSide);

// The same for `region` of the image (read in place, not copied first).
// Throws AnalysisError(InvalidArgument) also when the region is empty or
// leaves the image.
Image downscaleArea(const Image& image, const Rect& region, int maxSide);

// The output size downscaleArea would produce.
void analysisSize(int width, int height, int maxSide, int& outWidth, int& outHeight);

}  // namespace lv
