#include "json/azure_json.hpp"

#include <cmath>

#include "core/version.hpp"

namespace lv {
namespace {

using json = nlohmann::ordered_json;

json colorJson(const ColorResult& c) {
  // Azure's responses carry both spellings of the black-and-white flag.
  return {{"dominantColorForeground", c.dominantColorForeground},
          {"dominantColorBackground", c.dominantColorBackground},
          {"dominantColors", c.dominantColors},
          {"accentColor", c.accentColor},
          {"isBWImg", c.isBWImg},
          {"isBwImg", c.isBWImg}};
}

json imageTypeJson(const ImageTypeResult& t) {
  return {{"clipArtType", t.clipArtType}, {"lineDrawingType", t.lineDrawingType}};
}

json smartCropsJson(const std::vector<CropRegion>& crops) {
  json values = json::array();
  for (const auto& c : crops)
    values.push_back({{"aspectRatio", std::round(c.aspectRatio * 100) / 100},
                      {"boundingBox", {{"x", c.x}, {"y", c.y}, {"w", c.w}, {"h", c.h}}}});
  return {{"values", values}};
}

json metadataJson(const JobState& state, bool withFormat) {
  const Image& image = state.decoded.image;
  json metadata = {{"width", image.width}, {"height", image.height}};
  if (withFormat) metadata["format"] = formatName(state.decoded.format);
  return metadata;
}

}  // namespace

nlohmann::ordered_json toAzureJson(const JobState& state, const std::string& requestId) {
  const AnalysisResults& r = state.results;
  const bool v4 = state.options.format == OutputFormat::AzureV40;
  json out = json::object();
  if (r.color) out["color"] = colorJson(*r.color);
  if (r.imageType) out["imageType"] = imageTypeJson(*r.imageType);
  if (r.smartCrops) out["smartCropsResult"] = smartCropsJson(*r.smartCrops);
  out["requestId"] = requestId;
  out["metadata"] = metadataJson(state, !v4);
  out["modelVersion"] = kModelSetVersion;
  if (state.decoded.animated) out["warnings"].push_back("The image is an animated GIF: only its first frame was analysed.");
  for (const auto& warning : state.warnings) out["warnings"].push_back(warning);
  return out;
}

nlohmann::ordered_json errorEnvelope(const AnalysisError& error) {
  const std::string message = error.what();
  return {{"error",
           {{"code", outerCodeName(error.code())},
            {"message", message},
            {"innerError", {{"code", innerCodeName(error.code())}, {"message", message}}}}}};
}

}  // namespace lv
