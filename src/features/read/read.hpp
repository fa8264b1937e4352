#pragma once
// What OCR (read) reports: blocks of lines of words, each with a polygon in
// image pixels, clockwise from the text's own top-left (Azure 4.0 readResult).
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
