#pragma once
// Results of the faces feature and of the known-people gallery (Azure's
// "celebrities" detail). No age, gender or any other face attribute.
#include <cstddef>
#include <string>
#include <vector>

namespace lv {

// Azure v3.2's faceRectangle, image pixels.
struct FaceRectangle {
  int left = 0, top = 0, width = 0, height = 0;
};

struct KnownPerson {
  std::string name;
  double confidence = 0;  // 0..1, see people_gallery.hpp
  FaceRectangle faceRectangle;
};

// Azure's category "people_" with detail.celebrities.
struct PeopleCategory {
  bool anyFace = false;  // no face: no "people_" category at all
  double score = 0;  // the best face detection score
  std::vector<KnownPerson> celebrities;
};

// The result of an enrolment job ({"enroll": "<name>"}).
struct EnrolledPerson {
  std::string name;
  FaceRectangle faceRectangle;
  std::size_t descriptors = 0;  // how many the name holds now
};

}  // namespace lv
