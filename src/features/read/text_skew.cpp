#include "features/read/text_skew.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"
#include "imgproc/integral.hpp"

namespace lv {
namespace {

// The skew is measured on a copy this size (lines stay a few pixels apart).
constexpr int kSkewWorkSide = 480;
// Ink: at least this far (luma, 0..1) from the mean of its neighbourhood.
constexpr float kInkContrast = 0.06f;
// Profile bin width in work pixels.
constexpr double kSkewBin = 2;

}  // namespace

InkMap inkPoints(const Image& image, int workSide) {
  const Plane gray = toGray(downscaleArea(image, workSide));
  const IntegralImage sums(gray);
  const int radius = std::max(4, std::min(gray.width, gray.height) / 16);
  InkMap map;
  map.scale = static_cast<double>(gray.width) / image.width;
  std::vector<InkPoint>& ink = map.points;
  for (int y = 0; y < gray.height; ++y)
    for (int x = 0; x < gray.width; ++x) {
      const int x0 = x - radius, y0 = y - radius, x1 = x + radius + 1, y1 = y + radius + 1;
      const int area = (std::min(x1, gray.width) - std::max(x0, 0)) * (std::min(y1, gray.height) - std::max(y0, 0));
      const double mean = sums.sum(x0, y0, x1, y1) / area;
      const float off = std::abs(gray.at(x, y) - static_cast<float>(mean)) - kInkContrast;
      if (off > 0) ink.push_back({static_cast<float>(x), static_cast<float>(y), off});
    }
  return map;
}

namespace {

// How sharp the ink's profile is across lines at `degrees`: the squared
// steps between neighbouring bins (lines give steep edges, ink spread
// evenly gives none, whatever its extent). Each point is shared linearly
// between its two nearest bins: rounding would alias the pixel grid at
// oblique angles into steps of its own.
double profileSharpness(const std::vector<InkPoint>& ink, double degrees) {
  const double rad = degrees * std::numbers::pi / 180, c = std::cos(rad), s = std::sin(rad);
  double lo = 0, hi = 0;
  std::vector<double> across(ink.size());
  for (std::size_t i = 0; i < ink.size(); ++i) {
    across[i] = (ink[i].y * c - ink[i].x * s) / kSkewBin;
    lo = i ? std::min(lo, across[i]) : across[i];
    hi = i ? std::max(hi, across[i]) : across[i];
  }
  std::vector<double> bins(static_cast<std::size_t>(hi - lo) + 3, 0.0);
  for (std::size_t i = 0; i < ink.size(); ++i) {
    const double at = across[i] - lo;
    const auto bin = static_cast<std::size_t>(at);
    const double frac = at - static_cast<double>(bin);
    bins[bin] += ink[i].weight * (1 - frac);
    bins[bin + 1] += ink[i].weight * frac;
  }
  double sharpness = 0;
  for (std::size_t i = 1; i < bins.size(); ++i) sharpness += (bins[i] - bins[i - 1]) * (bins[i] - bins[i - 1]);
  return sharpness;
}

}  // namespace

std::vector<double> skewCandidates(const Image& image) {
  const std::vector<InkPoint> ink = inkPoints(image, kSkewWorkSide).points;
  if (ink.size() < 64) return {};
  // Sharpness every degree over half a turn, -89 .. 90 (a line at -90 is
  // one at 90): the curve wraps around.
  std::vector<double> curve;
  for (int degrees = -89; degrees <= 90; ++degrees) curve.push_back(profileSharpness(ink, degrees));
  const std::size_t n = curve.size(), level = 89;  // curve[level] is 0 degrees
  std::vector<std::pair<double, double>> peaks;  // sharpness, degrees
  for (std::size_t i = 0; i < n; ++i) {
    const double degrees = static_cast<double>(i) - 89;
    const bool peak = curve[i] >= curve[(i + n - 1) % n] && curve[i] > curve[(i + 1) % n];
    const double gain = std::abs(degrees) > 45 ? kSteepSkewProfileGain : kSkewProfileGain;
    if (peak && std::abs(degrees) >= kMinSkewDegrees && curve[i] >= gain * curve[level])
      peaks.emplace_back(curve[i], degrees);
  }
  std::sort(peaks.rbegin(), peaks.rend());
  if (peaks.size() > kMaxSkewCandidates) peaks.resize(kMaxSkewCandidates);
  std::vector<double> out;
  for (const auto& [sharpness, degrees] : peaks) {
    double best = degrees, bestSharpness = sharpness;
    for (double d = degrees - 0.75; d <= degrees + 0.75; d += 0.25) {
      const double s = profileSharpness(ink, d);
      if (s > bestSharpness) best = d, bestSharpness = s;
    }
    out.push_back(best);
  }
  return out;
}

StraightenedImage straighten(const Image& image, double degrees, int maxSide) {
  const Image source = downscaleArea(image, maxSide);
  const double rad = degrees * std::numbers::pi / 180, c = std::cos(rad), s = std::sin(rad);
  const double w = source.width, h = source.height;
  const double canvasW = w * std::abs(c) + h * std::abs(s), canvasH = w * std::abs(s) + h * std::abs(c);
  const double shrink = std::min(1.0, maxSide / std::max(canvasW, canvasH));
  const int outW = std::max(1, static_cast<int>(std::ceil(canvasW * shrink)));
  const int outH = std::max(1, static_cast<int>(std::ceil(canvasH * shrink)));
  // Canvas (u, v) -> source: about the centres, along the lines' direction (c, s).
  Affine toSource;
  toSource.a = c / shrink, toSource.b = -s / shrink, toSource.d = s / shrink, toSource.e = c / shrink;
  toSource.c = w / 2 - (canvasW / 2) * c + (canvasH / 2) * s;
  toSource.f = h / 2 - (canvasW / 2) * s - (canvasH / 2) * c;

  double sum[3] = {0, 0, 0};
  for (int y = 0; y < source.height; ++y)
    for (int x = 0; x < source.width; ++x)
      for (int k = 0; k < 3; ++k) sum[k] += source.pixel(x, y)[k];
  std::uint8_t mean[3];
  for (int k = 0; k < 3; ++k) mean[k] = static_cast<std::uint8_t>(std::lround(sum[k] / (w * h)));

  StraightenedImage out{warpAffine(source, toSource, outW, outH, mean), {}};
  // Source -> image pixels: the shrink downscaleArea made.
  const double sx = static_cast<double>(image.width) / source.width, sy = static_cast<double>(image.height) / source.height;
  out.toImage = {toSource.a * sx, toSource.b * sx, toSource.c * sx, toSource.d * sy, toSource.e * sy, toSource.f * sy};
  return out;
}

}  // namespace lv
