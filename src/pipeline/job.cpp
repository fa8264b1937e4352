#include "pipeline/job.hpp"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/uuid.hpp"
#include "decode/decode.hpp"
#include "json/azure_json.hpp"
#include "pipeline/options_parser.hpp"
#include "pipeline/registry.hpp"

namespace lv {
namespace {

bool sameTensor(const Tensor& a, const Tensor& b) {
  return a.dims == b.dims && a.data.size() == b.data.size() &&
         (a.data.empty() || std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0);
}

// Same model, same input names, bit-identical input tensors.
bool sameRun(const ModelRequest& a, const ModelRequest& b) {
  if (a.model != b.model || a.inputs.size() != b.inputs.size()) return false;
  for (std::size_t i = 0; i < a.inputs.size(); ++i)
    if (a.inputs[i].first != b.inputs[i].first || !sameTensor(a.inputs[i].second, b.inputs[i].second)) return false;
  return true;
}

}  // namespace

Job::Job(std::span<const std::uint8_t> bytes, std::string_view optionsJson, const AnalyzerConfig& config)
    : requestId_(randomUuid()) {
  state_.models = config.models;
  state_.people = config.people;
  guarded([&] {
    state_.options = parseOptions(optionsJson, *config.models);
    state_.decoded = decodeImage(bytes, config.limits);
  });
  start();
}

Job::Job(const std::uint8_t* rgba, int width, int height, std::string_view optionsJson, const AnalyzerConfig& config)
    : requestId_(randomUuid()) {
  state_.models = config.models;
  state_.people = config.people;
  guarded([&] {
    state_.options = parseOptions(optionsJson, *config.models);
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
  runOf_.clear();
  for (std::size_t i = 0; i < features_.size(); ++i) {
    auto asked = features_[i]->requests(state_);
    requestCounts_[i] = asked.size();
    const std::size_t earlier = requests_.size();  // runs asked by the features before this one
    for (auto& request : asked) {
      // Different features asking for the same model with identical inputs
      // (objects and people: the detector on the same letterboxed image)
      // share one run. A feature's own requests are never merged.
      const auto end = requests_.begin() + static_cast<std::ptrdiff_t>(earlier);
      const auto same = std::find_if(requests_.begin(), end, [&](const ModelRequest& r) { return sameRun(r, request); });
      if (same != end) {
        runOf_.push_back(static_cast<std::size_t>(same - requests_.begin()));
      } else {
        runOf_.push_back(requests_.size());
        requests_.push_back(std::move(request));
      }
    }
  }
  if (requests_.empty()) finish();
}

void Job::supply(std::vector<NamedTensors> outputs) {
  guarded([&] {
    if (done()) throw AnalysisError(ErrorCode::InvalidArgument, "This job has no pending model runs.");
    if (outputs.size() != requests_.size())
      throw AnalysisError(ErrorCode::InvalidArgument, "Expected " + std::to_string(requests_.size()) +
                                                          " model outputs, got " + std::to_string(outputs.size()) + ".");
    // A run shared by several requests is copied for all but its last user.
    std::vector<std::size_t> users(outputs.size(), 0);
    for (std::size_t run : runOf_) ++users[run];
    std::size_t next = 0;
    for (std::size_t i = 0; i < features_.size(); ++i) {
      std::vector<NamedTensors> mine;
      for (std::size_t k = 0; k < requestCounts_[i]; ++k) {
        const std::size_t run = runOf_[next + k];
        if (--users[run] == 0) mine.push_back(std::move(outputs[run]));
        else mine.push_back(outputs[run]);
      }
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
