// The ImageNet classifier's outputs as concepts: softmax, masses under
// WordNet concepts, kinds, categories; and the vocabulary behind them.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "features/categories/categories.hpp"
#include "features/classification/classification.hpp"
#include "features/classification/classification_feature.hpp"
#include "classifier_test_util.hpp"

namespace {

std::vector<std::string> imagenetLabels() {
  std::ifstream file(LV_MODELS_DIR "/labels/imagenet1k.txt");
  std::vector<std::string> labels;
  for (std::string line; std::getline(file, line);)
    if (!line.empty()) labels.push_back(line);
  return labels;
}

using lvtest::classification;

double massOf(const std::vector<lv::ConceptMass>& masses, const std::string& key) {
  for (const auto& m : masses)
    if (m.term->key == key) return m.mass;
  return 0;
}

const std::string kGoldenRetriever = "n02099601", kGermanShepherd = "n02106662", kTabby = "n02123045",
                  kAlp = "n09193705", kCheetah = "n02130308", kCraneBird = "n02012849", kCraneDevice = "n03126707";

}  // namespace

TEST_CASE("vocabulary: every class of the labels file, every word in five languages") {
  const auto labels = imagenetLabels();
  REQUIRE(labels.size() == 1000);
  const auto classes = lv::imageNetClassesOf(labels);
  for (std::size_t i = 0; i < classes.size(); ++i) {
    INFO(labels[i]);
    REQUIRE(classes[i]);
    const auto& concepts = lv::classConcepts(*classes[i]);
    // Every '|'-separated word of the class resolves to a concept, its own
    // first; any after those is the hand-written parent of an earlier one.
    const std::string tags = classes[i]->tags;
    const auto words = static_cast<std::size_t>(std::count(tags.begin(), tags.end(), '|') + 1);
    REQUIRE(concepts.size() >= words);
    for (std::size_t k = words; k < concepts.size(); ++k)
      CHECK(std::any_of(concepts.begin(), concepts.begin() + k,
                        [&](const lv::Concept* c) { return c->parent && lv::findConcept(c->parent) == concepts[k]; }));
    CHECK(concepts.front() == lv::findConcept(classes[i]->term));
    if (classes[i]->category) {
      const auto& taxonomy = lv::categoryTaxonomy();
      CHECK(std::find(taxonomy.begin(), taxonomy.end(), classes[i]->category) != taxonomy.end());
    }
  }
  // Every word a tag can carry has a name in each language (tags.hpp: untranslatable words are dropped).
  for (const lv::Concept* c : lv::allConcepts())
    for (int l = 0; l < lv::kLanguageCount; ++l) {
      INFO(c->key << " language " << l);
      CHECK(c->names[l] != nullptr);
      CHECK(std::string(c->names[l] ? c->names[l] : "").size() > 0);
    }
}

TEST_CASE("vocabulary: WordNet's chain and the curated words") {
  const auto& retriever = lv::classConcepts(*lv::findImageNetClass(kGoldenRetriever));
  std::set<std::string> words;
  for (const auto* c : retriever) words.insert(c->key);
  CHECK(words == std::set<std::string>{"golden retriever", "dog", "mammal", "animal"});
  // Scene words: an alp is a mountain outdoors.
  std::set<std::string> alp;
  for (const auto* c : lv::classConcepts(*lv::findImageNetClass(kAlp))) alp.insert(c->key);
  CHECK(alp.count("mountain"));
  CHECK(alp.count("outdoor"));
  CHECK(std::string(lv::findImageNetClass(kAlp)->category) == "outdoor_mountain");
  // Two senses of one word: the same name, told apart by Azure's hint.
  const lv::Concept* bird = lv::classConcepts(*lv::findImageNetClass(kCraneBird)).front();
  const lv::Concept* device = lv::classConcepts(*lv::findImageNetClass(kCraneDevice)).front();
  CHECK(bird != device);
  CHECK(std::string(bird->names[0]) == "crane");
  CHECK(std::string(device->names[0]) == "crane");
  CHECK((bird->hint != nullptr || device->hint != nullptr));
}

TEST_CASE("classify: softmax over the labels, bad outputs refused") {
  const auto classes = lv::imageNetClassesOf(imagenetLabels());
  std::vector<float> logits(1000, 0.0f);
  logits[207] = 8;  // golden retriever
  const lv::Classification c = lv::classify(logits, classes);
  double sum = 0;
  for (const auto& p : c.classes) sum += p.probability;
  CHECK(sum == Approx(1.0));
  CHECK(c.classes[207].probability > 0.7);
  CHECK(std::string(c.classes[207].imageNetClass->wnid) == kGoldenRetriever);
  CHECK_THROWS_AS(lv::classify(std::vector<float>(999, 0.0f), classes), lv::AnalysisError);
  CHECK_THROWS_AS(lv::imageNetClassesOf({"cat", "dog"}), lv::AnalysisError);
}

TEST_CASE("concept masses: a concept holds the probability of every class under it") {
  const auto c = classification({{kGoldenRetriever, 0.3}, {kGermanShepherd, 0.4}, {kTabby, 0.2}});
  const auto masses = lv::conceptMasses(c);
  CHECK(massOf(masses, "dog") == Approx(0.7));
  CHECK(massOf(masses, "german shepherd") == Approx(0.4));
  CHECK(massOf(masses, "mammal") == Approx(0.9));
  CHECK(massOf(masses, "cat") == Approx(0.2));
  for (std::size_t i = 1; i < masses.size(); ++i) CHECK(masses[i - 1].mass >= masses[i].mass);
  // A weight discounts a class: dogs halved.
  const auto weighted = lv::conceptMasses(c, [](const lv::ImageNetClass& k) {
    const auto& concepts = lv::classConcepts(k);
    return std::find(concepts.begin(), concepts.end(), lv::findConcept("dog")) != concepts.end() ? 0.5 : 1.0;
  });
  CHECK(massOf(weighted, "dog") == Approx(0.35));
  CHECK(massOf(weighted, "cat") == Approx(0.2));
}

TEST_CASE("kinds and categories follow the classes") {
  CHECK(lv::isKindOf(lv::findConcept("german shepherd"), lv::findConcept("dog")));
  CHECK(lv::isKindOf(lv::findConcept("german shepherd"), lv::findConcept("animal")));
  CHECK_FALSE(lv::isKindOf(lv::findConcept("dog"), lv::findConcept("german shepherd")));
  CHECK_FALSE(lv::isKindOf(lv::findConcept("cheetah"), lv::findConcept("dog")));
  const auto categories = lv::categoryMasses(classification({{kGoldenRetriever, 0.6}, {kAlp, 0.3}, {kCheetah, 0.1}}));
  REQUIRE(categories.size() >= 2);
  CHECK(categories[0].first == "animal_dog");
  CHECK(categories[0].second == Approx(0.6));
  CHECK(categories[1].first == "outdoor_mountain");
  // A thing's category (an organ: indoor_) counts only where it would be named.
  const auto indoor = [&](double organ) {
    double mass = 0;
    for (const auto& [category, m] : lv::categoryMasses(classification({{"n03854065", organ}, {kAlp, 1 - organ}})))
      if (category == "indoor_") mass = m;
    return mass;
  };
  CHECK(indoor(0.3) == 0);
  CHECK(indoor(0.8) == Approx(0.8));
}

TEST_CASE("classification views: the whole image, and squares of a long one") {
  CHECK(lv::classificationViews(500, 500).size() == 1);
  CHECK(lv::classificationViews(560, 500).size() == 1);
  const auto wide = lv::classificationViews(900, 300);
  REQUIRE(wide.size() == 4);
  CHECK((wide[0].w == 900 && wide[0].h == 300));
  for (std::size_t i = 1; i < wide.size(); ++i) CHECK((wide[i].w == 300 && wide[i].h == 300));
  CHECK(wide[1].x == 300);
  CHECK(wide[3].x == 600);
  const auto averagedViews = lv::averaged({classification({{kTabby, 1.0}}), classification({{kAlp, 1.0}})});
  CHECK(averagedViews.classes[281].probability == Approx(0.5));
}
