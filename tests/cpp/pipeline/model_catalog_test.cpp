#include <catch2/catch.hpp>

#include "test_models.hpp"
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "pipeline/model_catalog.hpp"

namespace {

}  // namespace

TEST_CASE("the catalog reads the real manifest and label files") {
  const std::string manifest = lvtest::readText(LV_MODELS_DIR "/manifest.json");
  REQUIRE_FALSE(manifest.empty());
  const nlohmann::json labels = {{"objects", lvtest::readText(LV_MODELS_DIR "/labels/coco80.txt")}};
  const lv::ModelCatalog catalog(manifest, labels.dump());
  const auto& objects = catalog.get("objects");
  CHECK(objects.input.height == 512);
  CHECK(objects.input.resize == lv::ResizeMode::Letterbox);
  CHECK(objects.input.letterboxStep == 32);
  CHECK(catalog.get("faces").input.letterboxStep == 32);
  CHECK(catalog.get("classifier").input.letterboxStep == 0);
  CHECK(objects.labels.size() == 80);
  CHECK(objects.labels[0] == "person");
  const auto& faces = catalog.get("faces");
  CHECK(faces.input.scale == Approx(2.0 / 255));
  CHECK(faces.outputs.size() == 4);
  CHECK(catalog.get("ocr-det").input.layout == lv::TensorLayout::NCHW);
}

TEST_CASE("a missing model or a bad card is InvalidModel") {
  const lv::ModelCatalog empty(R"({"models":[]})", "");
  try {
    empty.get("objects");
    FAIL("expected an error");
  } catch (const lv::AnalysisError& e) {
    CHECK(e.code() == lv::ErrorCode::InvalidModel);
    CHECK(std::string(e.what()).find("objects") != std::string::npos);
  }
  CHECK_THROWS_AS(lv::ModelCatalog("{", ""), lv::AnalysisError);
  CHECK_THROWS_AS(lv::ModelCatalog(R"({"models":[{"id":"x","input":{"name":"a"}}]})", ""), lv::AnalysisError);
  const std::string card = R"({"models":[{"id":"objects","labels":{"count":80},"input":{"name":"a","layout":"NHWC","size":[8,8],
    "resize":"stretch","colorOrder":"RGB","scale":1,"mean":[0,0,0],"std":[1,1,1]}}]})";
  CHECK_THROWS_AS(lv::ModelCatalog(card, R"({"objects":"cat\ndog\n"})"), lv::AnalysisError);
}

TEST_CASE("a letterboxStep that is negative, on a stretched input or not dividing the input size is InvalidModel") {
  const auto card = [](const std::string& resize, int step, int width = 64) {
    return R"({"models":[{"id":"m","input":{"name":"a","layout":"NHWC","size":[64,)" + std::to_string(width) + R"(],"resize":")" + resize +
           R"(","letterboxStep":)" + std::to_string(step) +
           R"(,"colorOrder":"RGB","scale":1,"mean":[0,0,0],"std":[1,1,1]}}]})";
  };
  CHECK(lv::ModelCatalog(card("letterbox", 16), "").get("m").input.letterboxStep == 16);
  // The last: 32 divides the height (64) but not the width (48).
  for (const auto& [resize, step, width] : {std::tuple<std::string, int, int>{"letterbox", -32, 64}, {"stretch", 32, 64},
                                            {"letterbox", 48, 64}, {"letterbox", 32, 48}}) {
    try {
      lv::ModelCatalog(card(resize, step, width), "");
      FAIL("expected an error for " << resize << " " << step);
    } catch (const lv::AnalysisError& e) {
      CHECK(e.code() == lv::ErrorCode::InvalidModel);
      CHECK(std::string(e.what()).find("letterboxStep") != std::string::npos);
    }
  }
}
