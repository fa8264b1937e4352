#pragma once
// Azure "description" (v3.2: tags + captions) and "caption" (4.0), composed
// from what the detectors found. No captioning model exists in the registries
// the models come from (MODELS.md), so captions are templates over detected
// things only: a caption never names anything no detector found, and its
// confidence falls with the evidence behind it.
#include <string>
#include <vector>

#include "features/tags/tags.hpp"

namespace lv {

struct Caption {
  std::string text;
  double confidence = 0;
};

struct DescriptionResult {
  std::vector<std::string> tags;  // tag names (requested language), best first
  std::vector<Caption> captions;  // best first, at most maxCandidates
};

// A detection counts towards a caption from this calibrated confidence on
// (calibration.hpp; every object the objects feature reports reaches it
// today, a lower objects threshold would not carry weaker ones into captions).
constexpr double kCaptionMinObjectConfidence = 0.6;
// A classifier concept counts from this calibrated confidence on.
constexpr double kCaptionMinConceptConfidence = 0.6;
// A detection covering this share of the image is what the classifier saw.
constexpr double kDominantObjectArea = 0.25;
// A place ("on the grass", "on a flower") from this tag confidence on.
constexpr double kCaptionMinPlaceConfidence = 0.4;

// Candidate captions, best first, distinct texts, at most `maxCandidates`
// (at least one: a cautious one from image type and colour when nothing was
// detected).
std::vector<Caption> composeCaptions(const Signals& signals, Language language, int maxCandidates);

DescriptionResult describe(const TagsResult& tags, Language language, int maxCandidates);

}  // namespace lv
