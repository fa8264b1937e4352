#include "features/read/fine_detection.hpp"

#include <algorithm>
#include <cmath>

#include "features/read/text_skew.hpp"
#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"

namespace lv {
namespace {

// Page-likeness and ink are judged on copies this size.
constexpr int kPageWorkSide = 256;
constexpr int kInkWorkSide = 512;
// Paper: luma and chroma (0..1) bounds, and the share of the image.
constexpr float kPaperLuma = 0.6f, kPaperChroma = 0.12f;
constexpr double kPaperShare = 0.5;
// A band with fewer ink pixels than this (at kInkWorkSide) is blank.
constexpr int kMinInkPixels = 4;

int roundUp32(double v) { return std::max(32, static_cast<int>(std::ceil(v / 32)) * 32); }

bool looksLikePage(const Image& image) {
  const Image small = downscaleArea(image, kPageWorkSide);
  std::size_t paper = 0;
  for (int y = 0; y < small.height; ++y)
    for (int x = 0; x < small.width; ++x) {
      const std::uint8_t* p = small.pixel(x, y);
      if (luma(p[0], p[1], p[2]) > kPaperLuma && chroma(p[0], p[1], p[2]) < kPaperChroma) ++paper;
    }
  return paper >= kPaperShare * small.width * small.height;
}

// The strips over width x height at detector scale `scale`: as few as
// cover it with kFineStripOverlap between neighbours (strips may grow by
// kFineStripGrowth rather than add one more), spread evenly. Each reports
// the rows from the middle of its overlap with the previous strip to the
// middle of its overlap with the next.
std::vector<DetectionStrip> stripsAt(int width, int height, double scale) {
  const double overlap = kFineStripOverlap / scale, longest = kFineStripHeight * kFineStripGrowth / scale;
  const int count = height <= longest ? 1 : static_cast<int>(std::ceil((height - overlap) / (longest - overlap)));
  const int rows = std::min(height, static_cast<int>(std::ceil((height + (count - 1) * overlap) / count)));
  std::vector<DetectionStrip> strips;
  for (int i = 0; i < count; ++i) {
    const int top = count == 1 ? 0 : static_cast<int>(std::lround(static_cast<double>(height - rows) * i / (count - 1)));
    DetectionStrip strip;
    strip.region = Rect{0, top, width, rows};
    strip.width = roundUp32(width * scale);
    strip.height = roundUp32(rows * scale);
    strip.ownTop = top;
    strip.ownBottom = height;
    if (!strips.empty()) {
      const double middle = (strips.back().region.y + strips.back().region.h + top) / 2.0;
      strips.back().ownBottom = strip.ownTop = middle;
    }
    strips.push_back(strip);
  }
  return strips;
}

Rect bounds(const Quad& q) {
  const QuadExtent e = extentOf(q);
  return Rect{static_cast<int>(std::floor(e.left)), static_cast<int>(std::floor(e.top)),
              static_cast<int>(std::ceil(e.right - e.left)), static_cast<int>(std::ceil(e.bottom - e.top))};
}

double area(const Rect& r) { return static_cast<double>(r.w) * r.h; }

double intersection(const Rect& a, const Rect& b) {
  const int w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const int h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? static_cast<double>(w) * h : 0.0;
}

}  // namespace

std::vector<DetectionStrip> fineStrips(const Image& image) {
  const double wholeScale = std::min(1.0, kDetMaxSide / static_cast<double>(std::max(image.width, image.height)));
  const double scale = std::min({1.0, std::sqrt(kFinePixels / (static_cast<double>(image.width) * image.height)),
                                 static_cast<double>(kFineMaxWidth) / image.width});
  if (scale < kFineMinGain * wholeScale || !looksLikePage(image)) return {};
  const InkMap ink = inkPoints(image, kInkWorkSide);
  std::vector<DetectionStrip> inked;
  for (const DetectionStrip& strip : stripsAt(image.width, image.height, scale)) {
    const double top = strip.region.y * ink.scale, bottom = (strip.region.y + strip.region.h) * ink.scale;
    const auto count = std::count_if(ink.points.begin(), ink.points.end(), [&](const InkPoint& p) { return p.y >= top && p.y < bottom; });
    if (count >= kMinInkPixels) inked.push_back(strip);
  }
  return inked;
}

bool ownedByStrip(const Quad& box, const DetectionStrip& strip, int imageHeight) {
  const Rect b = bounds(box);
  const double centre = (box[0].y + box[1].y + box[2].y + box[3].y) / 4;
  const bool cutAtTop = strip.region.y > 0 && b.y <= strip.region.y;
  const bool cutAtBottom = strip.region.y + strip.region.h < imageHeight && b.y + b.h >= strip.region.y + strip.region.h;
  return centre >= strip.ownTop && centre < strip.ownBottom && !cutAtTop && !cutAtBottom;
}

std::vector<TextBox> mergeFineBoxes(const std::vector<TextBox>& whole, const std::vector<TextBox>& fine) {
  std::vector<TextBox> out = fine;
  for (const TextBox& w : whole) {
    const Rect wb = bounds(w.corners);
    const bool covered = std::any_of(fine.begin(), fine.end(), [&](const TextBox& f) {
      const Rect fb = bounds(f.corners);
      const double shared = intersection(wb, fb);
      return shared > 0.5 * area(fb) || shared > 0.5 * area(wb);
    });
    if (!covered) out.push_back(w);
  }
  return out;
}

}  // namespace lv
