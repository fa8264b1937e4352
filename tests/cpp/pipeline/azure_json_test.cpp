// The Azure JSON writer's own rules, on hand-made results.
#include <catch2/catch.hpp>

#include "json/azure_json.hpp"

namespace {

// Tags as the tags feature gives them: orange the fruit, then orange the colour.
lv::JobState twoOranges(lv::OutputFormat format) {
  lv::JobState state;
  state.options.format = format;
  state.options.features = {"tags"};
  lv::TagsResult tags;
  tags.values = {{"orange", "orange", 0.84, ""}, {"lemon", "lemon", 0.68, ""}, {"orange (color)", "orange", 0.6, "color"}};
  state.results.tags = tags;
  return state;
}

}  // namespace

TEST_CASE("azure json: v3.2 tags tell a word's two senses apart by hint; 4.0 tags, which have no hint, name it once") {
  const auto v32 = lv::toAzureJson(twoOranges(lv::OutputFormat::AzureV32), "id")["tags"];
  REQUIRE(v32.size() == 3);
  CHECK(v32[2]["name"] == "orange");
  CHECK(v32[2]["hint"] == "color");
  CHECK_FALSE(v32[0].contains("hint"));
  const auto v4 = lv::toAzureJson(twoOranges(lv::OutputFormat::AzureV40), "id")["tagsResult"]["values"];
  REQUIRE(v4.size() == 2);
  CHECK(v4[0]["name"] == "orange");
  CHECK(v4[0]["confidence"] == 0.84);
  CHECK(v4[1]["name"] == "lemon");
  for (const auto& tag : v4) CHECK(tag.size() == 2);
}
