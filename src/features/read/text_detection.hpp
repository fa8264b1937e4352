#pragma once
// Stage 1 of read: the PP-OCRv4 DB detector's input size and the DB
// post-processing of its probability map into text-line boxes.
#include <span>
#include <vector>

#include "features/read/read.hpp"

namespace lv {

// Detector input: the image scaled so its longer side is at most
// kDetMaxSide, and small images scaled up until their shorter side reaches
// kDetMinShortSide (as long as the longer side stays within kDetMaxSide);
// both sides are then rounded to multiples of 32. Measured on the samples:
// page.png (384x191) and text.png (448x172) read best upscaled (see
// read_feature.hpp).
constexpr int kDetMaxSide = 960;
constexpr int kDetMinShortSide = 640;

struct DetectionSize {
  int width = 0, height = 0;  // multiples of 32: the tensor's size
  double scale = 1;           // image pixels -> detector pixels (the content is letterboxed at top-left)
};
DetectionSize detectionSize(int imageWidth, int imageHeight);

struct DbParams {
  float binaryThreshold = 0.3f;  // probability above which a pixel is text
  double boxThreshold = 0.6;     // mean probability over a region's pixels to keep it
  double unclipRatio = 1.5;      // the shrunk kernel grows by area * ratio / perimeter
  double minSide = 3;            // boxes thinner than this (detector pixels) are noise
  int maxCandidates = 1000;
};

// A detected box in detector pixels: corners tl, tr, br, bl (image axes).
struct TextBox {
  Quad corners;
  double score = 0;
};

// Binarise, label 8-connected regions, score each by its mean probability,
// fit it a minimum-area rotated rectangle, grow that (unclip) and
// return the boxes, top to bottom. `prob` is height x width, row-major.
std::vector<TextBox> dbPostProcess(std::span<const float> prob, int width, int height, const DbParams& params = {});

// The probability summed over the pixels above the binary threshold: how
// much text the detector sees.
double textMass(std::span<const float> prob, const DbParams& params = {});

// The share of the boxes' area (weighted by score) in line-shaped boxes, at
// least kLineAspect times as long as high; 0 without boxes.
constexpr double kLineAspect = 2;
double lineShare(const std::vector<TextBox>& boxes);

// Minimum-area enclosing rectangle of points (rotating calipers over the
// convex hull). Corners ordered tl, tr, br, bl in image axes.
Quad minAreaRect(std::vector<Point2> points);

// Corners of a quadrilateral ordered tl, tr, br, bl: the two leftmost
// points are the left side (upper = tl), the two others the right side.
Quad orderCorners(Quad q);

double quadWidth(const Quad& q);   // longer of the top and bottom edges
double quadHeight(const Quad& q);  // longer of the left and right edges

}  // namespace lv
