#include "features/classification/classification_feature.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "imgproc/model_input.hpp"
#include "pipeline/single_run.hpp"

namespace lv {

ModelRequest regionsRequest(const JobState& state, const std::string& model, const std::vector<Rect>& regions) {
  const ModelSpec& spec = state.models->get(model);
  Tensor batch;
  for (const Rect& region : regions) {
    Tensor one = prepareModelInput(state.decoded.image, spec.input, region).tensor;
    if (batch.dims.empty()) {
      batch.dims = one.dims;
      batch.dims[0] = 0;
    }
    batch.dims[0] += 1;
    batch.data.insert(batch.data.end(), one.data.begin(), one.data.end());
  }
  NamedTensors inputs;
  inputs.emplace_back(spec.input.name, std::move(batch));
  return {model, std::move(inputs)};
}

std::vector<Rect> classificationViews(int width, int height) {
  std::vector<Rect> views{{0, 0, width, height}};
  const int side = std::min(width, height);
  if (std::max(width, height) >= 1.2 * side) {
    views.push_back({(width - side) / 2, (height - side) / 2, side, side});
    views.push_back({0, 0, side, side});
    views.push_back({width - side, height - side, side, side});
  }
  return views;
}

std::vector<Classification> classifyRows(const JobState& state, const NamedTensors& run) {
  const std::vector<const ImageNetClass*> classes = imageNetClassesOf(state.models->get(kClassifierModel).labels);
  const Tensor& logits = firstOutput(state, kClassifierModel, run);
  const std::size_t n = classes.size();
  if (n == 0 || logits.data.size() % n != 0)
    throw AnalysisError(ErrorCode::InvalidModel, "The 'classifier' model output has " + std::to_string(logits.data.size()) +
                                                     " values, not a multiple of its " + std::to_string(n) + " labels.");
  std::vector<Classification> rows;
  for (std::size_t r = 0; r * n < logits.data.size(); ++r)
    rows.push_back(classify({logits.data.data() + r * n, n}, classes));
  return rows;
}

Classification averaged(const std::vector<Classification>& views) {
  Classification out;
  if (views.empty()) return out;
  // The whole image weighs as much as the squares together.
  const double squares = static_cast<double>(views.size() - 1);
  out = views.front();
  if (squares == 0) return out;
  for (auto& c : out.classes) c.probability *= 0.5;
  for (std::size_t v = 1; v < views.size(); ++v)
    for (std::size_t i = 0; i < out.classes.size(); ++i) out.classes[i].probability += 0.5 * views[v].classes[i].probability / squares;
  return out;
}

std::vector<ModelRequest> ClassificationFeature::requests(JobState& state) {
  if (asked_) return {};
  asked_ = true;
  const Image& image = state.decoded.image;
  std::vector<ModelRequest> out;
  out.push_back(regionsRequest(state, kClassifierModel, classificationViews(image.width, image.height)));
  return out;
}

void ClassificationFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  // Known from now on: dense captions weigh their regions with it in the next stage.
  state.results.classification = averaged(classifyRows(state, outputs.at(0)));
}

void ClassificationFeature::finish(JobState&) {}

}  // namespace lv
