#include <catch2/catch.hpp>

#include <random>

#include "core/error.hpp"
#include "features/image_type/image_type.hpp"
#include "features/sample_images.hpp"

using namespace lv;
using namespace lv::test;

namespace {

// Black rings and lines, 2 px wide, on white paper.
Image lineDrawing() {
  Image img = solidImage(400, 300, 255, 255, 255);
  drawRing(img, 120, 120, 70, 2, 0, 0, 0);
  drawRing(img, 280, 170, 90, 2, 0, 0, 0);
  drawRing(img, 200, 150, 30, 2, 0, 0, 0);
  drawLine(img, 20, 280, 380, 20, 2, 0, 0, 0);
  drawLine(img, 20, 20, 380, 280, 2, 0, 0, 0);
  drawLine(img, 30, 250, 370, 250, 2, 0, 0, 0);
  return img;
}

// A few solid shapes in four flat colours on a flat sky.
Image flatClipArt() {
  Image img = solidImage(480, 360, 120, 190, 240);            // sky
  fillRect(img, 0, 260, 480, 100, 60, 170, 60);                // grass
  fillCircle(img, 390, 70, 45, 255, 210, 0);                   // sun
  fillRect(img, 120, 160, 160, 110, 200, 40, 40);              // house
  fillRect(img, 180, 210, 40, 60, 110, 60, 20);                // door
  return img;
}

// A smooth, noisy, colourful "photograph".
Image syntheticPhoto() {
  Image img(320, 240);
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0.0f, 6.0f);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      std::uint8_t* p = img.pixel(x, y);
      const float base[3] = {80.0f + 120.0f * x / img.width, 60.0f + 100.0f * y / img.height,
                             140.0f - 60.0f * (x + y) / (img.width + img.height)};
      for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::clamp(base[c] + noise(rng), 0.0f, 255.0f));
    }
  return img;
}

}  // namespace

TEST_CASE("imageType: a generated line drawing", "[imageType]") {
  const ImageTypeResult r = analyzeImageType(lineDrawing());
  CHECK(r.lineDrawingType == 1);
}

TEST_CASE("imageType: flat clip art in five colours", "[imageType]") {
  const ImageTypeResult r = analyzeImageType(flatClipArt());
  CHECK(r.clipArtType >= 2);
  CHECK(r.lineDrawingType == 0);
}

TEST_CASE("imageType: a noisy gradient is neither clip art nor a line drawing", "[imageType]") {
  const ImageTypeResult r = analyzeImageType(syntheticPhoto());
  CHECK(r.clipArtType == 0);
  CHECK(r.lineDrawingType == 0);
}

TEST_CASE("imageType: a blank page is not a line drawing", "[imageType]") {
  const ImageTypeResult r = analyzeImageType(solidImage(200, 200, 255, 255, 255));
  CHECK(r.lineDrawingType == 0);
}

TEST_CASE("imageType: thick black shapes are clip art, not line drawing", "[imageType]") {
  Image img = solidImage(300, 300, 255, 255, 255);
  fillCircle(img, 150, 150, 90, 0, 0, 0);
  const ImageTypeResult r = analyzeImageType(img);
  CHECK(r.clipArtType >= 2);
  CHECK(r.lineDrawingType == 0);
}

TEST_CASE("imageType: degenerate sizes", "[imageType]") {
  CHECK_NOTHROW(analyzeImageType(solidImage(1, 1, 0, 0, 0)));
  CHECK_NOTHROW(analyzeImageType(solidImage(1000, 2, 10, 200, 30)));
  CHECK_THROWS_AS(analyzeImageType(Image{}), AnalysisError);
}

TEST_CASE("imageType: photographs among the samples", "[imageType][samples]") {
  for (const char* name : {"chelsea.png", "astronaut.png", "coffee.png", "motorcycle_left.png", "rocket.jpg",
                           "camera.png"}) {
    INFO(name);
    const Image img = loadSample(name);
    REQUIRE(img.width > 0);
    const ImageTypeResult r = analyzeImageType(img);
    CHECK(r.clipArtType == 0);
    CHECK(r.lineDrawingType == 0);
  }
}

TEST_CASE("imageType: horse.png is a silhouette: clip art, not a line drawing", "[imageType][samples]") {
  const Image img = loadSample("horse.png");
  REQUIRE(img.width > 0);
  const ImageTypeResult r = analyzeImageType(img);
  CHECK(r.clipArtType == 3);
  CHECK(r.lineDrawingType == 0);
}

TEST_CASE("imageType: logo.png is clip art, not a line drawing", "[imageType][samples]") {
  const Image img = loadSample("logo.png");
  REQUIRE(img.width > 0);
  const ImageTypeResult r = analyzeImageType(img);
  CHECK(r.clipArtType >= 2);
  CHECK(r.lineDrawingType == 0);
}
