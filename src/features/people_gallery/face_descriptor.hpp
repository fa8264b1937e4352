#pragma once
// From a detected face to the descriptor the gallery compares: eye-aligned
// 112x112 crop (ArcFace's template), MobileFaceNet on the crop and on its
// mirror image, sum, re-centre, L2-normalise.
#include <span>
#include <vector>

#include "core/image.hpp"
#include "core/model_spec.hpp"
#include "core/tensor.hpp"
#include "features/faces/face_detection.hpp"

namespace lv {

constexpr int kFaceCropSize = 112;
constexpr std::size_t kDescriptorSize = 192;

// Where the eyes land in the 112x112 crop (ArcFace's 5-point template, eyes
// only: the detector's eyes are its most stable keypoints). First the eye on
// the image's left.
constexpr PointD kTemplateLeftEye{38.2946, 51.6963};
constexpr PointD kTemplateRightEye{73.5318, 51.5014};

// The crop->image transform that puts the detection's eyes on the template.
Affine faceAlignment(const FaceDetection& face);

// The aligned 112x112 RGB crop.
Image alignFace(const Image& image, const FaceDetection& face);

// The model input for a crop, prepared as the face-embedding card says
// (RGB 0..255: the network is nearly constant on 0..1 input), mirrored
// horizontally when `mirror`.
Tensor faceEmbeddingInput(const Image& crop, bool mirror, const ModelInputSpec& spec);

// The gallery descriptor from the embeddings of a crop and of its mirror:
// normalise(normalise(a + b) - mean) where `mean` is the network's mean
// output (the 192-d vector all its outputs share; see face_descriptor.cpp).
// Throws InvalidArgument when the sizes are not 192.
std::vector<float> faceDescriptor(std::span<const float> embedding, std::span<const float> mirrored);

}  // namespace lv
