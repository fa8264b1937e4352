// objects and people: the shared detection run, mapping through the
// letterbox, threshold, class-wise NMS, Azure names and parents, JSON. The
// model outputs are synthetic (this is about our post-processing); the
// model cards and labels are the real ones from models/.
#include <catch2/catch.hpp>

#include "classifier_test_util.hpp"
#include "test_models.hpp"
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "features/objects/animal_recheck.hpp"
#include "features/objects/object_detection.hpp"
#include "features/objects/object_taxonomy.hpp"
#include "features/objects/objects_feature.hpp"
#include "features/people/people_feature.hpp"
#include "pipeline/job.hpp"

namespace {

using json = nlohmann::ordered_json;  // keeps Azure's key order

// COCO-80 class indices (0-based, models/labels/coco80.txt).
constexpr float kPerson = 0, kCar = 2, kMotorcycle = 3, kCat = 15, kDog = 16, kTv = 62;

struct Row {
  float x1, y1, x2, y2, score, cls;
};

// The [1, 100, 6] output of the objects model: `rows` first, the rest score 0.
lv::NamedTensors detectorOutput(const std::vector<Row>& rows, const std::string& name = "tower_0/detections") {
  lv::Tensor t({1, 100, 6});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const float v[6] = {r.x1, r.y1, r.x2, r.y2, r.score, r.cls};
    std::copy(v, v + 6, t.data.begin() + static_cast<std::ptrdiff_t>(i * 6));
  }
  lv::NamedTensors out;
  out.emplace_back(name, std::move(t));
  return out;
}

// Opaque grey (a translucent pixel would be composited over white).
std::vector<std::uint8_t> greyRgba(int w, int h) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4, 128);
  for (std::size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
  return rgba;
}

json runDetector(int w, int h, const std::string& options, const std::vector<Row>& rows) {
  const auto rgba = greyRgba(w, h);
  lv::Job job(rgba.data(), w, h, options, lvtest::realModelsConfig());
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 1);
  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(detectorOutput(rows));
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  return json::parse(job.resultJson());
}

json box(int x, int y, int w, int h) { return {{"x", x}, {"y", y}, {"w", w}, {"h", h}}; }

}  // namespace

TEST_CASE("objects + people: one request for the objects model, letterboxed NHWC, no padding below or right of the image") {
  const auto rgba = greyRgba(1024, 512);
  lv::Job job(rgba.data(), 1024, 512, R"({"features":["objects","people"]})", lvtest::realModelsConfig());
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 1);  // the two features share the run
  const auto& request = job.requests()[0];
  CHECK(request.model == "objects");
  REQUIRE(request.inputs.size() == 1);
  CHECK(request.inputs[0].first == "tower_0/images");
  // The card's letterboxStep (32): the image's 256 rows, and no padding rows below it.
  CHECK(request.inputs[0].second.dims == std::vector<std::int64_t>{1, 256, 512, 3});
  const auto tall = greyRgba(512, 1024);
  lv::Job tallJob(tall.data(), 512, 1024, R"({"features":["objects"]})", lvtest::realModelsConfig());
  REQUIRE(tallJob.requests().size() == 1);
  CHECK(tallJob.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 512, 256, 3});
  const auto& data = request.inputs[0].second.data;
  CHECK(data[(100 * 512 + 100) * 3] == Approx(128).margin(1));  // 0..255 values, scale 1
  CHECK(data[(255 * 512 + 511) * 3] == Approx(128).margin(1));

  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(detectorOutput({{300, 20, 400, 250, 0.6f, kPerson}}));
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  REQUIRE(result["objects"].size() == 1);
  REQUIRE(result["peopleResult"]["values"].size() == 1);
  CHECK(result["objects"][0]["rectangle"] == result["peopleResult"]["values"][0]["boundingBox"]);
}

TEST_CASE("a wide image: boxes mapped through the letterbox, clipped, thresholded, NMS per class") {
  // 1024x512 -> 512x256 content: image = model * 2.
  const json result = runDetector(1024, 512, R"({"features":["objects","people"]})",
                                  {
                                      {100, 50, 300, 200, 0.80f, kCat},
                                      {104, 52, 302, 198, 0.60f, kCat},     // the same cat: suppressed
                                      {100, 50, 300, 200, 0.50f, kDog},     // other class: NMS keeps it
                                      {300, 20, 400, 250, 0.60f, kPerson},  // objects and people
                                      {10, 10, 110, 250, 0.35f, kPerson},   // people only (0.30 <= s < 0.40)
                                      {400, 100, 600, 300, 0.70f, kCar},    // beyond the content: clipped
                                      {50, 50, 54, 54, 0.90f, kMotorcycle}, // 4 model px: too small
                                      {200, 20, 260, 80, 0.20f, kTv},       // below both thresholds
                                      {20, 20, 60, 60, 0.25f, kPerson},     // below the people threshold
                                  });
  const json& objects = result["objects"];
  REQUIRE(objects.size() == 4);
  // Best first.
  CHECK(objects[0]["object"] == "cat");
  CHECK(objects[0]["confidence"].get<double>() == Approx(0.8));
  CHECK(objects[0]["rectangle"] == box(200, 100, 400, 300));
  CHECK(objects[1]["object"] == "car");
  CHECK(objects[1]["rectangle"] == box(800, 200, 224, 312));
  CHECK(objects[2]["object"] == "person");
  CHECK(objects[2]["rectangle"] == box(600, 40, 200, 460));
  CHECK_FALSE(objects[2].contains("parent"));  // Azure reports people without a parent
  CHECK(objects[3]["object"] == "dog");
  CHECK(objects[3]["rectangle"] == box(200, 100, 400, 300));

  const json& people = result["peopleResult"]["values"];
  REQUIRE(people.size() == 2);
  CHECK(people[0]["boundingBox"] == box(600, 40, 200, 460));
  CHECK(people[0]["confidence"].get<double>() == Approx(0.6));
  CHECK(people[1]["boundingBox"] == box(20, 20, 200, 480));
  CHECK(people[1]["confidence"].get<double>() == Approx(0.35));
}

TEST_CASE("a tall image: the letterbox pads on the right") {
  // 300x600 -> 256x512 content: image = model * 600/512 (x: 300/256, the same).
  const json result = runDetector(300, 600, R"({"features":["objects"]})",
                                  {{64, 128, 192, 384, 0.9f, kCat}, {200, 100, 400, 200, 0.9f, kDog}});
  REQUIRE(result["objects"].size() == 2);
  CHECK(result["objects"][0]["rectangle"] == box(75, 150, 150, 300));
  // x 200..400 in model px -> 234..469 in image px: clipped to 234..300.
  CHECK(result["objects"][1]["rectangle"] == box(234, 117, 66, 117));
  CHECK_FALSE(result.contains("peopleResult"));
}

TEST_CASE("v3.2 objects carry Azure's parent chain with the object's confidence") {
  const json result = runDetector(512, 512, R"({"features":["objects"]})",
                                  {{10, 10, 200, 200, 0.7231f, kCat}, {210, 10, 500, 300, 0.65f, kMotorcycle}});
  const json& cat = result["objects"][0];
  CHECK(cat["object"] == "cat");
  CHECK(cat["confidence"].get<double>() == 0.723);
  CHECK(cat["parent"]["object"] == "mammal");
  CHECK(cat["parent"]["confidence"].get<double>() == 0.723);
  CHECK(cat["parent"]["parent"]["object"] == "animal");
  CHECK_FALSE(cat["parent"]["parent"].contains("parent"));
  const json& motorcycle = result["objects"][1];
  CHECK(motorcycle["object"] == "motorcycle");
  CHECK(motorcycle["parent"]["object"] == "land vehicle");
  CHECK(motorcycle["parent"]["parent"]["object"] == "vehicle");
  // Key order as Azure writes it.
  std::vector<std::string> keys;
  for (const auto& item : cat.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"rectangle", "object", "confidence", "parent"});
}

TEST_CASE("v4.0: objectsResult values with boundingBox and one tag; peopleResult") {
  const json result = runDetector(512, 512, R"({"format":"azure-v4.0","features":["objects","people"]})",
                                  {{10, 10, 200, 200, 0.7f, kTv}, {210, 10, 500, 300, 0.65f, kPerson}});
  CHECK_FALSE(result.contains("objects"));
  const json& values = result["objectsResult"]["values"];
  REQUIRE(values.size() == 2);
  CHECK(values[0]["boundingBox"] == box(10, 10, 190, 190));
  REQUIRE(values[0]["tags"].size() == 1);
  CHECK(values[0]["tags"][0]["name"] == "television");
  CHECK(values[0]["tags"][0]["confidence"].get<double>() == Approx(0.7));
  CHECK(values[1]["tags"][0]["name"] == "person");
  REQUIRE(result["peopleResult"]["values"].size() == 1);
  CHECK(result["peopleResult"]["values"][0]["boundingBox"] == box(210, 10, 290, 290));
}

TEST_CASE("no detection: empty lists, not missing members") {
  const json v32 = runDetector(640, 480, R"({"features":["objects","people"]})", {});
  CHECK(v32["objects"] == json::array());
  CHECK(v32["peopleResult"]["values"] == json::array());
}

TEST_CASE("identical requests of different features share a run; others do not") {
  const auto rgba = greyRgba(640, 480);
  const auto config = lvtest::realModelsConfig();
  lv::Job objectsOnly(rgba.data(), 640, 480, R"({"features":["objects"]})", config);
  lv::Job peopleOnly(rgba.data(), 640, 480, R"({"features":["people"]})", config);
  lv::Job both(rgba.data(), 640, 480, R"({"features":["people","objects","adult"]})", config);
  REQUIRE(objectsOnly.requests().size() == 1);
  REQUIRE(peopleOnly.requests().size() == 1);
  CHECK(peopleOnly.requests()[0].inputs[0].second.data == objectsOnly.requests()[0].inputs[0].second.data);
  REQUIRE(both.requests().size() == 2);  // objects (shared) and adult
  CHECK(both.requests()[0].model == "objects");
  CHECK(both.requests()[1].model == "adult");
  // One output per distinct run; each feature receives the shared one.
  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(detectorOutput({{10, 10, 200, 200, 0.7f, kPerson}}));
  lv::Tensor probabilities({1, 5});
  probabilities.data[2] = 1.0f;  // neutral
  outputs.emplace_back();
  outputs.back().emplace_back("Identity", std::move(probabilities));
  both.supply(std::move(outputs));
  REQUIRE(both.done());
  const json result = json::parse(both.resultJson());
  CHECK(result["objects"].size() == 1);
  CHECK(result["peopleResult"]["values"].size() == 1);
  CHECK(result["adult"]["isAdultContent"] == false);

  // Supplying one output per feature request (3) instead of per run (2) is refused.
  lv::Job again(rgba.data(), 640, 480, R"({"features":["people","objects","adult"]})", config);
  std::vector<lv::NamedTensors> tooMany(3);
  again.supply(std::move(tooMany));
  CHECK(json::parse(again.resultJson())["error"]["innererror"]["code"] == "BadArgument");
}

TEST_CASE("a run without the detections output, or of the wrong shape, fails the job") {
  const auto rgba = greyRgba(640, 480);
  lv::Job missing(rgba.data(), 640, 480, R"({"features":["objects"]})", lvtest::realModelsConfig());
  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(detectorOutput({}, "something_else"));
  missing.supply(std::move(outputs));
  CHECK(json::parse(missing.resultJson())["error"]["innererror"]["code"] == "BadArgument");

  lv::Job shape(rgba.data(), 640, 480, R"({"features":["people"]})", lvtest::realModelsConfig());
  std::vector<lv::NamedTensors> bad(1);
  bad[0].emplace_back("tower_0/detections", lv::Tensor({1, 100, 5}));
  shape.supply(std::move(bad));
  CHECK(json::parse(shape.resultJson())["error"]["innererror"]["code"] == "BadArgument");
}

TEST_CASE("without the objects model card the job is InvalidModel") {
  const auto rgba = greyRgba(640, 480);
  lv::Job job(rgba.data(), 640, 480, R"({"features":["objects"]})", lv::AnalyzerConfig(lv::Limits{}));
  CHECK(json::parse(job.resultJson())["error"]["innererror"]["code"] == "InvalidModel");
}

TEST_CASE("decodeDetections: non-finite rows and classes out of range are skipped; boxes normalised") {
  lv::Tensor t({1, 4, 6});
  const float rows[4][6] = {{10, 10, 50, 50, NAN, 1},
                            {10, 10, 50, 50, 0.9f, 80},      // no class 80
                            {50, 60, 10, 20, 0.9f, 1},       // corners swapped
                            {10, 10, 50, 50, 0.9f, -1}};
  std::copy(&rows[0][0], &rows[0][0] + 24, t.data.begin());
  const lv::InputTransform identity;
  const auto found = lv::decodeDetections(t, identity, 100, 100, 0.4, 80);
  REQUIRE(found.size() == 1);
  CHECK(found[0].x1 == 10);
  CHECK(found[0].y1 == 20);
  CHECK(found[0].x2 == 50);
  CHECK(found[0].y2 == 60);
  CHECK(found[0].classIndex == 1);
}

TEST_CASE("IoU and class-wise NMS") {
  const lv::Detection a{0, 0, 10, 10, 0.9, 1}, b{5, 0, 15, 10, 0.8, 1}, c{1, 0, 11, 10, 0.7, 1}, d{1, 0, 11, 10, 0.6, 2};
  CHECK(lv::intersectionOverUnion(a, b) == Approx(50.0 / 150));
  CHECK(lv::intersectionOverUnion(a, a) == Approx(1));
  CHECK(lv::intersectionOverUnion(a, lv::Detection{20, 20, 30, 30, 1, 1}) == 0);
  const auto kept = lv::classwiseNms({d, c, b, a});
  REQUIRE(kept.size() == 3);  // c overlaps a (IoU 0.82): gone; b (0.33) and d (other class) stay
  CHECK(kept[0].score == 0.9);
  CHECK(kept[1].score == 0.8);
  CHECK(kept[2].score == 0.6);
}

TEST_CASE("every COCO label has an Azure name, lowercase, with a parent chain ending at a root") {
  std::istringstream labels(lvtest::readText(LV_MODELS_DIR "/labels/coco80.txt"));
  std::string label;
  int count = 0, withParents = 0;
  while (std::getline(labels, label)) {
    if (label.empty()) continue;
    ++count;
    const lv::ObjectName name = lv::azureObjectName(label);
    CHECK_FALSE(name.name.empty());
    for (char ch : name.name) CHECK_FALSE(std::isupper(static_cast<unsigned char>(ch)));
    CHECK(name.parents.size() <= 2);
    if (!name.parents.empty()) ++withParents;
  }
  CHECK(count == 80);
  CHECK(withParents > 50);
  CHECK(lv::azureObjectName("person").parents.empty());
  CHECK(lv::azureObjectName("dog").parents == std::vector<std::string>{"mammal", "animal"});
  CHECK(lv::azureObjectName("car").parents == std::vector<std::string>{"land vehicle", "vehicle"});
  CHECK(lv::azureObjectName("bicycle").parents == std::vector<std::string>{"land vehicle", "vehicle"});
  CHECK(lv::azureObjectName("tv").name == "television");
  CHECK(lv::azureObjectName("mouse").name == "computer mouse");
  CHECK(lv::azureObjectName("cup").parents == std::vector<std::string>{"drinkware", "tableware"});
  // A label of a user's own model passes through.
  CHECK(lv::azureObjectName("okapi").name == "okapi");
  CHECK(lv::azureObjectName("okapi").parents.empty());
}

// Weak animal detections get a second opinion from the classifier on their
// surroundings (animal_recheck.hpp).

namespace {

constexpr float kCow = 19;

// Classifier logits for `rows` crops, each with one class (by WordNet id) far ahead.
lv::NamedTensors classifierOutput(const std::vector<std::string>& leaders) {
  std::ifstream file(LV_MODELS_DIR "/labels/imagenet1k.txt");
  std::vector<std::string> wnids;
  for (std::string line; std::getline(file, line);)
    if (!line.empty()) wnids.push_back(line.substr(0, 9));
  lv::Tensor t({static_cast<std::int64_t>(leaders.size()), static_cast<std::int64_t>(wnids.size())});
  for (std::size_t r = 0; r < leaders.size(); ++r)
    for (std::size_t c = 0; c < wnids.size(); ++c)
      if (wnids[c] == leaders[r]) t.data[r * wnids.size() + c] = 10;  // softmax ~0.96
  lv::NamedTensors out;
  out.emplace_back("output", std::move(t));
  return out;
}

// Four weak "cow" detections, 40-90 px in a 1024x598 image (model px: image = model * 2).
std::vector<Row> distantHerd() {
  return {{215, 160, 236, 173, 0.53f, kCow}, {84, 165, 128, 189, 0.45f, kCow},
          {398, 162, 419, 176, 0.43f, kCow}, {259, 157, 279, 171, 0.42f, kCow}};
}

}  // namespace

TEST_CASE("recheckSquare: four times the box's longer side, centred, inside the image") {
  CHECK(lv::recheckSquare({431, 319, 42, 27}, 1024, 598) == lv::Rect{368, 248, 168, 168});
  // Near a corner: moved inside.
  CHECK(lv::recheckSquare({0, 0, 40, 20}, 1024, 598) == lv::Rect{0, 0, 160, 160});
  // Large boxes: the image's shorter side at most.
  CHECK(lv::recheckSquare({400, 100, 300, 200}, 1024, 598) == lv::Rect{251, 0, 598, 598});
}

TEST_CASE("recheckedLabel: another animal the crop names clearly replaces a weak detection") {
  const std::vector<std::string> labels = {"person", "bird", "cat", "dog", "horse", "sheep", "cow"};
  const std::vector<lv::DetectedObject> cow{{{100, 100, 40, 30}, "cattle", 0.45, {"mammal", "animal"}}};
  const lv::Rect square{60, 55, 120, 120};
  const auto verdict = [&](const std::map<std::string, double>& probabilities, const std::vector<lv::DetectedObject>& objects) {
    return lv::recheckedLabel(lvtest::classification(probabilities), objects, 0, square, labels);
  };
  CHECK(verdict({{"n02412080", 0.9}}, cow) == "sheep");  // ram
  CHECK_FALSE(verdict({{"n02403003", 0.9}}, cow));  // ox: confirmed
  CHECK(verdict({{"n02412080", 0.3}, {"n02403003", 0.07}}, cow) == "sheep");
  CHECK_FALSE(verdict({{"n02412080", 0.3}, {"n02403003", 0.2}}, cow));  // no clear preference
  CHECK_FALSE(verdict({{"n02412080", 0.2}}, cow));  // too little mass
  // A bighorn (WordNet's wild sheep) counts as a sheep.
  CHECK(verdict({{"n02415577", 0.3}}, cow) == "sheep");
  // Classes the objects model does not have cannot be named.
  CHECK_FALSE(lv::recheckedLabel(lvtest::classification({{"n02412080", 0.9}}), cow, 0, square, {"person", "cat", "cow"}));
  // A sheep detected inside the square is what the classifier saw; one outside it is not.
  auto beside = cow;
  beside.push_back({{150, 90, 60, 40}, "sheep", 0.8, {"mammal", "animal"}});
  CHECK_FALSE(verdict({{"n02412080", 0.9}}, beside));
  beside.back().rectangle = {300, 90, 60, 40};
  CHECK(verdict({{"n02412080", 0.9}}, beside) == "sheep");
}

TEST_CASE("weak animals are rechecked in a second stage; the herd follows what its checked ones agreed") {
  const auto rgba = greyRgba(1024, 598);
  lv::Job job(rgba.data(), 1024, 598, R"({"features":["objects"]})", lvtest::realModelsConfig());
  REQUIRE(job.requests().size() == 1);
  std::vector<lv::NamedTensors> outputs;
  auto rows = distantHerd();  // the fourth is not checked: it follows the others
  rows.push_back({10, 10, 200, 250, 0.90f, kCow});  // confident: kept
  outputs.push_back(detectorOutput(rows));
  job.supply(std::move(outputs));
  REQUIRE_FALSE(job.done());
  const auto& recheck = job.requests();
  REQUIRE(recheck.size() == 1);
  CHECK(recheck[0].model == "classifier");
  CHECK(recheck[0].inputs[0].second.dims == std::vector<std::int64_t>{3, 3, 224, 224});
  outputs.clear();
  outputs.push_back(classifierOutput({"n02412080", "n02412080", "n02412080"}));  // ram, three times
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  std::vector<std::string> names;
  for (const auto& o : result["objects"]) names.push_back(o["object"]);
  CHECK(names == std::vector<std::string>{"cattle", "sheep", "sheep", "sheep", "sheep"});
  CHECK(result["objects"][1]["parent"]["object"] == "mammal");
  CHECK(result["objects"][1]["confidence"].get<double>() == Approx(0.53));
}

TEST_CASE("a weak animal close up is not rechecked: the whole-image classification already sees it") {
  // 400x300 px in 1024x598: four times its side does not fit.
  const json result = runDetector(1024, 598, R"({"features":["objects"]})", {{100, 50, 300, 200, 0.45f, kCow}});
  CHECK(result["objects"][0]["object"] == "cattle");
}

TEST_CASE("checked detections that disagree rename only themselves") {
  const auto rgba = greyRgba(1024, 598);
  lv::Job job(rgba.data(), 1024, 598, R"({"features":["objects"]})", lvtest::realModelsConfig());
  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(detectorOutput(distantHerd()));
  job.supply(std::move(outputs));
  outputs.clear();
  outputs.push_back(classifierOutput({"n02412080", "n02403003", "n02412080"}));  // ram, ox, ram
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  std::vector<std::string> names;
  for (const auto& o : result["objects"]) names.push_back(o["object"]);
  CHECK(names == std::vector<std::string>{"sheep", "cattle", "sheep", "cattle"});
}
