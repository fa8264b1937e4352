#pragma once
// Conservative scene detectors on a downscaled copy of the image: sky, grass,
// water, snow, sand. Each reports evidence only when most of its region agrees, so
// a blue shirt is not water and a white page is not snow.
#include "core/image.hpp"
#include "features/tags/signals.hpp"

namespace lv {

// The side the analysis runs at.
constexpr int kSceneAnalysisSide = 128;

SceneEvidence analyzeScene(const Image& image);

}  // namespace lv
