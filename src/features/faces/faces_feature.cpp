#include "features/faces/faces_feature.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "features/people_gallery/face_descriptor.hpp"
#include "features/people_gallery/people_gallery.hpp"

namespace lv {
namespace {

constexpr const char* kDetector = "faces";
constexpr const char* kLargeDetector = "faces-448";
constexpr const char* kEmbedder = "face-embedding";

bool wantsCelebrities(const AnalyzeOptions& options) {
  return std::find(options.details.begin(), options.details.end(), "celebrities") != options.details.end();
}

const Tensor& output(const NamedTensors& outputs, const std::string& name) {
  for (const auto& [n, t] : outputs)
    if (n == name) return t;
  throw AnalysisError(ErrorCode::InvalidArgument, "The '" + std::string(kDetector) + "' model run lacks output '" + name + "'.");
}

std::span<const float> values(const Tensor& t) { return {t.data.data(), t.data.size()}; }

}  // namespace

bool needsFaceDetection(const AnalyzeOptions& options) {
  return options.wants("faces") || wantsCelebrities(options) || !options.enroll.empty();
}

std::vector<std::string> faceDetectionModels(int width, int height) {
  if (std::max(width, height) < kLargeFaceDetectorSide) return {kDetector};
  return {kDetector, kLargeDetector};
}

FaceRectangle toFaceRectangle(const FaceDetection& f, int imageWidth, int imageHeight) {
  const double x0 = std::clamp(f.x, 0.0, static_cast<double>(imageWidth));
  const double y0 = std::clamp(f.y, 0.0, static_cast<double>(imageHeight));
  const double x1 = std::clamp(f.x + f.w, 0.0, static_cast<double>(imageWidth));
  const double y1 = std::clamp(f.y + f.h, 0.0, static_cast<double>(imageHeight));
  FaceRectangle r;
  r.left = static_cast<int>(std::lround(x0));
  r.top = static_cast<int>(std::lround(y0));
  r.width = std::max(0, static_cast<int>(std::lround(x1)) - r.left);
  r.height = std::max(0, static_cast<int>(std::lround(y1)) - r.top);
  return r;
}

std::vector<ModelRequest> FacesFeature::requests(JobState& state) {
  const Image& image = state.decoded.image;
  if (stage_ == Stage::Detect) {
    std::vector<ModelRequest> out;
    for (const std::string& model : faceDetectionModels(image.width, image.height)) {
      const ModelSpec& spec = state.models->get(model);
      ModelInput input = prepareModelInput(state.pixels(), spec.input);
      passes_.push_back({model, input.transform, input.size});
      NamedTensors inputs;
      inputs.emplace_back(spec.input.name, std::move(input.tensor));
      out.push_back({model, std::move(inputs)});
    }
    stage_ = Stage::AwaitDetections;
    return out;
  }
  if (stage_ == Stage::Embed) {
    stage_ = Stage::Done;
    const bool enrolling = !state.options.enroll.empty();
    const bool matching = wantsCelebrities(state.options) && state.people && !state.people->empty();
    if (faces_.empty() || (!enrolling && !matching)) return {};
    const ModelSpec& spec = state.models->get(kEmbedder);
    const std::size_t count = enrolling ? 1 : std::min(faces_.size(), kMaxKnownPeopleFaces);
    std::vector<ModelRequest> out;
    for (std::size_t i = 0; i < count; ++i) {
      const Image crop = alignFace(image, faces_[i]);
      for (bool mirror : {false, true}) {
        NamedTensors inputs;
        inputs.emplace_back(spec.input.name, faceEmbeddingInput(crop, mirror, spec.input));
        out.push_back({kEmbedder, std::move(inputs)});
      }
      embedded_.push_back(i);
    }
    stage_ = Stage::AwaitEmbeddings;
    return out;
  }
  return {};
}

void FacesFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  if (stage_ == Stage::AwaitDetections) {
    if (outputs.size() != passes_.size()) throw AnalysisError(ErrorCode::InternalError, "Face detector runs went missing.");
    std::vector<FaceDetection> all;
    for (std::size_t r = 0; r < outputs.size(); ++r) {
      const DetectorPass& pass = passes_[r];
      const ModelSpec& spec = state.models->get(pass.model);
      if (spec.outputs.size() != 4)
        throw AnalysisError(ErrorCode::InvalidModel,
                            "The '" + pass.model + "' model card must list 4 outputs (scores and boxes of two heads).");
      // Card order: scores of the stride-16 head, of the stride-32 head, then their boxes.
      std::vector<float> scores, boxes;
      for (int k : {0, 1}) {
        auto s = values(output(outputs[r], spec.outputs[k]));
        auto b = values(output(outputs[r], spec.outputs[k + 2]));
        scores.insert(scores.end(), s.begin(), s.end());
        boxes.insert(boxes.end(), b.begin(), b.end());
      }
      const double minScore = pass.model == kLargeDetector ? kLargeFaceMinScore : kFaceMinScore;
      auto found = decodeBlazeFace(scores, boxes, blazeFaceBackAnchors(pass.size.height, pass.size.width), minScore, pass.transform);
      all.insert(all.end(), found.begin(), found.end());
    }
    faces_ = withoutNestedFaces(weightedNms(std::move(all)));
    stage_ = Stage::Embed;
    return;
  }
  if (stage_ == Stage::AwaitEmbeddings) {
    if (outputs.size() != embedded_.size() * 2)
      throw AnalysisError(ErrorCode::InvalidArgument, "Expected two face-embedding outputs per face.");
    const ModelSpec& spec = state.models->get(kEmbedder);
    const std::string name = spec.outputs.empty() ? std::string() : spec.outputs.front();
    auto embedding = [&](const NamedTensors& o) -> std::span<const float> {
      for (const auto& [n, t] : o)
        if (n == name || name.empty()) return values(t);
      throw AnalysisError(ErrorCode::InvalidArgument, "The 'face-embedding' model run lacks output '" + name + "'.");
    };
    for (std::size_t i = 0; i < embedded_.size(); ++i)
      descriptors_.push_back(faceDescriptor(embedding(outputs[2 * i]), embedding(outputs[2 * i + 1])));
    stage_ = Stage::Done;
  }
}

void FacesFeature::finish(JobState& state) {
  const Image& image = state.decoded.image;
  if (state.options.computes("faces")) {  // also when only a dependency (tags): JSON then has no faces member
    std::vector<FaceRectangle> rects;
    for (const auto& f : faces_) rects.push_back(toFaceRectangle(f, image.width, image.height));
    state.results.faces = std::move(rects);
  }
  if (!state.options.enroll.empty()) {
    if (descriptors_.empty())
      throw AnalysisError(ErrorCode::InvalidArgument,
                          "No face was found in the image, so '" + state.options.enroll +
                              "' was not enrolled. Use a photo where the face is frontal, unobstructed and at least "
                              "about 40 pixels wide.");
    if (!state.people) throw AnalysisError(ErrorCode::InternalError, "This analyzer has no people gallery.");
    state.people->enroll(state.options.enroll, descriptors_.front());
    std::size_t count = 0;
    for (const auto& p : state.people->list())
      if (p.name == state.options.enroll) count = p.descriptors;
    state.results.enrolled =
        EnrolledPerson{state.options.enroll, toFaceRectangle(faces_[embedded_.front()], image.width, image.height), count};
  }
  if (wantsCelebrities(state.options)) {
    PeopleCategory people;
    for (const auto& f : faces_) people.score = std::max(people.score, f.score);
    for (std::size_t i = 0; i < descriptors_.size(); ++i) {
      auto match = state.people ? state.people->match(descriptors_[i]) : std::nullopt;
      if (!match) continue;
      // One person appears once: keep the face that matches best.
      auto same = std::find_if(people.celebrities.begin(), people.celebrities.end(),
                               [&](const KnownPerson& k) { return k.name == match->name; });
      KnownPerson person{match->name, match->confidence, toFaceRectangle(faces_[embedded_[i]], image.width, image.height)};
      if (same == people.celebrities.end()) people.celebrities.push_back(person);
      else if (same->confidence < person.confidence) *same = person;
    }
    std::stable_sort(people.celebrities.begin(), people.celebrities.end(),
                     [](const KnownPerson& a, const KnownPerson& b) { return a.confidence > b.confidence; });
    people.anyFace = !faces_.empty();
    state.results.knownPeople = std::move(people);
  }
}

}  // namespace lv
