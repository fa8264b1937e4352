#pragma once
// What a caller asks of one analysis, already validated (see parseOptions).
#include <string>
#include <vector>

namespace lv {

enum class OutputFormat { AzureV32, AzureV40 };

struct AnalyzeOptions {
  std::vector<std::string> features;  // canonical names, e.g. "color", "smartCrops"
  std::vector<std::string> details;   // "celebrities", "landmarks"
  std::string language = "en";
  std::string modelVersion = "latest";
  OutputFormat format = OutputFormat::AzureV32;
  std::vector<double> smartCropsAspectRatios;  // empty: one crop, best ratio
  int maxCandidates = 1;
  std::string enroll;  // non-empty: an enrolment job adding this name to the people gallery
  std::vector<std::string> warnings;  // what was asked but cannot be honoured here (result "warnings")

  // Features computed only because an asked-for feature depends on them
  // (registry.cpp, kDependencies): they run, but write no JSON member.
  std::vector<std::string> internalFeatures;

  // Asked for by the caller: its JSON member is written.
  bool wants(const std::string& feature) const {
    for (const auto& f : features)
      if (f == feature) return true;
    return false;
  }
  bool wantsDetail(const std::string& detail) const {
    for (const auto& d : details)
      if (d == detail) return true;
    return false;
  }
  // Computed in this job: asked for, or needed by one that was.
  bool computes(const std::string& feature) const {
    if (wants(feature)) return true;
    for (const auto& f : internalFeatures)
      if (f == feature) return true;
    return false;
  }
};

}  // namespace lv
