#include "imgproc/model_input.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "imgproc/downscale.hpp"
#include "imgproc/float4.hpp"
#include "imgproc/row_ring.hpp"

namespace lv {
namespace {

// A rectangle in (fractional) source pixels.
struct Area {
  double x, y, w, h;
};

Area areaOf(const Rect& r) {
  return {static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.w), static_cast<double>(r.h)};
}

// Bilinear from `area` of `src` (read in place), pixel centres aligned
// (half-pixel), edges clamped to the pixels the area touches.
Image bilinear(const Image& src, const Area& area, int outWidth, int outHeight) {
  Image out(outWidth, outHeight);
  const double sx = area.w / outWidth, sy = area.h / outHeight;
  // Pixel for pixel (the objects letterbox of a photo larger than the small
  // copy is the copy itself): every weight would be 0, so copy the rows. The
  // area is scaled in doubles (511.99999999999994 for 512): within 1e-9 the
  // general path gives the same bytes.
  const auto whole = [](double v) { return std::abs(v - std::round(v)) < 1e-9; };
  const int left0 = static_cast<int>(std::round(area.x)), top0 = static_cast<int>(std::round(area.y));
  if (std::abs(sx - 1) < 1e-9 && std::abs(sy - 1) < 1e-9 && whole(area.x) && whole(area.y) && left0 >= 0 && top0 >= 0 &&
      left0 + outWidth <= src.width && top0 + outHeight <= src.height) {
    for (int y = 0; y < outHeight; ++y)
      std::copy_n(src.pixel(left0, top0 + y), static_cast<std::size_t>(outWidth) * 3, out.pixel(0, y));
    return out;
  }
  const double left = std::max(0.0, std::floor(area.x)), right = std::min(src.width - 1.0, std::ceil(area.x + area.w) - 1);
  const double top = std::max(0.0, std::floor(area.y)), bottom = std::min(src.height - 1.0, std::ceil(area.y + area.h) - 1);
  std::vector<int> x0(outWidth), x1(outWidth);
  std::vector<float> fx(outWidth);
  for (int x = 0; x < outWidth; ++x) {
    const double u = std::clamp(area.x + (x + 0.5) * sx - 0.5, left, right);
    x0[x] = static_cast<int>(u);
    x1[x] = std::min(x0[x] + 1, static_cast<int>(right));
    fx[x] = static_cast<float>(u - x0[x]);
  }
  // Horizontal pass of source row y: each output column's blend of its two
  // pixels, the three channels in one vector (lane 3 unused).
  const std::size_t outFloats = static_cast<std::size_t>(outWidth) * 3;
  const std::uint8_t* srcEnd = src.rgb.data() + src.rgb.size();
  const auto blendRow = [&](int y, float* blended) {
    const std::uint8_t* row = src.pixel(0, y);
    const auto blend = [&](auto load) {
      for (int x = 0; x < outWidth; ++x) {
        const Float4 a = load(row + static_cast<std::size_t>(x0[x]) * 3), b = load(row + static_cast<std::size_t>(x1[x]) * 3);
        storeFloat4(blended + x * 3, a + (b - a) * fx[x]);  // lane 3 is overwritten by the next pixel
      }
    };
    forEachPixelLoad(y + 1 == src.height, srcEnd, blend);
  };
  // Output rows in two halves, each keeping its last two blended source rows
  // (an output row reads rows y0 and y0 + 1): the bytes do not depend on the split.
  forRowHalves(outHeight, kRowsWorthSplitting, [&](int begin, int end) {
    RowRing rows(2, outFloats);
    for (int y = begin; y < end; ++y) {
      const double v = std::clamp(area.y + (y + 0.5) * sy - 0.5, top, bottom);
      const int y0 = static_cast<int>(v), y1 = std::min(y0 + 1, static_cast<int>(bottom));
      const float fy = static_cast<float>(v - y0);
      const float* upper = rows.row(y0, blendRow);
      const float* lower = rows.row(y1, blendRow);
      std::uint8_t* dst = out.pixel(0, y);
      // 0.5 .. 255.5 before truncation: rounded to the nearest byte.
      std::size_t n = 0;
      for (; n + 4 <= outFloats; n += 4) {
        const Float4 a = loadFloat4(upper + n), b = loadFloat4(lower + n);
        storeBytes4(dst + n, __builtin_convertvector(a + (b - a) * fy + 0.5f, Int4));
      }
      for (; n < outFloats; ++n) dst[n] = static_cast<std::uint8_t>(upper[n] + (lower[n] - upper[n]) * fy + 0.5f);
    }
  });
  return out;
}

void checkRegion(const Image& image, const Rect& r) {
  if (r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 || r.x + r.w > image.width || r.y + r.h > image.height)
    throw AnalysisError(ErrorCode::InternalError, "A model input region lies outside the image.");
}

// Shrinking by more than 2x: average areas first (down to 2x the output)
// so bilinear sees no aliasing. At exactly 2x that average would be a copy.
Image resampleInPlace(const Image& image, const Rect& region, int outWidth, int outHeight) {
  const int areaSide = 2 * std::max(outWidth, outHeight);
  if (std::max(region.w, region.h) > areaSide) {
    const Image shrunk = downscaleArea(image, region, areaSide);
    return bilinear(shrunk, areaOf({0, 0, shrunk.width, shrunk.height}), outWidth, outHeight);
  }
  return bilinear(image, areaOf(region), outWidth, outHeight);
}

}  // namespace

const Image& SmallCopy::of(const Image& image) const {
  if (copy_.width == 0) copy_ = downscaleArea(image, kSmallCopySide);
  return copy_;
}

Image resampleRegion(const PixelSource& source, const Rect& region, int outWidth, int outHeight) {
  const Image& image = source.image;
  checkRegion(image, region);
  int copyWidth = 0, copyHeight = 0;
  analysisSize(image.width, image.height, kSmallCopySide, copyWidth, copyHeight);
  const double sx = static_cast<double>(copyWidth) / image.width, sy = static_cast<double>(copyHeight) / image.height;
  const Area area{region.x * sx, region.y * sy, region.w * sx, region.h * sy};
  // From the copy when it holds what the output keeps (the output is no larger than the region's share of it)
  // and bilinear alone makes the output from it: a second area pass would blur what one pass keeps.
  const auto fits = [](double copied, int out) { return out <= copied * (1 + 1e-9) && copied <= 2.0 * out; };
  if (source.smallCopy && copyWidth < image.width && fits(area.w, outWidth) && fits(area.h, outHeight))
    return bilinear(source.smallCopy->of(image), area, outWidth, outHeight);
  return resampleInPlace(image, region, outWidth, outHeight);
}

InputSize letterboxInputSize(const ModelInputSpec& spec, const Rect& region) {
  const int step = spec.letterboxStep;
  const InputSize card{spec.height, spec.width};
  // An empty region keeps the card's size: resampleRegion then reports it.
  if (spec.resize != ResizeMode::Letterbox || step <= 0 || region.w <= 0 || region.h <= 0) return card;
  const double fit = std::min(static_cast<double>(spec.width) / region.w, static_cast<double>(spec.height) / region.h);
  // Rounded up, so that the input never narrows the fit.
  const auto side = [&](int extent, int cardSide) {
    const int pixels = static_cast<int>(std::ceil(extent * fit - 1e-9));
    return std::min(cardSide, std::max(1, (pixels + step - 1) / step) * step);
  };
  return {side(region.h, spec.height), side(region.w, spec.width)};
}

ModelInput prepareModelInput(const PixelSource& source, const ModelInputSpec& spec, std::optional<Rect> region,
                             int height, int width) {
  const Image& image = source.image;
  const Rect r = region.value_or(Rect{0, 0, image.width, image.height});
  const InputSize size = height > 0 || width > 0 ? InputSize{height > 0 ? height : spec.height, width > 0 ? width : spec.width}
                                                 : letterboxInputSize(spec, r);
  const int H = size.height, W = size.width;
  int contentW = W, contentH = H;
  if (spec.resize == ResizeMode::Letterbox) {
    const double fit = std::min(static_cast<double>(W) / r.w, static_cast<double>(H) / r.h);
    contentW = std::clamp(static_cast<int>(std::lround(r.w * fit)), 1, W);
    contentH = std::clamp(static_cast<int>(std::lround(r.h * fit)), 1, H);
  }
  const Image resized = resampleRegion(source, r, contentW, contentH);

  ModelInput input;
  input.size = size;
  input.transform = {static_cast<double>(r.w) / contentW, static_cast<double>(r.h) / contentH, static_cast<double>(r.x),
                     static_cast<double>(r.y)};
  const bool nchw = spec.layout == TensorLayout::NCHW;
  input.tensor = Tensor(nchw ? std::vector<std::int64_t>{1, 3, H, W} : std::vector<std::int64_t>{1, H, W, 3});
  float* out = input.tensor.data.data();
  const std::size_t plane = static_cast<std::size_t>(H) * W;
  // Per output channel: which source channel, and x' = x * gain + bias.
  int channel[3];
  float gain[3], bias[3];
  for (int c = 0; c < 3; ++c) {
    channel[c] = spec.colorOrder == ColorOrder::BGR ? 2 - c : c;
    gain[c] = spec.scale / spec.std[c];
    bias[c] = -spec.mean[c] / spec.std[c];
  }
  // Per row and channel: the content's pixels, then the letterbox padding,
  // a black pixel's value 0 * gain + bias (+0, not bias's -0, where the mean
  // is 0); NCHW writes one plane, NHWC every third float.
  const std::size_t step = nchw ? 1 : 3;
  forRowHalves(H, kRowsWorthSplitting, [&](int begin, int end) {
    for (int y = begin; y < end; ++y) {
      const std::uint8_t* px = y < contentH ? resized.pixel(0, y) : nullptr;
      const int content = px ? contentW : 0;
      for (int c = 0; c < 3; ++c) {
        float* dst = out + (nchw ? c * plane + static_cast<std::size_t>(y) * W : static_cast<std::size_t>(y) * W * 3 + c);
        const std::uint8_t* from = px ? px + channel[c] : nullptr;
        const float g = gain[c], b = bias[c], black = 0.0f * g + b;
        int x = 0;
        for (; x < content; ++x) dst[x * step] = from[x * 3] * g + b;
        for (; x < W; ++x) dst[x * step] = black;
      }
    }
  });
  return input;
}

}  // namespace lv
