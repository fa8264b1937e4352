#pragma once
// Faces (BlazeFace back on the whole image at 256 px, and for large images
// also at 448 px, merged by weighted NMS), then, for the "celebrities"
// detail or an enrolment job, eye-aligned crops -> face-embedding -> the
// analyzer's people gallery.
#include <optional>
#include <string>
#include <vector>

#include "features/faces/face_detection.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// Detection score (after sigmoid) a face must reach. A bird photo scored
// 0.69 and chelsea.png (a cat) 0.69 with this model; astronaut.png's face
// 0.88, camera.png's man 0.81.
constexpr double kFaceMinScore = 0.75;
// The same for the 448 px pass, which sees a whole small figure at the size
// of a face: at 0.75 it boxed astronaut.png pasted 98 px tall into a
// 2000x1500 image (and 197 px into 4032x3024); at 0.8 it does not, and
// still finds 21 of 48 pasted 20-90 px faces (the tiles it replaced: 19).
constexpr double kLargeFaceMinScore = 0.8;
// Images whose longer side reaches this are also searched at 448 px (the
// faces-448 card: the same network on a larger input), where faces small in
// the frame (about 30-50 px of a 1024 px photo) are large enough to be
// found. One 448 px run costs about three 256 px runs in onnxruntime-web:
// less than the four 256 px tiles it replaced, which found fewer of them.
constexpr int kLargeFaceDetectorSide = 1024;
// At most this many faces (largest first) are matched against the gallery.
constexpr std::size_t kMaxKnownPeopleFaces = 16;

// Whether `options` needs the face detector: faces, details=celebrities, enrolment.
bool needsFaceDetection(const AnalyzeOptions& options);

// The detector cards run on the whole image: "faces", then "faces-448" when large.
std::vector<std::string> faceDetectionModels(int width, int height);

// Face rectangle in Azure's integer form, clipped to the image.
FaceRectangle toFaceRectangle(const FaceDetection& face, int imageWidth, int imageHeight);

class FacesFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

  const std::vector<FaceDetection>& detections() const { return faces_; }

 private:
  enum class Stage { Detect, AwaitDetections, Embed, AwaitEmbeddings, Done };
  Stage stage_ = Stage::Detect;
  struct DetectorPass {
    std::string model;         // "faces" or "faces-448"
    InputTransform transform;  // its input's pixels -> image pixels
    InputSize size;            // its input's size (the letterbox cut to the image)
  };
  std::vector<DetectorPass> passes_;  // one per detector run, in request order
  std::vector<FaceDetection> faces_;       // largest first
  std::vector<std::size_t> embedded_;      // indices into faces_ sent for embedding
  std::vector<std::vector<float>> descriptors_;  // one per embedded_ face
};

}  // namespace lv
