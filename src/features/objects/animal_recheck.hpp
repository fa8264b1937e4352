#pragma once
// A second opinion on weak animal detections. At a distance the detector
// tells an animal from the grass better than one species from another: on
// the dev set it called five grazing sheep (40-90 px in a 1024 px photo)
// "cow" at 0.41-0.53. The ImageNet classifier, shown a square around each
// with the herd and field in view, put 0.30-0.58 of its mass on sheep and
// under 0.08 on cattle; shown only the box grown by 10% (a dense caption's
// crop), it said dog or nothing.
#include <optional>
#include <string>
#include <vector>

#include "imgproc/model_input.hpp"
#include "features/classification/classification.hpp"
#include "features/objects/objects.hpp"

namespace lv {

// Detections scored below this are rechecked (the confident ones were right
// on the dev set and the sample images: cows 0.77, giraffes 0.65 and 0.81).
constexpr double kRecheckBelowScore = 0.6;
// At most this many crops go to the classifier (one batched run); the other
// weak detections of a class follow what its checked ones agreed on.
constexpr int kMaxRechecks = 3;
// The square the classifier sees is this many times the box's longer side.
constexpr int kRecheckContext = 4;
// Another class replaces the detected one when the crop's probability mass
// under it is at least this, and this many times the detected class's. On the
// dev set's sheep the crops gave sheep 0.30-0.58 against cattle 0.02-0.07;
// the detector is already unsure of these, so a clear preference decides.
constexpr double kRecheckMinMass = 0.25;
constexpr double kRecheckMinRatio = 4;

// Indices into `objects` of the weak detections of an animal class that the
// detector could have confused with another of `labels` (the objects model's
// classes), best first, at most kMaxRechecks. Only distant ones: a box whose
// square (kRecheckContext times its longer side) fits in the image. A closer
// animal fills the classifier's view of the whole image already, which tags
// weigh against the detection; on the dev set the close weak ones (a dog
// 0.56, a kitten 0.55, a bird 0.50) were all confirmed, at one run each.
std::vector<std::size_t> animalsToRecheck(const std::vector<DetectedObject>& objects,
                                          const std::vector<std::string>& labels, int imageWidth, int imageHeight);

// A square kRecheckContext times the box's longer side, centred on the box,
// moved inside the image and no larger than its shorter side.
Rect recheckSquare(const Rect& box, int imageWidth, int imageHeight);

// The label of `labels` (an animal other than the detected one's) with the
// most probability mass in the classification of `square` around
// objects[index], when that mass is at least kRecheckMinMass and
// kRecheckMinRatio times the detected class's, and no other detection of that
// label lies in the square (a cat beside a dog: the dog is what it saw);
// nullopt when the crop confirms the detection or cannot tell.
std::optional<std::string> recheckedLabel(const Classification& crop, const std::vector<DetectedObject>& objects,
                                          std::size_t index, const Rect& square, const std::vector<std::string>& labels);

// Renames detections: each checked one (`checked[i]` is `verdicts[i]`'s
// detection) to its verdict, and the unchecked weak detections of a class to
// the verdict all its checked detections agreed on. Names and parents come
// from azureObjectName; scores stay the detector's.
void applyRechecks(std::vector<DetectedObject>& objects, const std::vector<std::size_t>& checked,
                   const std::vector<std::optional<std::string>>& verdicts);

}  // namespace lv
