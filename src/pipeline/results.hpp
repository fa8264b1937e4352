#pragma once
// The results of one job, one optional member per feature.
#include <optional>
#include <vector>

#include "features/adult/adult.hpp"
#include "features/brands/brands.hpp"
#include "features/categories/categories.hpp"
#include "features/classification/classification.hpp"
#include "features/color/color.hpp"
#include "features/dense_captions/dense_captions.hpp"
#include "features/description/description.hpp"
#include "features/faces/faces.hpp"
#include "features/image_type/image_type.hpp"
#include "features/objects/objects.hpp"
#include "features/people/people.hpp"
#include "features/plugins/plugins.hpp"
#include "features/read/read.hpp"
#include "features/smart_crops/smart_crops.hpp"
#include "features/tags/tags.hpp"

namespace lv {

struct AnalysisResults {
  std::optional<ColorResult> color;
  std::optional<ImageTypeResult> imageType;
  std::optional<std::vector<CropRegion>> smartCrops;
  std::optional<std::vector<DetectedObject>> objects;
  std::optional<std::vector<DetectedPerson>> people;
  std::optional<AdultResult> adult;
  std::optional<std::vector<FaceRectangle>> faces;
  std::optional<PeopleCategory> knownPeople;  // details: celebrities
  std::optional<EnrolledPerson> enrolled;     // enrolment job
  std::optional<ReadResult> read;             // also when only brands asked (JSON: readResult only for read)
  std::optional<Classification> classification;     // the ImageNet classifier (internal)
  std::optional<std::vector<PluginLabel>> plugins;  // the app's classifiers (internal)
  std::optional<std::vector<DetectedBrand>> brands;
  std::optional<TagsResult> tags;
  std::optional<std::vector<CategoryScore>> categories;
  std::optional<DescriptionResult> description;
  std::optional<Caption> caption;  // 4.0 captionResult
  std::optional<std::vector<DenseCaption>> denseCaptions;  // 4.0 denseCaptionsResult
};

}  // namespace lv
