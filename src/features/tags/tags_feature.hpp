#pragma once
// The tags feature. It depends on color, imageType, objects, faces, adult and
// read (registry.cpp, kDependencies): the job computes those even when not
// asked for, and tags reads their results here.
#include "features/plugins/plugins.hpp"
#include "features/tags/tags.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// Every signal the job's results hold, plus the scene detectors on the image.
Signals gatherSignals(const JobState& state);

// Tags plugins' labels join the tags by name (the higher confidence wins),
// best first.
void mergePluginTags(std::vector<Tag>& tags, const std::vector<PluginLabel>& labels);

class TagsFeature : public Feature {
 public:
  void finish(JobState& state) override;
};

}  // namespace lv
