#include "features/smart_crops/smart_crops.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"
#include "imgproc/gradient.hpp"
#include "imgproc/integral.hpp"

namespace lv {
namespace {

constexpr int kMapSide = 128;           // long side of the interest map
constexpr float kEdgeGain = 4.0f;       // Sobel/4 of 0.25 saturates the edge term
constexpr float kEdgeWeight = 1.0f;
constexpr float kVividWeight = 0.4f;    // chroma above 0.1
constexpr float kSkinWeight = 0.6f;
// Size prior: the largest window of a ratio is preferred; it shrinks (at
// most to 80% of its sides) only to drop margins whose interest density is
// below a tenth of the image's mean.
constexpr double kAreaCost = 0.1;
constexpr double kScales[] = {1.0, 0.95, 0.9, 0.85, 0.8};
constexpr int kPositionSteps = 48;      // candidate offsets per axis at most
constexpr double kAutoRatios[] = {0.75, 1.0, 1.33, 1.5, 1.78, 1.8};  // 3:4 .. 16:9, 2 decimals

Plane interestMap(const Image& small, std::span<const InterestBox> hints, double sx, double sy) {
  const Plane grad = sobelMagnitude(toGray(small));
  Plane map(small.width, small.height);
  const std::size_t n = small.pixelCount();
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = small.rgb.data() + i * 3;
    const float edge = std::min(1.0f, grad.data[i] * kEdgeGain);
    const float vivid = std::max(0.0f, chroma(p[0], p[1], p[2]) - 0.1f);
    const float v = kEdgeWeight * edge + kVividWeight * vivid + kSkinWeight * skinLikelihood(p[0], p[1], p[2]);
    map.data[i] = v;
    total += v;
  }
  if (total <= 0) total = 1.0;  // a flat image: hints alone decide
  for (const InterestBox& b : hints) {
    if (!(b.weight > 0) || b.w <= 0 || b.h <= 0) continue;
    const int x0 = std::clamp(static_cast<int>(std::floor(b.x / sx)), 0, map.width);
    const int y0 = std::clamp(static_cast<int>(std::floor(b.y / sy)), 0, map.height);
    const int x1 = std::clamp(static_cast<int>(std::ceil((b.x + b.w) / sx)), 0, map.width);
    const int y1 = std::clamp(static_cast<int>(std::ceil((b.y + b.h) / sy)), 0, map.height);
    if (x1 <= x0 || y1 <= y0) continue;
    const float add = static_cast<float>(0.5 * std::min(b.weight, 100.0f) * total / ((x1 - x0) * (y1 - y0)));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) map.at(x, y) += add;
  }
  return map;
}

struct Candidate {
  CropRegion crop;
  double score = -1e300;
};

double sanitize(double r) {
  if (!std::isfinite(r)) return 1.0;
  return std::clamp(r, kMinCropAspectRatio, kMaxCropAspectRatio);
}

// The best window of ratio r over the interest map (integral `ii`, map
// pixel = sx x sy image pixels).
Candidate bestWindow(int W, int H, double r, const IntegralImage& ii, double sx, double sy) {
  const double total = ii.total();
  const bool featureless = !(total > 1e-9);  // nothing to aim at: largest, centred
  const double imageArea = static_cast<double>(W) * H;
  const int maxW = std::max(1, std::min(W, static_cast<int>(std::floor(H * r + 1e-9))));
  Candidate best;
  for (double scale : kScales) {
    const int w = std::max(1, static_cast<int>(std::lround(maxW * scale)));
    const int h = std::clamp(static_cast<int>(std::lround(w / r)), 1, H);
    auto offsets = [](int room) {
      std::vector<int> v;
      const int steps = std::min(room, kPositionSteps);
      for (int k = 0; k <= steps; ++k) v.push_back(steps ? static_cast<int>(std::lround(static_cast<double>(room) * k / steps)) : 0);
      return v;
    };
    const std::vector<int> xs = offsets(W - w), ys = offsets(H - h);
    const double areaTerm = kAreaCost * (static_cast<double>(w) * h) / imageArea;
    for (int y : ys) {
      const int my0 = static_cast<int>(std::lround(y / sy)), my1 = static_cast<int>(std::lround((y + h) / sy));
      for (int x : xs) {
        const int mx0 = static_cast<int>(std::lround(x / sx)), mx1 = static_cast<int>(std::lround((x + w) / sx));
        const double captured = featureless ? (static_cast<double>(w) * h) / imageArea : ii.sum(mx0, my0, mx1, my1) / total;
        double score = captured - areaTerm;
        // Ties (flat images): prefer the window nearer the centre.
        const double dx = (x + w / 2.0) / W - 0.5, dy = (y + h / 2.0) / H - 0.5;
        score -= 1e-6 * (dx * dx + dy * dy);
        if (score > best.score + 1e-12) best = {{r, x, y, w, h}, score};
      }
    }
  }
  return best;
}

// The image's interest map as a summed-area table, with its scale.
struct InterestField {
  int W, H;
  double sx, sy;
  IntegralImage ii;
};

InterestField interestField(const Image& image, std::span<const InterestBox> hints) {
  const Image small = downscaleArea(image, kMapSide);  // throws for an empty image
  const double sx = static_cast<double>(image.width) / small.width, sy = static_cast<double>(image.height) / small.height;
  return {image.width, image.height, sx, sy, IntegralImage(interestMap(small, hints, sx, sy))};
}

}  // namespace

std::vector<CropRegion> smartCrops(const Image& image, const std::vector<double>& aspectRatios,
                                   std::span<const InterestBox> hints) {
  const InterestField f = interestField(image, hints);
  std::vector<CropRegion> out;
  if (aspectRatios.empty()) {
    std::vector<double> ratios(std::begin(kAutoRatios), std::end(kAutoRatios));
    ratios.push_back(std::round(sanitize(static_cast<double>(f.W) / f.H) * 100) / 100);
    Candidate best;
    for (double r : ratios) {
      Candidate c = bestWindow(f.W, f.H, r, f.ii, f.sx, f.sy);
      if (c.score > best.score + 1e-9) best = c;
    }
    out.push_back(best.crop);
    return out;
  }
  out.reserve(aspectRatios.size());
  for (double requested : aspectRatios) {
    out.push_back(bestWindow(f.W, f.H, sanitize(requested), f.ii, f.sx, f.sy).crop);
  }
  return out;
}

CropRegion smartCropExact(const Image& image, double aspectRatio) {
  if (!(aspectRatio > 0) || !std::isfinite(aspectRatio))
    throw AnalysisError(ErrorCode::InvalidArgument, "A crop's aspect ratio must be a positive number.");
  const InterestField f = interestField(image, {});
  return bestWindow(f.W, f.H, aspectRatio, f.ii, f.sx, f.sy).crop;
}

}  // namespace lv
