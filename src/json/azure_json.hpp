#pragma once
// Results to Azure's JSON: v3.2 `ImageAnalysis` or the 4.0 result shape,
// with Azure's field names and box conventions.
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "pipeline/feature.hpp"

namespace lv {

nlohmann::ordered_json toAzureJson(const JobState& state, const std::string& requestId);

// {"error": {"code": "InvalidRequest", "message", "innererror": {"code", "message"}}}
nlohmann::ordered_json errorEnvelope(const AnalysisError& error);

}  // namespace lv
