// Captions composed from synthetic detections: templates, languages,
// maxCandidates, confidences, and the property that no caption names an
// object no detector found.
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <regex>

#include "features/description/description.hpp"
#include "classifier_test_util.hpp"

namespace {

lv::ObjectSignal object(const std::string& name, double score) { return {name, score, {0.2, 0.2, 0.4, 0.4}, {}}; }

std::string top(const lv::Signals& s, lv::Language language = lv::Language::En) {
  const auto captions = lv::composeCaptions(s, language, 1);
  REQUIRE(captions.size() == 1);
  return captions[0].text;
}

lv::ColorResult bw() {
  lv::ColorResult c;
  c.isBWImg = true;
  c.dominantColors = {"Grey", "White"};
  return c;
}

}  // namespace

TEST_CASE("captions name what was detected") {
  lv::Signals s;
  s.objects = {object("cat", 0.6)};
  CHECK(top(s) == "a cat");
  s.objects = {object("person", 0.6), object("horse", 0.58)};
  CHECK(top(s) == "a person and a horse");
  s.objects = {object("person", 0.6), object("person", 0.6), object("person", 0.55)};
  CHECK(top(s) == "a group of people");
  s.objects = {object("dog", 0.6), object("dog", 0.6)};
  CHECK(top(s) == "two dogs");
  // Two the detector is unsure of may be two of a crowd: not counted aloud.
  s.objects = {object("person", 0.45), object("person", 0.41)};
  CHECK(top(s) == "a group of people");
  s.objects = {object("person", 0.45)};
  s.faces = {{0, {0.2, 0.2, 0.1, 0.1}}, {0, {0.5, 0.2, 0.1, 0.1}}};  // but faces are counted surely
  CHECK(top(s) == "two people");
}

TEST_CASE("captions: black and white photo, drawing, scene, faces, text") {
  lv::Signals s;
  s.objects = {object("person", 0.59)};
  s.color = bw();
  CHECK(top(s) == "a black and white photo of a person");
  s.color.reset();
  s.scene = lv::SceneEvidence{0.8, 0.9, 0, 0, 0.5};
  s.objects = {object("cat", 0.6)};
  CHECK(top(s) == "a cat on the grass");
  lv::Signals drawing;
  drawing.imageType = lv::ImageTypeResult{3, 0};
  drawing.objects = {object("horse", 0.6)};
  CHECK(top(drawing) == "a drawing of a horse");
  lv::Signals face;
  face.faces.push_back({0, {0.3, 0.2, 0.3, 0.4}});
  CHECK(top(face) == "a person");
  lv::Signals page;
  page.textLines = 12;
  page.textConfidence = 0.9;
  CHECK(top(page) == "a page of text");
  page.textLines = 1;
  page.textArea = 0.02;
  CHECK(top(page) == "a close up of text");
}

TEST_CASE("captions: nothing detected gives a cautious caption from image type and colour") {
  lv::Signals s;
  s.imageType = lv::ImageTypeResult{3, 0};
  lv::ColorResult c;
  c.dominantColors = {"Orange", "White"};
  s.color = c;
  const auto captions = lv::composeCaptions(s, lv::Language::En, 3);
  REQUIRE(captions.size() == 1);
  CHECK(captions[0].text == "an orange and white drawing");
  CHECK(captions[0].confidence < 0.4);
  lv::Signals gray;
  gray.color = bw();
  CHECK(top(gray) == "a black and white image");
  CHECK(lv::composeCaptions(lv::Signals{}, lv::Language::En, 1)[0].text == "an image");
}

TEST_CASE("captions: a landscape with nothing to name is captioned by its scene") {
  lv::Signals water;
  water.scene = lv::SceneEvidence{.sky = 0.9, .water = 0.9};
  const auto captions = lv::composeCaptions(water, lv::Language::En, 1);
  CHECK(captions[0].text == "a body of water");
  CHECK(captions[0].confidence < 0.7);  // below what a named subject gets
  CHECK(top(water, lv::Language::Es) == "una masa de agua");
  // Trees before the grass under them.
  lv::Signals forest;
  forest.scene = lv::SceneEvidence{.grass = 0.9, .foliage = 0.9};
  CHECK(top(forest) == "a group of trees");
  lv::Signals desert;
  desert.scene = lv::SceneEvidence{.sky = 1.0, .sand = 0.5};
  CHECK(top(desert) == "a sandy landscape");
  desert.color = bw();
  CHECK(top(desert) == "a black and white photo of a sandy landscape");
  // Something to name comes first; a drawing's blue and white are no sky.
  lv::Signals cow = desert;
  cow.color.reset();
  cow.objects = {object("cow", 0.6)};
  CHECK(top(cow) == "a cow");
  lv::Signals drawing;
  drawing.scene = lv::SceneEvidence{.sky = 1.0, .cloud = 1.0};
  drawing.imageType = lv::ImageTypeResult{3, 0};
  CHECK(top(drawing).find("cloud") == std::string::npos);
}

TEST_CASE("caption confidence falls with weak evidence") {
  lv::Signals strong, weak;
  strong.objects = {object("cat", 0.7)};
  weak.objects = {object("cat", 0.42)};
  CHECK(lv::composeCaptions(strong, lv::Language::En, 1)[0].confidence >
        lv::composeCaptions(weak, lv::Language::En, 1)[0].confidence);
  lv::Signals two;
  two.objects = {object("cat", 0.7), object("dog", 0.42)};
  CHECK(lv::composeCaptions(two, lv::Language::En, 1)[0].confidence <
        lv::composeCaptions(strong, lv::Language::En, 1)[0].confidence);
}

TEST_CASE("maxCandidates: distinct captions, best first") {
  lv::Signals s;
  s.objects = {object("person", 0.6), object("dog", 0.5)};
  s.color = bw();
  for (int n : {1, 2, 3, 5}) {
    const auto captions = lv::composeCaptions(s, lv::Language::En, n);
    CHECK(static_cast<int>(captions.size()) == n);
    for (std::size_t i = 1; i < captions.size(); ++i) {
      CHECK(captions[i - 1].confidence >= captions[i].confidence);
      CHECK(captions[i - 1].text != captions[i].text);
    }
  }
  lv::TagsResult tags;
  tags.signals = s;
  tags.values = lv::computeTags(s, lv::Language::En);
  const auto d = lv::describe(tags, lv::Language::En, 2);
  CHECK(d.captions.size() == 2);
  CHECK(d.tags.size() == tags.values.size());
}

TEST_CASE("captions in the five languages") {
  lv::Signals s;
  s.objects = {object("person", 0.6), object("horse", 0.6)};
  CHECK(top(s, lv::Language::Es) == "una persona y un caballo");
  CHECK(top(s, lv::Language::Pt) == "uma pessoa e um cavalo");
  CHECK(top(s, lv::Language::Ja) == "人と馬");
  CHECK(top(s, lv::Language::Zh) == "一个人和一匹马");
  lv::Signals people;
  people.objects = {object("person", 0.6), object("person", 0.6)};
  CHECK(top(people, lv::Language::Pt) == "duas pessoas");
  CHECK(top(people, lv::Language::Es) == "dos personas");
  CHECK(top(people, lv::Language::Zh) == "两个人");
  lv::Signals cats;
  cats.objects = {object("cat", 0.6), object("cat", 0.6)};
  CHECK(top(cats, lv::Language::Pt) == "dois gatos");
  CHECK(top(cats, lv::Language::Ja) == "2匹の猫");
  lv::Signals photo;
  photo.objects = {object("person", 0.6)};
  photo.color = bw();
  CHECK(top(photo, lv::Language::Es) == "una foto en blanco y negro de una persona");
  CHECK(top(photo, lv::Language::Pt) == "uma foto em preto e branco de uma pessoa");
  CHECK(top(photo, lv::Language::Ja) == "人の白黒写真");
  CHECK(top(photo, lv::Language::Zh) == "一个人的黑白照片");
}

TEST_CASE("property: no caption names an object that was not detected") {
  std::ifstream labelsFile(LV_MODELS_DIR "/labels/coco80.txt");
  std::vector<std::string> labels;
  for (std::string l; std::getline(labelsFile, l);)
    if (!l.empty()) labels.push_back(l);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> unit(0, 1);
  int checked = 0;
  for (int trial = 0; trial < 600; ++trial) {
    lv::Signals s;
    const int n = static_cast<int>(unit(rng) * 5);
    for (int i = 0; i < n; ++i)
      s.objects.push_back(object(labels[static_cast<std::size_t>(unit(rng) * labels.size())], 0.3 + 0.7 * unit(rng)));
    if (unit(rng) < 0.3) s.faces.push_back({0, {0.1, 0.1, 0.2, 0.2}});
    if (unit(rng) < 0.3) s.color = bw();
    if (unit(rng) < 0.3) s.scene = lv::SceneEvidence{unit(rng), unit(rng), unit(rng), 0, 0.5};
    for (const auto& caption : lv::composeCaptions(s, lv::Language::En, 5)) {
      ++checked;
      // Blank out the phrases of what was detected ("hot dog" holds "dog").
      std::string text = caption.text;
      for (const auto& o : s.objects) {
        const lv::Concept* c = lv::findConcept(o.name);
        std::string singular = c->en[0];
        singular = singular.substr(singular.find(' ') + 1);
        for (const std::string& noun : {std::string(c->en[1]), singular})
          text = std::regex_replace(text, std::regex("\\b" + noun + "\\b"), "_");
      }
      for (const auto& label : labels) {
        const lv::Concept* c = lv::findConcept(label);
        bool detected = std::string(c->key) == "person" && !s.faces.empty();
        for (const auto& o : s.objects) detected = detected || lv::findConcept(o.name) == c;
        if (detected) continue;
        // Its singular (without the article) and plural, as whole words.
        std::string singular = c->en[0];
        singular = singular.substr(singular.find(' ') + 1);
        for (const std::string& noun : {singular, std::string(c->en[1])}) {
          INFO("trial " << trial << ": '" << caption.text << "' names undetected " << label);
          CHECK_FALSE(std::regex_search(text, std::regex("\\b" + noun + "\\b")));
        }
      }
    }
  }
  CHECK(checked > 600);
}

TEST_CASE("captions: the classifier's most specific concept, and where it is") {
  SECTION("a breed refines a detected dog") {
    lv::Signals s;
    s.objects.push_back({"dog", 0.6, {0.1, 0.1, 0.8, 0.8}, {}});
    s.classification = lvtest::classification({{"n02106662", 0.95}});
    CHECK(lv::composeCaptions(s, lv::Language::En, 1).front().text == "a German shepherd");
  }
  SECTION("an insect on a flower: the place from the classifier's other concepts") {
    // One softmax cannot be sure of a bee and of a flower at once: the
    // subject is the broad insect (bee and ant, 0.4 together), the place the
    // flowers (daisy and lady's slipper, 0.6).
    lv::Signals s;
    s.classification = lvtest::classification({{"n02206856", 0.2}, {"n02219486", 0.2}, {"n11939491", 0.3}, {"n12057211", 0.3}});
    CHECK(lv::composeCaptions(s, lv::Language::En, 1).front().text == "an insect on a flower");
    CHECK(lv::composeCaptions(s, lv::Language::Es, 1).front().text == "un insecto sobre una flor");
  }
  SECTION("a detection that fills the image keeps the classifier from naming something else") {
    lv::Signals s;
    s.objects.push_back({"person", 0.7, {0.0, 0.0, 0.8, 0.9}, {}});
    s.classification = lvtest::classification({{"n02860847", 0.8}});  // bobsled
    CHECK(lv::composeCaptions(s, lv::Language::En, 1).front().text == "a person");
  }
}

TEST_CASE("a page of text stays a page: the classifier's non-text classes give way") {
  lv::Signals page;
  page.textLines = 7;
  page.textConfidence = 0.95;
  page.textArea = 0.3;
  page.classification = lvtest::classification({{"n02892201", 0.9}});  // brass, memorial tablet
  CHECK(lv::composeCaptions(page, lv::Language::En, 1).front().text == "a page of text");
  for (const auto& t : lv::computeTags(page, lv::Language::En)) CHECK(t.term != "brass");
  // A menu is a text class: it keeps its weight on a page.
  page.classification = lvtest::classification({{"n07565083", 0.9}});  // menu
  bool menu = false;
  for (const auto& t : lv::computeTags(page, lv::Language::En)) menu = menu || t.term == "menu";
  CHECK(menu);
}

TEST_CASE("description.tags: words only, each once") {
  lv::TagsResult tags;
  tags.values = {{"orange", "orange", 0.84, ""}, {"lemon", "lemon", 0.68, ""}, {"orange (color)", "orange", 0.6, "color"}};
  CHECK(lv::describe(tags, lv::Language::En, 1).tags == std::vector<std::string>{"orange", "lemon"});
}
