#include "features/image_type/image_type.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"
#include "imgproc/gradient.hpp"

namespace lv {
namespace {

constexpr int kAnalysisSide = 384;
constexpr int kFlatLevels = 3;       // max channel difference of a "flat" pixel
constexpr float kEdge = 0.08f;       // luma gradient of an edge pixel
constexpr float kStepEdge = 0.3f;    // luma gradient of a sharp (step) edge pixel
constexpr float kInkBelowPaper = 0.25f;

}  // namespace

ImageTypeStats measureImageType(const Image& image) {
  const Image small = downscaleArea(image, kAnalysisSide);
  const int w = small.width, h = small.height;
  const std::size_t n = small.pixelCount();
  ImageTypeStats st;

  // Colour census: 7 bits per channel (fine enough that smooth shading,
  // gray included, spreads over many bins; coarse enough to absorb the
  // rounding of area averaging and mild compression noise). Sorting the
  // packed codes counts them without a 2M-entry table.
  std::vector<std::uint32_t> codes(n);
  std::array<std::uint32_t, 64> lumaHist{};
  double chromaSum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = small.rgb.data() + i * 3;
    codes[i] = (static_cast<std::uint32_t>(p[0] >> 1) << 14) | (static_cast<std::uint32_t>(p[1] >> 1) << 7) |
               static_cast<std::uint32_t>(p[2] >> 1);
    ++lumaHist[std::min(63, static_cast<int>(luma(p[0], p[1], p[2]) * 64))];
    chromaSum += chroma(p[0], p[1], p[2]);
  }
  st.meanChroma = static_cast<float>(chromaSum / n);
  std::sort(codes.begin(), codes.end());
  std::vector<std::uint32_t> runs;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && codes[j] == codes[i]) ++j;
    runs.push_back(static_cast<std::uint32_t>(j - i));
    i = j;
  }
  std::sort(runs.begin(), runs.end(), std::greater<>());
  {
    const double target = 0.9 * n;
    double acc = 0;
    std::size_t k = 0;
    while (acc < target && k < runs.size()) acc += runs[k++];
    st.colors90 = static_cast<int>(std::min<std::size_t>(k, 1024));
    double top = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(8, runs.size()); ++i) top += runs[i];
    st.top8Share = static_cast<float>(top / n);
  }

  // Flatness: a pixel is flat when its right and lower neighbours match it.
  std::size_t flat = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = small.pixel(x, y);
      const std::uint8_t* r = small.pixel(std::min(w - 1, x + 1), y);
      const std::uint8_t* d = small.pixel(x, std::min(h - 1, y + 1));
      int diff = 0;
      for (int c = 0; c < 3; ++c) diff = std::max({diff, std::abs(p[c] - r[c]), std::abs(p[c] - d[c])});
      flat += diff <= kFlatLevels;
    }
  }
  st.flatShare = static_cast<float>(flat) / n;

  // Edges.
  const Plane gray = toGray(small);
  const Plane grad = sobelMagnitude(gray);
  std::size_t edges = 0, sharp = 0;
  for (float g : grad.data) {
    edges += g > kEdge;
    sharp += g > kStepEdge;
  }
  st.edgeShare = static_cast<float>(edges) / n;
  st.sharpShare = edges ? static_cast<float>(sharp) / edges : 0.0f;

  // Paper and ink: the brightest luma level (within 0.12) holding at least
  // 5% of the pixels is the paper; pixels 0.25 darker are ink.
  int paperBin = -1;
  for (int b = 63; b >= 0; --b)
    if (lumaHist[b] >= 0.05 * n) {
      paperBin = b;
      break;
    }
  if (paperBin >= 0) {
    // Centre on the fullest bin near the brightest significant one.
    int peak = paperBin;
    for (int b = std::max(0, paperBin - 7); b <= paperBin; ++b)
      if (lumaHist[b] > lumaHist[peak]) peak = b;
    st.backgroundLuma = (peak + 0.5f) / 64.0f;
    std::size_t paper = 0;
    for (int b = 0; b < 64; ++b)
      if (std::fabs((b + 0.5f) / 64.0f - st.backgroundLuma) <= 0.12f) paper += lumaHist[b];
    st.backgroundShare = static_cast<float>(paper) / n;
    const float inkLevel = st.backgroundLuma - kInkBelowPaper;
    std::vector<std::uint8_t> ink(n);
    std::size_t inkCount = 0;
    for (std::size_t i = 0; i < n; ++i) inkCount += ink[i] = gray.data[i] < inkLevel;
    std::size_t core = 0;
    for (int y = 1; y + 1 < h; ++y)
      for (int x = 1; x + 1 < w; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        if (!ink[i]) continue;
        bool all = true;
        for (int dy = -1; dy <= 1 && all; ++dy)
          for (int dx = -1; dx <= 1; ++dx)
            if (!ink[i + static_cast<std::ptrdiff_t>(dy) * w + dx]) {
              all = false;
              break;
            }
        core += all;
      }
    st.inkShare = static_cast<float>(inkCount) / n;
    st.inkCoreShare = inkCount ? static_cast<float>(core) / inkCount : 0.0f;
  }
  return st;
}

ImageTypeResult classifyImageType(const ImageTypeStats& s) {
  ImageTypeResult r;
  // Clip art: a few colours cover most of the image and most pixels sit in
  // flat regions (photos: shading and noise spread colours over many bins).
  if (s.top8Share >= 0.9f && s.flatShare >= 0.8f)
    r.clipArtType = 3;
  else if (s.top8Share >= 0.55f && s.flatShare >= 0.65f)
    r.clipArtType = 2;
  else if (s.top8Share >= 0.45f && s.flatShare >= 0.5f)
    r.clipArtType = 1;
  // Line drawing: bright, mostly uniform paper, a little thin dark ink, no colour.
  r.lineDrawingType = s.backgroundLuma >= 0.6f && s.backgroundShare >= 0.6f && s.inkShare >= 0.003f &&
                              s.inkShare <= 0.3f && s.inkCoreShare <= 0.35f && s.meanChroma <= 0.1f
                          ? 1
                          : 0;
  return r;
}

ImageTypeResult analyzeImageType(const Image& image) { return classifyImageType(measureImageType(image)); }

}  // namespace lv
