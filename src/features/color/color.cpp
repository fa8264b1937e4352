#include "features/color/color.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"

namespace lv {
namespace {

enum Name { Black, Blue, Brown, Grey, Green, Orange, Pink, Purple, Red, Teal, White, Yellow, kNames };
constexpr std::array<const char*, kNames> kNameText = {"Black", "Blue",   "Brown", "Grey", "Green", "Orange",
                                                       "Pink",  "Purple", "Red",   "Teal", "White", "Yellow"};

constexpr int kAnalysisSide = 256;      // long side of the working copy
constexpr float kGrayChroma = 0.10f;    // below: a pixel is achromatic
constexpr float kDominantShare = 0.08f; // share of pixels for dominantColors
constexpr int kMaxDominant = 3;
constexpr float kBackgroundDiscount = 0.5f;  // foreground: background colour counts half
constexpr float kBorderBand = 0.125f;        // border = outer 1/8 of each side
constexpr float kCenterMargin = 0.25f;       // centre = inner half of each side

Name classify(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  const Hsv hsv = rgbToHsv(r, g, b);
  const float c = chroma(r, g, b);
  const float v = hsv.v, s = hsv.s;
  if (v < 0.16f) return Black;
  if (c < kGrayChroma || (s < 0.14f)) {
    const float l = luma(r, g, b);
    if (l < 0.2f) return Black;
    if (l > 0.8f) return White;
    return Grey;
  }
  const float h = hsv.h;
  // Very dark colours with little chroma read as black.
  if (v < 0.25f && c < 0.2f) return Black;
  if (h < 15.0f || h >= 345.0f) {
    if (s < 0.5f && v > 0.7f) return Pink;           // light, washed-out red
    if (v < 0.45f && s < 0.75f) return Brown;        // dull dark red
    return Red;
  }
  if (h < 45.0f) {
    if (v < 0.62f || (s < 0.45f && v < 0.8f)) return Brown;  // dark or dull orange
    return Orange;
  }
  if (h < 70.0f) {
    if (v < 0.5f) return h < 55.0f ? Brown : Green;  // olive tones
    if (s < 0.35f && v < 0.8f) return Brown;         // khaki
    return Yellow;
  }
  if (h < 165.0f) return Green;
  if (h < 195.0f) return Teal;
  if (h < 260.0f) return Blue;
  if (h < 295.0f) return Purple;
  // 295..345: magenta to rose
  if (v < 0.6f) return Purple;
  return Pink;
}

std::string hex(float r, float g, float b) {
  char buf[8];
  auto q = [](float v) { return static_cast<int>(std::clamp(std::lround(v), 0L, 255L)); };
  std::snprintf(buf, sizeof buf, "%02X%02X%02X", q(r), q(g), q(b));
  return buf;
}

template <class Histogram>
Name argmax(const Histogram& h) {
  int best = 0;
  for (int i = 1; i < kNames; ++i)
    if (h[i] > h[best]) best = i;
  return static_cast<Name>(best);
}

}  // namespace

const char* colorName(std::uint8_t r, std::uint8_t g, std::uint8_t b) { return kNameText[classify(r, g, b)]; }

ColorResult analyzeColor(const Image& image) {
  const Image small = downscaleArea(image, kAnalysisSide);
  const int w = small.width, h = small.height;
  const int bx = std::max(1, static_cast<int>(std::lround(w * kBorderBand)));
  const int by = std::max(1, static_cast<int>(std::lround(h * kBorderBand)));
  const int cx0 = static_cast<int>(w * kCenterMargin), cx1 = std::max(cx0 + 1, w - cx0);
  const int cy0 = static_cast<int>(h * kCenterMargin), cy1 = std::max(cy0 + 1, h - cy0);

  std::array<double, kNames> all{}, border{}, center{};
  std::array<std::array<double, 4>, kNames> sumRgb{};  // per name: r, g, b, count
  // Accent: hue histogram of chromatic pixels, 24 bins of 15 degrees, each
  // pixel weighted by chroma^2 (vivid pixels count far more than dull ones).
  constexpr int kHueBins = 24;
  std::array<double, kHueBins> hueScore{};
  std::array<std::array<double, 4>, kHueBins> hueRgb{};
  double chromaSum = 0;
  std::size_t chromatic = 0;

  for (int y = 0; y < h; ++y) {
    const bool rowBorder = y < by || y >= h - by;
    const bool rowCenter = y >= cy0 && y < cy1;
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = small.pixel(x, y);
      const Name n = classify(p[0], p[1], p[2]);
      all[n] += 1;
      if (rowBorder || x < bx || x >= w - bx) border[n] += 1;
      if (rowCenter && x >= cx0 && x < cx1) center[n] += 1;
      sumRgb[n][0] += p[0];
      sumRgb[n][1] += p[1];
      sumRgb[n][2] += p[2];
      sumRgb[n][3] += 1;
      const float c = chroma(p[0], p[1], p[2]);
      chromaSum += c;
      if (c >= kGrayChroma) {
        ++chromatic;
        const Hsv hsv = rgbToHsv(p[0], p[1], p[2]);
        const int bin = std::min(kHueBins - 1, static_cast<int>(hsv.h / (360.0f / kHueBins)));
        const double wgt = static_cast<double>(c) * c;
        hueScore[bin] += wgt;
        const double mixW = wgt * wgt;  // the mix leans further towards the vivid pixels
        hueRgb[bin][0] += mixW * p[0];
        hueRgb[bin][1] += mixW * p[1];
        hueRgb[bin][2] += mixW * p[2];
        hueRgb[bin][3] += mixW;
      }
    }
  }
  const double total = static_cast<double>(w) * h;

  ColorResult out;
  const Name bg = argmax(border);
  out.dominantColorBackground = kNameText[bg];
  std::array<double, kNames> fg = center;
  fg[bg] *= kBackgroundDiscount;
  out.dominantColorForeground = kNameText[argmax(fg)];

  std::array<int, kNames> order{};
  for (int i = 0; i < kNames; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return all[a] > all[b]; });
  for (int i = 0; i < kNames && static_cast<int>(out.dominantColors.size()) < kMaxDominant; ++i)
    if (i == 0 || all[order[i]] >= kDominantShare * total) out.dominantColors.push_back(kNameText[order[i]]);

  // Black and white: (almost) no chromatic pixels and a tiny mean chroma.
  out.isBWImg = chromatic <= 0.02 * total && chromaSum / total < 0.04;

  // Accent colour: the hue bin (with half of its two neighbours) holding the
  // most chroma^2; its colour is the chroma^4-weighted mean of the pixels of
  // the bin and its neighbours; a gray image gets the mean colour
  // of its dominant name.
  int bestBin = -1;
  double bestScore = 0;
  for (int i = 0; i < kHueBins; ++i) {
    const double s = hueScore[i] + 0.5 * (hueScore[(i + 1) % kHueBins] + hueScore[(i + kHueBins - 1) % kHueBins]);
    if (s > bestScore) bestScore = s, bestBin = i;
  }
  if (!out.isBWImg && bestBin >= 0 && hueScore[bestBin] > 0) {
    double r = 0, g = 0, b = 0, n = 0;
    for (int d = -1; d <= 1; ++d) {
      const auto& acc = hueRgb[(bestBin + d + kHueBins) % kHueBins];
      r += acc[0], g += acc[1], b += acc[2], n += acc[3];
    }
    out.accentColor = hex(static_cast<float>(r / n), static_cast<float>(g / n), static_cast<float>(b / n));
  } else {
    const auto& acc = sumRgb[order[0]];
    out.accentColor = hex(static_cast<float>(acc[0] / acc[3]), static_cast<float>(acc[1] / acc[3]),
                          static_cast<float>(acc[2] / acc[3]));
  }
  return out;
}

}  // namespace lv
