#pragma once
// The contract between the job and one requested feature. A feature plans the
// model runs it needs (zero or more stages), receives their outputs, and
// finally writes its result into the job's shared state.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/image.hpp"
#include "core/options.hpp"
#include "core/tensor.hpp"
#include "features/people_gallery/people_gallery.hpp"
#include "imgproc/model_input.hpp"
#include "pipeline/model_catalog.hpp"
#include "pipeline/results.hpp"

namespace lv {

using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

// One inference the JavaScript side must run: a model id from the manifest
// and its inputs by name.
struct ModelRequest {
  std::string model;
  NamedTensors inputs;
};

// Everything one job knows; features read the image and options and write
// their part of `results`.
struct JobState {
  std::shared_ptr<const ModelCatalog> models;
  std::shared_ptr<PeopleGallery> people;  // the analyzer's known people
  DecodedImage decoded;
  AnalyzeOptions options;
  AnalysisResults results;
  std::vector<std::string> warnings;
  SmallCopy smallCopy;  // of decoded.image, shared by the job's model inputs

  // What model inputs of the whole image and its larger parts are made from.
  PixelSource pixels() const { return {decoded.image, &smallCopy}; }
};

class Feature {
 public:
  virtual ~Feature() = default;
  // The model runs needed for the next stage; empty once nothing is missing.
  virtual std::vector<ModelRequest> requests(JobState&) { return {}; }
  // Outputs of this feature's requests, in the order they were asked for.
  virtual void supply(JobState&, std::vector<NamedTensors>) {}
  // Computes the final result. Called in registry order, so a feature may
  // read what earlier features finished (tags read objects, ...).
  virtual void finish(JobState&) = 0;
};

using FeaturePtr = std::unique_ptr<Feature>;

}  // namespace lv
