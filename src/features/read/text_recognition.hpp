#pragma once
// Stages 2 and 3 of read: line crops for the orientation classifier and the
// recogniser, CTC decoding of the recogniser's output, words with polygons.
#include <span>
#include <string>
#include <vector>

#include "core/image.hpp"
#include "core/model_spec.hpp"
#include "core/tensor.hpp"
#include "features/read/read.hpp"

namespace lv {

// Line crops: recogniser input height and the longest line it reads (in
// input pixels; longer lines are squeezed), the minimum padded width (the
// model was trained at 48x320), the classifier's 48x192 input and the score
// above which a line is turned 180 degrees.
constexpr int kRecHeight = 48;
constexpr int kRecMaxWidth = 1600;
constexpr int kRecMinWidth = 320;
constexpr int kClsHeight = 48;
constexpr int kClsWidth = 192;
constexpr double kClsRotateScore = 0.9;
// Lines whose mean character confidence is below this are dropped.
constexpr double kMinLineConfidence = 0.5;

// The quad (tl, tr, br, bl in image pixels) warped upright to outWidth x
// outHeight: bilinear, borders repeated.
Image cropQuad(const Image& image, const Quad& quad, int outWidth, int outHeight);
// The crop at its natural size (the quad's longer edges, at least 1
// pixel), or enlarged to minHeight when lower: warped straight to the size
// the models read, small print is sampled once, not blurred by a second
// resize (20 px print lost its spaces that way).
Image cropLine(const Image& image, const Quad& quad, int minHeight = 0);

Image rotate180(const Image& image);

// The width a line crop takes in the recogniser's input: scaled to
// kRecHeight, at most kRecMaxWidth.
int recognitionWidth(const Image& line);

// Lines grouped for the recogniser by their recognitionWidth: narrowest
// first, at most maxBatch a group, a line at most kRecBatchWidthSpread
// times the width of its group's first (the difference is padding, work for
// nothing). Each group holds line indices.
constexpr double kRecBatchWidthSpread = 1.25;
std::vector<std::vector<std::size_t>> recognitionBatches(const std::vector<int>& widths, std::size_t maxBatch);

// A line image as a [1, 3, height, paddedWidth] NCHW tensor normalised per
// `spec`: resized to `height` keeping its aspect ratio (width capped at
// maxWidth), zero-padded on the right to max(minWidth, width) rounded up to
// a multiple of 8 (or to exactly minWidth when fixedWidth).
struct LineTensor {
  Tensor tensor;
  int contentWidth = 0;  // columns holding the line
};
LineTensor lineTensor(const Image& line, const ModelInputSpec& spec, int height, int maxWidth, int minWidth,
                      bool fixedWidth = false);

// Stacks [1, C, H, W] tensors of one size into [N, C, H, W].
Tensor stackBatch(const std::vector<Tensor>& tensors);

// One decoded character: its key, confidence and the time steps it spans.
struct CtcChar {
  std::string text;
  double confidence = 0;
  int firstStep = 0, lastStep = 0;
  bool space = false;
};

// Greedy CTC over [steps, classes] softmax: argmax per step, repeats merged,
// blanks (class 0) dropped. Class k in 1..keys.size() is keys[k - 1]; the
// class after the keys is a space.
std::vector<CtcChar> ctcDecode(std::span<const float> probs, int steps, int classes, const std::vector<std::string>& keys);

// PP-OCRv4's recogniser often drops the space between Latin words. A gap
// between two characters' first steps of at least max(kSpaceGapRatio x the
// line's median character pitch, pitch + 2 steps) gets a space (lines of at
// least 5 characters); one step more after m and w.
constexpr double kSpaceGapRatio = 1.6;
std::vector<CtcChar> insertMissingSpaces(std::vector<CtcChar> chars);

// The line's text, confidence and words from its characters. `contentSteps`
// is how many time steps cover the line itself (the rest is padding); word
// polygons are interpolated along `polygon` (tl, tr, br, bl as the text reads).
TextLine assembleLine(const std::vector<CtcChar>& chars, double contentSteps, const Quad& polygon);

}  // namespace lv
