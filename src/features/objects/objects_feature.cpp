#include "features/objects/objects_feature.hpp"

#include "features/objects/object_taxonomy.hpp"

namespace lv {

std::vector<ModelRequest> ObjectsFeature::requests(JobState& state) {
  if (asked_) return {};
  asked_ = true;
  std::vector<ModelRequest> out;
  out.push_back(objectDetectionRequest(state, transform_));
  return out;
}

void ObjectsFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  const ModelSpec& spec = state.models->get(kObjectsModel);
  const Image& image = state.decoded.image;
  const auto detections = classwiseNms(decodeDetections(objectDetectionOutput(state, outputs.at(0)), transform_,
                                                        image.width, image.height, kObjectMinScore, spec.labels.size()));
  objects_.clear();
  for (const Detection& d : detections) {
    ObjectName name = azureObjectName(spec.labels[static_cast<std::size_t>(d.classIndex)]);
    objects_.push_back({toRect(d), std::move(name.name), d.score, std::move(name.parents)});
  }
}

void ObjectsFeature::finish(JobState& state) { state.results.objects = objects_; }

}  // namespace lv
