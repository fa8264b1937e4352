#pragma once
// Pieces for the common case of a feature that needs one model run on the
// whole image: the request as the card says, the card's first output out of
// the run, and a Feature base that asks once and takes the one answer.
#include <string>
#include <vector>

#include "imgproc/model_input.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// `model` on the whole image, prepared as its card says; `transform` (when
// given) receives how model pixels map back to the image.
ModelRequest wholeImageRequest(const JobState& state, const std::string& model, InputTransform* transform = nullptr);

// The card's first output of `model` in a run's outputs. Throws InvalidModel
// when the card names no output, InvalidArgument when the run lacks it.
const Tensor& firstOutput(const JobState& state, const std::string& model, const NamedTensors& run);

class SingleRunFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) final {
    if (asked_) return {};
    asked_ = true;
    std::vector<ModelRequest> out;
    out.push_back(request(state));
    return out;
  }
  void supply(JobState& state, std::vector<NamedTensors> outputs) final { take(state, outputs.at(0)); }

 protected:
  virtual ModelRequest request(JobState& state) = 0;
  virtual void take(JobState& state, const NamedTensors& run) = 0;

 private:
  bool asked_ = false;
};

}  // namespace lv
