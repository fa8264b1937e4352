#pragma once
// What OCR (read) reports: blocks of lines of words, each with a polygon in
// image pixels, clockwise from the text's own top-left (Azure 4.0 readResult).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace lv {

struct Point2 {
  double x = 0, y = 0;
};

// Four corners: top-left, top-right, bottom-right, bottom-left of the text
// as it reads (for text upside down in the image, top-left is the image's
// bottom-right corner of the box).
using Quad = std::array<Point2, 4>;

// A quad's axis-aligned extent in image pixels.
struct QuadExtent {
  double left, top, right, bottom;
  double area() const { return (right - left) * (bottom - top); }
};
inline QuadExtent extentOf(const Quad& q) {
  QuadExtent e{q[0].x, q[0].y, q[0].x, q[0].y};
  for (const Point2& p : q) {
    e.left = std::min(e.left, p.x), e.right = std::max(e.right, p.x);
    e.top = std::min(e.top, p.y), e.bottom = std::max(e.bottom, p.y);
  }
  return e;
}

struct TextWord {
  std::string text;
  Quad polygon;
  double confidence = 0;
};

struct TextLine {
  std::string text;
  Quad polygon;
  double confidence = 0;  // mean of its characters' confidences (not part of Azure's line)
  std::vector<TextWord> words;
};

struct TextBlock {
  std::vector<TextLine> lines;
};

struct ReadResult {
  std::vector<TextBlock> blocks;
};

}  // namespace lv
