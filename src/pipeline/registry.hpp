#pragma once
// The table of visual features: Azure's names, which output format knows
// them, and how to make one for a job.
#include <string>
#include <string_view>
#include <vector>

#include "core/options.hpp"
#include "pipeline/feature.hpp"
#include "pipeline/model_catalog.hpp"

namespace lv {

// Azure's name for the feature, canonical spelling (e.g. "imageType").
// Throws NotSupportedVisualFeature for names Azure does not know, and for
// Azure features this build cannot compute, saying which.
std::string canonicalFeatureName(std::string_view name);

// What an analysis runs when the caller names no feature: Azure's features
// of that format that this analyzer has the models for.
std::vector<std::string> defaultFeatures(OutputFormat format, const ModelCatalog& models);

// Every feature this analyzer can compute with its models, in registry order.
std::vector<std::string> availableFeatures(const ModelCatalog& models);

// The details (Azure's domain models) this analyzer can answer, in that
// order: "celebrities" with the face detectors and the face embedder,
// "landmarks" with a plugin of task landmarks.
std::vector<std::string> availableDetails(const ModelCatalog& models);

// Throws InvalidModel, naming the missing models and how to get them, when
// an asked feature cannot run for lack of a model.
void checkModelsFor(const std::vector<std::string>& asked, const ModelCatalog& models);

// The same for known people (details: celebrities, enrolment), which need
// the face detector and the face embedder; `what` names the request.
void checkModelsForKnownPeople(const std::string& what, const ModelCatalog& models);

// The features the `asked` ones depend on, transitively, that are not asked
// for themselves (and that can run with these models), in registry order. A
// job runs them too, but writes no JSON member for them.
std::vector<std::string> featureDependencies(const std::vector<std::string>& asked, const ModelCatalog& models);

// The features to run for `options` (asked and internal), in dependency order.
std::vector<FeaturePtr> createFeatures(const AnalyzeOptions& options);

}  // namespace lv
