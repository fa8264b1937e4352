#pragma once
// brands: well-known brand names found in the recognised text (read's
// stages), matched against a compiled-in lexicon (brand_names.inc).
#include <string>
#include <string_view>
#include <vector>

#include "features/read/read.hpp"

namespace lv {

struct DetectedBrand {
  std::string name;        // as in the lexicon ("Coca-Cola")
  double confidence = 0;   // mean OCR confidence of the matched words
  int x = 0, y = 0, w = 0, h = 0;  // box of the matched words, image pixels
};

// The lexicon's names, in file order.
const std::vector<std::string>& brandNames();

// Brands in one line: whole-word, ignoring case, spaces, hyphens,
// apostrophes, dots and ampersands; overlapping matches keep the longer.
std::vector<DetectedBrand> findBrandsInLine(const TextLine& line);

// All brands in the read result, in reading order; one entry per occurrence.
std::vector<DetectedBrand> findBrands(const ReadResult& read);

}  // namespace lv
