#include <catch2/catch.hpp>

#include <algorithm>

#include "features/brands/brands.hpp"

using namespace lv;

namespace {

// A line of words, each 10 px per character, one space (10 px) between words.
TextLine line(const std::vector<std::string>& words, double conf = 0.9) {
  TextLine l;
  double x = 100;
  for (const auto& w : words) {
    const double width = 10.0 * w.size();
    l.words.push_back({w, {Point2{x, 50}, Point2{x + width, 50}, Point2{x + width, 80}, Point2{x, 80}}, conf});
    if (!l.text.empty()) l.text += ' ';
    l.text += w;
    x += width + 10;
  }
  l.polygon = {Point2{100, 50}, Point2{x - 10, 50}, Point2{x - 10, 80}, Point2{100, 80}};
  return l;
}

std::vector<std::string> names(const std::vector<DetectedBrand>& brands) {
  std::vector<std::string> out;
  for (const auto& b : brands) out.push_back(b.name);
  return out;
}

}  // namespace

TEST_CASE("the lexicon holds a few hundred well-known brands") {
  const auto& all = brandNames();
  CHECK(all.size() >= 200);
  for (const char* n : {"Coca-Cola", "Microsoft", "Google", "Apple", "Nike", "Adidas", "Pepsi", "Samsung", "Sony", "IBM",
                        "Intel", "Amazon", "Starbucks", "McDonald's", "Toyota"})
    CHECK(std::find(all.begin(), all.end(), n) != all.end());
}

TEST_CASE("brands match ignoring case, hyphens, apostrophes and spacing") {
  CHECK(names(findBrandsInLine(line({"I", "love", "COCA-COLA"}))) == std::vector<std::string>{"Coca-Cola"});
  CHECK(names(findBrandsInLine(line({"Coca", "Cola"}))) == std::vector<std::string>{"Coca-Cola"});
  CHECK(names(findBrandsInLine(line({"cocacola"}))) == std::vector<std::string>{"Coca-Cola"});
  CHECK(names(findBrandsInLine(line({"mcdonalds"}))) == std::vector<std::string>{"McDonald's"});
  CHECK(names(findBrandsInLine(line({"Microsoft", "and", "Google"}))) == std::vector<std::string>{"Microsoft", "Google"});
  CHECK(names(findBrandsInLine(line({"Mercedes-Benz"}))) == std::vector<std::string>{"Mercedes-Benz"});
}

TEST_CASE("brands match whole words only") {
  CHECK(findBrandsInLine(line({"Applesauce"})).empty());
  CHECK(findBrandsInLine(line({"Pineapple"})).empty());
  CHECK(findBrandsInLine(line({"Sonyx"})).empty());
  CHECK(names(findBrandsInLine(line({"Apple's", "store"}))) == std::vector<std::string>{"Apple"});
  CHECK(names(findBrandsInLine(line({"Nike-branded", "shoes"}))) == std::vector<std::string>{"Nike"});
}

TEST_CASE("short names match only in their case; everyday words only capitalised") {
  CHECK(names(findBrandsInLine(line({"IBM", "mainframe"}))) == std::vector<std::string>{"IBM"});
  CHECK(findBrandsInLine(line({"ups", "and", "downs"})).empty());
  CHECK(findBrandsInLine(line({"an", "apple", "a", "day"})).empty());
  CHECK(names(findBrandsInLine(line({"Apple", "iPhone"}))) == std::vector<std::string>{"Apple"});
}

TEST_CASE("overlapping matches keep the longer name") {
  CHECK(names(findBrandsInLine(line({"Exxon", "Mobil"}))) == std::vector<std::string>{"ExxonMobil"});
}

TEST_CASE("a brand's rectangle covers its words; confidence from OCR") {
  const auto found = findBrandsInLine(line({"Drink", "Coca", "Cola", "now"}, 0.8));
  REQUIRE(found.size() == 1);
  // "Drink" 100..150, space, "Coca" 160..200, space, "Cola" 210..250.
  CHECK(found[0].x == 160);
  CHECK(found[0].w == 90);
  CHECK(found[0].y == 50);
  CHECK(found[0].h == 30);
  CHECK(found[0].confidence == Approx(0.8));
  // Part of a word: "Nike" in "Nike-branded" (12 chars, 120 px): the first 4 characters.
  const auto part = findBrandsInLine(line({"Nike-branded"}));
  REQUIRE(part.size() == 1);
  CHECK(part[0].x == 100);
  CHECK(part[0].w == 40);
}

TEST_CASE("brands over a read result, in reading order") {
  ReadResult read;
  read.blocks.push_back({{line({"Sony"}), line({"nothing", "here"})}});
  read.blocks.push_back({{line({"Samsung", "vs", "Apple"})}});
  CHECK(names(findBrands(read)) == std::vector<std::string>{"Sony", "Samsung", "Apple"});
}
