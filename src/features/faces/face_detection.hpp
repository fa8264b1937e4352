#pragma once
// BlazeFace (MediaPipe face_detection_back; its size freed, run at 256 or
// 448 px, cut to the image) post-processing: anchors, box and keypoint
// decoding, weighted ("blending") NMS, nested boxes.
#include <array>
#include <span>
#include <vector>

#include "imgproc/model_input.hpp"
#include "imgproc/warp.hpp"

namespace lv {

// An SSD anchor centre in model-input pixels. Anchors have a fixed size of 1
// (MediaPipe's fixed_anchor_size), so only centres matter.
struct Anchor {
  double x = 0, y = 0;
};

// The anchors of face_detection_back on a `height` x `width` input (multiples
// of 32): strides [16, 32, 32, 32] (MediaPipe's face_detection_back
// calculator options). Layers of equal stride share one grid, each
// contributing 2 anchors per cell (aspect ratio 1 + interpolated scale), the
// centre of cell (column c, row r) at ((c + 0.5) * stride, (r + 0.5) * stride).
// On its 256 px square: stride 16 -> 16x16x2 = 512, stride 32 -> 8x8x6 = 384,
// 896 in all; a larger input (faces-448) or a letterbox cut to the image has
// proportionally larger or smaller grids. Order: grid row, column, anchor.
// Built once per size; the reference stays valid for the program's life.
const std::vector<Anchor>& blazeFaceBackAnchors(int height = 256, int width = 256);

// MediaPipe's keypoint order: the subject's right eye (left in the image
// for a frontal face), left eye, nose tip, mouth centre, right ear
// tragion, left ear tragion.
enum FaceKeypoint { kRightEye = 0, kLeftEye, kNoseTip, kMouth, kRightEar, kLeftEar };

// A detection in image pixels (continuous coordinates).
struct FaceDetection {
  double score = 0;  // 0..1
  double x = 0, y = 0, w = 0, h = 0;  // top-left, size
  std::array<PointD, 6> keypoints{};
};

double sigmoid(double logit);

// Decodes one head: `scores` holds a logit per anchor, `regressors` 16
// values per anchor: box centre offset (dx, dy) and size (w, h), then six
// keypoint offsets (x, y), all in model-input pixels relative to the anchor
// centre (x_centre = dx + anchor.x). Keeps detections scoring at least
// `minScore` and maps them to image pixels with `toImage`. Throws
// InvalidArgument when the outputs' sizes do not match the anchors.
std::vector<FaceDetection> decodeBlazeFace(std::span<const float> scores, std::span<const float> regressors,
                                           std::span<const Anchor> anchors, double minScore,
                                           const InputTransform& toImage);

double iou(const FaceDetection& a, const FaceDetection& b);

// MediaPipe's weighted NMS: take the best remaining detection, gather every
// remaining one overlapping it by more than `iouThreshold`, and report the
// score-weighted mean of their boxes and keypoints with the best score.
std::vector<FaceDetection> weightedNms(std::vector<FaceDetection> detections, double iouThreshold = 0.3);

// Faces largest first, without those lying mostly (at least `inside` of
// their area) within a larger one: a face is never seen inside another
// face's box, but the detector finds eyes-and-nose "faces" inside a face
// that fills most of the frame (astronaut.png's face 800 px wide in a
// 1280 px image gave two 460-490 px boxes inside the 830 px one).
std::vector<FaceDetection> withoutNestedFaces(std::vector<FaceDetection> faces, double inside = 0.8);

}  // namespace lv
