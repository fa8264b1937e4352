#include "features/adult/adult_feature.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/error.hpp"

namespace lv {
namespace {

double probabilityOf(std::span<const float> p, const std::vector<std::string>& labels, const std::string& name) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::string label = labels[i];
    std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::tolower(c); });
    if (label == name) {
      const double v = p[i];
      return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0;
    }
  }
  throw AnalysisError(ErrorCode::InvalidModel, "The 'adult' model's labels have no '" + name + "' class.");
}

}  // namespace

AdultResult adultFromProbabilities(std::span<const float> probabilities, const std::vector<std::string>& labels) {
  if (probabilities.size() != labels.size())
    throw AnalysisError(ErrorCode::InvalidArgument, "The 'adult' model output has " +
                                                        std::to_string(probabilities.size()) + " values for " +
                                                        std::to_string(labels.size()) + " labels.");
  AdultResult r;
  r.adultScore = std::min(1.0, probabilityOf(probabilities, labels, "porn") + probabilityOf(probabilities, labels, "hentai"));
  r.racyScore = std::min(1.0, probabilityOf(probabilities, labels, "sexy") + r.adultScore);
  r.hentaiProbability = probabilityOf(probabilities, labels, "hentai");
  if (std::any_of(labels.begin(), labels.end(), [](const std::string& l) { return l == "drawing" || l == "Drawing"; }))
    r.drawingProbability = probabilityOf(probabilities, labels, "drawing");
  r.isAdultContent = r.adultScore >= kAdultThreshold;
  r.isRacyContent = r.racyScore >= kRacyThreshold;
  return r;
}

void AdultFeature::take(JobState& state, const NamedTensors& run) {
  const ModelSpec& spec = state.models->get(kAdultModel);
  if (spec.labels.empty()) throw AnalysisError(ErrorCode::InvalidModel, "The 'adult' model card must name a labels file.");
  const Tensor& probabilities = firstOutput(state, kAdultModel, run);
  result_ = adultFromProbabilities({probabilities.data.data(), probabilities.data.size()}, spec.labels);
}

void AdultFeature::finish(JobState& state) {
  state.results.adult = result_;
  if (state.options.wants("adult")) state.warnings.push_back(kNoGoreWarning);  // not when only tags need it
}

}  // namespace lv
