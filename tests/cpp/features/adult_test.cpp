// adult: the mapping of the nsfwjs classes to Azure's scores and flags, and
// the job with the real model card (synthetic model outputs).
#include <catch2/catch.hpp>

#include "test_models.hpp"
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "features/adult/adult_feature.hpp"
#include "pipeline/job.hpp"

namespace {

using nlohmann::json;

const std::vector<std::string> kLabels = {"drawing", "hentai", "neutral", "porn", "sexy"};

nlohmann::ordered_json runAdult(const std::string& options, std::vector<float> probabilities) {
  std::vector<std::uint8_t> rgba(300 * 200 * 4, 90);
  for (std::size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;  // opaque
  lv::Job job(rgba.data(), 300, 200, options, lvtest::realModelsConfig());
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 1);
  CHECK(job.requests()[0].model == "adult");
  CHECK(job.requests()[0].inputs[0].first == "input");
  CHECK(job.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 224, 224, 3});
  // Stretched to 224x224, x / 255.
  CHECK(job.requests()[0].inputs[0].second.data[0] == Approx(90.0 / 255).margin(1e-3));
  lv::Tensor t({1, static_cast<std::int64_t>(probabilities.size())});
  std::copy(probabilities.begin(), probabilities.end(), t.data.begin());
  std::vector<lv::NamedTensors> outputs(1);
  outputs[0].emplace_back("Identity", std::move(t));
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  return nlohmann::ordered_json::parse(job.resultJson());  // keeps Azure's key order
}

}  // namespace

TEST_CASE("adult = porn + hentai; racy = sexy + adult, capped at 1") {
  const float p[] = {0.1f, 0.2f, 0.1f, 0.4f, 0.2f};
  const lv::AdultResult r = lv::adultFromProbabilities(p, kLabels);
  CHECK(r.adultScore == Approx(0.6));
  CHECK(r.racyScore == Approx(0.8));
  CHECK(r.isAdultContent);
  CHECK(r.isRacyContent);
  CHECK_FALSE(r.isGoryContent);
  CHECK(r.goreScore == 0);

  const float over[] = {0.0f, 0.5f, 0.0f, 0.5f, 0.3f};  // not a softmax: still capped
  CHECK(lv::adultFromProbabilities(over, kLabels).racyScore == 1.0);
}

TEST_CASE("thresholds: flagged at 0.5") {
  const float justBelow[] = {0.0f, 0.19f, 0.2f, 0.3f, 0.31f};  // adult 0.49, racy 0.80
  const lv::AdultResult a = lv::adultFromProbabilities(justBelow, kLabels);
  CHECK_FALSE(a.isAdultContent);
  CHECK(a.isRacyContent);
  const float suggestive[] = {0.1f, 0.0f, 0.4f, 0.0f, 0.5f};
  const lv::AdultResult s = lv::adultFromProbabilities(suggestive, kLabels);
  CHECK_FALSE(s.isAdultContent);
  CHECK(s.isRacyContent);
  const float neutral[] = {0.2f, 0.05f, 0.5f, 0.05f, 0.2f};  // racy 0.3
  const lv::AdultResult n = lv::adultFromProbabilities(neutral, kLabels);
  CHECK_FALSE(n.isAdultContent);
  CHECK_FALSE(n.isRacyContent);
  CHECK(n.racyScore >= n.adultScore);
}

TEST_CASE("classes are found by label, not position; a missing one is InvalidModel") {
  const std::vector<std::string> shuffled = {"Sexy", "Porn", "Neutral", "Hentai", "Drawing"};
  const float p[] = {0.1f, 0.7f, 0.1f, 0.05f, 0.05f};
  const lv::AdultResult r = lv::adultFromProbabilities(p, shuffled);
  CHECK(r.adultScore == Approx(0.75));
  CHECK(r.racyScore == Approx(0.85));

  const std::vector<std::string> noSexy = {"drawing", "hentai", "neutral", "porn", "other"};
  try {
    lv::adultFromProbabilities(p, noSexy);
    FAIL("expected an error");
  } catch (const lv::AnalysisError& e) {
    CHECK(e.code() == lv::ErrorCode::InvalidModel);
  }
  const float four[] = {0.1f, 0.2f, 0.3f, 0.4f};
  CHECK_THROWS_AS(lv::adultFromProbabilities(four, kLabels), lv::AnalysisError);
}

TEST_CASE("a job with adult: v3.2 member, gore warning") {
  const auto result = runAdult(R"({"features":["adult"]})", {0.05f, 0.1f, 0.15f, 0.6f, 0.1f});
  const auto& adult = result["adult"];
  std::vector<std::string> keys;
  for (const auto& item : adult.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"isAdultContent", "isRacyContent", "isGoryContent", "adultScore", "racyScore",
                                         "goreScore"});
  CHECK(adult["isAdultContent"] == true);
  CHECK(adult["isRacyContent"] == true);
  CHECK(adult["isGoryContent"] == false);
  CHECK(adult["adultScore"].get<double>() == Approx(0.7));
  CHECK(adult["racyScore"].get<double>() == Approx(0.8));
  CHECK(adult["goreScore"].get<double>() == 0);
  REQUIRE(result["warnings"].size() == 1);
  CHECK(result["warnings"][0].get<std::string>().find("goreScore is always 0") == 0);
}

TEST_CASE("a job with adult in 4.0 writes the same adult member") {
  const auto result = runAdult(R"({"format":"azure-v4.0","features":["adult"]})", {0.7f, 0.0f, 0.3f, 0.0f, 0.0f});
  CHECK(result["adult"]["isAdultContent"] == false);
  CHECK(result["adult"]["isRacyContent"] == false);
  CHECK(result["adult"]["adultScore"].get<double>() == 0);
  CHECK(result.contains("warnings"));
}

TEST_CASE("an adult run without its output fails the job") {
  std::vector<std::uint8_t> rgba(300 * 200 * 4, 90);
  lv::Job job(rgba.data(), 300, 200, R"({"features":["adult"]})", lvtest::realModelsConfig());
  std::vector<lv::NamedTensors> outputs(1);
  outputs[0].emplace_back("Softmax", lv::Tensor({1, 5}));
  job.supply(std::move(outputs));
  CHECK(json::parse(job.resultJson())["error"]["innererror"]["code"] == "BadArgument");
}
