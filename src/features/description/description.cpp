#include "features/description/description.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "features/tags/calibration.hpp"

namespace lv {
namespace {

// How good a template caption can be at best: they are crude next to a
// captioning model.
constexpr double kSubjectTemplate = 0.9;
constexpr double kTextTemplate = 0.75;
constexpr double kSceneTemplate = 0.7;
constexpr double kFallbackTemplate = 0.3;

int lang(Language l) { return static_cast<int>(l); }

struct Subject {
  const Concept* term;
  int count = 0;
  double confidence = 0;  // calibrated, best instance
  bool sure = true;       // the count can be said as a number (ObjectEvidence::sure)
};

std::string numbered(const Subject& s, Language language) {
  const Concept& c = *s.term;
  // Two unsure instances may be two of a crowd: "a group of", not "two".
  const bool many = s.count >= 3 || (s.count == 2 && !s.sure), two = s.count == 2 && s.sure;
  switch (language) {
    case Language::En:
      return many ? std::string("a group of ") + c.en[1] : two ? std::string("two ") + c.en[1] : c.en[0];
    case Language::Es:
      return many ? std::string("un grupo de ") + c.es[1] : two ? std::string("dos ") + c.es[1] : c.es[0];
    case Language::Pt:
      return many ? std::string("um grupo de ") + c.pt[1]
             : two ? std::string(c.ptFeminine ? "duas " : "dois ") + c.pt[1]
                   : c.pt[0];
    case Language::Ja: {
      const std::string noun = conceptName(c, language);
      return many ? "複数の" + noun : two ? std::string("2") + c.jaCounter + "の" + noun : noun;
    }
    case Language::Zh: {
      const std::string noun = conceptName(c, language);
      const bool living = std::string(c.key) == "person" || std::string(c.jaCounter) == "匹" ||
                          std::string(c.jaCounter) == "頭" || std::string(c.jaCounter) == "羽";
      if (many) return living ? "一群" + noun : std::string("几") + c.zhClassifier + noun;
      return std::string(two ? "两" : "一") + c.zhClassifier + noun;
    }
  }
  return c.key;
}

std::string joined(const std::vector<std::string>& parts, Language language) {
  static const char* const kAnd[] = {" and ", " y ", "と", " e ", "和"};
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? kAnd[lang(language)] : (language == Language::Ja ? "、" : language == Language::Zh ? "、" : ", ");
    out += parts[i];
  }
  return out;
}

enum class Style { None, BlackAndWhite, Drawing };
enum class Scene { None, Grass, Snow, Water, Flower };

std::string styled(const std::string& subject, Style style, Language language) {
  if (style == Style::BlackAndWhite) {
    static const char* const kPre[] = {"a black and white photo of ", "una foto en blanco y negro de ", "",
                                       "uma foto em preto e branco de ", ""};
    static const char* const kPost[] = {"", "", "の白黒写真", "", "的黑白照片"};
    return kPre[lang(language)] + subject + kPost[lang(language)];
  }
  if (style == Style::Drawing) {
    static const char* const kPre[] = {"a drawing of ", "un dibujo de ", "", "um desenho de ", ""};
    static const char* const kPost[] = {"", "", "の絵", "", "的图画"};
    return kPre[lang(language)] + subject + kPost[lang(language)];
  }
  return subject;
}

std::string placed(const std::string& subject, Scene scene, Language language) {
  if (scene == Scene::None) return subject;
  const int s = static_cast<int>(scene) - 1;
  static const char* const kPost[4][5] = {
      {" on the grass", " sobre la hierba", "", " na grama", ""},
      {" in the snow", " en la nieve", "", " na neve", ""},
      {" by the water", " junto al agua", "", " perto da água", ""},
      {" on a flower", " sobre una flor", "", " em uma flor", ""}};
  static const char* const kPre[4][5] = {{"", "", "草の上の", "", "草地上的"},
                                         {"", "", "雪の中の", "", "雪中的"},
                                         {"", "", "水辺の", "", "水边的"},
                                         {"", "", "花の上の", "", "花上的"}};
  return kPre[s][lang(language)] + subject + kPost[s][lang(language)];
}

struct Named {
  const Concept* term;
  double confidence;
};

// The classifier's most specific confident concept a caption can name (a
// breed before "dog" before "animal").
std::optional<Named> classifierSubject(const Signals& s) {
  const auto masses = classifierMasses(s);
  const ConceptMass* best = mostSpecific(masses, [](const ConceptMass& m) {
    return m.term->en[0] != nullptr && conceptConfidence(m) >= kCaptionMinConceptConfidence;
  });
  if (!best) return std::nullopt;
  return Named{best->term, conceptConfidence(*best)};
}

// A caption from image type and colour only: "an orange and white drawing".
Caption fallbackCaption(const Signals& s, Language language, bool photo) {
  std::vector<std::string> colors;
  if (s.color && s.color->isBWImg) {
    // "image", not "photo": nothing says it is one (a scanned page is black and white too).
    static const char* const kBw[][2] = {{"a black and white image", "a black and white drawing"},
                                         {"una imagen en blanco y negro", "un dibujo en blanco y negro"},
                                         {"白黒画像", "白黒の絵"},
                                         {"uma imagem em preto e branco", "um desenho em preto e branco"},
                                         {"黑白图像", "黑白图画"}};
    return {kBw[lang(language)][photo ? 0 : 1], kFallbackTemplate * 0.92};
  }
  if (s.color) {
    for (const auto& name : s.color->dominantColors) {
      const std::string word = colorWord(name, language);
      if (!word.empty() && std::find(colors.begin(), colors.end(), word) == colors.end()) colors.push_back(word);
      if (colors.size() == 2) break;
    }
  }
  const std::string what = colors.empty() ? "" : joined(colors, language);
  switch (language) {
    case Language::En: return {colors.empty() ? (photo ? "an image" : "a drawing") : withEnglishArticle(what + (photo ? " image" : " drawing")), kFallbackTemplate};
    case Language::Es: return {std::string(photo ? "una imagen" : "un dibujo") + (colors.empty() ? "" : " en " + what), kFallbackTemplate};
    case Language::Pt: return {std::string(photo ? "uma imagem" : "um desenho") + (colors.empty() ? "" : " em " + what), kFallbackTemplate};
    case Language::Ja: return {(colors.empty() ? "" : what + "の") + std::string(photo ? "画像" : "絵"), kFallbackTemplate};
    case Language::Zh: return {(colors.empty() ? "" : what + "的") + std::string(photo ? "图像" : "图画"), kFallbackTemplate};
  }
  return {"", 0};
}

// An element a caption may state, and how sure we are of it.
struct Element {
  double confidence;
  bool stated;
};

// Quality of a caption: the chance that everything it states is right, times
// its coverage (each detected thing it leaves out costs half its confidence).
double quality(double base, const std::vector<Element>& elements) {
  double q = base;
  for (const auto& e : elements) q *= e.stated ? e.confidence : 1 - 0.5 * e.confidence;
  return q;
}

// A landscape with nothing in it to name is captioned by its scene: the
// first of these the tags' evidence holds (the sea before the water it is,
// trees before the grass under them).
struct SceneSubject {
  const char* term;
  const char* text[5];  // en, es, ja, pt, zh
};
constexpr SceneSubject kSceneSubjects[] = {
    {"sea", {"the sea", "el mar", "海", "o mar", "大海"}},
    {"sand", {"a sandy landscape", "un paisaje arenoso", "砂の風景", "uma paisagem arenosa", "沙地景观"}},
    {"tree", {"a group of trees", "un grupo de árboles", "木々", "um grupo de árvores", "一片树木"}},
    {"cloud", {"clouds in the sky", "nubes en el cielo", "空の雲", "nuvens no céu", "天空中的云"}},
    {"grass", {"a grassy field", "un campo de hierba", "草原", "um campo gramado", "草地"}},
    {"water", {"a body of water", "una masa de agua", "水域", "um corpo d'água", "水域"}},
};

std::optional<Caption> sceneCaption(const std::map<std::string, double>& evidence, Language language) {
  for (const auto& subject : kSceneSubjects) {
    const auto it = evidence.find(subject.term);
    if (it != evidence.end() && it->second >= kCaptionMinConceptConfidence)
      return Caption{subject.text[lang(language)], kSceneTemplate * it->second};
  }
  return std::nullopt;
}

}  // namespace

std::vector<Caption> composeCaptions(const Signals& s, Language language, int maxCandidates) {
  maxCandidates = std::max(1, maxCandidates);
  const bool photo = looksLikePhoto(s);

  // Subjects: detected classes (fused confidence over the caption floor).
  std::map<std::string, Subject> byClass;
  double largest = 0;
  for (const auto& o : objectEvidence(s)) {
    const Concept* term = findConcept(o.key);
    if (!term || !term->en[0] || o.count == 0 || o.confidence < kCaptionMinObjectConfidence) continue;
    byClass[term->key] = {term, o.count, o.confidence, o.sure};
    largest = std::max(largest, o.area);
  }
  // And the classifier's most specific confident concept: it refines a
  // detection it is a kind of ("a German shepherd" for a detected dog), is
  // dropped when a detection is a kind of it (no "an animal" beside "two
  // giraffes"), and stands beside the others unless a detection fills much
  // of the image: the classifier then looked at that thing, and naming
  // something else is its mistake (an astronaut is no bobsled).
  if (const auto named = classifierSubject(s)) {
    auto refined = std::find_if(byClass.begin(), byClass.end(), [&](const auto& d) { return isKindOf(named->term, d.second.term); });
    const bool covered = std::any_of(byClass.begin(), byClass.end(), [&](const auto& d) { return isKindOf(d.second.term, named->term); });
    if (refined != byClass.end()) refined->second.term = named->term;
    else if (!covered && largest < kDominantObjectArea) byClass[named->term->key] = {named->term, 1, named->confidence};
  }
  // Faces are people too: as many people as the larger of the two counts.
  if (!s.faces.empty()) {
    Subject& person = byClass["person"];
    person.term = findConcept("person");
    if (static_cast<int>(s.faces.size()) >= person.count) person.sure = true;  // faces are counted surely
    person.count = std::max<int>(person.count, static_cast<int>(s.faces.size()));
    person.confidence = std::max(person.confidence, faceTagConfidence(s.faces) * 0.95);
  }
  std::vector<Subject> subjects;
  for (auto& [key, subject] : byClass) subjects.push_back(subject);
  std::stable_sort(subjects.begin(), subjects.end(),
                   [](const Subject& a, const Subject& b) {
                     if (a.confidence != b.confidence) return a.confidence > b.confidence;
                     return std::string(a.term->key) == "person" && std::string(b.term->key) != "person";  // people first on ties
                   });
  if (subjects.size() > 3) subjects.resize(3);

  Style style = Style::None;
  double styleConfidence = 0;
  if (!photo) {
    style = Style::Drawing;
    styleConfidence = 0.8;
    if (s.nsfw) styleConfidence = std::max(styleConfidence, std::min(0.95, s.nsfw->drawing + s.nsfw->hentai));
  } else if (s.color && s.color->isBWImg) {
    style = Style::BlackAndWhite;
    styleConfidence = 0.92;
  }
  // The place: the likeliest of grass, snow, water and a flower among the
  // tags' evidence (pixels and classifier), never what a subject already is.
  Scene scene = Scene::None;
  double sceneConfidence = 0;
  std::map<std::string, double> evidence;
  if (photo) {
    for (const auto& [term, confidence] : tagEvidence(s)) evidence[term] = confidence;
    const std::pair<Scene, const char*> places[] = {
        {Scene::Grass, "grass"}, {Scene::Snow, "snow"}, {Scene::Water, "water"}, {Scene::Flower, "flower"}};
    for (const auto& [which, term] : places) {
      const Concept* place = findConcept(term);
      const bool isSubject = std::any_of(subjects.begin(), subjects.end(), [&](const Subject& x) { return isKindOf(x.term, place); });
      const double confidence = evidence.count(term) ? evidence[term] : 0;
      if (!isSubject && confidence >= kCaptionMinPlaceConfidence && confidence > sceneConfidence) {
        scene = which;
        sceneConfidence = confidence;
      }
    }
  }

  std::vector<Caption> candidates;
  if (!subjects.empty()) {
    // Every combination of: the first k subjects (k = 1..n), with or without
    // the style, with or without the scene.
    for (std::size_t k = 1; k <= subjects.size(); ++k)
      for (int withStyle = 0; withStyle <= (style != Style::None ? 1 : 0); ++withStyle)
        for (int withScene = 0; withScene <= (scene != Scene::None ? 1 : 0); ++withScene) {
          std::vector<std::string> parts;
          std::vector<Element> elements;
          for (std::size_t i = 0; i < subjects.size(); ++i) {
            if (i < k) parts.push_back(numbered(subjects[i], language));
            elements.push_back({subjects[i].confidence, i < k});
          }
          std::string text = placed(joined(parts, language), withScene ? scene : Scene::None, language);
          text = styled(text, withStyle ? style : Style::None, language);
          if (style != Style::None) elements.push_back({styleConfidence, withStyle == 1});
          if (scene != Scene::None) elements.push_back({sceneConfidence, withScene == 1});
          candidates.push_back({text, quality(kSubjectTemplate, elements)});
        }
  }
  if (subjects.empty() && photo) {
    if (auto caption = sceneCaption(evidence, language)) {
      caption->text = styled(caption->text, style, language);
      if (style != Style::None) caption->confidence *= styleConfidence;
      candidates.push_back(std::move(*caption));
    }
  }
  if (s.textLines > 0) {
    const bool page = isTextPage(s);
    static const char* const kPage[] = {"a page of text", "una página de texto", "テキストのページ", "uma página de texto", "一页文字"};
    static const char* const kClose[] = {"a close up of text", "un primer plano de texto", "テキストのクローズアップ", "um close de texto", "文字特写"};
    std::vector<Element> elements{{textConfidence(s), true}};
    for (const auto& subject : subjects) elements.push_back({subject.confidence, false});
    candidates.push_back({page ? kPage[lang(language)] : kClose[lang(language)], quality(kTextTemplate, elements)});
  }
  if (candidates.empty() || static_cast<int>(candidates.size()) < maxCandidates) {
    Caption fallback = fallbackCaption(s, language, photo);
    // Below any caption that names something.
    for (const auto& c : candidates) fallback.confidence = std::min(fallback.confidence, c.confidence * 0.9);
    candidates.push_back(fallback);
  }

  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Caption& a, const Caption& b) { return a.confidence > b.confidence; });
  std::vector<Caption> out;
  std::set<std::string> seen;
  for (auto& c : candidates) {
    if (static_cast<int>(out.size()) == maxCandidates) break;
    if (seen.insert(c.text).second) out.push_back(std::move(c));
  }
  return out;
}

DescriptionResult describe(const TagsResult& tags, Language language, int maxCandidates) {
  DescriptionResult out;
  // Words only, so each once (orange the fruit and orange the colour are one word here).
  for (const auto& t : tags.values)
    if (std::find(out.tags.begin(), out.tags.end(), t.name) == out.tags.end()) out.tags.push_back(t.name);
  out.captions = composeCaptions(tags.signals, language, maxCandidates);
  return out;
}

}  // namespace lv
