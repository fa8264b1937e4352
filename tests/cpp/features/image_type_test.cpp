#include <catch2/catch.hpp>

#include <random>

#include "core/error.hpp"
#include "features/image_type/image_type.hpp"
#include "imgproc/colorspace.hpp"
#include "features/sample_images.hpp"

using namespace lv;
using namespace lv::test;

namespace {

// Black rings and lines, `t` px wide, on white paper, 400s x 300s.
Image lineDrawing(int s = 1, int t = 2) {
  Image img = solidImage(400 * s, 300 * s, 255, 255, 255);
  drawRing(img, 120 * s, 120 * s, 70 * s, t, 0, 0, 0);
  drawRing(img, 280 * s, 170 * s, 90 * s, t, 0, 0, 0);
  drawRing(img, 200 * s, 150 * s, 30 * s, t, 0, 0, 0);
  drawLine(img, 20 * s, 280 * s, 380 * s, 20 * s, t, 0, 0, 0);
  drawLine(img, 20 * s, 20 * s, 380 * s, 280 * s, t, 0, 0, 0);
  drawLine(img, 30 * s, 250 * s, 370 * s, 250 * s, t, 0, 0, 0);
  return img;
}

// A few solid shapes in five flat colours (sky, grass, sun, house, door).
Image flatClipArt(int s = 1) {
  Image img = solidImage(480 * s, 360 * s, 120, 190, 240);
  fillRect(img, 0, 260 * s, 480 * s, 100 * s, 60, 170, 60);
  fillCircle(img, 390 * s, 70 * s, 45 * s, 255, 210, 0);
  fillRect(img, 120 * s, 160 * s, 160 * s, 110 * s, 200, 40, 40);
  fillRect(img, 180 * s, 210 * s, 40 * s, 60 * s, 110, 60, 20);
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

TEST_CASE("imageType: line drawings survive size and JPEG", "[imageType]") {
  CHECK(analyzeImageType(lineDrawing(4, 1)).lineDrawingType == 1);  // 1 px strokes, downscaled 3x
  CHECK(analyzeImageType(lineDrawing(2, 3)).lineDrawingType == 1);
  CHECK(analyzeImageType(jpegRoundTrip(lineDrawing(), 75)).lineDrawingType == 1);
}

TEST_CASE("imageType: flat clip art in five colours", "[imageType]") {
  const ImageTypeResult r = analyzeImageType(flatClipArt());
  CHECK(r.clipArtType == 3);
  CHECK(r.lineDrawingType == 0);
  CHECK(analyzeImageType(flatClipArt(3)).clipArtType == 3);
  CHECK(analyzeImageType(jpegRoundTrip(flatClipArt(), 50)).clipArtType >= 2);
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

TEST_CASE("imageType: logo.png (flat green/orange with texture) is clip art, not a line drawing",
          "[imageType][samples]") {
  const Image img = loadSample("logo.png");
  REQUIRE(img.width > 0);
  const ImageTypeResult r = analyzeImageType(img);
  CHECK(r.clipArtType == 2);
  CHECK(r.lineDrawingType == 0);
  CHECK(analyzeImageType(jpegRoundTrip(img, 60)).clipArtType >= 1);
}

TEST_CASE("imageType: photos of text are neither", "[imageType][samples]") {
  for (const char* name : {"page.png", "text.png"}) {
    INFO(name);
    const Image img = loadSample(name);
    REQUIRE(img.width > 0);
    const ImageTypeResult r = analyzeImageType(img);
    CHECK(r.clipArtType == 0);
    CHECK(r.lineDrawingType == 0);
  }
}

TEST_CASE("imageType: JPEG-compressed photos stay photos", "[imageType][samples]") {
  for (const char* name : {"chelsea.png", "camera.png", "astronaut.png"}) {
    INFO(name);
    const ImageTypeResult r = analyzeImageType(jpegRoundTrip(loadSample(name), 40));
    CHECK(r.clipArtType == 0);
    CHECK(r.lineDrawingType == 0);
  }
}

TEST_CASE("imageType: a grey photograph with flat fog is no clip art; grey clip art stays clip art", "[imageType]") {
  // Fog over a dark pier: a soft vertical gradient, slightly noisy, with a
  // darker band. A grey image only has 32 colours at 5 bits a channel.
  Image fog(480, 320);
  std::mt19937 rng(11);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  for (int y = 0; y < fog.height; ++y)
    for (int x = 0; x < fog.width; ++x) {
      float v = 150.0f + 60.0f * y / fog.height + noise(rng);
      if (y > 200 && y < 230) v -= 80.0f;
      std::uint8_t* p = fog.pixel(x, y);
      p[0] = p[1] = p[2] = static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
    }
  CHECK(analyzeImageType(fog).clipArtType == 0);
  // The five flat shapes, in grey, through JPEG.
  Image grey = flatClipArt();
  for (std::size_t i = 0; i < grey.pixelCount(); ++i) {
    std::uint8_t* p = grey.rgb.data() + i * 3;
    p[0] = p[1] = p[2] = static_cast<std::uint8_t>(luma(p[0], p[1], p[2]) * 255);
  }
  CHECK(analyzeImageType(grey).clipArtType >= 2);
  CHECK(analyzeImageType(jpegRoundTrip(grey, 60)).clipArtType >= 1);
}

TEST_CASE("imageType: a photographed subject cut out on white is no clip art", "[imageType]") {
  // A product shot: the noisy, shaded "photograph" in the middle of a white page.
  Image shot = solidImage(960, 720, 255, 255, 255);
  const Image photo = syntheticPhoto();
  for (int y = 0; y < photo.height; ++y)
    for (int x = 0; x < photo.width; ++x) std::copy_n(photo.pixel(x, y), 3, shot.pixel(320 + x, 240 + y));
  CHECK(analyzeImageType(shot).clipArtType <= 1);
  // The flat shapes on the same page stay clip art.
  Image drawn = solidImage(960, 720, 255, 255, 255);
  const Image art = flatClipArt();
  for (int y = 0; y < art.height; ++y)
    for (int x = 0; x < art.width; ++x) std::copy_n(art.pixel(x, y), 3, drawn.pixel(240 + x, 180 + y));
  CHECK(analyzeImageType(drawn).clipArtType >= 2);
}
