#pragma once
// Skewed text (a page photographed at a slant, a rotated scan): PP-OCR's
// detector was trained on near-horizontal lines and finds little of text
// turned by 15 degrees or more (text.png: one small region upright, three
// lines once straightened). So read looks for the angles the image's lines
// may run at and, when there are any, runs detection on the image and on a
// straightened copy per angle; the frame where the detector sees the most
// text wins, and its boxes are turned back onto the image.
#include <cstddef>
#include <vector>

#include "core/image.hpp"
#include "features/read/read.hpp"
#include "imgproc/warp.hpp"

namespace lv {

// The smallest skew worth straightening, how much sharper the line profile
// must be at a skew than at 0 degrees (photos without text measured at most
// 1.02 within 45 degrees, text.png 3.97 and 2.90 at its two peaks, page.png
// turned 15 degrees 23), the same beyond 45 degrees where photos' upright
// edges score too (skimage's photos 1.3-2.7; page.png turned 90 degrees
// 5.8-6.9), and how many angles are tried.
constexpr double kMinSkewDegrees = 3;
constexpr double kSkewProfileGain = 1.25;
constexpr double kSteepSkewProfileGain = 4;
constexpr std::size_t kMaxSkewCandidates = 2;

// Ink: the pixels of a copy of `image` shrunk to workSide that stand off
// the mean of their neighbourhood (either polarity), with by how much.
struct InkPoint {
  float x, y, weight;  // in the shrunk copy's pixels
};
struct InkMap {
  std::vector<InkPoint> points;
  double scale = 1;  // shrunk copy pixels per image pixel
};
InkMap inkPoints(const Image& image, int workSide);

// The angles (degrees, image axes: positive when lines descend to the
// right) the image's lines may run at, sharpest first; empty when nothing
// stands out from 0 degrees. Projection profiles of the ink (pixels off
// their local mean, either polarity) over every direction (a page turned
// 90 degrees has vertical lines; upside down is the orientation
// classifier's): lines of text make the sharpest profile when projected
// along them, but so does one long stroke (text.png's integral signs),
// hence candidates, not an answer.
std::vector<double> skewCandidates(const Image& image);

// An image straightened for detection: `image` turned by -degrees on a
// canvas that holds all of it (the corners filled with the mean colour) and
// shrunk so its longer side is at most maxSide; `toImage` maps its pixel
// coordinates back to the original image's.
struct StraightenedImage {
  Image image;
  Affine toImage;
};
StraightenedImage straighten(const Image& image, double degrees, int maxSide);

}  // namespace lv
