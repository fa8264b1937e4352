#include "imgproc/downscale.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "imgproc/float4.hpp"
#include "imgproc/row_ring.hpp"

namespace lv {
namespace {

// out[n] = sums[n] rounded and clamped to 0..255, four at a time.
void roundToBytes(const float* sums, std::size_t count, std::uint8_t* out) {
  std::size_t n = 0;
  for (; n + 4 <= count; n += 4) {
    Float4 v = loadFloat4(sums + n) + 0.5f;
    v = v < 0.0f ? Float4{} : v;
    v = v > 255.0f ? Float4{255, 255, 255, 255} : v;
    storeBytes4(out + n, __builtin_convertvector(v, Int4));
  }
  for (; n < count; ++n) out[n] = static_cast<std::uint8_t>(std::clamp(sums[n] + 0.5f, 0.0f, 255.0f));
}

// Weights of a 1-D area resampling from `in` samples to `out` samples:
// output i covers input interval [i*s, (i+1)*s) with s = in/out.
struct Taps {
  std::vector<int> first;      // first input index of each output
  std::vector<int> count;      // number of inputs
  std::vector<float> weights;  // count[i] weights per output, concatenated
  std::vector<int> offset;     // start of output i's weights
};

Taps areaTaps(int in, int out) {
  Taps t;
  t.first.resize(out);
  t.count.resize(out);
  t.offset.resize(out);
  const double scale = static_cast<double>(in) / out;
  for (int i = 0; i < out; ++i) {
    const double a = i * scale, b = std::min<double>(in, (i + 1) * scale);
    const int lo = static_cast<int>(std::floor(a));
    const int hi = std::min(in, static_cast<int>(std::ceil(b)));
    t.first[i] = lo;
    t.count[i] = hi - lo;
    t.offset[i] = static_cast<int>(t.weights.size());
    for (int k = lo; k < hi; ++k) {
      const double w = std::min<double>(k + 1, b) - std::max<double>(k, a);
      t.weights.push_back(static_cast<float>(w / scale));
    }
  }
  return t;
}

}  // namespace

void analysisSize(int width, int height, int maxSide, int& outWidth, int& outHeight) {
  const int longSide = std::max(width, height);
  if (longSide <= maxSide) {
    outWidth = width;
    outHeight = height;
    return;
  }
  const double s = static_cast<double>(maxSide) / longSide;
  outWidth = std::max(1, static_cast<int>(std::lround(width * s)));
  outHeight = std::max(1, static_cast<int>(std::lround(height * s)));
}

Image downscaleArea(const Image& image, int maxSide) { return downscaleArea(image, {0, 0, image.width, image.height}, maxSide); }

Image downscaleArea(const Image& image, const Rect& region, int maxSide) {
  if (image.width <= 0 || image.height <= 0 || image.rgb.size() < image.pixelCount() * 3)
    throw AnalysisError(ErrorCode::InvalidArgument, "downscaleArea: the image is empty.");
  if (maxSide < 1) throw AnalysisError(ErrorCode::InvalidArgument, "downscaleArea: maxSide must be at least 1.");
  if (region.w <= 0 || region.h <= 0 || region.x < 0 || region.y < 0 || region.x + region.w > image.width ||
      region.y + region.h > image.height)
    throw AnalysisError(ErrorCode::InvalidArgument, "downscaleArea: the region is empty or leaves the image.");
  int ow = 0, oh = 0;
  analysisSize(region.w, region.h, maxSide, ow, oh);
  if (ow == region.w && oh == region.h) {
    Image copy(ow, oh);
    for (int y = 0; y < oh; ++y)
      std::copy_n(image.pixel(region.x, region.y + y), static_cast<std::size_t>(ow) * 3, copy.pixel(0, y));
    return copy;
  }
  const Taps tx = areaTaps(region.w, ow);
  const Taps ty = areaTaps(region.h, oh);

  // Horizontal pass of input row y: ow float RGB sums, a pixel's three in
  // one vector (lane 3 unused).
  const std::size_t outFloats = static_cast<std::size_t>(ow) * 3;
  const std::uint8_t* imageEnd = image.rgb.data() + image.rgb.size();
  const auto sumRow = [&](int y, float* sums) {
    const std::uint8_t* src = image.pixel(region.x, region.y + y);
    const auto sum = [&](auto load) {
      for (int i = 0; i < ow; ++i) {
        Float4 rgb{};
        const float* w = tx.weights.data() + tx.offset[i];
        const std::uint8_t* p = src + static_cast<std::size_t>(tx.first[i]) * 3;
        for (int k = 0; k < tx.count[i]; ++k, p += 3) rgb += w[k] * load(p);
        storeFloat4(sums + i * 3, rgb);  // lane 3 is overwritten by the next pixel
      }
    };
    forEachPixelLoad(region.y + y + 1 == image.height, imageEnd, sum);
  };
  // Output rows in two halves (forRowHalves), each keeping the horizontal
  // sums of the input rows it reads last: the bytes do not depend on the split.
  const int slots = *std::max_element(ty.count.begin(), ty.count.end());
  Image out(ow, oh);
  forRowHalves(oh, kRowsWorthSplitting, [&](int begin, int end) {
    RowRing rows(slots, outFloats);
    SecureVector<float> acc(outFloats);
    // Vertical pass: weighted sums of whole rows of sums, four floats at a time.
    for (int j = begin; j < end; ++j) {
      std::fill(acc.begin(), acc.end(), 0.0f);
      const float* w = ty.weights.data() + ty.offset[j];
      for (int k = 0; k < ty.count[j]; ++k) {
        const float* src = rows.row(ty.first[j] + k, sumRow);
        const float wk = w[k];
        std::size_t n = 0;
        for (; n + 4 <= outFloats; n += 4) storeFloat4(&acc[n], loadFloat4(&acc[n]) + wk * loadFloat4(src + n));
        for (; n < outFloats; ++n) acc[n] += wk * src[n];
      }
      roundToBytes(acc.data(), outFloats, out.pixel(0, j));
    }
  });
  return out;
}

}  // namespace lv
