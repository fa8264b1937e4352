#pragma once
#include <string_view>

#include "core/options.hpp"

namespace lv {

// Parses and validates the caller's options (JSON text, Azure's names).
// Throws AnalysisError with Azure's code for anything it cannot honour.
AnalyzeOptions parseOptions(std::string_view json);

}  // namespace lv
