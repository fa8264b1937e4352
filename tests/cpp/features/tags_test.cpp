// Tags from synthetic signals, the scene detectors on synthetic and sample
// images (the dependency mechanism: tests/cpp/pipeline/dependencies_test.cpp).
#include <catch2/catch.hpp>
#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "features/tags/calibration.hpp"
#include "features/tags/scene.hpp"
#include "features/tags/tags.hpp"
#include "features/tags/tags_feature.hpp"
#include "features/tags/vocabulary.hpp"
#include "classifier_test_util.hpp"
#include "sample_images.hpp"

namespace {

lv::ObjectSignal object(const std::string& name, double score, lv::UnitBox box = {0.2, 0.2, 0.5, 0.5}) {
  return {name, score, box, {}};
}

std::map<std::string, double> tagMap(const lv::Signals& s, lv::Language language = lv::Language::En) {
  std::map<std::string, double> out;
  for (const auto& t : lv::computeTags(s, language)) out[t.name] = t.confidence;
  return out;
}

bool isAncestorOrSelf(const std::string& candidate, const std::string& detected) {
  for (const lv::Concept* c = lv::findConcept(detected); c; c = c->parent ? lv::findConcept(c->parent) : nullptr)
    if (candidate == c->key) return true;
  return false;
}

}  // namespace

TEST_CASE("tags: each signal becomes its tag") {
  SECTION("an object and its parents") {
    lv::Signals s;
    s.objects.push_back(object("cat", 0.477));
    const auto tags = tagMap(s);
    REQUIRE(tags.count("cat"));
    CHECK(tags.at("cat") == Approx(lv::calibratedObjectConfidence(0.477)));
    CHECK(tags.count("mammal"));
    CHECK(tags.count("animal"));
    CHECK_FALSE(tags.count("dog"));
  }
  SECTION("parents as the objects feature reported them") {
    lv::Signals s;
    lv::ObjectSignal car = object("car", 0.6);
    car.parents = {"land vehicle", "vehicle"};
    s.objects.push_back(car);
    const auto tags = tagMap(s);
    CHECK(tags.count("car"));
    CHECK(tags.count("land vehicle"));
    CHECK(tags.count("vehicle"));
  }
  SECTION("faces: human face and person") {
    lv::Signals s;
    s.faces.push_back({0, {0.4, 0.2, 0.2, 0.2}});
    const auto tags = tagMap(s);
    CHECK(tags.count("human face"));
    CHECK(tags.count("person"));
  }
  SECTION("text from read lines") {
    lv::Signals s;
    s.textLines = 4;
    s.textConfidence = 0.9;
    CHECK(tagMap(s).count("text"));
  }
  SECTION("image type: clip art, line drawing") {
    lv::Signals s;
    s.imageType = lv::ImageTypeResult{3, 1};
    const auto tags = tagMap(s);
    CHECK(tags.count("clipart"));
    CHECK(tags.count("line art"));
    CHECK(tags.count("drawing"));
  }
  SECTION("colour: black and white") {
    lv::Signals s;
    lv::ColorResult c;
    c.isBWImg = true;
    s.color = c;
    CHECK(tagMap(s).count("black and white"));
  }
  SECTION("the adult model's Drawing class: drawing, cartoon, where imageType agrees") {
    lv::Signals s;
    s.imageType = lv::ImageTypeResult{2, 0};
    s.nsfw = lv::NsfwScores{0.9, 0.0, 0.1, 0.0, 0.0};
    auto tags = tagMap(s);
    CHECK(tags.count("drawing"));
    CHECK(tags.count("cartoon"));
    s.nsfw = lv::NsfwScores{0.1, 0.0, 0.9, 0.0, 0.0};
    CHECK_FALSE(tagMap(s).count("drawing"));
    // On a photograph the class alone is not trusted (it said 0.96 for motorcycle_left.png).
    lv::Signals photo;
    photo.imageType = lv::ImageTypeResult{0, 0};
    photo.nsfw = lv::NsfwScores{0.96, 0.0, 0.04, 0.0, 0.0};
    CHECK(tagMap(photo).empty());
  }
  SECTION("scenes on photographs: sky, grass, outdoor; none on clip art") {
    lv::Signals s;
    s.scene = lv::SceneEvidence{1.0, 0.8, 0, 0, 0.5};
    auto tags = tagMap(s);
    CHECK(tags.count("sky"));
    CHECK(tags.count("grass"));
    CHECK(tags.count("outdoor"));
    CHECK_FALSE(tags.count("indoor"));
    s.imageType = lv::ImageTypeResult{3, 0};
    tags = tagMap(s);
    CHECK_FALSE(tags.count("sky"));
    CHECK_FALSE(tags.count("outdoor"));
  }
  SECTION("indoor only with a confident indoor object and no outdoor scene") {
    lv::Signals s;
    s.scene = lv::SceneEvidence{};
    s.objects.push_back(object("couch", 0.6));
    CHECK(tagMap(s).count("indoor"));
    s.objects[0].confidence = 0.36;
    CHECK_FALSE(tagMap(s).count("indoor"));
    lv::Signals none;
    none.scene = lv::SceneEvidence{};
    CHECK(tagMap(none).empty());
  }
}

TEST_CASE("tags: sorted by confidence, more instances raise it, weak ones are dropped") {
  lv::Signals s;
  s.objects = {object("dog", 0.45), object("dog", 0.45), object("cup", 0.7), object("kite", 0.2)};
  const auto tags = lv::computeTags(s, lv::Language::En);
  for (std::size_t i = 1; i < tags.size(); ++i) CHECK(tags[i - 1].confidence >= tags[i].confidence);
  const auto m = tagMap(s);
  CHECK(m.at("dog") > lv::calibratedObjectConfidence(0.45));
  CHECK_FALSE(m.count("kite"));  // calibrated under the 0.5 floor
  for (const auto& t : tags) CHECK(t.confidence >= lv::kMinTagConfidence);
}

TEST_CASE("tags in the five languages") {
  lv::Signals s;
  s.objects.push_back(object("cat", 0.6));
  s.objects.push_back(object("person", 0.6));
  CHECK(tagMap(s, lv::Language::Es).count("gato"));
  CHECK(tagMap(s, lv::Language::Es).count("persona"));
  CHECK(tagMap(s, lv::Language::Pt).count("gato"));
  CHECK(tagMap(s, lv::Language::Pt).count("pessoa"));
  CHECK(tagMap(s, lv::Language::Ja).count("猫"));
  CHECK(tagMap(s, lv::Language::Ja).count("動物"));
  CHECK(tagMap(s, lv::Language::Zh).count("猫"));
  CHECK(tagMap(s, lv::Language::Zh).count("动物"));
  CHECK(lv::languageFromCode("PT") == lv::Language::Pt);
  // Every COCO-80 label and every tag term has a name in every language.
  std::ifstream labels(LV_MODELS_DIR "/labels/coco80.txt");
  std::string label;
  int count = 0;
  while (std::getline(labels, label)) {
    if (label.empty()) continue;
    ++count;
    const lv::Concept* c = lv::findConcept(label);
    INFO(label);
    REQUIRE(c);
    for (int l = 0; l < lv::kLanguageCount; ++l) CHECK_FALSE(lv::conceptName(*c, static_cast<lv::Language>(l)).empty());
    CHECK(c->en[0]);
    CHECK(c->es[0]);
    CHECK(c->pt[0]);
    CHECK(c->jaCounter);
    CHECK(c->zhClassifier);
  }
  CHECK(count == 80);
}

TEST_CASE("animal kinds: the COCO animals and their parents, not animal itself nor people") {
  for (const char* name : {"giraffe", "bird", "sheep", "mammal", "dog"}) {
    INFO(name);
    CHECK(lv::isAnimalKind(lv::findConcept(name)));
  }
  for (const char* name : {"animal", "person", "car", "teddy bear"}) {
    INFO(name);
    CHECK_FALSE(lv::isAnimalKind(lv::findConcept(name)));
  }
  CHECK_FALSE(lv::isAnimalKind(nullptr));
}

TEST_CASE("property: no tag names an object that was not detected") {
  std::ifstream labelsFile(LV_MODELS_DIR "/labels/coco80.txt");
  std::vector<std::string> labels;
  for (std::string l; std::getline(labelsFile, l);)
    if (!l.empty()) labels.push_back(l);
  std::set<std::string> objectTerms;  // every label and every parent
  for (const auto& l : labels)
    for (const lv::Concept* c = lv::findConcept(l); c; c = c->parent ? lv::findConcept(c->parent) : nullptr)
      objectTerms.insert(c->key);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int trial = 0; trial < 500; ++trial) {
    lv::Signals s;
    const int n = static_cast<int>(unit(rng) * 6);
    for (int i = 0; i < n; ++i)
      s.objects.push_back(object(labels[static_cast<std::size_t>(unit(rng) * labels.size())], 0.3 + 0.7 * unit(rng)));
    if (unit(rng) < 0.3) s.scene = lv::SceneEvidence{.sky = unit(rng), .grass = unit(rng), .water = unit(rng)};
    for (const auto& t : lv::computeTags(s, lv::Language::En)) {
      if (!objectTerms.count(t.term)) continue;
      bool found = false;
      for (const auto& o : s.objects) found = found || isAncestorOrSelf(t.term, o.name);
      INFO("trial " << trial << " tag " << t.term);
      CHECK(found);
    }
  }
}

TEST_CASE("scene detectors: synthetic sky and grass, flat colours and pages are no scene") {
  // A blue sky (vertical gradient) over textured grass.
  lv::Image landscape(200, 150);
  std::mt19937 rng(3);
  for (int y = 0; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = landscape.pixel(x, y);
      if (y < 70) {
        p[0] = static_cast<std::uint8_t>(90 + y / 3), p[1] = static_cast<std::uint8_t>(150 + y / 4), p[2] = 235;
      } else {
        const int n = static_cast<int>(rng() % 60);
        p[0] = static_cast<std::uint8_t>(40 + n / 3), p[1] = static_cast<std::uint8_t>(110 + n), p[2] = static_cast<std::uint8_t>(30 + n / 4);
      }
    }
  const lv::SceneEvidence scene = lv::analyzeScene(landscape);
  CHECK(scene.sky > 0.5);
  CHECK(scene.grass > 0.5);
  CHECK(scene.snow == 0);

  // The sea under the sky: darker, rippled blue below.
  lv::Image sea = landscape;
  for (int y = 70; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = sea.pixel(x, y);
      const int n = static_cast<int>(rng() % 16);
      p[0] = static_cast<std::uint8_t>(20 + n), p[1] = static_cast<std::uint8_t>(60 + n), p[2] = static_cast<std::uint8_t>(130 + n);
    }
  const lv::SceneEvidence seaScene = lv::analyzeScene(sea);
  CHECK(seaScene.sky > 0.5);
  CHECK(seaScene.water > 0.5);
  CHECK(seaScene.grass == 0);
  // Blue from top to bottom: sky as far as pixels can tell, not water.
  lv::Image allSky(200, 150);
  for (int y = 0; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = allSky.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(80 + y / 4), p[1] = static_cast<std::uint8_t>(140 + y / 5), p[2] = 230;
    }
  CHECK(lv::analyzeScene(allSky).water == 0);

  // A sunset: an orange glow beside the blue of the sky in the top third;
  // the same orange with no blue (a backdrop, a wall) is none.
  lv::Image dusk = landscape;
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = dusk.pixel(x, y);
      p[0] = 240, p[1] = static_cast<std::uint8_t>(120 + (x + y) % 20), p[2] = 40;
    }
  CHECK(lv::analyzeScene(dusk).sunset > 0.5);
  lv::Image backdrop = dusk;
  for (int y = 30; y < 70; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = backdrop.pixel(x, y);
      p[0] = 200, p[1] = 170, p[2] = 120;
    }
  CHECK(lv::analyzeScene(backdrop).sunset == 0);

  const lv::SceneEvidence white = lv::analyzeScene(lv::test::solidImage(200, 150, 250, 250, 250));
  CHECK(white.sky == 0);
  CHECK(white.snow == 0);
  CHECK(white.water == 0);
  const lv::SceneEvidence green = lv::analyzeScene(lv::test::solidImage(200, 150, 30, 160, 40));
  CHECK(green.grass == 0);  // flat: a painted area, not grass
  const lv::SceneEvidence dark = lv::analyzeScene(lv::test::solidImage(200, 150, 5, 5, 5));
  CHECK(dark.meanLuma < 0.05);
}

TEST_CASE("scene detectors: lights at night are points, a lit subject is not; sand fills the ground under a sky") {
  // The same dark frame and the same share of bright pixels (about 4%):
  // scattered 2x2 lights, then one solid white block.
  lv::Image lights = lv::test::solidImage(200, 150, 10, 10, 25);
  for (int i = 0; i < 300; ++i) {
    const int x = (i * 37) % 196, y = (i * 53) % 146;
    for (int dy = 0; dy < 2; ++dy)
      for (int dx = 0; dx < 2; ++dx) std::fill_n(lights.pixel(x + dx, y + dy), 3, std::uint8_t{250});
  }
  CHECK(lv::analyzeScene(lights).nightLights > 0.5);
  lv::Image subject = lv::test::solidImage(200, 150, 10, 10, 25);
  for (int y = 50; y < 80; ++y)
    for (int x = 80; x < 120; ++x) std::fill_n(subject.pixel(x, y), 3, std::uint8_t{250});
  CHECK(lv::analyzeScene(subject).nightLights == 0);

  // Beige ground to the edges under a blue sky; half of it green is no desert.
  lv::Image desert(200, 150);
  std::mt19937 rng(5);
  for (int y = 0; y < 150; ++y)
    for (int x = 0; x < 200; ++x) {
      auto* p = desert.pixel(x, y);
      const int n = static_cast<int>(rng() % 12);
      if (y < 70) p[0] = static_cast<std::uint8_t>(90 + y / 3), p[1] = static_cast<std::uint8_t>(150 + y / 4), p[2] = 235;
      else p[0] = static_cast<std::uint8_t>(215 + n), p[1] = static_cast<std::uint8_t>(180 + n), p[2] = static_cast<std::uint8_t>(125 + n);
    }
  CHECK(lv::analyzeScene(desert).sand > 0.5);
  for (int y = 70; y < 150; ++y)
    for (int x = 0; x < 100; ++x) {
      auto* p = desert.pixel(x, y);
      p[0] = 60, p[1] = static_cast<std::uint8_t>(120 + (x * y) % 50), p[2] = 40;
    }
  CHECK(lv::analyzeScene(desert).sand == 0);
}

TEST_CASE("scene detectors on the sample images find no grass, water, snow or sand") {
  for (const char* name : {"chelsea.png", "camera.png", "coffee.png", "astronaut.png", "motorcycle_left.png", "rocket.jpg",
                           "page.png", "text.png", "logo.png", "horse.png"}) {
    const lv::Image image = lv::test::loadSample(name);
    if (image.width == 0) continue;
    const lv::SceneEvidence s = lv::analyzeScene(image);
    INFO(name << " sky " << s.sky << " grass " << s.grass << " water " << s.water << " snow " << s.snow << " sand " << s.sand);
    CHECK(s.grass == 0);
    CHECK(s.water == 0);
    CHECK(s.snow == 0);
    CHECK(s.sand == 0);
  }
}

TEST_CASE("tags: the classifier's concepts, with detections arbitrating") {
  SECTION("a breed gives the breed, dog, mammal and animal") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n02099601", 0.9}, {"n02106662", 0.05}});
    const auto tags = tagMap(s);
    CHECK(tags.count("golden retriever"));
    CHECK(tags.at("dog") == Approx(lv::calibratedClassifierConfidence(0.95)));
    CHECK(tags.count("mammal"));
    CHECK(tags.count("animal"));
  }
  SECTION("a confident detection of another animal discounts the classifier's species") {
    lv::Signals s;
    s.objects.push_back(object("giraffe", 0.81, {0.1, 0.1, 0.5, 0.5}));
    s.classification = lvtest::classification({{"n02130308", 0.85}});  // cheetah
    const auto tags = tagMap(s);
    CHECK(tags.count("giraffe"));
    CHECK(tags.count("animal"));
    CHECK_FALSE(tags.count("cheetah"));
  }
  SECTION("small detections the sure classifier does not see are discounted") {
    lv::Signals s;
    for (double x : {0.1, 0.3, 0.5, 0.7}) s.objects.push_back(object("umbrella", 0.45, {x, 0.4, 0.2, 0.2}));
    CHECK(tagMap(s).count("umbrella"));
    s.classification = lvtest::classification({{"n07749582", 0.75}});  // lemon
    const auto tags = tagMap(s);
    CHECK_FALSE(tags.count("umbrella"));
    CHECK(tags.count("lemon"));
    // People are not the classifier's to judge: ImageNet has no person class.
    lv::Signals person;
    person.objects.push_back(object("person", 0.8, {0.1, 0.1, 0.8, 0.8}));
    person.classification = lvtest::classification({{"n07749582", 0.9}});
    CHECK(tagMap(person).count("person"));
  }
  SECTION("a portrait keeps the place around the person: a staircase") {
    lv::Signals s;
    s.objects.push_back(object("person", 0.8, {0.1, 0.0, 0.7, 0.9}));
    s.classification = lvtest::classification({{"n02788148", 0.7}, {"n02860847", 0.3}});  // bannister, bobsled
    const auto tags = tagMap(s);
    CHECK(tags.count("stairs"));
    CHECK_FALSE(tags.count("bobsled"));
  }
  SECTION("one class's name is as sure as its probability, and named only from 0.65; the broad words above it more") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n01847000", 0.7}, {"n01855032", 0.3}});  // drake, red-breasted merganser
    auto tags = tagMap(s);
    CHECK(tags.at("drake") == Approx(0.7));
    CHECK(tags.at("duck") == Approx(lv::calibratedClassifierConfidence(1.0)));
    CHECK(tags.at("bird") == Approx(lv::calibratedClassifierConfidence(1.0)));
    s.classification = lvtest::classification({{"n01847000", 0.4}, {"n01855032", 0.6}});
    tags = tagMap(s);
    CHECK_FALSE(tags.count("drake"));
    CHECK_FALSE(tags.count("red-breasted merganser"));  // 0.6: such names were right half the time
    CHECK(tags.count("duck"));
  }
  SECTION("a thing says indoor only where it would be named; a place says it at any share") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n03854065", 0.35}, {"n02788148", 0.35}});  // organ, bannister
    CHECK_FALSE(tagMap(s).count("indoor"));
    s.classification = lvtest::classification({{"n03854065", 0.8}});  // organ
    CHECK(tagMap(s).count("indoor"));
    s.classification = lvtest::classification({{"n04296562", 0.35}, {"n03661043", 0.1}});  // stage, library: places
    CHECK(tagMap(s).count("indoor"));
  }
  SECTION("ImageNet's goose says waterfowl, not goose: it has no class for white domestic ducks, which score goose") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n01855672", 0.9}});  // goose
    const auto tags = tagMap(s);
    CHECK_FALSE(tags.count("goose"));
    CHECK(tags.count("waterfowl"));
  }
  SECTION("wild birds and hoofed mammals are outdoors; parrots need not be") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n01855672", 0.9}});  // goose
    CHECK(tagMap(s).count("outdoor"));
    s.classification = lvtest::classification({{"n01818515", 0.9}});  // macaw
    const auto tags = tagMap(s);
    CHECK(tags.count("bird"));
    CHECK_FALSE(tags.count("outdoor"));
  }
  SECTION("a portrait: of the classifier's classes only what people wear stays") {
    lv::Signals s;
    s.objects.push_back(object("person", 0.8, {0.1, 0.0, 0.7, 0.9}));
    s.classification = lvtest::classification({{"n02860847", 0.3}, {"n03763968", 0.7}});  // bobsled, military uniform
    const auto tags = tagMap(s);
    CHECK_FALSE(tags.count("bobsled"));
    CHECK(tags.count("military uniform"));
    CHECK(tags.count("person"));
  }
  SECTION("an ambiguous word carries Azure's hint") {
    lv::Signals s;
    s.classification = lvtest::classification({{"n03126707", 0.9}});  // crane, the lifting device
    bool hinted = false;
    for (const auto& t : lv::computeTags(s, lv::Language::En)) hinted = hinted || (t.name == "crane" && !t.hint.empty());
    CHECK(hinted);
  }
  SECTION("colours: the chromatic dominant colours, first likeliest") {
    lv::Signals s;
    s.color = lv::ColorResult{"Blue", "Black", {"Black", "Blue", "Yellow"}, "0000FF", false};
    const auto tags = tagMap(s);
    CHECK(tags.count("blue"));
    CHECK_FALSE(tags.count("black"));
    CHECK(tags.at("blue") > tags.at("yellow"));
  }
}

TEST_CASE("a face inside a detected animal and no detected person is the animal's, not a person") {
  lv::JobState state;
  state.decoded.image = lv::Image(400, 300);
  state.results.objects = std::vector<lv::DetectedObject>{{{100, 100, 120, 100}, "bird", 0.7, {"animal"}}};
  state.results.faces = std::vector<lv::FaceRectangle>{{150, 120, 30, 30}};
  CHECK(lv::gatherSignals(state).faces.empty());
  // A person holding the hen: the face is theirs.
  state.results.objects->push_back({{90, 20, 200, 280}, "person", 0.8, {}});
  CHECK(lv::gatherSignals(state).faces.size() == 1);
  // A face away from the animal stays.
  state.results.objects->pop_back();
  state.results.faces = std::vector<lv::FaceRectangle>{{300, 20, 30, 30}};
  CHECK(lv::gatherSignals(state).faces.size() == 1);
}
