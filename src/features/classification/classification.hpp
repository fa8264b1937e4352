#pragma once
// The ImageNet classifier (the `classifier` card: MobileNet v2, 1000 WordNet
// 3.0 classes) as concept evidence: softmax over its labels, each label's
// WordNet class, and the probability mass under every concept the classes
// are tagged with (dog = all 120 dog breeds together; vocabulary.hpp).
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "features/tags/vocabulary.hpp"

namespace lv {

// One class's own name is shown only from this probability on: below it
// such names were right half the time or less on the dev set (calibration.hpp).
// A thing's surroundings (ImageNetClass::surroundings) count from here too.
constexpr double kMinClassNameProbability = 0.65;

struct ClassProbability {
  const ImageNetClass* imageNetClass = nullptr;  // nullptr: a label the vocabulary does not know
  double probability = 0;                        // softmax, 0..1
};

// One classifier run, in the card's label order.
struct Classification {
  std::vector<ClassProbability> classes;
};

struct ConceptMass {
  const Concept* term = nullptr;
  double mass = 0;  // summed probability of the classes tagged with it, 0..1
  int classes = 0;  // how many of the vocabulary's classes are tagged with it (1: one class's own name)
};

// Each label's class by its leading WordNet id ("n01440764 tench, Tinca
// tinca"). Throws AnalysisError(InvalidModel) when no label is an ImageNet
// class the vocabulary knows.
std::vector<const ImageNetClass*> imageNetClassesOf(const std::vector<std::string>& labels);

// Softmax of `logits` (one per class). Throws InvalidModel on a count mismatch.
Classification classify(std::span<const float> logits, const std::vector<const ImageNetClass*>& classes);

// Probability mass per concept, largest first. `weight` scales each class's
// probability (1 keeps it; tags use it to discount classes a confident
// detection contradicts). A class's surroundings get its probability only
// from kMinClassNameProbability on: an organ the classifier half sees in a
// staircase's railings (0.23) says nothing about a room.
std::vector<ConceptMass> conceptMasses(const Classification& classification,
                                       const std::function<double(const ImageNetClass&)>& weight = {});

// Whether `specific` is a kind of `general` as far as the classes tell:
// every ImageNet class tagged `specific` is tagged `general` too (German
// shepherd -> dog). False when no class is tagged `specific`.
bool isKindOf(const Concept* specific, const Concept* general);

// The most specific concept `accept` takes: the smallest mass wins, and on
// equal masses the narrower concept (a bee before "invertebrate" when all the
// mass is the bee's). nullptr when none.
const ConceptMass* mostSpecific(const std::vector<ConceptMass>& masses,
                                const std::function<bool(const ConceptMass&)>& accept);

// Probability mass per Azure category (ImageNetClass::category), largest
// first; a class with surroundings counts, as for those, only from
// kMinClassNameProbability on (its category says where it stands: indoor_).
std::vector<std::pair<std::string, double>> categoryMasses(const Classification& classification);

}  // namespace lv
