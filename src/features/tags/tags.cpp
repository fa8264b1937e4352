#include "features/tags/tags.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "features/tags/calibration.hpp"

namespace lv {
namespace {

class Evidence {
 public:
  void add(const std::string& term, double confidence) {
    if (confidence <= 0) return;
    auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& e) { return e.first == term; });
    if (it == items_.end())
      items_.emplace_back(term, std::min(confidence, 0.99));
    else
      it->second = std::max(it->second, std::min(confidence, 0.99));
  }
  double of(const std::string& term) const {
    auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& e) { return e.first == term; });
    return it == items_.end() ? 0 : it->second;
  }
  std::vector<std::pair<std::string, double>> take() { return std::move(items_); }

 private:
  std::vector<std::pair<std::string, double>> items_;
};

// objectEvidence's factors (tags.hpp).
constexpr double kSmallBoxFactor = 0.8;
constexpr double kSmallBoxArea = 0.05;
constexpr double kClassifierSilence = 0.05;
// A person box over this share of the image is a portrait (classifierMasses).
constexpr double kDominantPersonArea = 0.25;
// Colour tags: 0.6 for the first dominant colour, 0.1 less for each next one.
constexpr double kFirstColorConfidence = 0.6;
constexpr double kNextColorStep = 0.1;
// Outdoor evidence the finer scene rules need (tagEvidence).
constexpr double kOutdoorForSceneDetails = 0.6;

double smallBoxFactor(double area) { return kSmallBoxFactor + (1 - kSmallBoxFactor) * std::min(1.0, area / kSmallBoxArea); }

// Whether some ImageNet class is tagged with the concept (the classifier can
// speak about it). ImageNet-1k has no person class: "person" only comes in as
// the hypernym of a diver or a groom, so the classifier's silence about people means nothing.
bool classifierKnows(const Concept* term) {
  static const std::set<const Concept*> known = [] {
    std::set<const Concept*> out;
    for (const auto& c : imageNetClasses())
      for (const Concept* t : classConcepts(c)) out.insert(t);
    out.erase(findConcept("person"));
    return out;
  }();
  return known.count(term) > 0;
}

// 1 - p(the likeliest class not tagged with `term`), when the classifier
// gives `term` under 5% of its mass; 1 otherwise.
double classifierObjection(const Classification& classification, const Concept* term) {
  double mass = 0, rival = 0;
  for (const auto& c : classification.classes) {
    if (!c.imageNetClass) continue;
    const auto& concepts = classConcepts(*c.imageNetClass);
    if (std::find(concepts.begin(), concepts.end(), term) != concepts.end()) mass += c.probability;
    else rival = std::max(rival, c.probability);
  }
  return mass >= kClassifierSilence ? 1.0 : 1 - rival * (1 - mass / kClassifierSilence);
}

}  // namespace

double noisyOr(const std::vector<double>& scores) {
  double none = 1;
  for (double s : scores) none *= 1 - std::clamp(s, 0.0, 1.0);
  return 1 - none;
}

double classifierAgreement(const Signals& s, const std::string& name) {
  const Concept* term = findConcept(name);
  return s.classification && term && classifierKnows(term) ? classifierObjection(*s.classification, term) : 1.0;
}

double detectionConfidence(const Signals& s, const ObjectSignal& o) {
  return std::min(0.99, calibratedObjectConfidence(o.confidence) * smallBoxFactor(o.box.area()) * classifierAgreement(s, o.name));
}

std::vector<ObjectEvidence> objectEvidence(const Signals& s) {
  struct Detections {
    std::vector<double> scores;
    double area = 0;
    int instances = 0;
    bool sure = true;
  };
  std::map<std::string, Detections> byClass;
  for (const auto& o : s.objects) {
    const Concept* c = findConcept(o.name);
    Detections& d = byClass[c ? c->key : o.name];
    const double calibrated = calibratedObjectConfidence(o.confidence);
    d.scores.push_back(calibrated);
    d.area = std::max(d.area, o.box.area());
    if (calibrated >= kInstanceMinConfidence) ++d.instances;
    if (calibrated >= kInstanceMinConfidence && calibrated < kSureInstanceConfidence) d.sure = false;
  }
  std::vector<ObjectEvidence> out;
  for (const auto& [key, d] : byClass) {
    const double confidence = noisyOr(d.scores) * smallBoxFactor(d.area) * classifierAgreement(s, key);
    out.push_back({key, std::min(0.99, confidence), d.instances, d.area, d.sure});
  }
  return out;
}

bool isTextPage(const Signals& s) { return s.textLines >= kPageLines || s.textArea >= kPageTextArea; }

double textConfidence(const Signals& s) {
  return s.textLines == 0 ? 0 : (s.textConfidence > 0 ? s.textConfidence : 0.8) * std::min(1.0, 0.7 + 0.06 * s.textLines);
}

std::vector<ConceptMass> classifierMasses(const Signals& s) {
  if (!s.classification) return {};
  // A page of text is what ImageNet knows least: only its text classes (menu,
  // web site, book jacket, ...) keep their weight; a page is no "memorial brass".
  const double pageWeight = isTextPage(s) ? 1 - textConfidence(s) : 1.0;
  const auto pageFactor = [&](const ImageNetClass& c) {
    return c.category && std::string_view(c.category).rfind("text_", 0) == 0 ? 1.0 : pageWeight;
  };
  // A person filling much of the image is what the classifier looked at, and
  // ImageNet has no person class: of its classes only what people wear (a
  // uniform, a tie) and the places around them (indoor and outdoor scenes, a
  // library; building parts, a staircase) stay, the rest is its guess (an
  // astronaut is no bobsled).
  const Concept* animal = findConcept("animal");
  const Concept* person = findConcept("person");
  const Concept* clothing = findConcept("clothing");
  const Concept* indoor = findConcept("indoor");
  const Concept* outdoor = findConcept("outdoor");
  std::vector<const Concept*> detectedAnimals;
  double detectedConfidence = 0, portraitConfidence = 0;
  for (const auto& o : objectEvidence(s)) {
    const Concept* c = findConcept(o.key);
    if (o.confidence < kMinTagConfidence) continue;
    if (c == person && o.area >= kDominantPersonArea) portraitConfidence = o.confidence;
    if (!isAnimalKind(c)) continue;
    detectedAnimals.push_back(c);
    detectedConfidence = std::max(detectedConfidence, o.confidence);
  }
  const auto has = [](const std::vector<const Concept*>& concepts, const Concept* term) {
    return std::find(concepts.begin(), concepts.end(), term) != concepts.end();
  };
  return conceptMasses(*s.classification, [&](const ImageNetClass& c) {
    const auto& concepts = classConcepts(c);
    double weight = pageFactor(c);
    const bool building = c.category && std::string_view(c.category).rfind("building_", 0) == 0;
    const bool place = (has(concepts, indoor) || has(concepts, outdoor) || building) && !has(concepts, animal);
    if (portraitConfidence > 0 && !has(concepts, clothing) && !place) weight *= 1 - portraitConfidence;
    if (!detectedAnimals.empty() && has(concepts, animal) &&
        std::none_of(detectedAnimals.begin(), detectedAnimals.end(), [&](const Concept* d) { return has(concepts, d); }))
      weight *= 1 - detectedConfidence;
    return weight;
  });
}

bool looksLikePhoto(const Signals& s) {
  // The adult model's Drawing class alone does not decide it: it gave 0.75
  // to chelsea.png and 0.96 to motorcycle_left.png, both photographs.
  return !(s.imageType && (s.imageType->clipArtType >= 2 || s.imageType->lineDrawingType == 1));
}

std::vector<std::pair<std::string, double>> tagEvidence(const Signals& s) {
  Evidence ev;

  // Objects: per class, its fused evidence. Parents: the best of their
  // children, through the objects feature's chain when it gave one, else ours.
  std::map<std::string, std::vector<std::string>> reportedParents;
  for (const auto& o : s.objects) {
    const Concept* c = findConcept(o.name);
    if (!o.parents.empty()) reportedParents[c ? c->key : o.name] = o.parents;
  }
  const std::vector<ObjectEvidence> objects = objectEvidence(s);
  for (const auto& [key, conf, count, area, sure] : objects) {
    ev.add(key, conf);
    auto reported = reportedParents.find(key);
    if (reported != reportedParents.end()) {
      for (const auto& p : reported->second) {
        const Concept* pc = findConcept(p);
        ev.add(pc ? pc->key : p, conf);
      }
    } else if (const Concept* c = findConcept(key)) {
      for (const char* p = c->parent; p;) {
        ev.add(p, conf);
        const Concept* pc = findConcept(p);
        p = pc ? pc->parent : nullptr;
      }
    }
  }

  // The classifier: each concept's calibrated probability mass.
  for (const auto& m : classifierMasses(s)) ev.add(m.term->key, conceptConfidence(m));

  // Faces: "human face"; a face is also a person.
  if (!s.faces.empty()) {
    const double conf = faceTagConfidence(s.faces);
    ev.add("human face", conf);
    ev.add("person", conf * 0.95);
  }

  // Text: the read feature's lines; more lines, likelier text.
  if (s.textLines > 0) ev.add("text", textConfidence(s));

  // Image type.
  if (s.imageType) {
    if (s.imageType->clipArtType == 3) ev.add("clipart", 0.9);
    if (s.imageType->clipArtType == 2) ev.add("clipart", 0.75);
    if (s.imageType->lineDrawingType == 1) {
      ev.add("line art", 0.85);
      ev.add("drawing", 0.8);
    }
  }

  // Colour: black and white, or the image's chromatic dominant colours
  // (and white), first ones likelier; never above what the image shows.
  if (s.color && s.color->isBWImg) {
    ev.add("black and white", 0.92);
    ev.add("monochrome", 0.85);
  } else if (s.color) {
    double confidence = kFirstColorConfidence;
    for (const auto& name : s.color->dominantColors)
      if (const Concept* c = colorConcept(name)) {
        ev.add(c->key, confidence);
        confidence -= kNextColorStep;
      }
  }

  // The adult model's Drawing class (and Hentai: explicit drawings are
  // drawings), only where imageType agrees the image is not a photograph:
  // alone it called photographs drawings (chelsea.png 0.75, motorcycle_left.png 0.96).
  if (s.nsfw && !looksLikePhoto(s)) {
    ev.add("drawing", 0.95 * (s.nsfw->drawing + s.nsfw->hentai));
    if (s.nsfw->drawing >= 0.7) ev.add("cartoon", 0.85 * s.nsfw->drawing);
  }

  // Scenes, on photographs only. 0.55 .. 0.9 with the evidence.
  if (s.scene && looksLikePhoto(s)) {
    const SceneEvidence& sc = *s.scene;
    auto scene = [&](const char* term, double evidence) {
      if (evidence > 0) ev.add(term, 0.55 + 0.35 * evidence);
    };
    scene("sky", sc.sky);
    scene("grass", sc.grass);
    scene("water", sc.water);
    scene("snow", sc.snow);
    scene("sand", sc.sand);
    const double outdoor = std::max({sc.sky, sc.grass, sc.water, sc.snow, sc.sand});
    if (outdoor > 0) ev.add("outdoor", 0.6 + 0.35 * outdoor);
    scene("plant", sc.foliage * 0.9);  // green and textured: vegetation, in a garden or a room
    // Trees, clouds, a sunset and lights in the dark only count outdoors
    // (white and blue in a drawing are no clouds, orange slices no sunset,
    // a lamp-lit room no night), as the sky, grass, water, snow or the
    // classifier found it.
    if (ev.of("outdoor") >= kOutdoorForSceneDetails) {
      scene("tree", sc.foliage);
      scene("cloud", sc.cloud);
      scene("sky", sc.cloud);
      scene("sunset", sc.sunset);
      scene("sky", sc.sunset);
      scene("night", sc.nightLights);
    }
    // Indoor only on strong evidence: a confidently detected piece of indoor
    // furniture or appliance, and no outdoor scene at all.
    if (outdoor == 0) {
      static const char* const kIndoor[] = {"bed", "couch", "dining table", "toilet", "tv", "microwave",
                                            "oven", "refrigerator", "sink", "toaster"};
      double best = 0;
      for (const auto& o : objects)
        if (std::find_if(std::begin(kIndoor), std::end(kIndoor), [&](const char* k) { return o.key == k; }) != std::end(kIndoor))
          best = std::max(best, o.confidence);
      if (best >= 0.6) ev.add("indoor", 0.85 * best);
    }
  }
  return ev.take();
}

std::vector<Tag> computeTags(const Signals& signals, Language language) {
  std::vector<Tag> tags;
  for (const auto& [key, confidence] : tagEvidence(signals)) {
    if (confidence < kMinTagConfidence) continue;
    const Concept* c = findConcept(key);
    // Words the table cannot translate are reported in English only.
    if (!c && language != Language::En) continue;
    tags.push_back({key, c ? conceptName(*c, language) : key, confidence, c && c->hint ? c->hint : ""});
  }
  std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.confidence > b.confidence; });
  // One tag per name and hint (two WordNet senses can share both, or a
  // translation can merge two English words): the likeliest stays.
  std::set<std::pair<std::string, std::string>> seen;
  std::erase_if(tags, [&](const Tag& t) { return !seen.insert({t.name, t.hint}).second; });
  return tags;
}

}  // namespace lv
