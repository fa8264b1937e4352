#pragma once
// Azure v3.2 "imageType": is the image clip art, is it a line drawing —
// computed from pixel statistics (no model).
#include "core/image.hpp"

namespace lv {

// Field names are Azure's.
struct ImageTypeResult {
  int clipArtType = 0;      // 0 non-clip-art, 1 ambiguous, 2 normal clip art, 3 good clip art
  int lineDrawingType = 0;  // 0 not a line drawing, 1 line drawing
};

// The statistics the decision is made from (exposed for tests and tuning).
struct ImageTypeStats {
  int colors90 = 0;         // quantised colours (5 bits a channel) covering 90% of pixels
  float top8Share = 0;      // share of pixels in the 8 commonest quantised colours
  float foregroundTop8Share = 0;  // the same among pixels off the commonest colour, for the next 8
  float softShare = 0;      // pixels with a gentle luma gradient (0.015..0.08): shading, texture
  float flatShare = 0;      // pixels whose right and lower neighbours differ by <= 3 levels in every channel
  float edgeShare = 0;      // pixels with a luma gradient > 0.08
  float sharpShare = 0;     // of those, the share with a gradient > 0.3 (step edges)
  float meanChroma = 0;     // mean max-min of the channels, 0..1
  float backgroundShare = 0;  // pixels within 0.12 luma of the brightest common level ("paper")
  float backgroundLuma = 0;   // that level, 0..1
  float inkShare = 0;       // pixels much darker than the paper
  float inkCoreShare = 0;   // of the ink, the share whose 8 neighbours are all ink (thick strokes)
};

ImageTypeStats measureImageType(const Image& image);
ImageTypeResult classifyImageType(const ImageTypeStats& stats);

// measureImageType + classifyImageType. Throws AnalysisError(InvalidArgument)
// for an empty image.
ImageTypeResult analyzeImageType(const Image& image);

}  // namespace lv
