#include "features/objects/objects_feature.hpp"

#include "features/objects/object_taxonomy.hpp"

namespace lv {

void ObjectsFeature::take(JobState& state, const NamedTensors& run) {
  const ModelSpec& spec = state.models->get(kObjectsModel);
  const Image& image = state.decoded.image;
  const auto detections = classwiseNms(decodeDetections(objectDetectionOutput(state, run), transform_,
                                                        image.width, image.height, kObjectMinScore, spec.labels.size()));
  objects_.clear();
  for (const Detection& d : detections) {
    ObjectName name = azureObjectName(spec.labels[static_cast<std::size_t>(d.classIndex)]);
    objects_.push_back({toRect(d), std::move(name.name), d.score, std::move(name.parents)});
  }
  state.results.objects = objects_;  // known now: later stages (dense captions) crop them
}

void ObjectsFeature::finish(JobState& state) { state.results.objects = objects_; }

}  // namespace lv
