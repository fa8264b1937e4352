#include "pipeline/single_run.hpp"

#include "core/error.hpp"

namespace lv {

ModelRequest wholeImageRequest(const JobState& state, const std::string& model, InputTransform* transform) {
  const ModelSpec& spec = state.models->get(model);
  ModelInput input = prepareModelInput(state.pixels(), spec.input);
  if (transform) *transform = input.transform;
  NamedTensors inputs;
  inputs.emplace_back(spec.input.name, std::move(input.tensor));
  return {model, std::move(inputs)};
}

const Tensor& firstOutput(const JobState& state, const std::string& model, const NamedTensors& run) {
  const ModelSpec& spec = state.models->get(model);
  if (spec.outputs.empty())
    throw AnalysisError(ErrorCode::InvalidModel, "The '" + model + "' model card must name its output.");
  for (const auto& [name, tensor] : run)
    if (name == spec.outputs[0]) return tensor;
  throw AnalysisError(ErrorCode::InvalidArgument, "The '" + model + "' model run lacks output '" + spec.outputs[0] + "'.");
}

}  // namespace lv
