#include "pipeline/job.hpp"

#include <nlohmann/json.hpp>

#include "core/uuid.hpp"
#include "decode/decode.hpp"
#include "json/azure_json.hpp"
#include "pipeline/options_parser.hpp"
#include "pipeline/registry.hpp"

namespace lv {

Job::Job(std::span<const std::uint8_t> bytes, std::string_view optionsJson, const AnalyzerConfig& config)
    : requestId_(randomUuid()) {
  state_.models = config.models;
  state_.people = config.people;
  guarded([&] {
    state_.options = parseOptions(optionsJson);
    state_.decoded = decodeImage(bytes, config.limits);
  });
  start();
}

Job::Job(const std::uint8_t* rgba, int width, int height, std::string_view optionsJson, const AnalyzerConfig& config)
    : requestId_(randomUuid()) {
  state_.models = config.models;
  state_.people = config.people;
  guarded([&] {
    state_.options = parseOptions(optionsJson);
    state_.decoded = imageFromRgba(rgba, width, height, config.limits);
  });
  start();
}

Job::Job(const AnalysisError& refusal) : requestId_(randomUuid()), error_(refusal) {}

Job::~Job() { release(); }

template <class Step>
void Job::guarded(Step&& step) {
  if (error_) return;
  try {
    step();
  } catch (const AnalysisError& e) {
    error_ = e;
  } catch (const std::bad_alloc&) {
    error_ = AnalysisError(ErrorCode::InvalidImageSize,
                           "The image needs more memory than is available. Send a smaller image.");
  } catch (const std::exception& e) {
    error_ = AnalysisError(ErrorCode::InternalError, std::string("Internal error: ") + e.what());
  }
  if (error_) release();
}

void Job::start() {
  guarded([&] {
    features_ = createFeatures(state_.options);
    planNextStage();
  });
}

void Job::planNextStage() {
  requests_.clear();
  requestCounts_.assign(features_.size(), 0);
  for (std::size_t i = 0; i < features_.size(); ++i) {
    auto asked = features_[i]->requests(state_);
    requestCounts_[i] = asked.size();
    for (auto& request : asked) requests_.push_back(std::move(request));
  }
  if (requests_.empty()) finish();
}

void Job::supply(std::vector<NamedTensors> outputs) {
  guarded([&] {
    if (done()) throw AnalysisError(ErrorCode::InvalidArgument, "This job has no pending model runs.");
    if (outputs.size() != requests_.size())
      throw AnalysisError(ErrorCode::InvalidArgument, "Expected " + std::to_string(requests_.size()) +
                                                          " model outputs, got " + std::to_string(outputs.size()) + ".");
    std::size_t next = 0;
    for (std::size_t i = 0; i < features_.size(); ++i) {
      std::vector<NamedTensors> mine(std::make_move_iterator(outputs.begin() + next),
                                     std::make_move_iterator(outputs.begin() + next + requestCounts_[i]));
      next += requestCounts_[i];
      if (!mine.empty()) features_[i]->supply(state_, std::move(mine));
    }
    planNextStage();
  });
}

void Job::finish() {
  for (auto& feature : features_) feature->finish(state_);
  resultJson_ = toAzureJson(state_, requestId_).dump();
  release();
}

std::string Job::resultJson() const {
  if (error_) return errorEnvelope(*error_).dump();
  if (!done() || resultJson_.empty())
    return errorEnvelope(AnalysisError(ErrorCode::InvalidArgument, "The job is not finished: supply its model outputs first.")).dump();
  return resultJson_;
}

void Job::fail(const AnalysisError& error) {
  if (!error_) error_ = error;
  release();
}

void Job::release() {
  requests_.clear();
  features_.clear();
  state_.decoded.image = Image();
}

}  // namespace lv
