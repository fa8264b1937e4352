#include <catch2/catch.hpp>

#include "test_models.hpp"
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "features/faces/face_detection.hpp"
#include "features/faces/faces_feature.hpp"
#include "features/people_gallery/face_descriptor.hpp"
#include "imgproc/model_input.hpp"
#include "imgproc/warp.hpp"
#include "pipeline/job.hpp"
#include "sample_images.hpp"

namespace {

using nlohmann::json;

// A logit whose sigmoid is `p`.
float logit(double p) { return static_cast<float>(std::log(p / (1 - p))); }

// Synthetic outputs of the faces model: every anchor scores ~0 except `hits`
// (anchor index -> score), whose regressors are `reg`.
struct SyntheticHead {
  // A height x width input: (h/16)(w/16) x 2 anchors in the stride-16 head, (h/32)(w/32) x 6 in the stride-32 one.
  explicit SyntheticHead(int height = 256, int width = 256)
      : n16(static_cast<std::size_t>(height / 16) * (width / 16) * 2),
        n32(static_cast<std::size_t>(height / 32) * (width / 32) * 6) {}
  std::size_t n16, n32;
  std::vector<float> scores = std::vector<float>(n16 + n32, -20.0f);
  std::vector<float> boxes = std::vector<float>((n16 + n32) * 16, 0.0f);
  void set(std::size_t anchor, double score, const std::array<float, 16>& reg) {
    scores[anchor] = logit(score);
    std::copy(reg.begin(), reg.end(), boxes.begin() + anchor * 16);
  }
  lv::NamedTensors outputs() const {
    const auto rows = [](std::size_t n) { return static_cast<std::int64_t>(n); };
    lv::Tensor s16({1, rows(n16), 1}), s32({1, rows(n32), 1}), b16({1, rows(n16), 16}), b32({1, rows(n32), 16});
    std::copy_n(scores.begin(), n16, s16.data.begin());
    std::copy_n(scores.begin() + n16, n32, s32.data.begin());
    std::copy_n(boxes.begin(), n16 * 16, b16.data.begin());
    std::copy_n(boxes.begin() + n16 * 16, n32 * 16, b32.data.begin());
    lv::NamedTensors out;
    // Deliberately not in card order: outputs are found by name.
    out.emplace_back("Identity_2:0", std::move(b16));
    out.emplace_back("Identity:0", std::move(s16));
    out.emplace_back("Identity_3:0", std::move(b32));
    out.emplace_back("Identity_1:0", std::move(s32));
    return out;
  }
};

lv::ModelInputSpec facesSpec() {
  lv::ModelInputSpec spec;
  spec.name = "input:0";
  spec.height = spec.width = 256;
  spec.resize = lv::ResizeMode::Letterbox;
  spec.scale = 2.0f / 255;
  spec.mean = {1, 1, 1};
  return spec;
}

// A face at the regressors' frame: box centre (cx, cy) and size s in model
// pixels for anchor `a`, eyes 0.25 s either side of the centre.
std::array<float, 16> faceAt(const lv::Anchor& a, double cx, double cy, double s) {
  const float ax = static_cast<float>(a.x), ay = static_cast<float>(a.y);
  const float dx = static_cast<float>(cx) - ax, dy = static_cast<float>(cy) - ay, fs = static_cast<float>(s);
  return {dx, dy, fs, fs, dx - 0.2f * fs, dy - 0.1f * fs, dx + 0.2f * fs, dy - 0.1f * fs,
          dx, dy + 0.05f * fs, dx, dy + 0.2f * fs, dx - 0.4f * fs, dy, dx + 0.4f * fs, dy};
}

lv::Image dotsImage(int w, int h, lv::PointD a, lv::PointD b) {
  lv::Image img = lv::test::solidImage(w, h, 255, 255, 255);
  lv::test::fillCircle(img, static_cast<int>(a.x), static_cast<int>(a.y), 3, 0, 0, 0);
  lv::test::fillCircle(img, static_cast<int>(b.x), static_cast<int>(b.y), 3, 0, 0, 0);
  return img;
}

// Centroid of dark pixels with x in [x0, x1).
lv::PointD darkCentroid(const lv::Image& img, int x0, int x1) {
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = x0; x < x1; ++x) {
      const double w = 255.0 - img.pixel(x, y)[0];
      sx += (x + 0.5) * w;
      sy += (y + 0.5) * w;
      n += w;
    }
  return {sx / n, sy / n};
}

// RGBA with a texture, so that no two face crops (nor a crop and its
// mirror) are identical model inputs.
std::vector<std::uint8_t> texturedRgba(int w, int h) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c)
        rgba[(static_cast<std::size_t>(y) * w + x) * 4 + c] = static_cast<std::uint8_t>((x * 7 + y * 13 + c * 50 + x * y) % 256);
  return rgba;
}

}  // namespace

TEST_CASE("BlazeFace back anchors: 512 at stride 16 (2 per cell), 384 at stride 32 (6 per cell), in input pixels") {
  const auto& anchors = lv::blazeFaceBackAnchors();
  REQUIRE(anchors.size() == 896);
  CHECK(anchors[0].x == Approx(8));
  CHECK(anchors[1].x == Approx(8));  // two anchors share a cell
  CHECK(anchors[2].x == Approx(24));
  CHECK(anchors[32].y == Approx(24));  // row 1 starts after 16 cells x 2
  CHECK(anchors[111].x == Approx(120));
  CHECK(anchors[111].y == Approx(56));
  CHECK(anchors[511].x == Approx(248));
  CHECK(anchors[512].x == Approx(16));
  CHECK(anchors[517].x == Approx(16));
  CHECK(anchors[518].x == Approx(48));
  CHECK(anchors[895].x == Approx(240));
  CHECK(anchors[895].y == Approx(240));
  // At 448 px: 28x28x2 + 14x14x6, the sizes of faces-448's two heads.
  const auto& large = lv::blazeFaceBackAnchors(448, 448);
  REQUIRE(large.size() == 1568 + 1176);
  CHECK(large[1567].x == Approx(440));
  CHECK(large[1568].x == Approx(16));
  // A letterbox cut to a 2:1 image, 128 x 256: 8x16x2 + 4x8x6, the same centres.
  const auto& cut = lv::blazeFaceBackAnchors(128, 256);
  REQUIRE(cut.size() == 256 + 192);
  CHECK(cut[111].x == Approx(120));
  CHECK(cut[111].y == Approx(56));
  CHECK(cut[255].y == Approx(120));
  CHECK(cut[256].x == Approx(16));
  CHECK(cut[447].y == Approx(112));
}

TEST_CASE("decoding: anchor centre + offsets in input pixels, sigmoid scores, threshold") {
  const auto& anchors = lv::blazeFaceBackAnchors();
  SyntheticHead head;
  head.set(111, 0.9, faceAt(anchors[111], 125, 60, 50));  // anchor 111 centre (120, 56)
  head.set(700, 0.6, faceAt(anchors[700], 30, 30, 20));    // below the threshold
  const lv::InputTransform identity;
  const auto found = lv::decodeBlazeFace(head.scores, head.boxes, anchors, lv::kFaceMinScore, identity);
  REQUIRE(found.size() == 1);
  CHECK(found[0].score == Approx(0.9));
  CHECK(found[0].x == Approx(100));
  CHECK(found[0].y == Approx(35));
  CHECK(found[0].w == Approx(50));
  CHECK(found[0].keypoints[lv::kRightEye].x == Approx(115));
  CHECK(found[0].keypoints[lv::kLeftEye].x == Approx(135));
  CHECK(found[0].keypoints[lv::kLeftEye].y == Approx(55));

  const std::vector<float> tooFew(10);
  CHECK_THROWS_AS(lv::decodeBlazeFace(tooFew, head.boxes, anchors, 0.5, identity), lv::AnalysisError);
}

TEST_CASE("weighted NMS blends overlapping detections by score and keeps separate faces") {
  lv::FaceDetection a{0.9, 100, 100, 50, 50, {}}, b{0.6, 110, 100, 50, 50, {}}, far{0.8, 300, 300, 40, 40, {}};
  a.keypoints[0] = {110, 110};
  b.keypoints[0] = {120, 110};
  const auto kept = lv::weightedNms({b, far, a});
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].score == Approx(0.9));
  CHECK(kept[0].x == Approx((100 * 0.9 + 110 * 0.6) / 1.5));
  CHECK(kept[0].keypoints[0].x == Approx((110 * 0.9 + 120 * 0.6) / 1.5));
  CHECK(kept[1].x == Approx(300));
  CHECK(lv::iou(a, a) == Approx(1));
  CHECK(lv::iou(a, far) == 0);
}

TEST_CASE("letterbox mapping: model pixels back to image pixels for wide and tall images") {
  const auto& anchors = lv::blazeFaceBackAnchors();
  for (auto [w, h] : {std::pair{1000, 500}, std::pair{300, 900}}) {
    const lv::Image img = lv::test::solidImage(w, h, 90, 90, 90);
    const auto input = lv::prepareModelInput(img, facesSpec());
    const double s = std::max(w, h) / 256.0;  // image at the top-left, scaled to fit
    CHECK(input.transform.scaleX == Approx(s).epsilon(0.01));
    CHECK(input.transform.scaleY == Approx(s).epsilon(0.01));
    SyntheticHead head;
    head.set(111, 0.95, faceAt(anchors[111], 120, 56, 40));
    const auto found = lv::decodeBlazeFace(head.scores, head.boxes, anchors, 0.75, input.transform);
    REQUIRE(found.size() == 1);
    CHECK(found[0].x + found[0].w / 2 == Approx(120 * s).epsilon(0.01));
    CHECK(found[0].y + found[0].h / 2 == Approx(56 * s).epsilon(0.01));
    CHECK(found[0].w == Approx(40 * s).epsilon(0.01));
  }
}

TEST_CASE("large images are also searched at 448 px") {
  CHECK(lv::faceDetectionModels(800, 600) == std::vector<std::string>{"faces"});
  CHECK(lv::faceDetectionModels(1024, 683) == std::vector<std::string>{"faces", "faces-448"});
  CHECK(lv::faceDetectionModels(1200, 2000) == std::vector<std::string>{"faces", "faces-448"});
}

TEST_CASE("similarity transform and affine warp with bilinear sampling") {
  const lv::Affine t = lv::similarityFromTwoPoints({0, 0}, {10, 0}, {5, 5}, {5, 25});
  CHECK(t.apply({10, 0}).x == Approx(5));
  CHECK(t.apply({10, 0}).y == Approx(25));
  CHECK(t.apply({0, 10}).x == Approx(-15));  // rotated 90 degrees, scaled 2
  const auto back = t.inverse().apply(t.apply({3, 7}));
  CHECK(back.x == Approx(3));
  CHECK(back.y == Approx(7));

  lv::Image grad(8, 1);
  for (int x = 0; x < 8; ++x) grad.pixel(x, 0)[0] = grad.pixel(x, 0)[1] = grad.pixel(x, 0)[2] = static_cast<std::uint8_t>(x * 10);
  lv::Affine half;  // output pixel u samples source x = u/2
  half.a = 0.5;
  const lv::Image out = lv::warpAffine(grad, half, 8, 1);
  CHECK(static_cast<int>(out.pixel(2, 0)[0]) == 8);  // centre 2.5 -> 1.25 -> x 0.75: 7.5 rounds to 8
}

TEST_CASE("face alignment puts the detector's eyes on the template, whatever the tilt and scale") {
  for (auto [a, b] : {std::pair{lv::PointD{150, 120}, lv::PointD{230, 150}}, std::pair{lv::PointD{60, 80}, lv::PointD{90, 70}}}) {
    const lv::Image img = dotsImage(400, 300, a, b);
    lv::FaceDetection face;
    face.keypoints[lv::kRightEye] = {a.x + 0.5, a.y + 0.5};  // dot centres, continuous coordinates
    face.keypoints[lv::kLeftEye] = {b.x + 0.5, b.y + 0.5};
    const lv::Image crop = lv::alignFace(img, face);
    REQUIRE(crop.width == 112);
    const lv::PointD left = darkCentroid(crop, 0, 56), right = darkCentroid(crop, 56, 112);
    CHECK(left.x == Approx(lv::kTemplateLeftEye.x).margin(1.0));
    CHECK(left.y == Approx(lv::kTemplateLeftEye.y).margin(1.0));
    CHECK(right.x == Approx(lv::kTemplateRightEye.x).margin(1.0));
    CHECK(right.y == Approx(lv::kTemplateRightEye.y).margin(1.0));
  }
}

TEST_CASE("face embedding input: as the real card says (0..255 NHWC), mirrored copy flips columns") {
  lv::Image crop = lv::test::solidImage(112, 112, 0, 0, 0);
  crop.pixel(0, 5)[0] = 200;
  const lv::ModelInputSpec spec = lvtest::realModelsConfig().models->get("face-embedding").input;
  const lv::Tensor plain = lv::faceEmbeddingInput(crop, false, spec), mirrored = lv::faceEmbeddingInput(crop, true, spec);
  CHECK(plain.dims == std::vector<std::int64_t>{1, 112, 112, 3});
  CHECK(plain.data[(5 * 112 + 0) * 3] == 200.0f);
  CHECK(mirrored.data[(5 * 112 + 111) * 3] == 200.0f);
}

TEST_CASE("a job with faces and celebrities: detection stage, embedding stage, Azure JSON") {
  lv::AnalyzerConfig config = lvtest::realModelsConfig();
  std::vector<float> embedding(192);
  for (std::size_t i = 0; i < 192; ++i) embedding[i] = std::sin(0.37 * i + 1.0f);
  config.people->enroll("Ada", lv::faceDescriptor(embedding, embedding));

  const std::vector<std::uint8_t> rgba = texturedRgba(512, 256);
  lv::Job job(rgba.data(), 512, 256, R"({"features":["faces"],"details":["celebrities"]})", config);
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 1);
  CHECK(job.requests()[0].model == "faces");
  CHECK(job.requests()[0].inputs[0].first == "input:0");
  // The card's letterboxStep: the 2:1 image's 128 rows, no padding below.
  CHECK(job.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 128, 256, 3});

  const auto& anchors = lv::blazeFaceBackAnchors(128, 256);
  SyntheticHead head(128, 256);
  head.set(111, 0.9, faceAt(anchors[111], 120, 56, 40));   // scale 2: image box (200, 72, 80, 80)
  head.set(110, 0.8, faceAt(anchors[110], 122, 56, 40));   // same face: blended
  head.set(300, 0.85, faceAt(anchors[300], 40, 100, 20));  // a second, smaller face
  std::vector<lv::NamedTensors> stage1;
  stage1.push_back(head.outputs());
  job.supply(std::move(stage1));
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 4);  // two faces x (crop, mirror)
  CHECK(job.requests()[0].model == "face-embedding");
  CHECK(job.requests()[0].inputs[0].first == "img_inputs");
  CHECK(job.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 112, 112, 3});

  std::vector<lv::NamedTensors> stage2;
  std::vector<float> other(192);
  for (std::size_t i = 0; i < 192; ++i) other[i] = std::cos(1.3 * i);
  for (const auto* e : {&embedding, &embedding, &other, &other}) {
    lv::Tensor t({1, 192});
    std::copy(e->begin(), e->end(), t.data.begin());
    lv::NamedTensors out;
    out.emplace_back("embeddings", std::move(t));
    stage2.push_back(std::move(out));
  }
  job.supply(std::move(stage2));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  REQUIRE(result["faces"].size() == 2);
  const json& big = result["faces"][0]["faceRectangle"];
  CHECK(big["left"].get<int>() == Approx(202).margin(2));
  CHECK(big["top"] == 72);
  CHECK(big["width"] == 80);
  CHECK(big["height"] == 80);
  CHECK(result["faces"][0].size() == 1);  // no attributes
  REQUIRE(result["categories"].size() == 1);
  CHECK(result["categories"][0]["name"] == "people_");
  const json& celebrities = result["categories"][0]["detail"]["celebrities"];
  REQUIRE(celebrities.size() == 1);
  CHECK(celebrities[0]["name"] == "Ada");
  CHECK(celebrities[0]["confidence"].get<double>() > 0.95);
  CHECK(celebrities[0]["faceRectangle"] == big);
}

TEST_CASE("a tall image's faces input is cut to its columns, and its anchors follow the cut grid") {
  const std::vector<std::uint8_t> rgba = texturedRgba(256, 512);
  lv::Job job(rgba.data(), 256, 512, R"({"features":["faces"]})", lvtest::realModelsConfig());
  REQUIRE(job.requests().size() == 1);
  CHECK(job.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 256, 128, 3});
  const auto& anchors = lv::blazeFaceBackAnchors(256, 128);
  const std::size_t at = 2 * (5 * 8 + 3);  // row 5, column 3 of the 8-column stride-16 grid
  CHECK(anchors[at].x == Approx(56));
  CHECK(anchors[at].y == Approx(88));
  SyntheticHead head(256, 128);
  head.set(at, 0.9, faceAt(anchors[at], 60, 90, 40));  // scale 2: image box (80, 140, 80, 80)
  std::vector<lv::NamedTensors> outputs;
  outputs.push_back(head.outputs());
  job.supply(std::move(outputs));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  REQUIRE(result["faces"].size() == 1);
  CHECK(result["faces"][0]["faceRectangle"] == json{{"left", 80}, {"top", 140}, {"width", 80}, {"height", 80}});
}

TEST_CASE("celebrities with an empty gallery run no embedding stage; 4.0 has no faces member") {
  lv::AnalyzerConfig config = lvtest::realModelsConfig();
  std::vector<std::uint8_t> rgba(300 * 300 * 4, 128);
  lv::Job job(rgba.data(), 300, 300, R"({"details":"Celebrities","features":["color"]})", config);
  REQUIRE(job.requests().size() == 1);
  SyntheticHead head;
  head.set(111, 0.9, faceAt(lv::blazeFaceBackAnchors()[111], 120, 56, 40));
  std::vector<lv::NamedTensors> stage1;
  stage1.push_back(head.outputs());
  job.supply(std::move(stage1));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  CHECK_FALSE(result.contains("faces"));  // not asked for
  CHECK(result["categories"][0]["detail"]["celebrities"].empty());

  // 4.0 has no faces member and no celebrities: not computed (no model run), and the result says why.
  lv::Job v4(rgba.data(), 300, 300, R"({"features":["faces","color"],"details":["celebrities"],"format":"azure-v4.0"})", config);
  CHECK(v4.done());
  const json v4Result = json::parse(v4.resultJson());
  CHECK_FALSE(v4Result.contains("faces"));
  CHECK(v4Result.contains("color"));
  const std::string warnings = v4Result["warnings"].dump();
  CHECK(v4Result["warnings"].size() == 2);
  CHECK(warnings.find("Feature 'faces' was left out") != std::string::npos);
  CHECK(warnings.find("Detail 'celebrities' was left out") != std::string::npos);
  // Without any face model, 4.0 still leaves celebrities out rather than asking for the models.
  lv::Job noModels(rgba.data(), 300, 300, R"({"features":["color"],"details":["Celebrities"],"format":"azure-v4.0"})",
                   lv::AnalyzerConfig{});
  REQUIRE(noModels.done());
  CHECK(json::parse(noModels.resultJson())["warnings"].dump().find("'celebrities' was left out") != std::string::npos);
}

TEST_CASE("landmarks without a landmarks plugin are ignored with a warning; faces without a faces model card is InvalidModel") {
  std::vector<std::uint8_t> rgba(100 * 100 * 4, 128);
  lv::Job landmarks(rgba.data(), 100, 100, R"({"features":["color"],"details":["Landmarks"]})", lv::AnalyzerConfig{});
  const json result = json::parse(landmarks.resultJson());
  CHECK(result.contains("color"));
  REQUIRE(result["warnings"].size() == 1);
  CHECK(result["warnings"][0].get<std::string>().find("Detail 'landmarks' was ignored") == 0);
  lv::Job noModel(rgba.data(), 100, 100, R"({"features":["faces"]})", lv::AnalyzerConfig{});
  CHECK(json::parse(noModel.resultJson())["error"]["innererror"]["code"] == "InvalidModel");
}

TEST_CASE("an enrolment job adds the largest face to the gallery; no face is InvalidArgument") {
  lv::AnalyzerConfig config = lvtest::realModelsConfig();
  const std::vector<std::uint8_t> rgba = texturedRgba(512, 512);
  lv::Job job(rgba.data(), 512, 512, R"({"enroll":"Grace"})", config);
  REQUIRE(job.requests().size() == 1);
  SyntheticHead head;
  const auto& anchors = lv::blazeFaceBackAnchors();
  head.set(111, 0.9, faceAt(anchors[111], 120, 56, 40));
  head.set(300, 0.95, faceAt(anchors[300], 40, 100, 20));
  std::vector<lv::NamedTensors> stage1;
  stage1.push_back(head.outputs());
  job.supply(std::move(stage1));
  REQUIRE(job.requests().size() == 2);  // the largest face only, crop + mirror
  std::vector<lv::NamedTensors> stage2;
  for (int k = 0; k < 2; ++k) {
    lv::Tensor t({1, 192});
    for (std::size_t i = 0; i < 192; ++i) t.data[i] = std::sin(0.11 * i + k);
    lv::NamedTensors out;
    out.emplace_back("embeddings", std::move(t));
    stage2.push_back(std::move(out));
  }
  job.supply(std::move(stage2));
  const json result = json::parse(job.resultJson());
  CHECK(result["enrolled"]["name"] == "Grace");
  CHECK(result["enrolled"]["descriptors"] == 1);
  CHECK(result["enrolled"]["faceRectangle"]["width"] == 80);
  REQUIRE(config.people->list().size() == 1);

  lv::Job none(rgba.data(), 512, 512, R"({"enroll":"Grace"})", config);
  std::vector<lv::NamedTensors> empty;
  empty.push_back(SyntheticHead().outputs());
  none.supply(std::move(empty));
  const json error = json::parse(none.resultJson());
  CHECK(error["error"]["innererror"]["code"] == "BadArgument");
  CHECK(config.people->list()[0].descriptors == 1);

  lv::Job mixed(rgba.data(), 512, 512, R"({"enroll":"Grace","features":["color"]})", config);
  CHECK(mixed.failed());
  lv::Job blank(rgba.data(), 512, 512, R"({"enroll":""})", config);
  CHECK(blank.failed());
}

TEST_CASE("a face inside a larger face is part of it; faces side by side or overlapping a little stay") {
  const lv::FaceDetection big{0.9, 100, 100, 800, 800, {}}, eyes{0.95, 150, 200, 450, 450, {}};
  const lv::FaceDetection neighbour{0.8, 850, 300, 200, 200, {}};  // 25% inside the big box
  const lv::FaceDetection separate{0.85, 1200, 100, 100, 100, {}};
  const auto kept = lv::withoutNestedFaces({eyes, separate, neighbour, big});
  REQUIRE(kept.size() == 3);
  CHECK(kept[0].w == 800);  // largest first
  CHECK(kept[1].w == 200);
  CHECK(kept[2].w == 100);
}
