#include "features/dense_captions/dense_captions.hpp"

#include <algorithm>

#include "features/tags/calibration.hpp"

namespace lv {
namespace {

// The most specific confident concept of the crop that is a kind of the
// detected class (German shepherd for a dog), or nullptr.
const Concept* refinedConcept(const RegionEvidence& r, double& confidence) {
  const auto masses = conceptMasses(r.crop);
  const ConceptMass* best = mostSpecific(masses, [&](const ConceptMass& m) {
    return m.term->en[0] != nullptr && conceptConfidence(m) >= kRegionMinConceptConfidence && isKindOf(m.term, r.detected);
  });
  if (!best) return nullptr;
  confidence = conceptConfidence(*best);
  return best->term;
}

bool takesColor(const Concept* term) {
  static const char* const kColored[] = {"vehicle", "clothing", "umbrella", "bag", "luggage"};
  return std::any_of(std::begin(kColored), std::end(kColored), [&](const char* general) { return descendsFrom(term, findConcept(general)); });
}

// "red" agreeing with the noun's gender: es/pt colour words change their
// ending (-o/-a) after a feminine noun; en/ja/zh do not.
std::string colorAdjective(const std::string& azureColor, Language language, bool feminine) {
  std::string word = colorWord(azureColor, language);
  if (feminine && (language == Language::Es || language == Language::Pt) && !word.empty() && word.back() == 'o')
    word.back() = 'a';
  return word;
}

std::string withoutArticle(const std::string& phrase) {
  for (const char* article : {"a ", "an ", "some "})
    if (phrase.rfind(article, 0) == 0) return phrase.substr(std::string_view(article).size());
  return phrase;
}

std::string phrase(const Concept& term, const std::string& color, Language language) {
  switch (language) {
    case Language::En:
      return color.empty() ? term.en[0] : withEnglishArticle(color + " " + withoutArticle(term.en[0]));
    case Language::Es:
      return color.empty() ? term.es[0] : std::string(term.es[0]) + " " + color;
    case Language::Pt:
      return color.empty() ? term.pt[0] : std::string(term.pt[0]) + " " + color;
    case Language::Ja:
      return color.empty() ? conceptName(term, language) : color + "の" + conceptName(term, language);
    case Language::Zh:
      return color.empty() ? conceptName(term, language) : color + "的" + conceptName(term, language);
  }
  return term.key;
}

}  // namespace

bool tintedLight(const std::optional<SceneEvidence>& scene) {
  return scene && (scene->sunset > 0 || scene->nightLights > 0);
}

Rect regionCrop(const Rect& box, int imageWidth, int imageHeight) {
  const int mx = box.w / 10, my = box.h / 10;
  const int x = std::max(0, box.x - mx), y = std::max(0, box.y - my);
  const int right = std::min(imageWidth, box.x + box.w + mx), bottom = std::min(imageHeight, box.y + box.h + my);
  return {x, y, std::max(1, right - x), std::max(1, bottom - y)};
}

DenseCaption regionCaption(const RegionEvidence& r, Language language) {
  double refinedConfidence = 0;
  const Concept* refined = r.detected ? refinedConcept(r, refinedConfidence) : nullptr;
  const Concept* term = refined ? refined : r.detected;
  if (!term || !term->en[0]) return {"", 0, r.box};
  const bool feminine = language == Language::Es ? std::string_view(term->es[0]).rfind("una ", 0) == 0 : term->ptFeminine;
  const std::string color = takesColor(r.detected) && !r.color.empty() ? colorAdjective(r.color, language, feminine) : "";
  // A refinement is only as sure as both the detection and the crop's class.
  const double confidence = refined ? std::min(r.confidence, refinedConfidence) : r.confidence;
  return {phrase(*term, color, language), confidence, r.box};
}

}  // namespace lv
