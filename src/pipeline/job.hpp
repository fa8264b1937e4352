#pragma once
// One analysis as a staged job (DESIGN.md): the core plans model runs, the
// caller runs them and supplies the outputs, the core continues. A job never
// throws: a failure ends it and its result is Azure's error envelope.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "pipeline/analyzer_config.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class Job {
 public:
  Job(std::span<const std::uint8_t> bytes, std::string_view optionsJson, const AnalyzerConfig& config);
  // For pixels the caller already has (a browser's ImageData): RGBA, row-major.
  Job(const std::uint8_t* rgba, int width, int height, std::string_view optionsJson, const AnalyzerConfig& config);
  // A job refused before it began (e.g. input over the byte limit, not copied).
  explicit Job(const AnalysisError& refusal);
  ~Job();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  bool done() const { return requests_.empty(); }
  bool failed() const { return error_.has_value(); }
  // The model runs of the current stage; independent, so they may run together.
  const std::vector<ModelRequest>& requests() const { return requests_; }
  // One set of outputs per request, in order. Moves the job to its next stage.
  void supply(std::vector<NamedTensors> outputs);
  // Azure-shaped JSON: the analysis, or {"error": {...}} if the job failed.
  std::string resultJson() const;
  // Ends the job with `error` (bad outputs from the caller, a cancelled run).
  void fail(const AnalysisError& error);
  // Zeroes and frees the image and every tensor; the job is failed afterwards.
  void release();

 private:
  template <class Step>
  void guarded(Step&& step);
  void start();
  void planNextStage();
  void finish();

  JobState state_;
  std::vector<FeaturePtr> features_;
  std::vector<ModelRequest> requests_;
  std::vector<std::size_t> requestCounts_;  // per feature, for the current stage
  std::vector<std::size_t> runOf_;  // per feature request, in order: its index in requests_ (identical ones share a run)
  std::string requestId_;
  std::string resultJson_;
  std::optional<AnalysisError> error_;
};

}  // namespace lv
