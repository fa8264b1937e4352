#include "features/objects/object_taxonomy.hpp"

#include <iterator>
#include <string_view>
#include <utility>

namespace lv {
namespace {

struct ClassEntry {
  std::string_view coco;    // label in models/labels/coco80.txt
  std::string_view azure;   // Azure's object name where it differs from COCO's, else empty
  std::string_view parent;  // nearest parent category, empty for none
};

// All 80 COCO classes. Names follow Azure's object vocabulary (which comes
// from Open Images: "television", "computer mouse", "houseplant", ...); all
// lowercase, as Azure writes most of them ("cat", "mammal", "animal").
constexpr ClassEntry kClasses[] = {
    {"person", "", ""},  // Azure reports people without a parent
    {"bicycle", "", "land vehicle"},
    {"car", "", "land vehicle"},
    {"motorcycle", "", "land vehicle"},
    {"airplane", "", "aircraft"},
    {"bus", "", "land vehicle"},
    {"train", "", "land vehicle"},
    {"truck", "", "land vehicle"},
    {"boat", "", "watercraft"},
    {"traffic light", "", ""},
    {"fire hydrant", "", ""},
    {"stop sign", "", "traffic sign"},
    {"parking meter", "", ""},
    {"bench", "", "seating"},
    {"bird", "", "animal"},
    {"cat", "", "mammal"},
    {"dog", "", "mammal"},
    {"horse", "", "mammal"},
    {"sheep", "", "mammal"},
    {"cow", "cattle", "mammal"},
    {"elephant", "", "mammal"},
    {"bear", "", "mammal"},
    {"zebra", "", "mammal"},
    {"giraffe", "", "mammal"},
    {"backpack", "", "bag"},
    {"umbrella", "", ""},
    {"handbag", "", "bag"},
    {"tie", "", "clothing"},
    {"suitcase", "", "luggage"},
    {"frisbee", "", "sports equipment"},
    {"skis", "", "sports equipment"},
    {"snowboard", "", "sports equipment"},
    {"sports ball", "ball", "sports equipment"},
    {"kite", "", "toy"},
    {"baseball bat", "", "sports equipment"},
    {"baseball glove", "", "sports equipment"},
    {"skateboard", "", "sports equipment"},
    {"surfboard", "", "sports equipment"},
    {"tennis racket", "", "sports equipment"},
    {"bottle", "", ""},
    {"wine glass", "", "drinkware"},
    {"cup", "", "drinkware"},
    {"fork", "", "cutlery"},
    {"knife", "", "cutlery"},
    {"spoon", "", "cutlery"},
    {"bowl", "", "tableware"},
    {"banana", "", "fruit"},
    {"apple", "", "fruit"},
    {"sandwich", "", "food"},
    {"orange", "", "fruit"},
    {"broccoli", "", "vegetable"},
    {"carrot", "", "vegetable"},
    {"hot dog", "", "food"},
    {"pizza", "", "food"},
    {"donut", "doughnut", "food"},
    {"cake", "", "food"},
    {"chair", "", "seating"},
    {"couch", "", "seating"},
    {"potted plant", "houseplant", "plant"},
    {"bed", "", "furniture"},
    {"dining table", "table", "furniture"},
    {"toilet", "", ""},
    {"tv", "television", "electronic device"},
    {"laptop", "", "computer"},
    {"mouse", "computer mouse", "electronic device"},
    {"remote", "remote control", "electronic device"},
    {"keyboard", "computer keyboard", "electronic device"},
    {"cell phone", "", "electronic device"},
    {"microwave", "microwave oven", "kitchen appliance"},
    {"oven", "", "kitchen appliance"},
    {"toaster", "", "kitchen appliance"},
    {"sink", "", ""},
    {"refrigerator", "", "kitchen appliance"},
    {"book", "", ""},
    {"clock", "", ""},
    {"vase", "", ""},
    {"scissors", "", "tool"},
    {"teddy bear", "", "toy"},
    {"hair drier", "hair dryer", "home appliance"},
    {"toothbrush", "", ""},
};
static_assert(std::size(kClasses) == 80, "one entry per COCO class");

// Parent categories and their own parents; a category not listed is a root.
constexpr std::pair<std::string_view, std::string_view> kCategoryParents[] = {
    {"mammal", "animal"},         {"land vehicle", "vehicle"}, {"aircraft", "vehicle"},
    {"watercraft", "vehicle"},    {"fruit", "food"},           {"vegetable", "food"},
    {"drinkware", "tableware"},   {"cutlery", "tableware"},    {"seating", "furniture"},
    {"computer", "electronic device"}, {"kitchen appliance", "home appliance"},
};

std::string_view parentOf(std::string_view category) {
  for (const auto& [child, parent] : kCategoryParents)
    if (child == category) return parent;
  return {};
}

}  // namespace

ObjectName azureObjectName(const std::string& cocoLabel) {
  for (const auto& c : kClasses) {
    if (c.coco != cocoLabel) continue;
    ObjectName out{std::string(c.azure.empty() ? c.coco : c.azure), {}};
    for (std::string_view p = c.parent; !p.empty() && out.parents.size() < 8; p = parentOf(p))
      out.parents.emplace_back(p);
    return out;
  }
  return {cocoLabel, {}};
}

}  // namespace lv
