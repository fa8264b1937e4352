#include "features/people_gallery/face_descriptor.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "imgproc/model_input.hpp"

namespace lv {
namespace {

// MobileFaceNet's outputs all lie close to one direction (raw cosines
// between different people are ~0.98); subtracting their mean makes cosine
// similarity discriminative. This is the mean descriptor (crop + mirror,
// normalised) of 48 eye-aligned crops of non-face regions of the sample
// images (calibration script, seeded): same-person variants then score
// >= 0.94, different people <= 0.65 (see people_gallery.hpp).
constexpr float kMeanEmbedding[kDescriptorSize] = {
    -0.012603f, 0.023713f, 0.001926f, -0.004029f, -0.017532f, -0.020977f, 0.083178f, -0.022245f,
    0.168160f, -0.142483f, -0.029147f, 0.011663f, -0.001666f, 0.015992f, 0.004745f, -0.021108f,
    0.009871f, -0.006689f, -0.011413f, 0.002171f, -0.163763f, 0.028697f, 0.133925f, 0.000859f,
    0.120934f, 0.021846f, -0.027289f, 0.113960f, -0.227367f, 0.068212f, 0.003361f, -0.071292f,
    -0.078670f, 0.002538f, -0.136703f, -0.017506f, -0.219000f, -0.004108f, -0.002653f, 0.174010f,
    0.005757f, 0.001702f, 0.008489f, -0.009690f, 0.004809f, -0.035604f, 0.130010f, 0.027737f,
    0.007643f, 0.001938f, -0.020112f, -0.001231f, -0.073303f, 0.003427f, 0.039995f, 0.000285f,
    0.031555f, 0.000761f, -0.021263f, 0.020765f, 0.014435f, -0.025917f, 0.015018f, 0.288871f,
    -0.007017f, -0.033099f, -0.000945f, -0.032705f, -0.003913f, 0.003966f, -0.009501f, -0.053062f,
    0.022248f, 0.005872f, -0.077648f, 0.013124f, 0.006532f, 0.006228f, -0.031433f, 0.084629f,
    -0.004732f, -0.059576f, -0.002042f, 0.153627f, 0.025658f, 0.001942f, 0.009464f, 0.156923f,
    -0.069291f, 0.004417f, 0.008682f, 0.001972f, -0.000232f, -0.016531f, -0.158524f, -0.049444f,
    -0.006697f, -0.156730f, 0.005147f, -0.020187f, 0.001507f, -0.001854f, -0.009852f, 0.001302f,
    -0.003750f, 0.000384f, -0.157538f, -0.001149f, -0.008703f, 0.007111f, -0.104276f, 0.011001f,
    -0.000030f, -0.107463f, 0.013423f, 0.024561f, -0.019240f, 0.001948f, -0.161756f, 0.044527f,
    0.344694f, -0.016047f, -0.144857f, -0.000653f, -0.002454f, -0.007122f, 0.002396f, 0.018950f,
    -0.002291f, -0.047118f, 0.003999f, 0.012382f, -0.004602f, 0.004221f, 0.055476f, -0.009299f,
    0.033456f, 0.015106f, 0.006956f, 0.003022f, -0.017481f, 0.001931f, 0.003453f, 0.103456f,
    -0.122604f, -0.169654f, 0.032155f, -0.002427f, 0.009633f, -0.009913f, 0.000936f, -0.027679f,
    -0.067641f, -0.013778f, -0.002637f, -0.012984f, 0.015108f, 0.001259f, 0.065447f, -0.001463f,
    -0.044252f, -0.000903f, -0.005402f, 0.003204f, -0.002593f, 0.008058f, 0.005230f, -0.186258f,
    -0.000483f, 0.002130f, 0.071678f, 0.067347f, -0.002981f, 0.073220f, -0.055988f, 0.002283f,
    0.043876f, -0.055631f, -0.006104f, 0.000669f, -0.021588f, 0.069836f, 0.008446f, 0.003789f,
    0.143688f, 0.025907f, 0.011523f, 0.036716f, -0.053091f, 0.154866f, -0.034904f, -0.001228f,
};

void normalise(std::vector<float>& v) {
  double n = 0;
  for (float x : v) n += static_cast<double>(x) * x;
  n = std::sqrt(n);
  if (n > 0)
    for (float& x : v) x = static_cast<float>(x / n);
}

}  // namespace

Affine faceAlignment(const FaceDetection& face) {
  PointD a = face.keypoints[kRightEye], b = face.keypoints[kLeftEye];
  if (a.x > b.x) std::swap(a, b);  // first the eye on the image's left
  return similarityFromTwoPoints(kTemplateLeftEye, kTemplateRightEye, a, b);
}

Image alignFace(const Image& image, const FaceDetection& face) {
  return warpAffine(image, faceAlignment(face), kFaceCropSize, kFaceCropSize);
}

Tensor faceEmbeddingInput(const Image& crop, bool mirror, const ModelInputSpec& spec) {
  if (!mirror) return prepareModelInput(crop, spec).tensor;
  Image mirrored(crop.width, crop.height);
  for (int y = 0; y < crop.height; ++y)
    for (int x = 0; x < crop.width; ++x) std::copy_n(crop.pixel(crop.width - 1 - x, y), 3, mirrored.pixel(x, y));
  return prepareModelInput(mirrored, spec).tensor;
}

std::vector<float> faceDescriptor(std::span<const float> embedding, std::span<const float> mirrored) {
  if (embedding.size() != kDescriptorSize || mirrored.size() != kDescriptorSize)
    throw AnalysisError(ErrorCode::InvalidArgument, "The face-embedding model must return 192 values per face, got " +
                                                        std::to_string(embedding.size()) + ".");
  std::vector<float> a(embedding.begin(), embedding.end()), b(mirrored.begin(), mirrored.end());
  normalise(a);
  normalise(b);
  std::vector<float> v(kDescriptorSize);
  for (std::size_t i = 0; i < kDescriptorSize; ++i) v[i] = a[i] + b[i];
  normalise(v);
  for (std::size_t i = 0; i < kDescriptorSize; ++i) v[i] -= kMeanEmbedding[i];
  normalise(v);
  return v;
}

}  // namespace lv
