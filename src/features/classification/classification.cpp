#include "features/classification/classification.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"

namespace lv {
namespace {

template <class Key>
std::vector<std::pair<Key, double>> largestFirst(const std::map<Key, double>& sums) {
  std::vector<std::pair<Key, double>> out(sums.begin(), sums.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// How many of the vocabulary's classes each concept tags.
int classesTaggedWith(const Concept* term) {
  static const std::map<const Concept*, int> counts = [] {
    std::map<const Concept*, int> out;
    for (const auto& c : imageNetClasses())
      for (const Concept* t : classConcepts(c)) ++out[t];
    return out;
  }();
  const auto it = counts.find(term);
  return it == counts.end() ? 0 : it->second;
}

// What a thing says of its surroundings holds only where the thing would be
// named (ImageNetClass::surroundings).
bool surroundingsHold(const ClassProbability& c) { return c.probability >= kMinClassNameProbability; }

}  // namespace

std::vector<const ImageNetClass*> imageNetClassesOf(const std::vector<std::string>& labels) {
  std::vector<const ImageNetClass*> classes;
  bool any = false;
  for (const auto& label : labels) {
    const ImageNetClass* c = findImageNetClass(std::string_view(label).substr(0, label.find(' ')));
    any = any || c;
    classes.push_back(c);
  }
  if (!any)
    throw AnalysisError(ErrorCode::InvalidModel,
                        "The 'classifier' labels name no ImageNet class (lines must start with a WordNet 3.0 id such as "
                        "n01440764): use models/labels/imagenet1k.txt.");
  return classes;
}

Classification classify(std::span<const float> logits, const std::vector<const ImageNetClass*>& classes) {
  if (logits.size() != classes.size())
    throw AnalysisError(ErrorCode::InvalidModel, "The 'classifier' model outputs " + std::to_string(logits.size()) +
                                                     " values for " + std::to_string(classes.size()) + " labels.");
  double top = -1e30;
  for (float v : logits)
    if (std::isfinite(v)) top = std::max(top, static_cast<double>(v));
  Classification out;
  double sum = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    const double e = std::isfinite(logits[i]) ? std::exp(logits[i] - top) : 0;
    out.classes.push_back({classes[i], e});
    sum += e;
  }
  for (auto& c : out.classes) c.probability = sum > 0 ? c.probability / sum : 0;
  return out;
}

std::vector<ConceptMass> conceptMasses(const Classification& classification,
                                       const std::function<double(const ImageNetClass&)>& weight) {
  std::map<const Concept*, double> sums;
  for (const auto& c : classification.classes) {
    if (!c.imageNetClass || c.probability <= 0) continue;
    const double p = c.probability * (weight ? weight(*c.imageNetClass) : 1.0);
    for (const Concept* term : classConcepts(*c.imageNetClass)) sums[term] += p;
    if (surroundingsHold(c))
      for (const Concept* term : classSurroundings(*c.imageNetClass)) sums[term] += p;
  }
  std::vector<ConceptMass> out;
  for (const auto& [term, mass] : largestFirst(sums)) out.push_back({term, std::min(1.0, mass), classesTaggedWith(term)});
  return out;
}

bool isKindOf(const Concept* specific, const Concept* general) {
  if (specific == general) return true;
  bool any = false;
  for (const auto& c : imageNetClasses()) {
    const auto& concepts = classConcepts(c);
    if (std::find(concepts.begin(), concepts.end(), specific) == concepts.end()) continue;
    if (std::find(concepts.begin(), concepts.end(), general) == concepts.end()) return false;
    any = true;
  }
  return any;
}

const ConceptMass* mostSpecific(const std::vector<ConceptMass>& masses,
                                const std::function<bool(const ConceptMass&)>& accept) {
  constexpr double kSameMass = 1e-9;
  const ConceptMass* best = nullptr;
  for (const auto& m : masses) {
    if (!accept(m)) continue;
    if (!best || m.mass < best->mass - kSameMass ||
        (m.mass <= best->mass + kSameMass && isKindOf(m.term, best->term)))
      best = &m;
  }
  return best;
}

std::vector<std::pair<std::string, double>> categoryMasses(const Classification& classification) {
  std::map<std::string, double> sums;
  for (const auto& c : classification.classes) {
    if (!c.imageNetClass || !c.imageNetClass->category) continue;
    // A thing's category is its surroundings too (an organ: indoor_).
    if (c.imageNetClass->surroundings && !surroundingsHold(c)) continue;
    sums[c.imageNetClass->category] += c.probability;
  }
  return largestFirst(sums);
}

}  // namespace lv
