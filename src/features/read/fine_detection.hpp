#pragma once
// Small print on large pages. The whole-image detection pass sees a large
// image shrunk to 960 pixels, where text under ~1/150 of the page's longer
// side (20 px letters on an A4 scan at 300 dpi, 24 px in a 4000x3000
// picture) is too small to find. For page-like images (mostly bright,
// colourless background) read adds a finer pass: full-width horizontal
// strips at a finer scale, overlapping so every line lies whole in one of
// them; strips of blank paper are skipped. Its boxes join the whole-image
// ones (text too tall for the strips comes from the whole-image pass).
#include <vector>

#include "core/image.hpp"
#include "features/read/read.hpp"
#include "features/read/text_detection.hpp"
#include "imgproc/model_input.hpp"

namespace lv {

// The finer pass's detector pixels (about twice the whole-image pass's
// 960x960 budget: 20 px letters on A4 at 300 dpi become ~10 px), the
// widest strip, a strip's height and overlap in detector pixels, and how
// much finer than the whole-image pass it must be to be worth running.
// A strip may grow by kFineStripGrowth when that saves one.
constexpr double kFinePixels = 2.0e6;
constexpr int kFineMaxWidth = 2048;
constexpr int kFineStripHeight = 640;
constexpr double kFineStripGrowth = 1.1;
constexpr int kFineStripOverlap = 128;
constexpr double kFineMinGain = 1.5;

struct DetectionStrip {
  Rect region;            // image pixels: the full width, a band of rows
  int width = 0, height = 0;  // detector input (multiples of 32)
  double ownTop = 0, ownBottom = 0;  // image rows whose lines this strip reports (overlaps split in half)
};

// The strips of the finer pass over `image`, blank ones left out; none
// when it would not be kFineMinGain finer than the whole-image pass or the
// image does not look like a page (at least half of it bright and
// colourless: pages, receipts, screenshots, signs).
std::vector<DetectionStrip> fineStrips(const Image& image);

// Whether a strip's box belongs to it: centred in its own rows and not cut
// by an edge it shares with a neighbour.
bool ownedByStrip(const Quad& box, const DetectionStrip& strip, int imageHeight);

// The fine boxes, plus the whole-image boxes none of them overlaps by half
// of either's bounding area (image pixels both).
std::vector<TextBox> mergeFineBoxes(const std::vector<TextBox>& whole, const std::vector<TextBox>& fine);

}  // namespace lv
