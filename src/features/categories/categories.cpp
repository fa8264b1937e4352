#include "features/categories/categories.hpp"

#include <algorithm>
#include <map>

#include "features/tags/calibration.hpp"

namespace lv {
namespace {

const std::vector<std::string> kTaxonomy = {
    "abstract_",          "abstract_net",       "abstract_nonphoto",  "abstract_rect",      "abstract_shape",
    "abstract_texture",   "animal_",            "animal_bird",        "animal_cat",         "animal_dog",
    "animal_horse",       "animal_panda",       "building_",          "building_arch",      "building_brickwall",
    "building_church",    "building_corner",    "building_doorwindows", "building_pillar",  "building_stair",
    "building_street",    "dark_",              "drink_",             "drink_can",          "dark_fire",
    "dark_fireworks",     "dark_light",         "food_",              "food_bread",         "food_fastfood",
    "food_grilled",       "food_pizza",         "indoor_",            "indoor_churchwindow", "indoor_court",
    "indoor_doorwindows", "indoor_marketstore", "indoor_room",        "indoor_venue",       "object_screen",
    "object_sculpture",   "others_",            "outdoor_",           "outdoor_city",       "outdoor_field",
    "outdoor_grass",      "outdoor_house",      "outdoor_mountain",   "outdoor_oceanbeach", "outdoor_playground",
    "outdoor_pool",       "outdoor_railway",    "outdoor_road",       "outdoor_sportsfield", "outdoor_stonerock",
    "outdoor_street",     "outdoor_water",      "outdoor_waterside",  "people_",            "people_baby",
    "people_crowd",       "people_group",       "people_hand",        "people_many",        "people_portrait",
    "people_show",        "people_swimming",    "people_tattoo",      "people_young",       "plant_",
    "plant_branch",       "plant_flower",       "plant_leaves",       "plant_tree",         "sky_cloud",
    "sky_object",         "sky_sun",            "text_",              "text_mag",           "text_map",
    "text_menu",          "text_sign",          "trans_bicycle",      "trans_bus",          "trans_car",
    "trans_trainstation"};

// Object class -> category and how much of the detection's confidence it keeps.
struct ObjectRule {
  const char* object;
  const char* category;
  double factor;
};
const ObjectRule kObjectRules[] = {
    {"cat", "animal_cat", 1.0},         {"dog", "animal_dog", 1.0},          {"horse", "animal_horse", 1.0},
    {"bird", "animal_bird", 1.0},       {"sheep", "animal_", 0.9},           {"cow", "animal_", 0.9},
    {"elephant", "animal_", 0.9},       {"bear", "animal_", 0.9},            {"zebra", "animal_", 0.9},
    {"giraffe", "animal_", 0.9},        {"car", "trans_car", 0.95},          {"truck", "trans_car", 0.7},
    {"bus", "trans_bus", 0.95},         {"bicycle", "trans_bicycle", 0.95},  {"train", "trans_trainstation", 0.6},
    {"pizza", "food_pizza", 0.95},      {"hot dog", "food_fastfood", 0.9},   {"sandwich", "food_fastfood", 0.8},
    {"donut", "food_", 0.8},            {"cake", "food_", 0.8},              {"banana", "food_", 0.8},
    {"apple", "food_", 0.8},            {"orange", "food_", 0.8},            {"broccoli", "food_", 0.8},
    {"carrot", "food_", 0.8},           {"cup", "drink_", 0.6},              {"wine glass", "drink_", 0.8},
    {"bottle", "drink_", 0.6},          {"tv", "object_screen", 0.9},        {"laptop", "object_screen", 0.8},
    {"cell phone", "object_screen", 0.6}, {"potted plant", "plant_", 0.85},  {"stop sign", "text_sign", 0.8},
    {"traffic light", "outdoor_street", 0.7}, {"fire hydrant", "outdoor_street", 0.7},
    {"parking meter", "outdoor_street", 0.7}, {"bed", "indoor_room", 0.8},   {"couch", "indoor_room", 0.8},
};

class Scores {
 public:
  void add(const std::string& name, double score) {
    double& s = scores_[name];
    s = std::max(s, std::min(score, 0.99));
  }
  bool has(const std::string& name) const { return scores_.count(name) > 0; }
  std::vector<CategoryScore> sorted() const {
    std::vector<CategoryScore> out;
    for (const auto& [name, score] : scores_)
      if (score >= kMinCategoryScore) out.push_back({name, score});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    return out;
  }

 private:
  std::map<std::string, double> scores_;
};

// A class's category is one step further from the pixels than its tag.
constexpr double kClassifierCategoryFactor = 0.9;

}  // namespace

const std::vector<std::string>& categoryTaxonomy() { return kTaxonomy; }

std::vector<CategoryScore> categorize(const TagsResult& tags) {
  const Signals& s = tags.signals;
  Scores out;
  std::map<std::string, double> evidence;
  for (const auto& [term, confidence] : tagEvidence(s)) evidence[term] = confidence;
  auto conf = [&](const char* term) {
    auto it = evidence.find(term);
    return it == evidence.end() ? 0.0 : it->second;
  };

  // Objects.
  bool unmapped = false;
  double unmappedScore = 0;
  int persons = 0;
  double personArea = 0;
  std::map<std::string, double> fused;
  for (const auto& o : objectEvidence(s)) fused[o.key] = o.confidence;
  for (const auto& o : s.objects) {
    const Concept* c = findConcept(o.name);
    const std::string key = c ? c->key : o.name;
    const double confidence = fused[key];
    if (key == "person") {
      ++persons;
      personArea = std::max(personArea, o.box.area());
      continue;
    }
    bool mapped = false;
    for (const auto& rule : kObjectRules)
      if (key == rule.object) {
        out.add(rule.category, confidence * rule.factor);
        mapped = true;
      }
    if (!mapped) {
      unmapped = true;
      unmappedScore = std::max(unmappedScore, confidence);
    }
  }

  // People: from person detections and faces.
  const int people = std::max(persons, static_cast<int>(s.faces.size()));
  const double personConfidence = conf("person");
  if (people > 0 && personConfidence > 0) {
    double faceArea = 0;
    for (const auto& f : s.faces) faceArea = std::max(faceArea, f.box.area());
    if (people >= 10)
      out.add("people_crowd", personConfidence * 0.8);
    else if (people >= 6)
      out.add("people_many", personConfidence * 0.85);
    else if (people >= 2)
      out.add("people_group", personConfidence * 0.9);
    else if (faceArea >= 0.03 || personArea >= 0.3)
      out.add("people_portrait", personConfidence * 0.9);
    else
      out.add("people_", personConfidence * 0.9);
  }

  // The classifier: each class's category, by probability mass.
  if (s.classification)
    for (const auto& [category, mass] : categoryMasses(*s.classification))
      out.add(category, calibratedClassifierConfidence(mass) * kClassifierCategoryFactor);

  // Text.
  if (s.textLines > 0 && (s.textLines >= 3 || s.textArea >= 0.05)) out.add("text_", conf("text") * 0.9);

  // Scenes (tag evidence already requires a photograph).
  if (conf("grass") > 0) out.add("outdoor_grass", conf("grass") * 0.85);
  if (conf("water") > 0) out.add("outdoor_water", conf("water") * 0.8);
  if (conf("outdoor") > 0 && !out.has("outdoor_grass") && !out.has("outdoor_water"))
    out.add("outdoor_", conf("outdoor") * 0.7);
  if (conf("indoor") > 0 && !out.has("indoor_room")) out.add("indoor_", conf("indoor") * 0.7);

  // Drawings and clip art with nothing recognised in them.
  const bool nothingNamed = s.objects.empty() && s.faces.empty() && s.textLines == 0;
  if (nothingNamed && !looksLikePhoto(s)) {
    double nonPhoto = std::max({conf("clipart"), conf("line art"), conf("drawing")});
    out.add("abstract_nonphoto", nonPhoto * 0.6);
  }
  // A dark image.
  if (s.scene && s.scene->meanLuma < 0.12) out.add("dark_", 0.5 + 3 * (0.12 - s.scene->meanLuma));
  // Something detected that no category covers.
  if (unmapped && out.sorted().empty()) out.add("others_", unmappedScore * 0.5);
  return out.sorted();
}

void addLandmarks(std::vector<CategoryScore>& categories, const std::vector<Landmark>& landmarks) {
  if (landmarks.empty()) return;
  CategoryScore* best = nullptr;
  for (auto& c : categories)
    if ((c.name.rfind("building_", 0) == 0 || c.name.rfind("outdoor_", 0) == 0) && (!best || c.score > best->score))
      best = &c;
  if (!best) {
    double top = 0;
    for (const auto& l : landmarks) top = std::max(top, l.confidence);
    categories.push_back({"building_", top, {}});
    best = &categories.back();
  }
  best->landmarks = landmarks;
  std::stable_sort(categories.begin(), categories.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
}

}  // namespace lv
