// Pluggable models: plugin cards in the catalog, their labels, and how the
// registry and options treat them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "features/categories/categories.hpp"
#include "features/plugins/plugins.hpp"
#include "features/tags/tags_feature.hpp"
#include "pipeline/model_catalog.hpp"
#include "pipeline/options_parser.hpp"
#include "pipeline/registry.hpp"
#include "test_models.hpp"

namespace {

const char* kInput =
    R"("input":{"name":"image","layout":"NHWC","size":[8,8],"resize":"stretch","colorOrder":"RGB","scale":1,"mean":[0,0,0],"std":[1,1,1]})";

std::string card(const std::string& id, const std::string& task, const std::string& extra = "") {
  return R"({"id":")" + id + R"(","task":")" + task + R"(",)" + kInput +
         R"(,"outputs":[{"name":"logits","activation":"softmax"}],"threshold":0.4,"maxResults":2)" + extra + "}";
}

lv::ModelCatalog catalog(const std::string& cards, const std::string& labels) {
  return lv::ModelCatalog(R"({"models":[)" + cards + "]}", labels);
}

}  // namespace

TEST_CASE("plugin cards: task, activation, threshold, maxResults; built-in cards keep an empty task") {
  const auto models = catalog(card("colours", "tags") + "," + card("prose", "object detection, 80 classes"),
                              R"({"colours":"a\nb\nc","prose":"x"})");
  const lv::ModelSpec& spec = models.get("colours");
  CHECK(spec.task == "tags");
  CHECK(spec.activation == "softmax");
  CHECK(spec.threshold == Approx(0.4));
  CHECK(spec.maxResults == 2);
  CHECK(models.get("prose").task.empty());
  CHECK(models.plugins().size() == 1);
  CHECK(models.hasPluginTask("tags"));
  CHECK_FALSE(models.hasPluginTask("landmarks"));
  CHECK(lvtest::realModelsConfig().models->plugins().empty());
  CHECK_THROWS_AS(catalog(card("nolabels", "tags"), "{}"), lv::AnalysisError);
  std::string relu = card("bad", "tags");
  relu.replace(relu.find("softmax"), 7, "relu");
  CHECK_THROWS_AS(catalog(relu, R"({"bad":"a"})"), lv::AnalysisError);
}

TEST_CASE("plugin labels: activation, threshold, best first, at most maxResults") {
  lv::ModelSpec spec;
  spec.id = "p";
  spec.task = "tags";
  spec.labels = {"a", "b", "c", "d"};
  spec.activation = "sigmoid";
  spec.threshold = 0.5;
  spec.maxResults = 2;
  const std::vector<float> logits = {0.0f, 3.0f, -2.0f, 1.0f};
  auto kept = lv::pluginLabels(spec, logits);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].name == "b");
  CHECK(kept[0].confidence == Approx(1 / (1 + std::exp(-3.0))));
  CHECK(kept[1].name == "d");
  spec.activation = "softmax";
  spec.maxResults = 5;
  kept = lv::pluginLabels(spec, logits);
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].name == "b");
  spec.activation = "none";
  spec.threshold = 0;
  CHECK(lv::pluginLabels(spec, logits).size() == 4);
  CHECK_THROWS_AS(lv::pluginLabels(spec, std::vector<float>{1, 2}), lv::AnalysisError);
}

TEST_CASE("plugin tags merge by name with the higher confidence; landmarks join building_/outdoor_") {
  std::vector<lv::Tag> tags = {{"sky", "sky", 0.9}, {"red", "red", 0.6}};
  lv::mergePluginTags(tags, {{"p", "tags", "red", 0.95}, {"p", "tags", "kite", 0.7}, {"p", "tags", "sky", 0.5}});
  REQUIRE(tags.size() == 3);
  CHECK(tags[0].name == "red");
  CHECK(tags[0].confidence == Approx(0.95));
  CHECK(tags[1].name == "sky");
  CHECK(tags[1].confidence == Approx(0.9));
  CHECK(tags[2].name == "kite");

  std::vector<lv::CategoryScore> categories = {{"people_", 0.8, {}}, {"outdoor_", 0.4, {}}, {"outdoor_water", 0.6, {}}};
  lv::addLandmarks(categories, {{"Big Ben", 0.7}});
  CHECK(categories[1].name == "outdoor_water");
  CHECK(categories[1].landmarks.size() == 1);
  std::vector<lv::CategoryScore> none = {{"people_", 0.8, {}}};
  lv::addLandmarks(none, {{"Big Ben", 0.9}, {"Colosseum", 0.6}});
  REQUIRE(none.size() == 2);
  CHECK(none[0].name == "building_");
  CHECK(none[0].score == Approx(0.9));
  CHECK(none[0].landmarks.size() == 2);
}

TEST_CASE("registry: plugins is internal; brands runs from a brands plugin; landmarks detail needs a plugin, else is ignored with a warning") {
  const auto models = catalog(card("logos", "brands") + "," + card("places", "landmarks"),
                              R"({"logos":"a\nb","places":"c\nd"})");
  const auto available = lv::availableFeatures(models);
  CHECK(std::find(available.begin(), available.end(), "brands") != available.end());
  CHECK(std::find(available.begin(), available.end(), "plugins") == available.end());
  CHECK(lv::availableDetails(models) == std::vector<std::string>{"landmarks"});  // no face models: no celebrities
  CHECK_THROWS_AS(lv::canonicalFeatureName("plugins"), lv::AnalysisError);
  lv::checkModelsFor({"brands"}, models);  // no OCR models needed
  CHECK(lv::featureDependencies({"brands"}, models) == std::vector<std::string>{"plugins"});
  const auto tags = lv::featureDependencies({"tags"}, models);
  CHECK(std::find(tags.begin(), tags.end(), "plugins") != tags.end());
  const auto options = lv::parseOptions(R"({"features":["categories"],"details":["landmarks"]})", models);
  CHECK(options.wantsDetail("landmarks"));
  CHECK(options.computes("plugins"));
  CHECK(options.warnings.empty());
  const auto without = lv::parseOptions(R"({"features":["color"],"details":["landmarks","landmarks"]})", lv::ModelCatalog{});
  CHECK_FALSE(without.wantsDetail("landmarks"));
  CHECK(without.warnings.size() == 1);  // once, however often it was asked
  // Without plugins nothing changes: no internal plugins feature.
  CHECK(lv::featureDependencies({"tags"}, lv::ModelCatalog{}) == std::vector<std::string>{"color", "imageType"});
}
