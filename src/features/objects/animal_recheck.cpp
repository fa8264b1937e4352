#include "features/objects/animal_recheck.hpp"

#include <algorithm>

#include "features/objects/object_taxonomy.hpp"

namespace lv {
namespace {

// The model's labels that name animals.
std::vector<std::string> animalLabels(const std::vector<std::string>& labels) {
  std::vector<std::string> out;
  for (const auto& label : labels)
    if (isAnimalKind(findConcept(label))) out.push_back(label);
  return out;
}

bool overlaps(const Rect& a, const Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

double massOf(const std::vector<ConceptMass>& masses, const Concept* term) {
  for (const auto& m : masses)
    if (m.term == term) return m.mass;
  return 0;
}

}  // namespace

std::vector<std::size_t> animalsToRecheck(const std::vector<DetectedObject>& objects,
                                          const std::vector<std::string>& labels, int imageWidth, int imageHeight) {
  if (animalLabels(labels).size() < 2) return {};
  const auto distant = [&](const Rect& box) { return kRecheckContext * std::max(box.w, box.h) <= std::min(imageWidth, imageHeight); };
  std::vector<std::size_t> weak;
  for (std::size_t i = 0; i < objects.size(); ++i)
    if (objects[i].confidence < kRecheckBelowScore && distant(objects[i].rectangle) && isAnimalKind(findConcept(objects[i].name)))
      weak.push_back(i);
  std::stable_sort(weak.begin(), weak.end(),
                   [&](std::size_t a, std::size_t b) { return objects[a].confidence > objects[b].confidence; });
  if (weak.size() > static_cast<std::size_t>(kMaxRechecks)) weak.resize(kMaxRechecks);
  return weak;
}

Rect recheckSquare(const Rect& box, int imageWidth, int imageHeight) {
  const int side = std::min({kRecheckContext * std::max(box.w, box.h), imageWidth, imageHeight});
  const int x = std::clamp(box.x + box.w / 2 - side / 2, 0, imageWidth - side);
  const int y = std::clamp(box.y + box.h / 2 - side / 2, 0, imageHeight - side);
  return {x, y, side, side};
}

std::optional<std::string> recheckedLabel(const Classification& crop, const std::vector<DetectedObject>& objects,
                                          std::size_t index, const Rect& square, const std::vector<std::string>& labels) {
  const DetectedObject& detected = objects.at(index);
  const auto masses = conceptMasses(crop);
  const std::string* best = nullptr;
  double bestMass = 0;
  for (const auto& label : animalLabels(labels))
    if (const double mass = massOf(masses, findConcept(label)); mass > bestMass) best = &label, bestMass = mass;
  if (!best || findConcept(*best) == findConcept(detected.name)) return std::nullopt;
  if (bestMass < kRecheckMinMass || bestMass < kRecheckMinRatio * massOf(masses, findConcept(detected.name))) return std::nullopt;
  for (std::size_t j = 0; j < objects.size(); ++j)
    if (j != index && findConcept(objects[j].name) == findConcept(*best) && overlaps(objects[j].rectangle, square))
      return std::nullopt;
  return *best;
}

void applyRechecks(std::vector<DetectedObject>& objects, const std::vector<std::size_t>& checked,
                   const std::vector<std::optional<std::string>>& verdicts) {
  const auto rename = [](DetectedObject& o, const std::string& label) {
    ObjectName name = azureObjectName(label);
    o.name = std::move(name.name);
    o.parents = std::move(name.parents);
  };
  // What the checked detections of each detected name agreed on (nullopt: they did not).
  std::vector<std::pair<std::string, std::optional<std::string>>> agreed;
  for (std::size_t k = 0; k < checked.size() && k < verdicts.size(); ++k) {
    const std::string& name = objects[checked[k]].name;
    auto it = std::find_if(agreed.begin(), agreed.end(), [&](const auto& a) { return a.first == name; });
    if (it == agreed.end()) agreed.emplace_back(name, verdicts[k]);
    else if (it->second != verdicts[k]) it->second = std::nullopt;
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto k = std::find(checked.begin(), checked.end(), i) - checked.begin();
    if (static_cast<std::size_t>(k) < checked.size()) {
      if (verdicts[k]) rename(objects[i], *verdicts[k]);
      continue;
    }
    if (objects[i].confidence >= kRecheckBelowScore) continue;
    auto it = std::find_if(agreed.begin(), agreed.end(), [&](const auto& a) { return a.first == objects[i].name; });
    if (it != agreed.end() && it->second) rename(objects[i], *it->second);
  }
}

}  // namespace lv
