#include "features/people_gallery/people_gallery.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "features/people_gallery/face_descriptor.hpp"

namespace lv {
namespace {

constexpr const char* kFormat = "localvision-people";
constexpr const char* kDescriptorKind = "face-embedding/192";
constexpr std::size_t kMaxNameLength = 256;

[[noreturn]] void badArgument(const std::string& message) { throw AnalysisError(ErrorCode::InvalidArgument, message); }

void checkName(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameLength)
    badArgument("A person's name must be a non-empty string of at most 256 characters.");
}

std::vector<float> normalised(std::span<const float> v) {
  if (v.size() != kDescriptorSize)
    badArgument("A face descriptor has " + std::to_string(kDescriptorSize) + " values, got " + std::to_string(v.size()) + ".");
  double n = 0;
  for (float x : v) {
    if (!std::isfinite(x)) badArgument("A face descriptor holds a value that is not a finite number.");
    n += static_cast<double>(x) * x;
  }
  n = std::sqrt(n);
  if (n < 1e-6) badArgument("A face descriptor must not be all zeros.");
  std::vector<float> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<float>(v[i] / n);
  return out;
}

double dot(std::span<const float> a, std::span<const float> b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * b[i];
  return s;
}

}  // namespace

double matchConfidence(double cosine) { return 1.0 / (1.0 + std::exp(-(cosine - kMatchCosine) / kConfidenceScale)); }

void PeopleGallery::enroll(const std::string& name, std::span<const float> descriptor) {
  checkName(name);
  std::vector<float> d = normalised(descriptor);
  std::lock_guard lock(mutex_);
  auto it = std::find_if(people_.begin(), people_.end(), [&](const Person& p) { return p.name == name; });
  if (it == people_.end()) people_.push_back({name, {std::move(d)}});
  else it->descriptors.push_back(std::move(d));
}

bool PeopleGallery::remove(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(people_.begin(), people_.end(), [&](const Person& p) { return p.name == name; });
  if (it == people_.end()) return false;
  people_.erase(it);
  return true;
}

void PeopleGallery::clear() {
  std::lock_guard lock(mutex_);
  people_.clear();
}

std::vector<PersonEntry> PeopleGallery::list() const {
  std::lock_guard lock(mutex_);
  std::vector<PersonEntry> out;
  for (const auto& p : people_) out.push_back({p.name, p.descriptors.size()});
  return out;
}

bool PeopleGallery::empty() const {
  std::lock_guard lock(mutex_);
  return people_.empty();
}

std::string PeopleGallery::exportJson() const {
  std::lock_guard lock(mutex_);
  nlohmann::ordered_json people = nlohmann::ordered_json::array();
  for (const auto& p : people_) people.push_back({{"name", p.name}, {"descriptors", p.descriptors}});
  return nlohmann::ordered_json{{"format", kFormat}, {"version", 1}, {"descriptor", kDescriptorKind}, {"people", people}}
      .dump();
}

void PeopleGallery::importJson(std::string_view text) {
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) badArgument("A people gallery must be a JSON object (from export()).");
  if (doc.value("format", "") != kFormat) badArgument("Not a localvision people gallery: 'format' must be \"localvision-people\".");
  if (!doc.contains("version") || doc["version"] != 1) badArgument("Unsupported people gallery version: expected 1.");
  if (doc.value("descriptor", "") != kDescriptorKind)
    badArgument(std::string("The gallery's descriptors come from another face model: expected \"") + kDescriptorKind + "\".");
  if (!doc.contains("people") || !doc["people"].is_array()) badArgument("A people gallery needs a 'people' array.");
  std::vector<Person> incoming;
  for (const auto& p : doc["people"]) {
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string() || !p.contains("descriptors") ||
        !p["descriptors"].is_array())
      badArgument("Each person needs a 'name' string and a 'descriptors' array.");
    Person person{p["name"].get<std::string>(), {}};
    checkName(person.name);
    for (const auto& d : p["descriptors"]) {
      if (!d.is_array()) badArgument("Each descriptor must be an array of numbers.");
      std::vector<float> values;
      for (const auto& x : d) {
        if (!x.is_number()) badArgument("Each descriptor must be an array of numbers.");
        values.push_back(x.get<float>());
      }
      person.descriptors.push_back(normalised(values));
    }
    if (person.descriptors.empty()) badArgument("Person '" + person.name + "' has no descriptors.");
    incoming.push_back(std::move(person));
  }
  std::lock_guard lock(mutex_);
  for (auto& in : incoming) {
    auto it = std::find_if(people_.begin(), people_.end(), [&](const Person& p) { return p.name == in.name; });
    if (it == people_.end()) people_.push_back(std::move(in));
    else
      for (auto& d : in.descriptors) it->descriptors.push_back(std::move(d));
  }
}

std::vector<PersonMatch> PeopleGallery::scores(std::span<const float> descriptor) const {
  const std::vector<float> d = normalised(descriptor);
  std::lock_guard lock(mutex_);
  std::vector<PersonMatch> out;
  for (const auto& p : people_) {
    double best = -1;
    for (const auto& e : p.descriptors) best = std::max(best, dot(d, e));
    out.push_back({p.name, best, matchConfidence(best)});
  }
  std::stable_sort(out.begin(), out.end(), [](const PersonMatch& a, const PersonMatch& b) { return a.cosine > b.cosine; });
  return out;
}

std::optional<PersonMatch> PeopleGallery::match(std::span<const float> descriptor) const {
  auto all = scores(descriptor);
  if (all.empty() || all.front().cosine < kMatchCosine) return std::nullopt;
  return all.front();
}

}  // namespace lv
