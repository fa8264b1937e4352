#pragma once
// Adult content (Azure v3.2 `adult`; also written for 4.0 when asked) from
// the `adult` model: nsfwjs MobileNetV2 (mid), a softmax over five classes
// drawing, hentai, neutral, porn, sexy.
//
// Mapping to Azure's scores (README.md, "Adult content"):
//   adultScore = P(porn) + P(hentai)          sexually explicit, photo or drawn
//   racyScore  = min(1, P(sexy) + adultScore) suggestive; explicit is also racy,
//                                             so racyScore >= adultScore as in Azure
//   isAdultContent = adultScore >= 0.5, isRacyContent = racyScore >= 0.5: the
//   flagged classes then outweigh all others together.
//   goreScore = 0, isGoryContent = false: no gore model exists in the two
//   registries the models come from; every result says so in `warnings`.
#include <span>
#include <string>
#include <vector>

#include "features/adult/adult.hpp"
#include "pipeline/single_run.hpp"

namespace lv {

constexpr const char* kAdultModel = "adult";
constexpr double kAdultThreshold = 0.5;
constexpr double kRacyThreshold = 0.5;
constexpr const char* kNoGoreWarning =
    "goreScore is always 0: no gore model is installed; see README (Adult content).";

// Class probabilities (in `labels` order) -> Azure's adult result. Throws
// InvalidModel when a label the mapping needs (porn, hentai, sexy) is missing.
AdultResult adultFromProbabilities(std::span<const float> probabilities, const std::vector<std::string>& labels);

class AdultFeature : public SingleRunFeature {
 public:
  void finish(JobState& state) override;

 protected:
  ModelRequest request(JobState& state) override { return wholeImageRequest(state, kAdultModel); }
  void take(JobState& state, const NamedTensors& run) override;

 private:
  AdultResult result_;
};

}  // namespace lv
