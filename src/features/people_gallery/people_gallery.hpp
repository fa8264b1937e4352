#pragma once
// The known-people gallery of one analyzer (Azure's "celebrities" detail,
// with the app's own people): names with one or more face descriptors,
// matched by cosine similarity. In memory only; export/import are the app's.
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lv {

// Cosine similarity (of re-centred descriptors, see face_descriptor.hpp) at
// which a face is reported as a known person. Calibrated on the samples:
// astronaut.png against its flipped / 0.5x / 1.5x / brightened / darkened /
// greyscale / padded copies scores 0.94..0.99 (camera.png's man against his
// copies 0.94..0.99); the astronaut against the man scores 0.43..0.64.
constexpr double kMatchCosine = 0.80;
// Confidence = logistic((cosine - kMatchCosine) / kConfidenceScale): 0.5 at
// the threshold, ~0.94 at 0.94, ~0.05 at 0.65.
constexpr double kConfidenceScale = 0.05;

double matchConfidence(double cosine);

struct PersonEntry {
  std::string name;
  std::size_t descriptors = 0;
};

struct PersonMatch {
  std::string name;
  double cosine = 0;
  double confidence = 0;
};

class PeopleGallery {
 public:
  // Adds a descriptor (normalised here) under `name`; a name may hold many.
  // Throws InvalidArgument for an empty name or a descriptor of the wrong size.
  void enroll(const std::string& name, std::span<const float> descriptor);
  // Removes every descriptor of `name`; false when the name is unknown.
  bool remove(const std::string& name);
  void clear();
  // Names in enrolment order, with how many descriptors each holds.
  std::vector<PersonEntry> list() const;
  bool empty() const;

  // {"format":"localvision-people","version":1,"descriptor":"face-embedding/192",
  //  "people":[{"name":"Ada","descriptors":[[...192 floats...], ...]}]}
  std::string exportJson() const;
  // Adds the people of an exported gallery (descriptors appended to names
  // already present). Validates everything before changing anything; throws
  // InvalidArgument saying what is wrong.
  void importJson(std::string_view json);

  // The best-matching person (max cosine over each person's descriptors),
  // or nothing when the gallery is empty or no one reaches kMatchCosine.
  std::optional<PersonMatch> match(std::span<const float> descriptor) const;
  // Best cosine per person, best first (for diagnostics and tests).
  std::vector<PersonMatch> scores(std::span<const float> descriptor) const;

 private:
  struct Person {
    std::string name;
    std::vector<std::vector<float>> descriptors;
  };
  mutable std::mutex mutex_;
  std::vector<Person> people_;
};

}  // namespace lv
