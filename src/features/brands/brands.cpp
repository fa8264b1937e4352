#include "features/brands/brands.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace lv {
namespace {

constexpr const char* kLexicon =
#include "features/brands/brand_names.inc"
    ;

struct Entry {
  std::string name;
  std::string key;     // alphanumerics, lower case
  std::string exact;   // alphanumerics, lexicon case (short names match this)
  bool capitalised = false;  // an everyday word: must start upper case in the text
};

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

const std::vector<Entry>& lexicon() {
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> out;
    std::string_view text(kLexicon);
    while (!text.empty()) {
      const auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (line.empty()) continue;
      Entry e;
      if (line.front() == '*') e.capitalised = true, line.remove_prefix(1);
      e.name = std::string(line);
      for (char c : line)
        if (alnum(c)) e.exact += c, e.key += lower(c);
      if (!e.key.empty()) out.push_back(std::move(e));
    }
    return out;
  }();
  return entries;
}

// A line's text as alphanumerics, with where each came from and where words
// (or hyphen/apostrophe-separated parts) begin and end.
struct Compact {
  std::string exact, key;
  std::vector<int> word;       // word index of each character
  std::vector<int> posInWord;  // byte offset inside the word's text
  std::vector<bool> startsPart, endsPart;
};

Compact compact(const TextLine& line) {
  Compact c;
  for (std::size_t w = 0; w < line.words.size(); ++w) {
    const std::string& t = line.words[w].text;
    bool partStart = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!alnum(t[i])) {
        if (!c.endsPart.empty() && c.word.back() == static_cast<int>(w)) c.endsPart.back() = true;
        partStart = true;
        continue;
      }
      c.exact += t[i];
      c.key += lower(t[i]);
      c.word.push_back(static_cast<int>(w));
      c.posInWord.push_back(static_cast<int>(i));
      c.startsPart.push_back(partStart);
      c.endsPart.push_back(false);
      partStart = false;
    }
    if (!c.endsPart.empty() && c.word.back() == static_cast<int>(w)) c.endsPart.back() = true;
  }
  return c;
}

Point2 along(const Quad& q, double f, bool top) {
  const Point2& a = top ? q[0] : q[3];
  const Point2& b = top ? q[1] : q[2];
  return {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f};
}

DetectedBrand brandAt(const Entry& e, const TextLine& line, const Compact& c, std::size_t first, std::size_t last) {
  DetectedBrand b;
  b.name = e.name;
  const int w0 = c.word[first], w1 = c.word[last];
  std::vector<Point2> points;
  double conf = 0;
  for (int w = w0; w <= w1; ++w) {
    const TextWord& word = line.words[w];
    const double len = std::max<std::size_t>(1, word.text.size());
    const double f0 = w == w0 ? c.posInWord[first] / len : 0.0;
    const double f1 = w == w1 ? (c.posInWord[last] + 1) / len : 1.0;
    for (bool top : {true, false}) points.push_back(along(word.polygon, f0, top)), points.push_back(along(word.polygon, f1, top));
    conf += word.confidence;
  }
  b.confidence = conf / (w1 - w0 + 1);
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const auto& p : points) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  b.x = static_cast<int>(std::floor(x0));
  b.y = static_cast<int>(std::floor(y0));
  b.w = static_cast<int>(std::ceil(x1)) - b.x;
  b.h = static_cast<int>(std::ceil(y1)) - b.y;
  return b;
}

}  // namespace

const std::vector<std::string>& brandNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& e : lexicon()) out.push_back(e.name);
    return out;
  }();
  return names;
}

std::vector<DetectedBrand> findBrandsInLine(const TextLine& line) {
  const Compact c = compact(line);
  struct Hit {
    std::size_t first, last;
    const Entry* entry;
  };
  std::vector<Hit> hits;
  for (const auto& e : lexicon()) {
    const bool shortName = e.key.size() <= 3;
    const std::string& hay = shortName ? c.exact : c.key;
    const std::string& needle = shortName ? e.exact : e.key;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
      const std::size_t last = at + needle.size() - 1;
      // Whole words or word parts ("Nike-branded", "Apple's"), never inside one ("Applesauce").
      if (!c.startsPart[at] || !c.endsPart[last]) continue;
      if (e.capitalised && !std::isupper(static_cast<unsigned char>(c.exact[at]))) continue;
      hits.push_back({at, last, &e});
    }
  }
  // Longer matches first; drop any that overlaps one already kept.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.last - a.first > b.last - b.first; });
  std::vector<Hit> kept;
  for (const auto& h : hits)
    if (std::none_of(kept.begin(), kept.end(), [&](const Hit& k) { return h.first <= k.last && k.first <= h.last; }))
      kept.push_back(h);
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.first < b.first; });
  std::vector<DetectedBrand> out;
  for (const auto& h : kept) out.push_back(brandAt(*h.entry, line, c, h.first, h.last));
  return out;
}

std::vector<DetectedBrand> findBrands(const ReadResult& read) {
  std::vector<DetectedBrand> out;
  for (const auto& block : read.blocks)
    for (const auto& line : block.lines) {
      auto found = findBrandsInLine(line);
      out.insert(out.end(), found.begin(), found.end());
    }
  return out;
}

}  // namespace lv
