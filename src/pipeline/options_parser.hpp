#pragma once
#include <string_view>

#include "core/options.hpp"
#include "pipeline/model_catalog.hpp"

namespace lv {

// Parses and validates the caller's options (JSON text, Azure's names).
// Throws AnalysisError with Azure's code for anything it cannot honour.
// Features default to, and are checked against, what `models` can run.
AnalyzeOptions parseOptions(std::string_view json, const ModelCatalog& models);

}  // namespace lv
