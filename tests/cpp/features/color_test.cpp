#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "features/color/color.hpp"
#include "features/sample_images.hpp"

using namespace lv;
using lv::test::fillRect;
using lv::test::loadSample;
using lv::test::solidImage;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Max channel difference between a hex accent and an RGB colour.
int hexDistance(const std::string& hex, int r, int g, int b) {
  REQUIRE(hex.size() == 6);
  const long v = std::strtol(hex.c_str(), nullptr, 16);
  return std::max({std::abs(static_cast<int>((v >> 16) & 255) - r), std::abs(static_cast<int>((v >> 8) & 255) - g),
                   std::abs(static_cast<int>(v & 255) - b)});
}

bool isUpperHex6(const std::string& s) {
  return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
         });
}

struct Named {
  const char* name;
  std::uint8_t r, g, b;
};

constexpr Named kSolids[] = {
    {"Black", 0, 0, 0},        {"Blue", 30, 60, 200},    {"Brown", 139, 69, 19},   {"Grey", 128, 128, 128},
    {"Green", 20, 160, 40},    {"Orange", 255, 140, 0},  {"Pink", 255, 105, 180},  {"Purple", 128, 0, 128},
    {"Red", 220, 20, 20},      {"Teal", 0, 128, 128},    {"White", 255, 255, 255}, {"Yellow", 255, 220, 0},
};

}  // namespace

TEST_CASE("colorName: canonical and shaded members of each of Azure's 12 colours", "[color]") {
  for (const auto& c : kSolids) CHECK(std::string(colorName(c.r, c.g, c.b)) == c.name);
  CHECK(std::string(colorName(10, 10, 10)) == "Black");
  CHECK(std::string(colorName(0, 0, 255)) == "Blue");
  CHECK(std::string(colorName(0, 0, 128)) == "Blue");          // navy
  CHECK(std::string(colorName(255, 0, 0)) == "Red");
  CHECK(std::string(colorName(128, 0, 0)) == "Red");           // maroon
  CHECK(std::string(colorName(0, 255, 0)) == "Green");
  CHECK(std::string(colorName(0, 100, 0)) == "Green");         // dark green
  CHECK(std::string(colorName(255, 255, 0)) == "Yellow");
  CHECK(std::string(colorName(255, 192, 203)) == "Pink");      // CSS pink
  CHECK(std::string(colorName(210, 105, 30)) == "Orange");     // chocolate reads orange-ish
  CHECK(std::string(colorName(101, 67, 33)) == "Brown");       // dark brown
  CHECK(std::string(colorName(0, 255, 255)) == "Teal");        // cyan has no name of its own
  CHECK(std::string(colorName(75, 0, 130)) == "Purple");       // indigo
  CHECK(std::string(colorName(245, 245, 245)) == "White");
  CHECK(std::string(colorName(192, 192, 192)) == "Grey");      // silver
  CHECK(std::string(colorName(64, 64, 64)) == "Grey");
}

TEST_CASE("analyzeColor: a solid image is its own dominant, foreground and background colour", "[color]") {
  for (const auto& c : kSolids) {
    INFO(c.name);
    const ColorResult r = analyzeColor(solidImage(320, 200, c.r, c.g, c.b));
    CHECK(r.dominantColorBackground == c.name);
    CHECK(r.dominantColorForeground == c.name);
    REQUIRE(r.dominantColors.size() == 1);
    CHECK(r.dominantColors[0] == c.name);
    CHECK(isUpperHex6(r.accentColor));
    CHECK(hexDistance(r.accentColor, c.r, c.g, c.b) <= 2);
    const bool gray = c.r == c.g && c.g == c.b;
    CHECK(r.isBWImg == gray);
  }
}

TEST_CASE("analyzeColor: left half blue, right half yellow", "[color]") {
  Image img = solidImage(400, 300, 30, 60, 200);
  fillRect(img, 200, 0, 200, 300, 255, 220, 0);
  const ColorResult r = analyzeColor(img);
  CHECK(contains(r.dominantColors, "Blue"));
  CHECK(contains(r.dominantColors, "Yellow"));
  CHECK(r.dominantColors.size() == 2);
  CHECK((r.dominantColorBackground == "Blue" || r.dominantColorBackground == "Yellow"));
  CHECK((hexDistance(r.accentColor, 30, 60, 200) <= 12 || hexDistance(r.accentColor, 255, 220, 0) <= 12));
  CHECK_FALSE(r.isBWImg);
}

TEST_CASE("analyzeColor: a red square on white", "[color]") {
  Image img = solidImage(500, 400, 255, 255, 255);
  fillRect(img, 170, 120, 160, 160, 220, 20, 20);  // 13% of the image, centred
  const ColorResult r = analyzeColor(img);
  CHECK(r.dominantColorBackground == "White");
  CHECK(r.dominantColorForeground == "Red");
  REQUIRE(r.dominantColors.size() == 2);
  CHECK(r.dominantColors[0] == "White");
  CHECK(r.dominantColors[1] == "Red");
  CHECK(hexDistance(r.accentColor, 220, 20, 20) <= 12);
  CHECK_FALSE(r.isBWImg);
}

TEST_CASE("analyzeColor: a black frame around a green centre", "[color]") {
  Image img = solidImage(300, 300, 0, 0, 0);
  fillRect(img, 40, 40, 220, 220, 20, 160, 40);
  const ColorResult r = analyzeColor(img);
  CHECK(r.dominantColorBackground == "Black");
  CHECK(r.dominantColorForeground == "Green");
  CHECK(r.dominantColors[0] == "Green");
  CHECK(hexDistance(r.accentColor, 20, 160, 40) <= 12);
}

TEST_CASE("analyzeColor: a small vivid patch sets the accent of a gray image", "[color]") {
  Image img = solidImage(256, 256, 120, 120, 120);
  fillRect(img, 10, 10, 24, 24, 0, 200, 220);  // under 1% of the pixels
  const ColorResult r = analyzeColor(img);
  CHECK(r.dominantColors == std::vector<std::string>{"Grey"});
  CHECK(r.isBWImg);  // too little colour to matter
  Image more = solidImage(256, 256, 120, 120, 120);
  fillRect(more, 10, 10, 80, 80, 0, 200, 220);  // 10%
  const ColorResult m = analyzeColor(more);
  CHECK_FALSE(m.isBWImg);
  CHECK(hexDistance(m.accentColor, 0, 200, 220) <= 12);
  CHECK(contains(m.dominantColors, "Teal"));
}

TEST_CASE("analyzeColor: tiny and very elongated images", "[color]") {
  CHECK(analyzeColor(solidImage(1, 1, 255, 0, 0)).dominantColorForeground == "Red");
  CHECK(analyzeColor(solidImage(2000, 3, 0, 0, 255)).dominantColorBackground == "Blue");
  CHECK(analyzeColor(solidImage(3, 2000, 0, 0, 0)).isBWImg);
  CHECK_THROWS_AS(analyzeColor(Image{}), AnalysisError);
}

TEST_CASE("analyzeColor: camera.png is black and white", "[color][samples]") {
  const Image img = loadSample("camera.png");
  REQUIRE(img.width == 512);
  const ColorResult r = analyzeColor(img);
  CHECK(r.isBWImg);
  for (const auto& name : r.dominantColors) CHECK((name == "Black" || name == "Grey" || name == "White"));
  CHECK(isUpperHex6(r.accentColor));
}

TEST_CASE("analyzeColor: chelsea.png is a colour photo of a ginger cat", "[color][samples]") {
  const Image img = loadSample("chelsea.png");
  REQUIRE(img.width == 451);
  const ColorResult r = analyzeColor(img);
  CHECK_FALSE(r.isBWImg);
  CHECK(isUpperHex6(r.accentColor));
  REQUIRE_FALSE(r.dominantColors.empty());
  CHECK(r.dominantColors.size() <= 3);
  // A brown/orange tabby on a brown background.
  CHECK((r.dominantColorForeground == "Brown" || r.dominantColorForeground == "Orange"));
  CHECK((contains(r.dominantColors, "Brown") || contains(r.dominantColors, "Orange")));
  CHECK_FALSE(contains(r.dominantColors, "Blue"));
  CHECK_FALSE(contains(r.dominantColors, "Green"));
}

TEST_CASE("analyzeColor: logo.png is green and orange on white", "[color][samples]") {
  const Image img = loadSample("logo.png");
  REQUIRE(img.width == 500);
  const ColorResult r = analyzeColor(img);
  CHECK(r.dominantColorBackground == "White");
  CHECK(contains(r.dominantColors, "Green"));
  CHECK(contains(r.dominantColors, "Orange"));
  CHECK_FALSE(r.isBWImg);
}
