#include "features/people/people_feature.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace lv {

void PeopleFeature::take(JobState& state, const NamedTensors& run) {
  const ModelSpec& spec = state.models->get(kObjectsModel);
  const auto person = std::find(spec.labels.begin(), spec.labels.end(), "person");
  if (person == spec.labels.end())
    throw AnalysisError(ErrorCode::InvalidModel, "The 'objects' model's labels have no 'person' class.");
  const int personIndex = static_cast<int>(person - spec.labels.begin());
  const Image& image = state.decoded.image;
  auto detections = decodeDetections(objectDetectionOutput(state, run), transform_, image.width,
                                     image.height, kPersonMinScore, spec.labels.size());
  std::erase_if(detections, [&](const Detection& d) { return d.classIndex != personIndex; });
  people_.clear();
  for (const Detection& d : classwiseNms(std::move(detections))) people_.push_back({toRect(d), d.score});
}

void PeopleFeature::finish(JobState& state) { state.results.people = people_; }

}  // namespace lv
