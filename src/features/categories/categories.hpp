#pragma once
// Azure v3.2 "categories": the 86-category taxonomy, derived from objects,
// faces, text and the scene tags (no category model exists: MODELS.md).
// Only categories some signal supports are reported.
#include <string>
#include <vector>

#include "features/tags/tags.hpp"

namespace lv {

struct CategoryScore {
  std::string name;  // e.g. "animal_cat"
  double score = 0;
};

// The 86 names of Azure's taxonomy.
const std::vector<std::string>& categoryTaxonomy();

// Categories at or above this score are reported.
constexpr double kMinCategoryScore = 0.3;

// Best first; every name is one of categoryTaxonomy().
std::vector<CategoryScore> categorize(const TagsResult& tags);

}  // namespace lv
