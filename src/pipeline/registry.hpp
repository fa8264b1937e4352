#pragma once
// The table of visual features: Azure's names, which output format knows
// them, and how to make one for a job.
#include <string>
#include <string_view>
#include <vector>

#include "core/options.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// Azure's name for the feature, canonical spelling (e.g. "imageType").
// Throws NotSupportedVisualFeature for names Azure does not know, and for
// Azure features this build cannot compute, saying which.
std::string canonicalFeatureName(std::string_view name);

// What an analysis runs when the caller names no feature.
std::vector<std::string> defaultFeatures(OutputFormat format);

// The features the `asked` ones depend on, transitively, that are not asked
// for themselves (and that this build computes), in registry order. A job
// runs them too, but writes no JSON member for them.
std::vector<std::string> featureDependencies(const std::vector<std::string>& asked);

// The features to run for `options` (asked and internal), in dependency order.
std::vector<FeaturePtr> createFeatures(const AnalyzeOptions& options);

}  // namespace lv
