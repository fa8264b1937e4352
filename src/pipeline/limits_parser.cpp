#include "pipeline/limits_parser.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace lv {
namespace {

template <class T>
void readPositive(const nlohmann::json& limits, const char* key, T& into, double ceiling) {
  auto it = limits.find(key);
  if (it == limits.end() || it->is_null()) return;
  if (!it->is_number() || it->get<double>() < 1 || it->get<double>() > ceiling || it->get<double>() != std::floor(it->get<double>()))
    throw AnalysisError(ErrorCode::InvalidArgument, std::string("Limit '") + key + "' must be a positive whole number up to " +
                                                        std::to_string(static_cast<long long>(ceiling)) + ".");
  into = static_cast<T>(it->get<double>());
}

}  // namespace

Limits parseLimits(std::string_view text) {
  Limits limits;
  if (text.empty()) return limits;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    throw AnalysisError(ErrorCode::InvalidArgument, "Limits must be a JSON object.");
  for (const auto& [key, _] : json.items())
    if (key != "maxBytes" && key != "minSide" && key != "maxSide" && key != "maxPixels")
      throw AnalysisError(ErrorCode::InvalidArgument,
                          "Unknown limit '" + key + "'. Use maxBytes, minSide, maxSide or maxPixels.");
  // Ceilings keep every size arithmetic inside 64 bits and a 4 GiB heap honest.
  readPositive(json, "maxBytes", limits.maxBytes, 1024.0 * 1024 * 1024);
  readPositive(json, "minSide", limits.minSide, 65535);
  readPositive(json, "maxSide", limits.maxSide, 65535);
  readPositive(json, "maxPixels", limits.maxPixels, 400'000'000);
  if (limits.minSide > limits.maxSide)
    throw AnalysisError(ErrorCode::InvalidArgument, "Limit 'minSide' must not exceed 'maxSide'.");
  return limits;
}

}  // namespace lv
