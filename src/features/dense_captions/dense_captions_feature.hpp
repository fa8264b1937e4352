#pragma once
// denseCaptions (4.0). It needs the detections before it can crop: the job
// computes objects, classification and tags with it (registry.cpp), and it
// asks for its crops' classifier run in the stage after the detector's.
#include <vector>

#include "features/dense_captions/dense_captions.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class DenseCaptionsFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

 private:
  bool asked_ = false;
  std::vector<RegionEvidence> regions_;
};

}  // namespace lv
