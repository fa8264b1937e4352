#include "features/tags/tags_feature.hpp"

#include <algorithm>

#include "features/read/read.hpp"
#include "features/tags/scene.hpp"

namespace lv {
namespace {

UnitBox unitBox(double x, double y, double w, double h, const Image& image) {
  const double iw = std::max(1, image.width), ih = std::max(1, image.height);
  return {x / iw, y / ih, w / iw, h / ih};
}

bool holdsCentreOf(const Rect& box, const FaceRectangle& f) {
  const double cx = f.left + f.width / 2.0, cy = f.top + f.height / 2.0;
  return cx >= box.x && cx < box.x + box.w && cy >= box.y && cy < box.y + box.h;
}

// A face whose centre lies in a detected animal and in no detected person is
// the animal's: the face detector fired on a hen's head in a photo of hens.
bool animalsFace(const FaceRectangle& face, const std::vector<DetectedObject>& objects) {
  static const Concept* const person = findConcept("person");
  bool inAnimal = false;
  for (const auto& o : objects) {
    if (!holdsCentreOf(o.rectangle, face)) continue;
    const Concept* c = findConcept(o.name);
    if (c == person) return false;
    inAnimal = inAnimal || isAnimalKind(c);
  }
  return inAnimal;
}

}  // namespace

void mergePluginTags(std::vector<Tag>& tags, const std::vector<PluginLabel>& labels) {
  for (const auto& label : labels) {
    auto same = std::find_if(tags.begin(), tags.end(), [&](const Tag& t) { return t.name == label.name; });
    if (same == tags.end()) tags.push_back({label.name, label.name, label.confidence});
    else same->confidence = std::max(same->confidence, label.confidence);
  }
  std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.confidence > b.confidence; });
}

Signals gatherSignals(const JobState& state) {
  const AnalysisResults& r = state.results;
  const Image& image = state.decoded.image;
  Signals s;
  if (r.objects)
    for (const auto& o : *r.objects)
      s.objects.push_back({o.name, o.confidence, unitBox(o.rectangle.x, o.rectangle.y, o.rectangle.w, o.rectangle.h, image),
                           o.parents});
  if (r.faces)
    for (const auto& f : *r.faces)
      if (!r.objects || !animalsFace(f, *r.objects)) s.faces.push_back({0.0, unitBox(f.left, f.top, f.width, f.height, image)});
  if (r.read) {
    double confidence = 0, area = 0;
    for (const auto& block : r.read->blocks)
      for (const auto& line : block.lines) {
        ++s.textLines;
        confidence += line.confidence;
        area += extentOf(line.polygon).area();
      }
    if (s.textLines > 0) {
      s.textConfidence = confidence / s.textLines;
      s.textArea = std::min(1.0, area / std::max(1.0, static_cast<double>(image.width) * image.height));
    }
  }
  if (r.adult) {
    NsfwScores n;
    n.drawing = r.adult->drawingProbability;
    n.hentai = r.adult->hentaiProbability;
    s.nsfw = n;
  }
  s.color = r.color;
  s.imageType = r.imageType;
  s.classification = r.classification;
  if (image.width > 0 && image.height > 0) s.scene = analyzeScene(image);
  return s;
}

void TagsFeature::finish(JobState& state) {
  TagsResult result;
  result.signals = gatherSignals(state);
  result.values = computeTags(result.signals, languageFromCode(state.options.language));
  if (state.results.plugins) mergePluginTags(result.values, labelsForTask(*state.results.plugins, "tags"));
  state.results.tags = std::move(result);
}

}  // namespace lv
