#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "features/sample_images.hpp"
#include "features/smart_crops/smart_crops.hpp"

using namespace lv;
using namespace lv::test;

namespace {

void checkCrop(const CropRegion& c, const Image& img, double ratio) {
  INFO("crop " << c.x << "," << c.y << " " << c.w << "x" << c.h << " ratio " << ratio);
  CHECK(c.w >= 1);
  CHECK(c.h >= 1);
  CHECK(c.x >= 0);
  CHECK(c.y >= 0);
  CHECK(c.x + c.w <= img.width);
  CHECK(c.y + c.h <= img.height);
  CHECK(std::abs(c.h - static_cast<double>(c.w) / ratio) <= 1.0);
}

bool inside(const CropRegion& c, int x, int y, int w, int h) {
  return x >= c.x && y >= c.y && x + w <= c.x + c.w && y + h <= c.y + c.h;
}

}  // namespace

TEST_CASE("smartCrops: ratio, bounds and count for several ratios", "[smartCrops]") {
  const Image img = grayWithCheckerPatch(800, 500, 300, 200, 100, 8);
  const std::vector<double> ratios = {0.75, 1.0, 1.33, 1.5, 1.78, 1.8};
  const auto crops = smartCrops(img, ratios);
  REQUIRE(crops.size() == ratios.size());
  for (std::size_t i = 0; i < ratios.size(); ++i) {
    CHECK(crops[i].aspectRatio == Approx(ratios[i]));
    checkCrop(crops[i], img, ratios[i]);
    CHECK(inside(crops[i], 300, 200, 100, 100));
  }
}

TEST_CASE("smartCrops: an interesting patch in a corner is kept", "[smartCrops]") {
  struct Case {
    int px, py;
  };
  const int W = 900, H = 600, S = 90;
  for (Case k : {Case{10, 10}, Case{W - S - 10, 10}, Case{10, H - S - 10}, Case{W - S - 10, H - S - 10}}) {
    const Image img = grayWithCheckerPatch(W, H, k.px, k.py, S, 8);
    for (double r : {0.75, 1.0, 1.8}) {
      INFO("patch at " << k.px << "," << k.py << " ratio " << r);
      const auto crops = smartCrops(img, {r});
      REQUIRE(crops.size() == 1);
      checkCrop(crops[0], img, r);
      CHECK(inside(crops[0], k.px, k.py, S, S));
    }
  }
}

TEST_CASE("smartCrops: a tall image, the patch at the bottom", "[smartCrops]") {
  const Image img = grayWithCheckerPatch(400, 1200, 150, 1050, 100, 8);
  const auto crops = smartCrops(img, {1.8, 0.75});
  REQUIRE(crops.size() == 2);
  for (const auto& c : crops) {
    checkCrop(c, img, c.aspectRatio);
    CHECK(inside(c, 150, 1050, 100, 100));
    CHECK(c.w >= 320);  // the widest crop that fits, zoomed in by at most 20%
  }
}

TEST_CASE("smartCrops: no ratio -> one crop with a ratio in range", "[smartCrops]") {
  for (auto [w, h] : {std::pair{800, 400}, std::pair{400, 800}, std::pair{640, 480}, std::pair{300, 300}}) {
    const Image img = grayWithCheckerPatch(w, h, w / 3, h / 3, std::min(w, h) / 4, 8);
    const auto crops = smartCrops(img, {});
    REQUIRE(crops.size() == 1);
    const CropRegion& c = crops[0];
    CHECK(c.aspectRatio >= kMinCropAspectRatio);
    CHECK(c.aspectRatio <= kMaxCropAspectRatio);
    checkCrop(c, img, c.aspectRatio);
    CHECK(inside(c, w / 3, h / 3, std::min(w, h) / 4, std::min(w, h) / 4));
  }
}

TEST_CASE("smartCrops: evenly interesting image -> the largest crop", "[smartCrops]") {
  Image img(600, 400);
  for (int y = 0; y < 400; ++y)
    for (int x = 0; x < 600; ++x) {
      const bool on = ((x / 6) + (y / 6)) % 2 == 0;
      fillRect(img, x, y, 1, 1, on ? 250 : 10, on ? 250 : 10, on ? 250 : 10);
    }
  const auto crops = smartCrops(img, {1.0, 1.5});
  CHECK(crops[0].w == 400);
  CHECK(crops[0].h == 400);
  CHECK(crops[1].w == 600);
  CHECK(crops[1].h == 400);
  const auto automatic = smartCrops(img, {});
  CHECK(automatic[0].aspectRatio == Approx(1.5));
  CHECK(automatic[0].w == 600);
}

TEST_CASE("smartCrops: a flat image gives a centred crop", "[smartCrops]") {
  const Image img = solidImage(800, 400, 200, 200, 200);
  const auto c = smartCrops(img, {1.0})[0];
  CHECK(c.w == 400);
  CHECK(c.h == 400);
  CHECK(std::abs(c.x - 200) <= 20);
}

TEST_CASE("smartCrops: hint boxes pull the crop", "[smartCrops]") {
  const Image img = solidImage(1000, 500, 200, 200, 200);
  const InterestBox face{850, 150, 100, 100, 1.0f};
  const auto c = smartCrops(img, {1.0}, std::span<const InterestBox>(&face, 1))[0];
  checkCrop(c, img, 1.0);
  CHECK(inside(c, 850, 150, 100, 100));
}

TEST_CASE("smartCrops: out-of-range and odd ratios are clamped; tiny images", "[smartCrops]") {
  const Image img = solidImage(300, 200, 0, 0, 0);
  const auto crops = smartCrops(img, {0.1, 5.0, std::numeric_limits<double>::quiet_NaN()});
  REQUIRE(crops.size() == 3);
  CHECK(crops[0].aspectRatio == Approx(0.75));
  CHECK(crops[1].aspectRatio == Approx(1.8));
  CHECK(crops[2].aspectRatio == Approx(1.0));
  for (const auto& c : crops) checkCrop(c, img, c.aspectRatio);
  for (auto [w, h] : {std::pair{1, 1}, std::pair{2, 1}, std::pair{1, 50}, std::pair{3000, 2}}) {
    const Image t = solidImage(w, h, 10, 20, 30);
    for (const auto& c : smartCrops(t, {0.75, 1.0, 1.8})) checkCrop(c, t, c.aspectRatio);
    for (const auto& c : smartCrops(t, {})) checkCrop(c, t, c.aspectRatio);
  }
  CHECK_THROWS_AS(smartCrops(Image{}, {1.0}), AnalysisError);
}

TEST_CASE("model-free features run on every sample", "[smartCrops][samples]") {
  for (const char* name : {"astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "camera.png",
                           "horse.png", "page.png", "text.png", "logo.png", "rocket.jpg"}) {
    INFO(name);
    const Image img = loadSample(name);
    REQUIRE(img.width > 0);
    const auto crops = smartCrops(img, {0.75, 1.0, 1.8});
    REQUIRE(crops.size() == 3);
    for (const auto& c : crops) checkCrop(c, img, c.aspectRatio);
    const auto automatic = smartCrops(img, {});
    REQUIRE(automatic.size() == 1);
    checkCrop(automatic[0], img, automatic[0].aspectRatio);
  }
}
