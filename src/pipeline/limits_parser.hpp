#pragma once
#include <string_view>

#include "core/limits.hpp"

namespace lv {

// Parses an analyzer's limits ({maxBytes, minSide, maxSide, maxPixels}, each
// optional) over the defaults. Throws AnalysisError(InvalidArgument).
Limits parseLimits(std::string_view json);

}  // namespace lv
