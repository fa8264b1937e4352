#include "features/objects/objects_feature.hpp"

#include "features/classification/classification_feature.hpp"
#include "features/objects/animal_recheck.hpp"
#include "features/objects/object_taxonomy.hpp"

namespace lv {

std::vector<ModelRequest> ObjectsFeature::requests(JobState& state) {
  std::vector<ModelRequest> out;
  if (stage_ == Stage::Detect) {
    out.push_back(objectDetectionRequest(state, transform_));
  } else if (stage_ == Stage::Recheck) {
    out.push_back(regionsRequest(state, kClassifierModel, squares_));
  }
  return out;
}

void ObjectsFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  if (stage_ == Stage::Detect) {
    detect(state, outputs.at(0));
    return;
  }
  const auto crops = classifyRows(state, outputs.at(0));
  const auto& labels = state.models->get(kObjectsModel).labels;
  std::vector<std::optional<std::string>> verdicts;
  for (std::size_t k = 0; k < rechecked_.size() && k < crops.size(); ++k)
    verdicts.push_back(recheckedLabel(crops[k], objects_, rechecked_[k], squares_[k], labels));
  applyRechecks(objects_, rechecked_, verdicts);
  stage_ = Stage::Done;
  state.results.objects = objects_;  // known now: later stages (dense captions) crop them
}

void ObjectsFeature::detect(JobState& state, const NamedTensors& run) {
  const ModelSpec& spec = state.models->get(kObjectsModel);
  const Image& image = state.decoded.image;
  const auto detections = classwiseNms(decodeDetections(objectDetectionOutput(state, run), transform_,
                                                        image.width, image.height, kObjectMinScore, spec.labels.size()));
  objects_.clear();
  for (const Detection& d : detections) {
    ObjectName name = azureObjectName(spec.labels[static_cast<std::size_t>(d.classIndex)]);
    objects_.push_back({toRect(d), std::move(name.name), d.score, std::move(name.parents)});
  }
  if (state.models->has(kClassifierModel)) rechecked_ = animalsToRecheck(objects_, spec.labels, image.width, image.height);
  for (std::size_t i : rechecked_) squares_.push_back(recheckSquare(objects_[i].rectangle, image.width, image.height));
  stage_ = rechecked_.empty() ? Stage::Done : Stage::Recheck;
  if (stage_ == Stage::Done) state.results.objects = objects_;
}

void ObjectsFeature::finish(JobState& state) { state.results.objects = objects_; }

}  // namespace lv
