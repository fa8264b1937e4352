// Categories of the 86-category taxonomy from synthetic signals.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "features/categories/categories.hpp"

namespace {

lv::ObjectSignal object(const std::string& name, double score, lv::UnitBox box = {0.2, 0.2, 0.4, 0.4}) {
  return {name, score, box, {}};
}

std::map<std::string, double> categories(const lv::Signals& s) {
  lv::TagsResult tags;
  tags.signals = s;
  tags.values = lv::computeTags(s, lv::Language::En);
  std::map<std::string, double> out;
  for (const auto& c : lv::categorize(tags)) out[c.name] = c.score;
  return out;
}

}  // namespace

TEST_CASE("the taxonomy has Azure's 86 names") {
  const auto& names = lv::categoryTaxonomy();
  CHECK(names.size() == 86);
  CHECK(std::set<std::string>(names.begin(), names.end()).size() == 86);
}

TEST_CASE("categories from objects, people, text and scenes") {
  lv::Signals cat;
  cat.objects = {object("cat", 0.477)};
  auto c = categories(cat);
  REQUIRE(c.count("animal_cat"));
  CHECK(c.size() == 1);

  lv::Signals portrait;
  portrait.faces.push_back({0, {0.3, 0.2, 0.3, 0.3}});
  CHECK(categories(portrait).count("people_portrait"));
  lv::Signals small;
  small.objects = {object("person", 0.6, {0.45, 0.45, 0.1, 0.2})};
  CHECK(categories(small).count("people_"));
  lv::Signals group;
  group.objects = {object("person", 0.6), object("person", 0.6), object("person", 0.55)};
  CHECK(categories(group).count("people_group"));
  lv::Signals many;
  for (int i = 0; i < 7; ++i) many.objects.push_back(object("person", 0.6));
  CHECK(categories(many).count("people_many"));

  lv::Signals page;
  page.textLines = 10;
  page.textConfidence = 0.9;
  page.textArea = 0.3;
  CHECK(categories(page).count("text_"));

  lv::Signals field;
  field.scene = lv::SceneEvidence{0.9, 0.9, 0, 0, 0.5};
  CHECK(categories(field).count("outdoor_grass"));

  lv::Signals car;
  car.objects = {object("car", 0.7), object("pizza", 0.6), object("tv", 0.6)};
  c = categories(car);
  CHECK(c.count("trans_car"));
  CHECK(c.count("food_pizza"));
  CHECK(c.count("object_screen"));

  lv::Signals drawing;
  drawing.imageType = lv::ImageTypeResult{3, 1};
  CHECK(categories(drawing).count("abstract_nonphoto"));

  CHECK(categories(lv::Signals{}).empty());
}

TEST_CASE("property: every category is in the taxonomy and backed by a detection") {
  const auto& names = lv::categoryTaxonomy();
  const std::set<std::string> taxonomy(names.begin(), names.end());
  std::ifstream labelsFile(LV_MODELS_DIR "/labels/coco80.txt");
  std::vector<std::string> labels;
  for (std::string l; std::getline(labelsFile, l);)
    if (!l.empty()) labels.push_back(l);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int trial = 0; trial < 500; ++trial) {
    lv::Signals s;
    const int n = static_cast<int>(unit(rng) * 5);
    for (int i = 0; i < n; ++i)
      s.objects.push_back(object(labels[static_cast<std::size_t>(unit(rng) * labels.size())], 0.3 + 0.7 * unit(rng)));
    auto has = [&](const char* name) {
      for (const auto& o : s.objects)
        if (o.name == name) return true;
      return false;
    };
    for (const auto& [name, score] : categories(s)) {
      INFO("trial " << trial << " " << name);
      CHECK(taxonomy.count(name));
      CHECK(score >= lv::kMinCategoryScore);
      if (name == "animal_cat") CHECK(has("cat"));
      if (name == "animal_dog") CHECK(has("dog"));
      if (name.rfind("people_", 0) == 0) CHECK(has("person"));
      if (name == "trans_car") CHECK((has("car") || has("truck")));
    }
  }
}
