#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "features/people_gallery/face_descriptor.hpp"
#include "features/people_gallery/people_gallery.hpp"

namespace {

std::vector<float> unit(std::size_t axis) {
  std::vector<float> v(192, 0.0f);
  v[axis] = 1.0f;
  return v;
}

// A unit vector at cosine `c` from unit(0), in the plane of axes 0 and 1.
std::vector<float> atCosine(double c) {
  std::vector<float> v(192, 0.0f);
  v[0] = static_cast<float>(c);
  v[1] = static_cast<float>(std::sqrt(1 - c * c));
  return v;
}

}  // namespace

TEST_CASE("gallery: enroll, match by max cosine over a person's descriptors, remove") {
  lv::PeopleGallery gallery;
  CHECK(gallery.empty());
  CHECK_FALSE(gallery.match(unit(0)));
  gallery.enroll("Ada", unit(0));
  gallery.enroll("Ada", unit(5));
  gallery.enroll("Alan", unit(2));
  REQUIRE(gallery.list().size() == 2);
  CHECK(gallery.list()[0].name == "Ada");
  CHECK(gallery.list()[0].descriptors == 2);

  auto m = gallery.match(unit(5));
  REQUIRE(m);
  CHECK(m->name == "Ada");
  CHECK(m->cosine == Approx(1));
  CHECK(gallery.match(unit(2))->name == "Alan");
  CHECK_FALSE(gallery.match(unit(9)));  // orthogonal to everyone

  CHECK(gallery.remove("Ada"));
  CHECK_FALSE(gallery.remove("Ada"));
  CHECK_FALSE(gallery.match(unit(5)));
  CHECK(gallery.list().size() == 1);
}

TEST_CASE("gallery: the cosine threshold decides, confidence rises with cosine through 0.5 at the threshold") {
  lv::PeopleGallery gallery;
  gallery.enroll("Ada", unit(0));
  CHECK(gallery.match(atCosine(lv::kMatchCosine + 0.01)));
  CHECK_FALSE(gallery.match(atCosine(lv::kMatchCosine - 0.01)));
  CHECK(lv::matchConfidence(lv::kMatchCosine) == Approx(0.5));
  double last = 0;
  for (double c = -1; c <= 1.0001; c += 0.05) {
    const double conf = lv::matchConfidence(c);
    CHECK(conf >= last);
    CHECK(conf >= 0);
    CHECK(conf <= 1);
    last = conf;
  }
  CHECK(lv::matchConfidence(0.94) > 0.9);   // same-person variants measured 0.94..0.99
  CHECK(lv::matchConfidence(0.65) < 0.1);   // different people measured <= 0.65
}

TEST_CASE("gallery: descriptors are normalised; bad names and sizes are refused") {
  lv::PeopleGallery gallery;
  std::vector<float> big = unit(3);
  big[3] = 7.0f;
  gallery.enroll("Ada", big);
  CHECK(gallery.match(unit(3))->cosine == Approx(1));
  CHECK_THROWS_AS(gallery.enroll("", unit(0)), lv::AnalysisError);
  CHECK_THROWS_AS(gallery.enroll("Bob", std::vector<float>(10, 1.0f)), lv::AnalysisError);
  CHECK_THROWS_AS(gallery.enroll("Bob", std::vector<float>(192, 0.0f)), lv::AnalysisError);
}

TEST_CASE("gallery: export and import round-trip; import validates before changing anything") {
  lv::PeopleGallery a;
  a.enroll("Ada", unit(0));
  a.enroll("Ada", unit(1));
  a.enroll("Zoë", unit(2));
  const std::string exported = a.exportJson();
  const auto doc = nlohmann::json::parse(exported);
  CHECK(doc["format"] == "localvision-people");
  CHECK(doc["people"].size() == 2);

  lv::PeopleGallery b;
  b.importJson(exported);
  REQUIRE(b.list().size() == 2);
  CHECK(b.list()[0].descriptors == 2);
  CHECK(b.match(unit(1))->name == "Ada");
  CHECK(b.match(unit(2))->name == "Zoë");
  b.importJson(exported);  // appends to the same names
  CHECK(b.list()[0].descriptors == 4);

  lv::PeopleGallery c;
  CHECK_THROWS_AS(c.importJson("not json"), lv::AnalysisError);
  CHECK_THROWS_AS(c.importJson(R"({"format":"other","version":1,"people":[]})"), lv::AnalysisError);
  auto bad = doc;
  bad["people"][1]["descriptors"][0] = {1, 2, 3};
  CHECK_THROWS_AS(c.importJson(bad.dump()), lv::AnalysisError);
  CHECK(c.empty());  // nothing half-imported
}

TEST_CASE("face descriptor: crop and mirror summed, mean removed, unit length") {
  std::vector<float> e(192);
  for (std::size_t i = 0; i < 192; ++i) e[i] = std::sin(0.5 * i);
  const auto d = lv::faceDescriptor(e, e);
  double n = 0;
  for (float x : d) n += x * x;
  CHECK(n == Approx(1));
  CHECK_THROWS_AS(lv::faceDescriptor(std::vector<float>(10), e), lv::AnalysisError);
}
