#include "features/dense_captions/dense_captions_feature.hpp"

#include <algorithm>

#include "features/classification/classification_feature.hpp"
#include "features/color/color.hpp"
#include "features/description/description.hpp"
#include "features/tags/tags.hpp"
#include "features/tags/tags_feature.hpp"

namespace lv {
namespace {

// Azure's foreground colour of a crop (on a small copy: colour needs no detail).
std::string cropColor(const Image& image, const Rect& box) {
  const double scale = std::min(1.0, 64.0 / std::max(box.w, box.h));
  const Image small = resampleRegion(image, box, std::max(1, static_cast<int>(box.w * scale)),
                                     std::max(1, static_cast<int>(box.h * scale)));
  const ColorResult color = analyzeColor(small);
  // Brown and grey name shading on metal and cloth more often than paint.
  const std::string& name = color.dominantColorForeground;
  return color.isBWImg || name == "Brown" || name == "Grey" ? "" : name;
}

}  // namespace

std::vector<ModelRequest> DenseCaptionsFeature::requests(JobState& state) {
  // Wait for the detector's stage (objects are written as soon as they are known).
  if (asked_ || (state.options.computes("objects") && !state.results.objects)) return {};
  asked_ = true;
  if (!state.results.objects || state.results.objects->empty()) return {};
  const Image& image = state.decoded.image;
  std::vector<DetectedObject> objects = *state.results.objects;
  std::stable_sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  if (objects.size() > static_cast<std::size_t>(kMaxRegions)) objects.resize(kMaxRegions);
  // Each region's fused confidence, as tags weigh its class.
  const Signals signals = gatherSignals(state);
  const auto evidence = objectEvidence(signals);
  std::vector<Rect> crops;
  for (const auto& o : objects) {
    const Concept* detected = findConcept(o.name);
    auto fused = std::find_if(evidence.begin(), evidence.end(), [&](const ObjectEvidence& e) { return detected && e.key == detected->key; });
    const Rect box = o.rectangle;
    regions_.push_back({detected, fused == evidence.end() ? 0.0 : fused->confidence, box, {}, cropColor(image, box)});
    crops.push_back(regionCrop(box, image.width, image.height));
  }
  std::vector<ModelRequest> out;
  out.push_back(regionsRequest(state, kClassifierModel, crops));
  return out;
}

void DenseCaptionsFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  auto rows = classifyRows(state, outputs.at(0));
  for (std::size_t i = 0; i < regions_.size() && i < rows.size(); ++i) regions_[i].crop = std::move(rows[i]);
}

void DenseCaptionsFeature::finish(JobState& state) {
  const Language language = languageFromCode(state.options.language);
  const Image& image = state.decoded.image;
  std::vector<DenseCaption> captions;
  if (state.results.tags) {
    const auto whole = composeCaptions(state.results.tags->signals, language, 1);
    if (!whole.empty()) captions.push_back({whole.front().text, whole.front().confidence, {0, 0, image.width, image.height}});
  }
  for (const auto& region : regions_)
    if (DenseCaption c = regionCaption(region, language); !c.text.empty() && c.confidence > 0) captions.push_back(std::move(c));
  state.results.denseCaptions = std::move(captions);
}

}  // namespace lv
