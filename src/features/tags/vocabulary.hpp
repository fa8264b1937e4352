#pragma once
// The one curated table of words the tags, description and categories
// features speak: every term a signal can produce, its Azure-style parent,
// its tag name in the five languages, and (for things a caption can name)
// its noun phrases. Data in code, in one place (vocabulary.cpp).
#include <string>
#include <string_view>

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
};

// The term for an English name (case-insensitive; COCO spellings and a few
// Azure spellings such as "television"), or nullptr when the table has none.
const Concept* findConcept(std::string_view name);

// Tag name in `language`; the English key when the table has no translation.
std::string conceptName(const Concept& term, Language language);

// One of Azure's 12 colour names ("Black", "Blue", ...) as an adjective in
// `language` (lower case for en/es/pt); empty when unknown.
std::string colorWord(std::string_view azureColor, Language language);

}  // namespace lv
