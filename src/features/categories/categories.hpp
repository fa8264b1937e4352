#pragma once
// Azure v3.2 "categories": the 86-category taxonomy, derived from objects,
// faces, text and the scene tags (no category model exists: MODELS.md).
// Only categories some signal supports are reported.
#include <string>
#include <vector>

#include "features/tags/tags.hpp"

namespace lv {

struct Landmark {
  std::string name;
  double confidence = 0;
};

struct CategoryScore {
  std::string name;  // e.g. "animal_cat"
  double score = 0;
  std::vector<Landmark> landmarks;  // detail.landmarks (details: landmarks, from a landmarks plugin)
};

// Azure puts landmarks on a building_ or outdoor_ category: the best-scoring
// one, or a new "building_" scored as the best landmark. No-op without landmarks.
void addLandmarks(std::vector<CategoryScore>& categories, const std::vector<Landmark>& landmarks);

// The 86 names of Azure's taxonomy.
const std::vector<std::string>& categoryTaxonomy();

// Categories at or above this score are reported.
constexpr double kMinCategoryScore = 0.3;

// Best first; every name is one of categoryTaxonomy().
std::vector<CategoryScore> categorize(const TagsResult& tags);

}  // namespace lv
