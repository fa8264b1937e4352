#pragma once
// The classifier run (internal: tags, description, caption, categories and
// dense captions read it). Which view of the image it sees was measured on
// the dev set (README, "Tags, captions, categories").
#include <vector>

#include "features/classification/classification.hpp"
#include "pipeline/feature.hpp"

namespace lv {

constexpr const char* kClassifierModel = "classifier";

// Regions of the image stacked into one [N, ...] input of `model`, each
// prepared as its card says (the model must take a dynamic batch).
ModelRequest regionsRequest(const JobState& state, const std::string& model, const std::vector<Rect>& regions);

// The views the whole-image classification averages: the whole image, and
// for images longer than wide (or wider than long) by 1.2x, also the centre
// square and the two end squares.
std::vector<Rect> classificationViews(int width, int height);

// Class probabilities of each row of a [N, classes] output.
std::vector<Classification> classifyRows(const JobState& state, const NamedTensors& run);

// The mean of several classifications over the same labels.
Classification averaged(const std::vector<Classification>& views);

class ClassificationFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

 private:
  bool asked_ = false;
};

}  // namespace lv
