// Dense captions: region crops and region captions from synthetic evidence.
#include <catch2/catch.hpp>

#include "classifier_test_util.hpp"
#include "features/dense_captions/dense_captions.hpp"

namespace {

lv::RegionEvidence region(const char* detected, const lv::Classification& crop = {}, const char* color = "") {
  return {lv::findConcept(detected), 0.8, {10, 20, 100, 50}, crop, color};
}

}  // namespace

TEST_CASE("dense captions: a region's crop grows 10% a side within the image") {
  const lv::Rect crop = lv::regionCrop({10, 20, 100, 50}, 200, 70);
  CHECK(crop.x == 0);
  CHECK(crop.y == 15);
  CHECK(crop.w == 120);
  CHECK(crop.h == 55);  // clipped at the bottom
}

TEST_CASE("dense captions: the crop's class refines the detection, colours agree with the noun") {
  const auto refined = lv::regionCaption(region("dog", lvtest::classification({{"n02099601", 0.9}})), lv::Language::En);
  CHECK(refined.text == "a golden retriever");
  CHECK(refined.confidence <= 0.8);
  CHECK((refined.boundingBox.x == 10 && refined.boundingBox.w == 100));
  // A crop class that is not a kind of the detected class is not used.
  CHECK(lv::regionCaption(region("dog", lvtest::classification({{"n02130308", 0.9}})), lv::Language::En).text == "a dog");
  CHECK(lv::regionCaption(region("car", {}, "Red"), lv::Language::En).text == "a red car");
  CHECK(lv::regionCaption(region("car", {}, "Orange"), lv::Language::En).text == "an orange car");
  CHECK(lv::regionCaption(region("car", {}, "Red"), lv::Language::Es).text == "un coche rojo");
  CHECK(lv::regionCaption(region("bicycle", {}, "Red"), lv::Language::Es).text == "una bicicleta roja");
  CHECK(lv::regionCaption(region("bicycle", {}, "Red"), lv::Language::Pt).text == "uma bicicleta vermelha");
  CHECK(lv::regionCaption(region("bicycle", {}, "Red"), lv::Language::Ja).text == "赤の自転車");
  // Colour is for things painted or worn, not animals.
  CHECK(lv::regionCaption(region("cat", {}, "Red"), lv::Language::En).text == "a cat");
}

TEST_CASE("dense captions: no colours under a sunset or at night") {
  lv::SceneEvidence scene;
  CHECK_FALSE(lv::tintedLight(scene));
  CHECK_FALSE(lv::tintedLight(std::nullopt));
  scene.sunset = 0.3;
  CHECK(lv::tintedLight(scene));
  scene.sunset = 0;
  scene.nightLights = 0.5;
  CHECK(lv::tintedLight(scene));
}
