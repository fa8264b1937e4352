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

constexpr int kAnalysisSide = 512;  // thin strokes must survive the downscale
constexpr int kFlatLevels = 3;       // max channel difference of a "flat" pixel
constexpr float kEdge = 0.08f;       // luma gradient of an edge pixel
constexpr float kStepEdge = 0.3f;    // luma gradient of a sharp (step) edge pixel
constexpr float kInkBelowPaper = 0.2f;
constexpr float kGreyChroma = 0.02f;  // mean chroma of a black and white image
// Of the pixels off the background, the share the next 8 colours cover:
// clip art 0.70 (logo.png) .. 0.97 (horse.png); an airliner photographed on
// white 0.14, the dev set's other photos 0.22 .. 0.57.
constexpr float kFlatSubjectTop8 = 0.4f;

}  // namespace

ImageTypeStats measureImageType(const Image& image) {
  const Image small = downscaleArea(image, kAnalysisSide);
  const int w = small.width, h = small.height;
  const std::size_t n = small.pixelCount();
  ImageTypeStats st;

  // Colour census at 5 bits a channel: coarse enough that JPEG noise and
  // the rounding of area averaging do not split a flat colour. A grey image
  // has only 32 such colours, so any grey photo would look like a few flat
  // tones (fog, a pier): grey images are counted by luma at 8 bits instead.
  std::vector<std::uint32_t> bins(1u << 15, 0), greyBins(256, 0);
  std::array<std::uint32_t, 64> lumaHist{};
  double chromaSum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = small.rgb.data() + i * 3;
    ++bins[((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3)];
    const float y = luma(p[0], p[1], p[2]);
    ++greyBins[std::min(255, static_cast<int>(y * 256))];
    ++lumaHist[std::min(63, static_cast<int>(y * 64))];
    chromaSum += chroma(p[0], p[1], p[2]);
  }
  st.meanChroma = static_cast<float>(chromaSum / n);
  if (st.meanChroma < kGreyChroma) bins.swap(greyBins);
  std::sort(bins.begin(), bins.end(), std::greater<>());
  {
    double acc = 0;
    int k = 0;
    while (acc < 0.9 * n && k < static_cast<int>(bins.size())) acc += bins[k++];
    st.colors90 = k;
    double top = 0;
    for (int i = 0; i < 8; ++i) top += bins[i];
    st.top8Share = static_cast<float>(top / n);
    // The same without the commonest colour (the background): a photo cut
    // out on white is flat around a photographic subject.
    const double foreground = n - bins[0];
    st.foregroundTop8Share = foreground > 0 ? static_cast<float>((top - bins[0] + bins[8]) / foreground) : 1.0f;
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
  std::size_t edges = 0, sharp = 0, soft = 0;
  for (float g : grad.data) {
    edges += g > kEdge;
    sharp += g > kStepEdge;
    soft += g > 0.015f && g <= kEdge;
  }
  st.softShare = static_cast<float>(soft) / n;
  st.edgeShare = static_cast<float>(edges) / n;
  st.sharpShare = edges ? static_cast<float>(sharp) / edges : 0.0f;

  // Paper and ink: the brightest luma level (within 0.12) holding at least
  // 5% of the pixels is the paper; pixels 0.2 darker are ink.
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
  // Clip art: a few colours cover most of the image, most pixels sit in
  // flat regions, and there is little gentle shading (photos: shading,
  // texture and noise spread the colours and soften the gradients).
  // Levels 2 and 3 also need the subject itself in a few colours: a product
  // or an airliner photographed on white is flat only around it.
  const bool flatSubject = s.foregroundTop8Share >= kFlatSubjectTop8;
  if (s.top8Share >= 0.9f && s.flatShare >= 0.8f && s.softShare <= 0.08f && flatSubject)
    r.clipArtType = 3;
  else if (s.top8Share >= 0.6f && s.flatShare >= 0.6f && s.softShare <= 0.22f && flatSubject)
    r.clipArtType = 2;
  else if (s.top8Share >= 0.5f && s.flatShare >= 0.5f && s.softShare <= 0.25f)
    r.clipArtType = 1;
  // Line drawing: bright, mostly uniform paper, a little thin dark ink, no colour.
  r.lineDrawingType = s.backgroundLuma >= 0.6f && s.backgroundShare >= 0.6f && s.inkShare >= 0.002f &&
                              s.inkShare <= 0.3f && s.inkCoreShare <= 0.35f && s.meanChroma <= 0.1f
                          ? 1
                          : 0;
  return r;
}

ImageTypeResult analyzeImageType(const Image& image) { return classifyImageType(measureImageType(image)); }

}  // namespace lv
