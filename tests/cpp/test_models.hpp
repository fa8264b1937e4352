#pragma once
// The real model cards for tests that drive jobs with synthetic outputs.
#include <string>

#include "pipeline/analyzer_config.hpp"

namespace lvtest {

// A whole text file ("" when missing).
std::string readText(const std::string& path);

// An analyzer configuration with models/manifest.json and the repository's
// label files (objects, adult).
lv::AnalyzerConfig realModelsConfig();

}  // namespace lvtest
