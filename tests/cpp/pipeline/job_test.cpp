#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <regex>

#include "pipeline/job.hpp"
#include "pipeline/limits_parser.hpp"
#include "test_images.hpp"
#include "test_models.hpp"

namespace {

using nlohmann::json;

json runJob(const lvtest::Bytes& bytes, const std::string& options, const lv::Limits& limits = {}) {
  lv::Job job(std::span<const std::uint8_t>(bytes.data(), bytes.size()), options, limits);
  REQUIRE(job.done());  // model-free features need no model stage
  return json::parse(job.resultJson());
}

std::string innerCode(const json& result) {
  REQUIRE(result.contains("error"));
  return result["error"]["innererror"]["code"];
}

const lvtest::Bytes& bluePng() {
  static const lvtest::Bytes png = lvtest::encodePng(lvtest::solid(120, 80, {20, 40, 220}));
  return png;
}

}  // namespace

TEST_CASE("a job with default options returns Azure v3.2 JSON with metadata, color and imageType") {
  const json result = runJob(bluePng(), "{}");
  CHECK(result["metadata"] == json({{"width", 120}, {"height", 80}, {"format", "Png"}}));
  CHECK(result["color"]["dominantColorBackground"] == "Blue");
  CHECK(result["imageType"].contains("clipArtType"));
  CHECK(std::regex_match(result["requestId"].get<std::string>(),
                         std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  CHECK(result["modelVersion"].is_string());
  CHECK_FALSE(result.contains("smartCropsResult"));
}

TEST_CASE("every job gets its own requestId") {
  CHECK(runJob(bluePng(), "{}")["requestId"] != runJob(bluePng(), "{}")["requestId"]);
}

TEST_CASE("azure-v4.0 with smartCrops returns smartCropsResult and metadata without format") {
  const json result = runJob(bluePng(), R"({"format":"azure-v4.0","features":["smartCrops"],"smartCropsAspectRatios":[1.0,1.5]})");
  REQUIRE(result["smartCropsResult"]["values"].size() == 2);
  CHECK(result["smartCropsResult"]["values"][0]["aspectRatio"] == 1.0);
  CHECK(result["smartCropsResult"]["values"][1]["boundingBox"]["w"].get<int>() > 0);
  CHECK(result["metadata"] == json({{"width", 120}, {"height", 80}}));
  CHECK_FALSE(result.contains("color"));
}

TEST_CASE("feature names are Azure's, case-insensitive, as a list or a comma-separated string") {
  CHECK(runJob(bluePng(), R"({"features":"Color, ImageType"})").contains("imageType"));
  CHECK(runJob(bluePng(), R"({"visualFeatures":["COLOR"]})").contains("color"));
  const json onlyColor = runJob(bluePng(), R"({"features":["color"]})");
  CHECK(onlyColor.contains("color"));
  CHECK_FALSE(onlyColor.contains("imageType"));
}

TEST_CASE("options are validated with Azure's error codes") {
  CHECK(innerCode(runJob(bluePng(), R"({"features":["colour"]})")) == "NotSupportedVisualFeature");
  CHECK(innerCode(runJob(bluePng(), R"({"language":"fr"})")) == "NotSupportedLanguage");
  CHECK(innerCode(runJob(bluePng(), R"({"modelVersion":"v2"})")) == "InvalidModel");
  CHECK(innerCode(runJob(bluePng(), R"({"modelVersion":"2023-02-30"})")) == "InvalidModel");
  CHECK(innerCode(runJob(bluePng(), R"({"format":"azure-v5"})")) == "BadArgument");
  CHECK(innerCode(runJob(bluePng(), R"({"details":["weather"]})")) == "InvalidDetails");
  CHECK(innerCode(runJob(bluePng(), R"({"smartCropsAspectRatios":[2.5]})")) == "BadArgument");
  CHECK(innerCode(runJob(bluePng(), R"({"featurs":["color"]})")) == "BadArgument");
  CHECK(innerCode(runJob(bluePng(), "not json")) == "BadArgument");
}

TEST_CASE("accepted option values") {
  for (const char* language : {"en", "es", "ja", "pt", "zh", "EN"})
    CHECK_FALSE(runJob(bluePng(), std::string(R"({"language":")") + language + "\"}").contains("error"));
  // An app moving from Azure keeps its pinned version; results name ours.
  const json pinned = runJob(bluePng(), R"({"modelVersion":"2021-05-01"})");
  CHECK_FALSE(pinned.contains("error"));
  CHECK(pinned["modelVersion"] != "2021-05-01");
  CHECK_FALSE(runJob(bluePng(), R"({"modelVersion":"latest"})").contains("error"));
}

TEST_CASE("a feature whose model the analyzer lacks says which model to give") {
  json manifest = json::parse(lvtest::readText(LV_MODELS_DIR "/manifest.json"));
  auto& cards = manifest["models"];
  cards.erase(std::remove_if(cards.begin(), cards.end(), [](const json& c) { return c["id"] == "classifier"; }), cards.end());
  const lv::AnalyzerConfig config(lv::Limits{}, lv::ModelCatalog(manifest.dump(), "{}"));
  const lvtest::Bytes bytes = bluePng();
  lv::Job job(std::span<const std::uint8_t>(bytes.data(), bytes.size()), R"({"format":"azure-v4.0","features":["denseCaptions"]})", config);
  const json result = json::parse(job.resultJson());
  CHECK(innerCode(result) == "InvalidModel");
  CHECK(result["error"]["message"].get<std::string>().find("'classifier'") != std::string::npos);
}

TEST_CASE("errors use Azure's envelope") {
  const json result = runJob({0x00, 0x01, 0x02}, "{}");
  CHECK(result["error"]["code"] == "InvalidRequest");
  CHECK(result["error"]["innererror"]["code"] == "InvalidImageFormat");
  CHECK_FALSE(result["error"]["message"].get<std::string>().empty());
}

TEST_CASE("a finished job refuses more outputs and keeps its error") {
  lv::Job job(std::span<const std::uint8_t>(bluePng().data(), bluePng().size()), "{}", {});
  job.supply({});
  CHECK(job.failed());
  CHECK(innerCode(json::parse(job.resultJson())) == "BadArgument");
}

TEST_CASE("pixels from a browser's ImageData are analysed like a decoded file") {
  std::vector<std::uint8_t> rgba(100 * 60 * 4);
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    rgba[i] = 230, rgba[i + 1] = 20, rgba[i + 2] = 20, rgba[i + 3] = 255;
  }
  lv::Job job(rgba.data(), 100, 60, "{}", {});
  const json result = json::parse(job.resultJson());
  CHECK(result["metadata"]["format"] == "Raw");
  CHECK(result["color"]["dominantColorBackground"] == "Red");
}

TEST_CASE("analyzer limits: defaults, overrides and refusals") {
  const lv::Limits defaults = lv::parseLimits("");
  CHECK(defaults.maxBytes == 20u * 1024 * 1024);
  CHECK(defaults.minSide == 50);
  CHECK(defaults.maxSide == 16000);
  const lv::Limits custom = lv::parseLimits(R"({"minSide":100,"maxBytes":1000})");
  CHECK(custom.minSide == 100);
  CHECK(innerCode(runJob(bluePng(), "{}", custom)) == "InvalidImageSize");
  CHECK_THROWS_AS(lv::parseLimits(R"({"minSide":-1})"), lv::AnalysisError);
  CHECK_THROWS_AS(lv::parseLimits(R"({"maxSides":10})"), lv::AnalysisError);
  CHECK_THROWS_AS(lv::parseLimits(R"({"minSide":500,"maxSide":100})"), lv::AnalysisError);
}
