#include "features/tags/tags.hpp"

#include <algorithm>
#include <map>

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
  std::vector<std::pair<std::string, double>> take() { return std::move(items_); }

 private:
  std::vector<std::pair<std::string, double>> items_;
};

}  // namespace

double noisyOr(const std::vector<double>& scores) {
  double none = 1;
  for (double s : scores) none *= 1 - std::clamp(s, 0.0, 1.0);
  return 1 - none;
}

bool looksLikePhoto(const Signals& s) {
  // The adult model's Drawing class alone does not decide it: it gave 0.75
  // to chelsea.png and 0.96 to motorcycle_left.png, both photographs.
  return !(s.imageType && (s.imageType->clipArtType >= 2 || s.imageType->lineDrawingType == 1));
}

std::vector<std::pair<std::string, double>> tagEvidence(const Signals& s) {
  Evidence ev;

  // Objects: per class, the noisy-OR of its calibrated detections (two 0.6 cats make
  // "there is a cat" likelier than one). Parents: the best of their children,
  // through the objects feature's chain when it gave one, else ours.
  std::map<std::string, std::vector<double>> byClass;
  std::map<std::string, std::vector<std::string>> reportedParents;
  for (const auto& o : s.objects) {
    const Concept* c = findConcept(o.name);
    const std::string key = c ? c->key : o.name;
    byClass[key].push_back(calibratedObjectConfidence(o.confidence));
    if (!o.parents.empty()) reportedParents[key] = o.parents;
  }
  for (const auto& [key, scores] : byClass) {
    const double conf = noisyOr(scores);
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

  // Faces: "human face"; a face is also a person.
  if (!s.faces.empty()) {
    const double conf = faceTagConfidence(s.faces);
    ev.add("human face", conf);
    ev.add("person", conf * 0.95);
  }

  // Text: the read feature's lines; more lines, likelier text.
  if (s.textLines > 0) {
    const double lineConf = s.textConfidence > 0 ? s.textConfidence : 0.8;
    ev.add("text", lineConf * std::min(1.0, 0.7 + 0.06 * s.textLines));
  }

  // Image type.
  if (s.imageType) {
    if (s.imageType->clipArtType == 3) ev.add("clipart", 0.9);
    if (s.imageType->clipArtType == 2) ev.add("clipart", 0.75);
    if (s.imageType->lineDrawingType == 1) {
      ev.add("line art", 0.85);
      ev.add("drawing", 0.8);
    }
  }

  // Colour.
  if (s.color && s.color->isBWImg) {
    ev.add("black and white", 0.92);
    ev.add("monochrome", 0.85);
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
    const double outdoor = std::max({sc.sky, sc.grass, sc.water, sc.snow});
    if (outdoor > 0) ev.add("outdoor", 0.6 + 0.35 * outdoor);
    // Indoor only on strong evidence: a confidently detected piece of indoor
    // furniture or appliance, and no outdoor scene at all.
    if (outdoor == 0) {
      static const char* const kIndoor[] = {"bed", "couch", "dining table", "toilet", "tv", "microwave",
                                            "oven", "refrigerator", "sink", "toaster"};
      double best = 0;
      for (const char* k : kIndoor) {
        auto it = byClass.find(k);
        if (it != byClass.end()) best = std::max(best, noisyOr(it->second));
      }
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
    tags.push_back({key, c ? conceptName(*c, language) : key, confidence});
  }
  std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.confidence > b.confidence; });
  return tags;
}

}  // namespace lv
