#pragma once
// The one detection run shared by the objects and people features: the
// `objects` model (CenterNet, COCO-80; peaks and top-100 decoded in the
// graph) on the letterboxed image, its rows mapped back to image pixels,
// then a score threshold and class-wise NMS chosen by each feature.
//
// Both features build the same request (same model, bit-identical input),
// and the Job runs identical requests of one stage once, handing the
// outputs to each (see Job::planNextStage), so objects + people cost one
// inference.
#include <string>
#include <vector>

#include "imgproc/model_input.hpp"
#include "pipeline/single_run.hpp"

namespace lv {

constexpr const char* kObjectsModel = "objects";

// Boxes whose clipped width or height spans fewer model-input pixels than
// this are dropped: at 512 px (stride-4 heatmap) they are two cells or less,
// and scored no better than noise on the sample images.
constexpr double kMinBoxSideModelPx = 8;
// Boxes of one class overlapping more than this (IoU) with a better one are
// the same object.
constexpr double kNmsIou = 0.5;

struct Detection {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // image pixels, clipped to the image
  double score = 0;
  int classIndex = 0;  // into the model card's labels
};

double intersectionOverUnion(const Detection& a, const Detection& b);

// Rows of a [1, N, 6] detections tensor (x1, y1, x2, y2 in model-input
// pixels, score, class) -> detections in image pixels: mapped through
// `transform`, clipped to the image, kept if score >= minScore, the class is
// one of `classCount` and both sides span >= kMinBoxSideModelPx model pixels.
// Throws InvalidArgument when the tensor is not [.., 6].
std::vector<Detection> decodeDetections(const Tensor& detections, const InputTransform& transform, int imageWidth,
                                        int imageHeight, double minScore, std::size_t classCount);

// Greedy non-maximum suppression per class; result sorted by score, best first.
std::vector<Detection> classwiseNms(std::vector<Detection> detections, double iou = kNmsIou);

// Azure's integer rectangle for a detection.
Rect toRect(const Detection& d);

// The shared request: the `objects` model on the whole image, letterboxed as
// its card says. `transform` receives the model-to-image mapping.
ModelRequest objectDetectionRequest(const JobState& state, InputTransform& transform);

// The detections tensor among a run's outputs (by the card's output name).
const Tensor& objectDetectionOutput(const JobState& state, const NamedTensors& outputs);

// A feature that reads the shared detector run (objects, people): asked for
// together, the job runs the model once.
class DetectorFeature : public SingleRunFeature {
 protected:
  ModelRequest request(JobState& state) override { return objectDetectionRequest(state, transform_); }
  InputTransform transform_;  // model pixels -> image pixels of the run
};

}  // namespace lv
