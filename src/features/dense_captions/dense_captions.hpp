#pragma once
// Azure 4.0 "denseCaptions" (denseCaptionsResult.values): the whole image
// first, captioned like captionResult, then up to kMaxRegions regions — the
// detected objects and people, best first — each captioned from its own crop
// classified by the ImageNet classifier ("a golden retriever") where the crop's
// concept is a kind of the detected class, else from the detected class
// ("a person"); vehicles and clothing get their colour ("a red car").
#include <optional>
#include <string>
#include <vector>

#include "features/classification/classification.hpp"
#include "features/tags/signals.hpp"
#include "features/tags/vocabulary.hpp"
#include "imgproc/model_input.hpp"

namespace lv {

constexpr int kMaxRegions = 9;
// A crop's concept refines its detection from this calibrated confidence on.
constexpr double kRegionMinConceptConfidence = 0.6;

struct DenseCaption {
  std::string text;
  double confidence = 0;  // 0..1
  Rect boundingBox;       // image pixels, Azure's x/y/w/h
};

// One region to caption: the detected class, its fused confidence (objectEvidence)
// and box, the classification of its crop and its foreground colour (Azure's
// colour name, or empty).
struct RegionEvidence {
  const Concept* detected = nullptr;
  double confidence = 0;
  Rect box;
  Classification crop;
  std::string color;
};

// The crop the classifier sees for a detection: the box grown by 10% a side,
// clipped to the image.
Rect regionCrop(const Rect& box, int imageWidth, int imageHeight);

// Whether the scene's light colours what is in it (a sunset, night): things
// then take the light's colour, not their paint (varnished boats against a
// sunset read "black"), and regions are captioned without one.
bool tintedLight(const std::optional<SceneEvidence>& scene);

// A region's caption in `language`.
DenseCaption regionCaption(const RegionEvidence& region, Language language);

}  // namespace lv
