#pragma once
// The words the tags, description and categories features speak: every term
// a signal can produce, its Azure-style parent, its tag name in the five
// languages, and (for things a caption can name) its noun phrases. Two
// tables: the hand-written one in vocabulary.cpp (COCO classes, image type,
// colour, pixel scenes) and the one generated from WordNet 3.0 for the
// ImageNet classifier (wordnet_concepts.inc, by models/tools/wordnet-vocabulary.mjs).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lv {

enum class Language { En = 0, Es, Ja, Pt, Zh };
constexpr int kLanguageCount = 5;

// "en" | "es" | "ja" | "pt" | "zh" (already validated by the options parser);
// anything else is English.
Language languageFromCode(std::string_view code);

struct Concept {
  const char* key;     // the term's English name: the en tag name and the id used across features
  const char* parent;  // Azure-style parent (cat -> mammal -> animal), as objects/object_taxonomy.cpp has it, or nullptr
  const char* names[kLanguageCount];  // tag name by Language
  // Caption noun phrases; nullptr for concepts no caption names as a subject.
  const char* en[2];  // singular with article, plural ("a cat", "cats")
  const char* es[2];  // "un gato", "gatos"
  const char* pt[2];  // "um gato", "gatos"
  bool ptFeminine;    // pt numerals agree: "duas pessoas", "dois gatos"
  const char* jaCounter;     // "匹", "人", "台", "つ"
  const char* zhClassifier;  // "只", "个", "辆"
  // Azure's tag `hint` where the English name is ambiguous ("crane": "bird"
  // or "lifting device"); nullptr otherwise.
  const char* hint = nullptr;
};

// One ImageNet-1k class (WordNet 3.0 noun synset) and what it says as tags.
struct ImageNetClass {
  const char* wnid;      // "n02099601"
  const char* term;      // its own concept key ("golden retriever")
  const char* tags;      // '|'-separated concept keys: itself, its useful hypernyms, the scene words it implies
  const char* category;  // Azure category (one of categoryTaxonomy()) or nullptr
  // What a thing says of the scene ("indoor" for an organ or a wardrobe; see
  // models/tools/wordnet-vocabulary.mjs): true only where the thing is, so
  // counted only where it would be named. nullptr for most classes.
  const char* surroundings;
};

// Every class the vocabulary knows.
std::span<const ImageNetClass> imageNetClasses();

// The class of a WordNet id ("n02099601"), or nullptr.
const ImageNetClass* findImageNetClass(std::string_view wnid);

// The concepts of a class's `tags`, in order (each resolvable by findConcept),
// then the Azure-style parents of those (cup -> drinkware -> tableware).
const std::vector<const Concept*>& classConcepts(const ImageNetClass& imageNetClass);

// The concepts of a class's `surroundings` (empty when it has none).
const std::vector<const Concept*>& classSurroundings(const ImageNetClass& imageNetClass);

// Every concept either table holds (for tests: each must have all five names).
std::vector<const Concept*> allConcepts();

// The term for an English name (case-insensitive; COCO spellings and a few
// Azure spellings such as "television"), or nullptr when the table has none.
const Concept* findConcept(std::string_view name);

// Tag name in `language`; the English key when the table has no translation.
std::string conceptName(const Concept& term, Language language);

// Whether `ancestor` is `term` or on its Azure-style parent chain (giraffe -> mammal -> animal).
bool descendsFrom(const Concept* term, const Concept* ancestor);

// Whether `term` names a kind of animal (giraffe, bird), not "animal" itself;
// false for nullptr.
bool isAnimalKind(const Concept* term);

// An English noun phrase with "a" or "an" by its first letter ("an orange car").
std::string withEnglishArticle(const std::string& phrase);

// The tag concept of one of Azure's 12 colour names ("Blue" -> blue), for the
// chromatic colours and White; nullptr for Black, Grey and Brown (they say
// more about light than about the picture) and unknown names.
const Concept* colorConcept(std::string_view azureColor);

// One of Azure's 12 colour names ("Black", "Blue", ...) as an adjective in
// `language` (lower case for en/es/pt); empty when unknown.
std::string colorWord(std::string_view azureColor, Language language);

}  // namespace lv
