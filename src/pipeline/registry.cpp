#include "pipeline/registry.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "features/adult/adult_feature.hpp"
#include "features/brands/brands_feature.hpp"
#include "features/categories/categories_feature.hpp"
#include "features/classification/classification_feature.hpp"
#include "features/color/color_feature.hpp"
#include "features/dense_captions/dense_captions_feature.hpp"
#include "features/description/description_feature.hpp"
#include "features/faces/faces_feature.hpp"
#include "features/image_type/image_type_feature.hpp"
#include "features/objects/objects_feature.hpp"
#include "features/people/people_feature.hpp"
#include "features/plugins/plugins_feature.hpp"
#include "features/read/read_feature.hpp"
#include "features/smart_crops/smart_crops_feature.hpp"
#include "features/tags/tags_feature.hpp"

namespace lv {
namespace {

using Factory = FeaturePtr (*)();

// Output formats whose default feature set (no features named) holds a feature.
enum DefaultIn : unsigned { kNone = 0, kV32 = 1, kV40 = 2 };

struct FeatureEntry {
  const char* name;
  Factory create;      // nullptr: an Azure feature this build does not compute
  unsigned defaultIn;  // DefaultIn bits
  std::vector<const char*> models;  // model ids it cannot run without
  // Plugin tasks that stand in for `models`: any one makes the feature
  // available without them (brands from a brands classifier, tags from a
  // tags classifier).
  std::vector<const char*> pluginTasks = {};
  bool internal = false;  // computed for other features only, never named by callers
};

// The internal feature that runs the app's classifiers: available when there are some.
constexpr const char* kPlugins = "plugins";

template <class T>
FeaturePtr make() { return std::make_unique<T>(); }

// Registry order is finish order: a feature may read the results of those
// above it.
const std::vector<const char*> kOcrModels = {"ocr-det", "ocr-cls", "ocr-rec"};
const FeatureEntry kFeatures[] = {
    {"color", make<ColorFeature>, kV32, {}},
    {"imageType", make<ImageTypeFeature>, kV32, {}},
    {"smartCrops", make<SmartCropsFeature>, kV40, {}},
    {"objects", make<ObjectsFeature>, kV32 | kV40, {"objects"}},
    {"people", make<PeopleFeature>, kV40, {"objects"}},
    {"faces", make<FacesFeature>, kV32, {"faces", "faces-448"}},
    {"adult", make<AdultFeature>, kV32, {"adult"}},
    {"read", make<ReadFeature>, kV40, kOcrModels},
    {"classification", make<ClassificationFeature>, kNone, {"classifier"}, {}, true},
    {kPlugins, make<PluginsFeature>, kNone, {}, {}, true},
    // Tags and what is worded from them rest on the classifier: without it
    // (or an app's tags classifier) they would be colour words at best.
    {"tags", make<TagsFeature>, kV32 | kV40, {"classifier"}, {"tags"}},
    {"brands", make<BrandsFeature>, kV32, kOcrModels, {"brands"}},
    {"categories", make<CategoriesFeature>, kV32, {"classifier"}, {"tags", "landmarks"}},
    {"description", make<DescriptionFeature>, kV32, {"classifier"}, {"tags"}},
    {"caption", make<CaptionFeature>, kV40, {"classifier"}, {"tags"}},
    {"denseCaptions", make<DenseCaptionsFeature>, kNone, {"objects", "classifier"}},
};

// What a feature needs computed before it (each above it in kFeatures).
// Dependencies this build or this analyzer's models cannot compute are left
// out; the feature uses what there is.
struct Dependency {
  const char* feature;
  std::vector<const char*> needs;
};
const Dependency kDependencies[] = {
    {"tags", {"color", "imageType", "objects", "faces", "adult", "read", "classification", "plugins"}},
    {"categories", {"tags", "plugins"}},  // plugins: landmarks
    {"description", {"tags"}},
    {"caption", {"tags"}},
    {"denseCaptions", {"objects", "classification", "tags"}},
    {"brands", {"read", "plugins"}},  // brands reads the text read recognised, and brand classifiers
};

bool isInternal(const FeatureEntry& entry) { return entry.internal; }

bool hasModels(const FeatureEntry& entry, const ModelCatalog& models) {
  return std::all_of(entry.models.begin(), entry.models.end(), [&](const char* m) { return models.has(m); });
}

bool hasStandInPlugin(const FeatureEntry& entry, const ModelCatalog& models) {
  return std::any_of(entry.pluginTasks.begin(), entry.pluginTasks.end(),
                     [&](const char* task) { return models.hasPluginTask(task); });
}

bool available(const FeatureEntry& entry, const ModelCatalog& models) {
  if (!entry.create) return false;
  if (std::string_view(entry.name) == kPlugins) return !models.plugins().empty();
  return hasModels(entry, models) || hasStandInPlugin(entry, models);
}

// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
std::string quotedList(const std::vector<const char*>& ids) {
  std::string text;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) text += i + 1 == ids.size() ? " and " : ", ";
    text += "'" + std::string(ids[i]) + "'";
  }
  return text;
}

// Throws InvalidModel when `models` lacks any of `needed` for `what`,
// naming every missing model and how to get them: the same words fit the
// library (createAnalyzer), the CLI and serve (--models).
void requireModels(const std::string& what, const std::vector<const char*>& needed, const ModelCatalog& models) {
  std::vector<const char*> missing;
  for (const char* id : needed)
    if (!models.has(id)) missing.push_back(id);
  if (missing.empty()) return;
  throw AnalysisError(ErrorCode::InvalidModel,
                      what + " needs the model" + (missing.size() > 1 ? "s " : " ") + quotedList(missing) +
                          ", which this analyzer was not given (a models map may leave them out; a model folder from "
                          "an older version lacks the newer ones). `npx localvision models --out DIR` writes every model "
                          "this version needs (into an existing folder: only what is missing); then pass DIR to "
                          "createAnalyzer({ models }) or to --models DIR.");
}

const std::vector<const char*> kKnownPeopleModels = {"faces", "faces-448", "face-embedding"};

bool sameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const FeatureEntry* find(std::string_view name) {
  for (const auto& entry : kFeatures)
    if (!isInternal(entry) && sameIgnoringCase(entry.name, name)) return &entry;
  return nullptr;
}

std::string knownNames() {
  std::string names;
  for (const auto& entry : kFeatures) {
    if (!entry.create || isInternal(entry)) continue;
    if (!names.empty()) names += ", ";
    names += entry.name;
  }
  return names;
}

}  // namespace

std::string canonicalFeatureName(std::string_view name) {
  const FeatureEntry* entry = find(name);
  if (!entry)
    throw AnalysisError(ErrorCode::NotSupportedVisualFeature,
                        "'" + std::string(name) + "' is not a visual feature. Use one of: " + knownNames() + ".");
  if (!entry->create)
    throw AnalysisError(ErrorCode::NotSupportedVisualFeature,
                        "'" + std::string(entry->name) +
                            "' is not available in this build of localvision yet. Available: " + knownNames() + ".");
  return entry->name;
}

std::vector<std::string> defaultFeatures(OutputFormat format, const ModelCatalog& models) {
  const unsigned bit = format == OutputFormat::AzureV40 ? kV40 : kV32;
  std::vector<std::string> names;
  for (const auto& entry : kFeatures)
    if ((entry.defaultIn & bit) && available(entry, models)) names.push_back(entry.name);
  return names;
}

std::vector<std::string> availableFeatures(const ModelCatalog& models) {
  std::vector<std::string> names;
  for (const auto& entry : kFeatures)
    if (available(entry, models) && !isInternal(entry)) names.push_back(entry.name);
  return names;
}

std::vector<std::string> availableDetails(const ModelCatalog& models) {
  std::vector<std::string> details;
  if (std::all_of(kKnownPeopleModels.begin(), kKnownPeopleModels.end(), [&](const char* m) { return models.has(m); }))
    details.push_back("celebrities");
  if (models.hasPluginTask("landmarks")) details.push_back("landmarks");
  return details;
}

void checkModelsFor(const std::vector<std::string>& asked, const ModelCatalog& models) {
  for (const auto& name : asked)
    if (const FeatureEntry* entry = find(name); entry && !hasStandInPlugin(*entry, models))
      requireModels("'" + name + "'", entry->models, models);
}

void checkModelsForKnownPeople(const std::string& what, const ModelCatalog& models) {
  requireModels(what, kKnownPeopleModels, models);
}

std::vector<std::string> featureDependencies(const std::vector<std::string>& asked, const ModelCatalog& models) {
  std::vector<std::string> needed = asked;
  // Transitive closure; the table is small and acyclic.
  for (std::size_t i = 0; i < needed.size(); ++i)
    for (const auto& dependency : kDependencies)
      if (needed[i] == dependency.feature)
        for (const char* name : dependency.needs)
          if (std::find(needed.begin(), needed.end(), name) == needed.end()) needed.push_back(name);
  std::vector<std::string> internal;
  for (const auto& entry : kFeatures)
    if (available(entry, models) && std::find(needed.begin(), needed.end(), entry.name) != needed.end() &&
        std::find(asked.begin(), asked.end(), entry.name) == asked.end())
      internal.push_back(entry.name);
  return internal;
}

std::vector<FeaturePtr> createFeatures(const AnalyzeOptions& options) {
  std::vector<FeaturePtr> features;
  for (const auto& entry : kFeatures)
    if (entry.create && options.computes(entry.name)) features.push_back(entry.create());
  // Known people (details: celebrities) and enrolment need the face detector
  // even when 'faces' is not asked for (it then reports no faces member).
  if (!options.computes("faces") && needsFaceDetection(options)) features.push_back(make<FacesFeature>());
  return features;
}

}  // namespace lv
