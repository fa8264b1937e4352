#pragma once
// COCO class names -> Azure's object names and parent categories (Azure
// reports e.g. dog -> mammal -> animal, car -> land vehicle -> vehicle, and
// person without parent). Curated data, in object_taxonomy.cpp.
#include <string>
#include <vector>

namespace lv {

struct ObjectName {
  std::string name;                  // Azure's name, lowercase
  std::vector<std::string> parents;  // nearest first
};

// A label the table does not know (a user's own model) keeps its name and
// has no parents.
ObjectName azureObjectName(const std::string& cocoLabel);

}  // namespace lv
