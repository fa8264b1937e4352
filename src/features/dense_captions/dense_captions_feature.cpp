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
  // Each detection scored on its own, as tags weigh it (gatherSignals keeps the objects' order).
  const Signals signals = gatherSignals(state);
  std::vector<std::pair<double, std::size_t>> ranked;
  for (std::size_t i = 0; i < signals.objects.size(); ++i) {
    const double confidence = detectionConfidence(signals, signals.objects[i]);
    if (confidence >= kMinTagConfidence) ranked.emplace_back(confidence, i);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked.size() > static_cast<std::size_t>(kMaxRegions)) ranked.resize(kMaxRegions);
  std::vector<Rect> crops;
  for (const auto& [confidence, i] : ranked) {
    const DetectedObject& o = (*state.results.objects)[i];
    regions_.push_back({findConcept(o.name), confidence, o.rectangle, {}, cropColor(image, o.rectangle)});
    crops.push_back(regionCrop(o.rectangle, image.width, image.height));
  }
  if (crops.empty()) return {};
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
  if (state.results.tags && tintedLight(state.results.tags->signals.scene))
    for (auto& region : regions_) region.color.clear();
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
