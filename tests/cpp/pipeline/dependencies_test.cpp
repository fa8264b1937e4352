// The dependency mechanism: tags alone runs objects, faces, adult and read
// (model runs answered with plausible synthetic outputs), without writing
// their JSON members; description, categories and caption pull tags.
#include <catch2/catch.hpp>

#include "test_models.hpp"
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "pipeline/job.hpp"
#include "pipeline/options_parser.hpp"
#include "pipeline/registry.hpp"

namespace {

using nlohmann::json;

// Plausible outputs for any request: the objects model finds one cat
// (score `catScore`, class 15) in the middle, nothing else finds anything.
lv::NamedTensors fakeOutputs(const lv::ModelRequest& r, const lv::AnalyzerConfig& config, float catScore) {
  const lv::ModelSpec& spec = config.models->get(r.model);
  lv::NamedTensors out;
  if (r.model == "objects") {
    lv::Tensor t({1, 100, 6});
    const float row[6] = {128, 128, 384, 384, catScore, 15};
    std::copy(row, row + 6, t.data.begin());
    out.emplace_back(spec.outputs[0], std::move(t));
  } else if (r.model == "faces") {
    lv::Tensor s16({1, 512, 1}), s32({1, 384, 1}), b16({1, 512, 16}), b32({1, 384, 16});
    std::fill(s16.data.begin(), s16.data.end(), -20.0f);
    std::fill(s32.data.begin(), s32.data.end(), -20.0f);
    out.emplace_back("Identity:0", std::move(s16));
    out.emplace_back("Identity_1:0", std::move(s32));
    out.emplace_back("Identity_2:0", std::move(b16));
    out.emplace_back("Identity_3:0", std::move(b32));
  } else if (r.model == "adult") {
    lv::Tensor t({1, 5});
    t.data = {0.01f, 0.0f, 0.97f, 0.01f, 0.01f};
    out.emplace_back(spec.outputs[0], std::move(t));
  } else if (r.model == "ocr-det") {
    const auto& d = r.inputs[0].second.dims;
    lv::Tensor t({d[0], 1, d[2], d[3]});
    out.emplace_back(spec.outputs[0], std::move(t));
  } else if (r.model == "classifier") {
    // Every view a tabby cat (ImageNet class 281), like the detected cat.
    const auto views = r.inputs[0].second.dims[0];
    lv::Tensor t({views, 1000});
    for (std::int64_t v = 0; v < views; ++v) t.data[static_cast<std::size_t>(v * 1000 + 281)] = 12;
    out.emplace_back(spec.outputs[0], std::move(t));
  } else {
    FAIL("unexpected model " << r.model);
  }
  return out;
}

json runWithFakes(const std::string& options, std::set<std::string>* models = nullptr, float catScore = 0.6f) {
  const lv::AnalyzerConfig config = lvtest::realModelsConfig();
  // A photo-like texture (noise), so imageType does not call it clip art.
  std::mt19937 rng(1);
  std::vector<std::uint8_t> rgba;
  for (int i = 0; i < 256 * 256; ++i) {
    const int n = static_cast<int>(rng() % 120);
    rgba.insert(rgba.end(), {static_cast<std::uint8_t>(60 + n), static_cast<std::uint8_t>(50 + n),
                             static_cast<std::uint8_t>(40 + n / 2), 255});
  }
  lv::Job job(rgba.data(), 256, 256, options, config);
  for (int stage = 0; !job.done() && stage < 10; ++stage) {
    std::vector<lv::NamedTensors> outputs;
    for (const auto& r : job.requests()) {
      if (models) models->insert(r.model);
      outputs.push_back(fakeOutputs(r, config, catScore));
    }
    job.supply(std::move(outputs));
  }
  REQUIRE(job.done());
  return json::parse(job.resultJson());
}

}  // namespace

TEST_CASE("dependencies: tags alone runs objects, faces, adult and read, and writes only tags") {
  std::set<std::string> models;
  const json result = runWithFakes(R"({"features":["tags"]})", &models);
  INFO(result.dump(2));
  REQUIRE_FALSE(result.contains("error"));
  CHECK(models.count("objects"));
  CHECK(models.count("faces"));
  CHECK(models.count("adult"));
  CHECK(models.count("ocr-det"));
  REQUIRE(result.contains("tags"));
  std::set<std::string> names;
  for (const auto& t : result["tags"]) names.insert(t["name"]);
  CHECK(names.count("cat"));
  CHECK(names.count("animal"));
  for (const char* member : {"objects", "objectsResult", "faces", "adult", "readResult", "color", "imageType",
                             "categories", "description", "peopleResult"})
    CHECK_FALSE(result.contains(member));
  CHECK_FALSE(result.contains("warnings"));  // the adult feature's gore note belongs to adult only
}

TEST_CASE("dependencies: asked features keep their members; 4.0 tagsResult and captionResult") {
  const json both = runWithFakes(R"({"features":["tags","objects","description","categories"]})");
  CHECK(both.contains("objects"));
  CHECK(both.contains("tags"));
  CHECK(both["description"]["captions"][0]["text"] == "a tabby cat");  // the classifier double says tabby: it refines the detected cat
  CHECK(both["categories"][0]["name"] == "animal_cat");
  const json v4 = runWithFakes(R"({"format":"azure-v4.0","features":["tags","caption"]})");
  CHECK(v4["tagsResult"]["values"][0]["name"] == "cat");
  CHECK(v4["captionResult"]["text"] == "a tabby cat");
  const json captionOnly = runWithFakes(R"({"format":"azure-v4.0","features":["caption"]})");
  CHECK(captionOnly.contains("captionResult"));
  CHECK_FALSE(captionOnly.contains("tagsResult"));
}

TEST_CASE("dependencies: the closure, in registry order, without the asked ones") {
  const lv::AnalyzerConfig config = lvtest::realModelsConfig();
  const lv::ModelCatalog& models = *config.models;
  CHECK(lv::featureDependencies({"color"}, models).empty());
  const auto tags = lv::featureDependencies({"tags"}, models);
  CHECK(tags == std::vector<std::string>{"color", "imageType", "objects", "faces", "adult", "read", "classification"});
  const auto description = lv::featureDependencies({"description", "objects"}, models);
  CHECK(std::find(description.begin(), description.end(), "tags") != description.end());
  CHECK(std::find(description.begin(), description.end(), "objects") == description.end());
}

TEST_CASE("without models: dependencies that need one are left out, asked features that need one are refused") {
  const lv::ModelCatalog none;
  CHECK(lv::featureDependencies({"tags"}, none) == std::vector<std::string>{"color", "imageType"});
  CHECK(lv::availableFeatures(none) == std::vector<std::string>{"color", "imageType", "smartCrops"});
  CHECK(lv::availableDetails(none).empty());
  const auto refusal = [&](const std::vector<std::string>& asked) {
    try {
      lv::checkModelsFor(asked, none);
    } catch (const lv::AnalysisError& e) {
      CHECK(e.code() == lv::ErrorCode::InvalidModel);
      return std::string(e.what());
    }
    return std::string("(not refused)");
  };
  CHECK(refusal({"color", "objects"}).find("'objects' needs the model 'objects'") != std::string::npos);
  // Tags and what is worded from them need the classifier; every missing model is named, with the way to get them.
  for (const char* feature : {"tags", "categories", "description", "caption"})
    CHECK(refusal({feature}).find("needs the model 'classifier'") != std::string::npos);
  const std::string read = refusal({"read"});
  CHECK(read.find("'read' needs the models 'ocr-det', 'ocr-cls' and 'ocr-rec'") != std::string::npos);
  CHECK(read.find("npx localvision models") != std::string::npos);
  CHECK(read.find("createAnalyzer({ models })") != std::string::npos);
  CHECK(read.find("--models DIR") != std::string::npos);
}

TEST_CASE("known people (celebrities, enrolment) need the face detector and the face embedder") {
  const lv::AnalyzerConfig config = lvtest::realModelsConfig();
  CHECK(lv::parseOptions(R"({"details":["celebrities"]})", *config.models).wantsDetail("celebrities"));
  for (const char* options : {R"({"details":["celebrities"]})", R"({"enroll":"Ada"})"}) {
    try {
      lv::parseOptions(options, lv::ModelCatalog{});
      FAIL("expected InvalidModel");
    } catch (const lv::AnalysisError& e) {
      CHECK(e.code() == lv::ErrorCode::InvalidModel);
      CHECK(std::string(e.what()).find("needs the models 'faces', 'faces-448' and 'face-embedding'") != std::string::npos);
    }
  }
}

TEST_CASE("defaults are Azure's features of the format that the models allow") {
  const lv::AnalyzerConfig config = lvtest::realModelsConfig();
  CHECK(lv::defaultFeatures(lv::OutputFormat::AzureV32, lv::ModelCatalog()) == std::vector<std::string>{"color", "imageType"});
  CHECK(lv::defaultFeatures(lv::OutputFormat::AzureV32, *config.models) ==
        std::vector<std::string>{"color", "imageType", "objects", "faces", "adult", "tags", "brands", "categories", "description"});
  CHECK(lv::defaultFeatures(lv::OutputFormat::AzureV40, *config.models) ==
        std::vector<std::string>{"smartCrops", "objects", "people", "read", "tags", "caption"});
}

TEST_CASE("details: celebrities with the default models (face detectors and embedder), landmarks only from a plugin") {
  const lv::AnalyzerConfig config = lvtest::realModelsConfig();
  CHECK(lv::availableDetails(*config.models) == std::vector<std::string>{"celebrities"});
}
