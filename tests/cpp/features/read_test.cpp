#include <catch2/catch.hpp>

#include "test_models.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "features/read/fine_detection.hpp"
#include "features/read/read_feature.hpp"
#include "features/read/text_detection.hpp"
#include "features/read/text_layout.hpp"
#include "features/read/text_recognition.hpp"
#include "features/read/text_skew.hpp"
#include "pipeline/job.hpp"
#include "test_images.hpp"

using namespace lv;
using nlohmann::json;

namespace {

struct Map {
  int w, h;
  std::vector<float> p;
  Map(int width, int height) : w(width), h(height), p(static_cast<std::size_t>(width) * height, 0.0f) {}
  void rect(int x, int y, int rw, int rh, float v = 0.9f) {
    for (int j = y; j < y + rh; ++j)
      for (int i = x; i < x + rw; ++i) p[static_cast<std::size_t>(j) * w + i] = v;
  }
  // The shrunk kernel DB sees for a 30 px text line at image columns x0..x1,
  // rows y0..y0+30, in a map at detector scale s.
  void textLine(int x0, int x1, int y0, double s) {
    rect(static_cast<int>((x0 + 20) * s), static_cast<int>((y0 + 8) * s), static_cast<int>((x1 - x0 - 40) * s),
         static_cast<int>(14 * s));
  }
  // A rectangle of size (rw, rh) centred at (cx, cy), turned by `deg` degrees.
  void rotated(double cx, double cy, double rw, double rh, double deg, float v = 0.9f) {
    const double a = deg * M_PI / 180, c = std::cos(a), s = std::sin(a);
    for (int j = 0; j < h; ++j)
      for (int i = 0; i < w; ++i) {
        const double dx = i - cx, dy = j - cy;
        const double u = dx * c + dy * s, v2 = -dx * s + dy * c;
        if (std::abs(u) <= rw / 2 && std::abs(v2) <= rh / 2) p[static_cast<std::size_t>(j) * w + i] = v;
      }
  }
};

double edgeAngle(const Quad& q) { return std::atan2(q[1].y - q[0].y, q[1].x - q[0].x) * 180 / M_PI; }

// Softmax rows for a CTC path: one class per step.
std::vector<float> ctcRows(const std::vector<int>& path, int classes, float top = 0.9f) {
  std::vector<float> rows(path.size() * classes, (1 - top) / (classes - 1));
  for (std::size_t t = 0; t < path.size(); ++t) rows[t * classes + path[t]] = top;
  return rows;
}

const std::vector<std::string> kKeys = {"a", "b", "c", "H", "e", "l", "o", "W", "r", "d", "M", "i", "s", "f", "t"};
int key(const std::string& s) {
  if (s == " ") return static_cast<int>(kKeys.size()) + 1;
  for (std::size_t i = 0; i < kKeys.size(); ++i)
    if (kKeys[i] == s) return static_cast<int>(i) + 1;
  FAIL("no key " << s);
  return 0;
}
// A path spelling `text` with `gap` blank steps around each character and
// each character held for `hold` steps.
std::vector<int> spell(const std::string& text, int hold = 2, int gap = 1) {
  std::vector<int> path;
  for (char ch : text) {
    for (int g = 0; g < gap; ++g) path.push_back(0);
    for (int k = 0; k < hold; ++k) path.push_back(key(std::string(1, ch)));
  }
  for (int g = 0; g < gap; ++g) path.push_back(0);
  return path;
}

TextLine lineAt(const std::string& text, double x, double y, double w, double h) {
  TextLine l;
  l.text = text;
  l.polygon = {Point2{x, y}, Point2{x + w, y}, Point2{x + w, y + h}, Point2{x, y + h}};
  return l;
}

}  // namespace

TEST_CASE("detection size: capped at 960, small images upscaled, multiples of 32") {
  auto s = detectionSize(384, 191);
  CHECK(s.width % 32 == 0);
  CHECK(s.height % 32 == 0);
  CHECK(s.width <= kDetMaxSide);
  CHECK(s.height >= kDetMinShortSide * 0.75);
  auto big = detectionSize(4000, 3000);
  CHECK(big.width == 960);
  CHECK(big.height == 736);  // 720 rounded up
  auto tall = detectionSize(100, 2000);
  CHECK(tall.height == 960);
  CHECK(tall.width == 64);  // 48 rounded up
}

TEST_CASE("DB post-processing: axis-aligned rectangles become grown boxes in reading order") {
  Map m(200, 100);
  m.rect(20, 60, 100, 10);  // lower line
  m.rect(30, 20, 140, 12);  // upper line
  m.rect(150, 90, 2, 2);    // speck: too thin
  const auto boxes = dbPostProcess(m.p, m.w, m.h);
  REQUIRE(boxes.size() == 2);
  const Quad& upper = boxes[0].corners;
  CHECK(upper[0].y < boxes[1].corners[0].y);
  CHECK(boxes[0].score == Approx(0.9).margin(0.01));
  // Pixel centres 30..169 x 20..31 (139 x 11), grown by area*1.5/perimeter = 139*11*1.5/300 = 7.6.
  CHECK(upper[0].x == Approx(30 - 7.6).margin(0.2));
  CHECK(upper[0].y == Approx(20 - 7.6).margin(0.2));
  CHECK(upper[2].x == Approx(169 + 7.6).margin(0.2));
  CHECK(upper[2].y == Approx(31 + 7.6).margin(0.2));
  CHECK(upper[1].x > upper[0].x);  // tl, tr, br, bl
  CHECK(upper[3].y > upper[0].y);
}

TEST_CASE("DB post-processing: a rotated rectangle gives a rotated box") {
  Map m(300, 200);
  m.rotated(150, 100, 160, 20, 20);
  const auto boxes = dbPostProcess(m.p, m.w, m.h);
  REQUIRE(boxes.size() == 1);
  const Quad& q = boxes[0].corners;
  CHECK(edgeAngle(q) == Approx(20).margin(1.5));
  CHECK(quadWidth(q) == Approx(160 + 2 * (160 * 20 * 1.5 / 360)).margin(4));
  CHECK(quadHeight(q) == Approx(20 + 2 * (160 * 20 * 1.5 / 360)).margin(4));
  const double cx = (q[0].x + q[2].x) / 2, cy = (q[0].y + q[2].y) / 2;
  CHECK(cx == Approx(150).margin(1));
  CHECK(cy == Approx(100).margin(1));
}

TEST_CASE("DB post-processing: faint regions are dropped by the box score, the binary threshold splits") {
  Map m(200, 100);
  m.rect(10, 10, 80, 10, 0.5f);   // above 0.3 but mean 0.5 < 0.6
  m.rect(10, 50, 80, 10, 0.95f);
  m.rect(120, 50, 60, 10, 0.95f);  // separate region on the same row
  m.rect(10, 80, 80, 10, 0.25f);   // below the binary threshold
  const auto boxes = dbPostProcess(m.p, m.w, m.h);
  REQUIRE(boxes.size() == 2);
  CHECK(boxes[0].corners[0].x < boxes[1].corners[0].x);
}

TEST_CASE("minAreaRect of a rotated point set and corner order") {
  std::vector<Point2> pts;
  const double a = 30 * M_PI / 180;
  for (double u : {-50.0, 50.0})
    for (double v : {-10.0, 10.0}) pts.push_back({100 + u * std::cos(a) - v * std::sin(a), 100 + u * std::sin(a) + v * std::cos(a)});
  pts.push_back({100, 100});
  const Quad q = minAreaRect(pts);
  CHECK(quadWidth(q) == Approx(100).margin(0.01));
  CHECK(quadHeight(q) == Approx(20).margin(0.01));
  CHECK(edgeAngle(q) == Approx(30).margin(0.01));
}

TEST_CASE("CTC greedy decoding: blanks separate, repeats merge, spaces and confidences") {
  const int classes = static_cast<int>(kKeys.size()) + 2;
  // "Hello": the double l needs a blank between; "ll" without a blank would be one l.
  std::vector<int> path = {0, key("H"), key("H"), key("e"), 0, key("l"), key("l"), 0, key("l"), key("o"), 0, key(" "), key("W"), 0};
  const auto rows = ctcRows(path, classes, 0.8f);
  const auto chars = ctcDecode(rows, static_cast<int>(path.size()), classes, kKeys);
  std::string text;
  for (const auto& c : chars) text += c.text;
  CHECK(text == "Hello W");
  REQUIRE(chars.size() == 7);
  CHECK(chars[0].firstStep == 1);
  CHECK(chars[0].lastStep == 2);
  CHECK(chars[5].space);
  CHECK(chars[0].confidence == Approx(0.8));
  std::vector<int> merged = {key("l"), key("l"), key("l")};
  CHECK(ctcDecode(ctcRows(merged, classes), 3, classes, kKeys).size() == 1);
  CHECK(ctcDecode(ctcRows({0, 0, 0}, classes), 3, classes, kKeys).empty());
}

TEST_CASE("words: split on spaces, polygons interpolated along the line by time step") {
  const int classes = static_cast<int>(kKeys.size()) + 2;
  const auto path = spell("ab cd");  // 5 chars x 3 steps + 1 = 16 steps
  const auto chars = ctcDecode(ctcRows(path, classes), static_cast<int>(path.size()), classes, kKeys);
  const Quad poly = {Point2{100, 50}, Point2{260, 50}, Point2{260, 70}, Point2{100, 70}};
  const TextLine line = assembleLine(chars, 16, poly);
  CHECK(line.text == "ab cd");
  REQUIRE(line.words.size() == 2);
  CHECK(line.words[0].text == "ab");
  CHECK(line.words[1].text == "cd");
  CHECK(line.words[0].confidence == Approx(0.9));
  // 10 px per step. Word 1 starts at the line; ends by step 7 (b at 4..5, then a step of margin).
  CHECK(line.words[0].polygon[0].x == Approx(100));
  CHECK(line.words[0].polygon[1].x == Approx(170).margin(1));
  CHECK(line.words[1].polygon[0].x >= line.words[0].polygon[1].x);
  CHECK(line.words[1].polygon[0].x == Approx(190).margin(10));
  CHECK(line.words[1].polygon[1].x == Approx(260));
  CHECK(line.words[1].polygon[2].y == Approx(70));
  // Spaces at the ends are trimmed; several spaces are one.
  const auto spaced = ctcDecode(ctcRows(spell(" ab  c "), classes), 22, classes, kKeys);
  CHECK(assembleLine(spaced, 22, poly).text == "ab c");
}

TEST_CASE("words along a rotated (upside-down) line follow its reading direction") {
  const int classes = static_cast<int>(kKeys.size()) + 2;
  const auto path = spell("ab cd");
  const auto chars = ctcDecode(ctcRows(path, classes), 16, classes, kKeys);
  // Upside down in the image: reading top-left is the image's bottom-right.
  const Quad poly = {Point2{260, 70}, Point2{100, 70}, Point2{100, 50}, Point2{260, 50}};
  const TextLine line = assembleLine(chars, 16, poly);
  REQUIRE(line.words.size() == 2);
  CHECK(line.words[0].polygon[0].x == Approx(260));
  CHECK(line.words[0].polygon[1].x == Approx(190).margin(1));
  CHECK(line.words[1].polygon[1].x == Approx(100));
}

TEST_CASE("blocks: lines grouped by gap and overlap, in reading order") {
  std::vector<TextLine> lines = {
      lineAt("para2 line1", 10, 200, 300, 20), lineAt("para1 line2", 10, 35, 280, 20), lineAt("para1 line1", 10, 10, 300, 20),
      lineAt("right column", 400, 12, 200, 20), lineAt("para2 line2", 10, 225, 250, 20),
      lineAt("HEADLINE", 10, 120, 300, 60),  // much taller: its own block
  };
  const auto blocks = groupIntoBlocks(lines);
  REQUIRE(blocks.size() == 4);
  REQUIRE(blocks[0].lines.size() == 2);
  CHECK(blocks[0].lines[0].text == "para1 line1");
  CHECK(blocks[0].lines[1].text == "para1 line2");
  CHECK(blocks[1].lines[0].text == "right column");
  CHECK(blocks[2].lines[0].text == "HEADLINE");
  REQUIRE(blocks[3].lines.size() == 2);
  CHECK(blocks[3].lines[0].text == "para2 line1");
}

TEST_CASE("blocks of an upside-down page are ordered as it reads") {
  // The same two-line paragraph turned 180 degrees in a 400x300 image.
  auto flipped = [](TextLine l) {
    for (auto& p : l.polygon) p = {400 - p.x, 300 - p.y};
    return l;
  };
  std::vector<TextLine> lines = {flipped(lineAt("second", 10, 40, 300, 20)), flipped(lineAt("first", 10, 15, 300, 20))};
  const auto blocks = groupIntoBlocks(lines);
  REQUIRE(blocks.size() == 1);
  REQUIRE(blocks[0].lines.size() == 2);
  CHECK(blocks[0].lines[0].text == "first");
}

TEST_CASE("line crops: the quad warped upright, turned, tensors normalised and padded") {
  Image img(100, 60);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 100; ++x) {
      auto* p = img.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(x * 2), p[1] = static_cast<std::uint8_t>(y * 4), p[2] = 7;
    }
  const Quad q = {Point2{10, 20}, Point2{90, 20}, Point2{90, 40}, Point2{10, 40}};
  const Image crop = cropLine(img, q);
  REQUIRE(crop.width == 80);
  REQUIRE(crop.height == 20);
  CHECK(crop.pixel(0, 0)[0] == 20);
  CHECK(crop.pixel(79, 19)[1] == 156);
  const Image turned = rotate180(crop);
  CHECK(turned.pixel(79, 19)[0] == crop.pixel(0, 0)[0]);
  // Lower than the model's height: warped straight to it, aspect kept.
  const Image tall = cropLine(img, q, 48);
  CHECK(tall.height == 48);
  CHECK(tall.width == 192);
  CHECK(tall.pixel(0, 0)[1] == Approx(80).margin(2));      // the quad's top row, y = 20
  CHECK(tall.pixel(191, 47)[1] == Approx(156).margin(2));  // its bottom row, y = 39
  CHECK(cropLine(img, q, 10).height == 20);                // never shrunk

  ModelInputSpec spec;
  spec.colorOrder = ColorOrder::BGR;
  spec.scale = 2.0f / 255;
  spec.mean = {1, 1, 1};
  const LineTensor rec = lineTensor(crop, spec, 48, 1600, 320);
  CHECK(rec.tensor.dims == std::vector<std::int64_t>{1, 3, 48, 320});
  CHECK(rec.contentWidth == 192);
  // Channel 0 is blue (7): (7 * 2/255 - 1).
  CHECK(rec.tensor.data[0] == Approx(7 * 2.0f / 255 - 1).margin(1e-4));
  CHECK(rec.tensor.data[319] == 0.0f);  // padding
  const LineTensor cls = lineTensor(crop, spec, 48, 192, 192, true);
  CHECK(cls.tensor.dims == std::vector<std::int64_t>{1, 3, 48, 192});
  const Tensor batch = stackBatch({cls.tensor, cls.tensor});
  CHECK(batch.dims == std::vector<std::int64_t>{2, 3, 48, 192});
}

namespace {

// The real manifest's OCR cards with a small keys file.
AnalyzerConfig ocrConfig() {
  json manifest = json::parse(lvtest::readText(LV_MODELS_DIR "/manifest.json"));
  for (auto& card : manifest["models"])
    if (card["id"] == "ocr-rec") card["labels"]["count"] = kKeys.size();
  std::string keys;
  for (const auto& k : kKeys) keys += k + "\n";
  const json labels = {{"ocr-rec", keys}};
  return AnalyzerConfig(Limits{}, ModelCatalog(manifest.dump(), labels.dump()));
}

NamedTensors single(const std::string& name, Tensor t) {
  NamedTensors out;
  out.emplace_back(name, std::move(t));
  return out;
}

// Supplies the job's detection stage with `m` as the ocr-det probability map.
void supplyMap(Job& job, const Map& m) {
  Tensor prob({1, 1, m.h, m.w});
  std::copy(m.p.begin(), m.p.end(), prob.data.begin());
  std::vector<NamedTensors> outputs;
  outputs.push_back(single("sigmoid_0.tmp_0", std::move(prob)));
  job.supply(std::move(outputs));
}

}  // namespace

TEST_CASE("the read job: detection, orientation and recognition stages with synthetic outputs") {
  const auto png = lvtest::encodePng(lvtest::solid(400, 200, {255, 255, 255}));
  const AnalyzerConfig config = ocrConfig();
  Job job(std::span<const std::uint8_t>(png.data(), png.size()),
          R"({"features":["read","brands"],"format":"azure-v4.0"})", config);
  REQUIRE_FALSE(job.failed());
  REQUIRE(job.requests().size() == 1);
  const auto& det = job.requests()[0];
  CHECK(det.model == "ocr-det");
  REQUIRE(det.inputs[0].first == "x");
  const auto dims = det.inputs[0].second.dims;
  REQUIRE(dims.size() == 4);
  CHECK(dims[1] == 3);
  const int H = static_cast<int>(dims[2]), W = static_cast<int>(dims[3]);
  const double s = W / 400.0 < H / 200.0 ? W / 400.0 : H / 200.0;  // letterbox scale
  // One text line at image (40..360, 80..110).
  Map m(W, H);
  m.textLine(40, 360, 80, s);
  supplyMap(job, m);

  REQUIRE(job.requests().size() == 1);
  CHECK(job.requests()[0].model == "ocr-cls");
  CHECK(job.requests()[0].inputs[0].second.dims == std::vector<std::int64_t>{1, 3, 48, 192});
  Tensor cls({1, 2});
  cls.data = {0.02f, 0.98f};  // upside down
  std::vector<NamedTensors> stage2;
  stage2.push_back(single("softmax_0.tmp_0", std::move(cls)));
  job.supply(std::move(stage2));

  REQUIRE(job.requests().size() == 1);
  const auto& rec = job.requests()[0];
  CHECK(rec.model == "ocr-rec");
  const auto recDims = rec.inputs[0].second.dims;
  REQUIRE(recDims.size() == 4);
  CHECK(recDims[2] == 48);
  const int steps = static_cast<int>(recDims[3] / 8);
  const int classes = static_cast<int>(kKeys.size()) + 2;
  auto path = spell("Hello Microsoft", 1, 1);
  path.resize(steps, 0);
  Tensor out({1, steps, classes});
  const auto rows = ctcRows(path, classes);
  std::copy(rows.begin(), rows.end(), out.data.begin());
  std::vector<NamedTensors> stage3;
  stage3.push_back(single("softmax_11.tmp_0", std::move(out)));
  job.supply(std::move(stage3));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  INFO(result.dump(1));
  REQUIRE(result["readResult"]["blocks"].size() == 1);
  const json& line = result["readResult"]["blocks"][0]["lines"][0];
  CHECK(line["text"] == "Hello Microsoft");
  REQUIRE(line["words"].size() == 2);
  CHECK(line["words"][1]["text"] == "Microsoft");
  CHECK(line["words"][1]["confidence"] == Approx(0.9));
  // Upside down: the polygon starts at the image's bottom-right of the box.
  const json& poly = line["boundingPolygon"];
  REQUIRE(poly.size() == 4);
  CHECK(poly[0]["x"].get<int>() > poly[1]["x"].get<int>());
  CHECK(poly[0]["y"].get<int>() > poly[3]["y"].get<int>());
  CHECK(poly[0]["x"].get<int>() == Approx(360).margin(12));
  CHECK(poly[0]["y"].get<int>() == Approx(110).margin(8));
  CHECK(poly[2]["x"].get<int>() == Approx(40).margin(12));
  CHECK(poly[2]["y"].get<int>() == Approx(80).margin(8));
  REQUIRE(result["brands"].size() == 1);
  CHECK(result["brands"][0]["name"] == "Microsoft");
  const int bx = result["brands"][0]["rectangle"]["x"];
  CHECK(bx >= 35);  // "Microsoft" is the left part of the upside-down line
  CHECK(bx + result["brands"][0]["rectangle"]["w"].get<int>() < 300);
}

TEST_CASE("brands alone runs the read stages but reports no readResult; no text gives empty lists") {
  const auto png = lvtest::encodePng(lvtest::solid(300, 100, {255, 255, 255}));
  const AnalyzerConfig config = ocrConfig();
  Job job(std::span<const std::uint8_t>(png.data(), png.size()), R"({"features":["brands"]})", config);
  REQUIRE(job.requests().size() == 1);
  CHECK(job.requests()[0].model == "ocr-det");
  // The map is [1, 1, H, W] for a [1, 3, H, W] input; all zero: no text.
  auto mapDims = job.requests()[0].inputs[0].second.dims;
  mapDims[1] = 1;
  std::vector<NamedTensors> stage1;
  stage1.push_back(single("sigmoid_0.tmp_0", Tensor(mapDims)));
  job.supply(std::move(stage1));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  CHECK(result["brands"] == json::array());
  CHECK_FALSE(result.contains("readResult"));

  Job read(std::span<const std::uint8_t>(png.data(), png.size()), R"({"features":["read"]})", config);
  std::vector<NamedTensors> none;
  none.push_back(single("sigmoid_0.tmp_0", Tensor(mapDims)));
  read.supply(std::move(none));
  const json v32 = json::parse(read.resultJson());
  CHECK(v32["readResult"] == json({{"blocks", json::array()}}));
}

TEST_CASE("missing spaces: a gap well above the line's character pitch becomes a space") {
  auto at = [](const std::string& text, std::vector<int> steps) {
    std::vector<CtcChar> chars;
    for (std::size_t i = 0; i < text.size(); ++i) {
      CtcChar c;
      c.text = std::string(1, text[i]);
      c.space = text[i] == ' ';
      c.firstStep = c.lastStep = steps[i];
      c.confidence = 0.9;
      chars.push_back(c);
    }
    std::string out;
    for (const auto& c : insertMissingSpaces(chars)) out += c.text;
    return out;
  };
  CHECK(at("basedsegment", {0, 4, 8, 12, 16, 23, 27, 31, 35, 39, 43, 47}) == "based segment");
  CHECK(at("abcdef", {0, 2, 4, 6, 8, 10}) == "abcdef");
  CHECK(at("ofgrey", {0, 2, 7, 9, 12, 15}) == "of grey");
  CHECK(at("markers", {0, 4, 6, 8, 10, 12, 14}) == "markers");  // after m: one step more
  CHECK(at("ab", {0, 20}) == "ab");                               // too short to know a pitch
}

namespace {

// Dark "characters" (6 x 12 blobs, 10 px apart) in lines 40 px apart on
// white, the lines running at `degrees` (positive: descending to the right).
Image slantedText(double degrees, int width = 400, int height = 300) {
  Image image(width, height);
  std::fill(image.rgb.begin(), image.rgb.end(), 235);
  const double a = degrees * M_PI / 180, c = std::cos(a), s = std::sin(a);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      // Coordinates along (u) and across (v) the lines, about the centre.
      const double dx = x - width / 2.0, dy = y - height / 2.0;
      const double u = dx * c + dy * s + 1000, v = -dx * s + dy * c + 1000;
      // Characters 3-8 px wide in 10 px cells, varying like letters do (a
      // regular comb would line up across the lines as sharply as the lines).
      const int cell = static_cast<int>(u / 10), line = static_cast<int>(v / 40);
      const double width = 3 + (cell * 7 + line * 13) % 6;
      const bool inLine = std::fmod(v, 40.0) < 12, inChar = std::fmod(u, 10.0) < width;
      const bool onPage = std::abs(dx * c + dy * s) < 150 && std::abs(-dx * s + dy * c) < 100;
      if (inLine && inChar && onPage) std::fill_n(image.pixel(x, y), 3, 30);
    }
  return image;
}

}  // namespace

TEST_CASE("skew: lines of text at an angle give that angle; level text and a plain image give none") {
  // (Beyond 45 degrees a higher bar holds: page.png turned 90 degrees is
  // tested in tests/node/read.test.mjs.)
  for (const double degrees : {-70.0, -30.0, -12.0, 8.0, 20.0, 40.0}) {
    INFO(degrees);
    const auto candidates = skewCandidates(slantedText(degrees));
    REQUIRE(!candidates.empty());
    CHECK(candidates.front() == Approx(degrees).margin(1));
    CHECK(candidates.size() <= kMaxSkewCandidates);
  }
  CHECK(skewCandidates(slantedText(0)).empty());
  CHECK(skewCandidates(slantedText(1.5)).empty());  // below kMinSkewDegrees
  Image gray(300, 200);
  std::fill(gray.rgb.begin(), gray.rgb.end(), 128);
  CHECK(skewCandidates(gray).empty());
}

TEST_CASE("straighten: the lines come out level, and toImage maps its pixels back onto the image") {
  const Image slanted = slantedText(20);
  const StraightenedImage straight = straighten(slanted, 20, 2000);
  // The canvas holds the turned image: 400x300 turned 20 degrees.
  const double c = std::cos(20 * M_PI / 180), s = std::sin(20 * M_PI / 180);
  CHECK(straight.image.width == static_cast<int>(std::ceil(400 * c + 300 * s)));
  CHECK(straight.image.height == static_cast<int>(std::ceil(400 * s + 300 * c)));
  CHECK(skewCandidates(straight.image).empty());
  // Every pixel of the straightened copy comes from where toImage says.
  for (int v = 20; v < straight.image.height - 20; v += 17)
    for (int u = 20; u < straight.image.width - 20; u += 13) {
      const PointD p = straight.toImage.apply({u + 0.5, v + 0.5});
      if (p.x < 2 || p.y < 2 || p.x > 398 || p.y > 298) continue;
      std::uint8_t expected[3];
      sampleBilinear(slanted, p.x - 0.5, p.y - 0.5, expected);
      CHECK(std::abs(straight.image.pixel(u, v)[0] - expected[0]) <= 1);
    }
  // A large image is shrunk to maxSide first, and toImage still lands in image pixels.
  const StraightenedImage small = straighten(slanted, 20, 200);
  CHECK(std::max(small.image.width, small.image.height) <= 200);
  const PointD centre = small.toImage.apply({small.image.width / 2.0, small.image.height / 2.0});
  CHECK(centre.x == Approx(200).margin(2));
  CHECK(centre.y == Approx(150).margin(2));
}

TEST_CASE("the read job recognises lines in runs of similar width, each line reading its own row of the output") {
  const auto png = lvtest::encodePng(lvtest::solid(600, 300, {255, 255, 255}));
  const AnalyzerConfig config = ocrConfig();
  Job job(std::span<const std::uint8_t>(png.data(), png.size()), R"({"features":["read"],"format":"azure-v4.0"})", config);
  REQUIRE(job.requests().size() == 1);
  const auto dims = job.requests()[0].inputs[0].second.dims;
  const int H = static_cast<int>(dims[2]), W = static_cast<int>(dims[3]);
  const double s = std::min(W / 600.0, H / 300.0);
  // Lines 30 px high: two short ones (top, bottom) and a long one between.
  Map m(W, H);
  m.textLine(40, 140, 30, s);
  m.textLine(40, 540, 120, s);
  m.textLine(300, 400, 210, s);
  supplyMap(job, m);

  REQUIRE(job.requests().size() == 1);
  Tensor cls({3, 2});
  cls.data = {0.98f, 0.02f, 0.98f, 0.02f, 0.98f, 0.02f};
  std::vector<NamedTensors> upright;
  upright.push_back(single("softmax_0.tmp_0", std::move(cls)));
  job.supply(std::move(upright));

  // Runs of at most kRecBatch lines, narrowest lines first: the two short
  // ones (padded to 320), then the long one.
  const auto requests = job.requests();
  const std::vector<std::string> byWidth = {"Hello", "World", "Microsoft is fat"};
  const int classes = static_cast<int>(kKeys.size()) + 2;
  std::vector<NamedTensors> recognised;
  std::size_t next = 0;
  for (const auto& request : requests) {
    const auto in = request.inputs[0].second.dims;
    REQUIRE(in[0] >= 1);
    REQUIRE(static_cast<std::size_t>(in[0]) <= kRecBatch);
    if (next < 2) CHECK(in[3] == 320);
    else CHECK(in[3] > 2 * 320);
    const int steps = static_cast<int>(in[3] / 8);
    Tensor out({in[0], steps, classes});
    for (std::int64_t k = 0; k < in[0]; ++k) {
      auto path = spell(byWidth.at(next++), 1, 1);
      path.resize(steps, 0);
      const auto rows = ctcRows(path, classes);
      std::copy(rows.begin(), rows.end(), out.data.begin() + static_cast<std::ptrdiff_t>(k * rows.size()));
    }
    recognised.push_back(single("softmax_11.tmp_0", std::move(out)));
  }
  CHECK(next == 3);
  job.supply(std::move(recognised));
  REQUIRE(job.done());
  const json result = json::parse(job.resultJson());
  INFO(result.dump(1));
  std::vector<std::string> texts;
  for (const auto& block : result["readResult"]["blocks"])
    for (const auto& l : block["lines"]) texts.push_back(l["text"]);
  CHECK(texts == std::vector<std::string>{"Hello", "Microsoft is fat", "World"});
}

TEST_CASE("recognition batches: narrowest first, similar widths together, at most maxBatch") {
  using Batches = std::vector<std::vector<std::size_t>>;
  // Widths under the 320 minimum count as 320; 1010 is too wide to join 800 (1.25x).
  const std::vector<int> widths = {1000, 200, 800, 310, 990, 1010, 400};
  CHECK(recognitionBatches(widths, 8) == Batches{{1, 3, 6}, {2, 4, 0}, {5}});
  CHECK(recognitionBatches(widths, 2) == Batches{{1, 3}, {6}, {2, 4}, {0, 5}});
  CHECK(recognitionBatches(widths, 1).size() == widths.size());
  CHECK(recognitionBatches({}, 8).empty());
}

namespace {

// A page: `background` everywhere, dark bars 12 px high ("lines of small
// print") at the given rows, from x = 100 to 900.
Image page(int width, int height, std::vector<int> lineRows, std::uint8_t background = 245) {
  Image image(width, height);
  std::fill(image.rgb.begin(), image.rgb.end(), background);
  for (const int top : lineRows)
    for (int y = top; y < top + 12; ++y)
      for (int x = 100; x < 900; x += 1)
        if (x % 9 < 6) std::fill_n(image.pixel(x, y), 3, 20);
  return image;
}

Quad box(double x0, double y0, double x1, double y1) { return {Point2{x0, y0}, Point2{x1, y0}, Point2{x1, y1}, Point2{x0, y1}}; }

}  // namespace

TEST_CASE("fine strips: large pages only, full width, rows shared out exactly, blank bands skipped") {
  CHECK(fineStrips(page(1200, 900, {100})).empty());  // the whole-image pass is fine enough
  Image colourful(3000, 4000);
  for (int y = 0; y < colourful.height; ++y)
    for (int x = 0; x < colourful.width; ++x) {
      std::uint8_t* p = colourful.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(x), p[1] = static_cast<std::uint8_t>(y), p[2] = 90;
    }
  CHECK(fineStrips(colourful).empty());  // not a page

  // A 3000x4000 page: scale sqrt(2e6 / 12e6) = 0.41 against 0.24 for the
  // whole image; three strips of 1543 rows overlapping by 314.
  const auto full = fineStrips(page(3000, 4000, {150, 700, 1300, 1900, 2500, 3100, 3700}));
  REQUIRE(full.size() == 3);
  for (const auto& strip : full) {
    CHECK(strip.region.x == 0);
    CHECK(strip.region.w == 3000);
    CHECK(strip.width % 32 == 0);
    CHECK(strip.height % 32 == 0);
    CHECK(strip.width == Approx(3000 * 0.408).margin(32));
    CHECK(strip.height <= kFineStripHeight * kFineStripGrowth + 32);
    CHECK(strip.ownTop >= strip.region.y);
    CHECK(strip.ownBottom <= strip.region.y + strip.region.h);
  }
  CHECK(full.front().ownTop == 0);
  CHECK(full.back().ownBottom == 4000);
  CHECK(full.back().region.y + full.back().region.h == 4000);
  for (std::size_t i = 1; i < full.size(); ++i) {
    CHECK(full[i].ownTop == full[i - 1].ownBottom);                             // no row reported twice or never
    CHECK(full[i - 1].region.y + full[i - 1].region.h - full[i].region.y >= kFineStripOverlap / 0.41);  // overlapping
  }
  // Lines only at the top and bottom: the blank middle strip is skipped.
  const auto sparse = fineStrips(page(3000, 4000, {150, 3900}));
  REQUIRE(sparse.size() == 2);
  CHECK(sparse[0].region.y == 0);
  CHECK(sparse[1].region.y + sparse[1].region.h == 4000);
}

TEST_CASE("fine strips: a box belongs to the strip holding its centre, unless a shared edge cuts it") {
  DetectionStrip strip;
  strip.region = Rect{0, 1000, 3000, 1500};
  strip.ownTop = 1150, strip.ownBottom = 2350;
  CHECK(ownedByStrip(box(100, 1400, 900, 1420), strip, 4000));
  CHECK_FALSE(ownedByStrip(box(100, 1100, 900, 1120), strip, 4000));  // the strip above reports it
  CHECK_FALSE(ownedByStrip(box(100, 990, 900, 1300), strip, 4000));   // cut by the top edge
  CHECK_FALSE(ownedByStrip(box(100, 2300, 900, 2500), strip, 4000));  // cut by the bottom edge
  strip.region = Rect{0, 2500, 3000, 1500};
  strip.ownTop = 2650, strip.ownBottom = 4000;
  CHECK(ownedByStrip(box(100, 3950, 900, 4000), strip, 4000));  // the image's own edge cuts nothing
}

TEST_CASE("fine boxes replace the whole-image boxes they overlap; others stay") {
  const std::vector<TextBox> whole = {
      {box(100, 100, 900, 160), 0.8},    // a blob over two fine lines
      {box(100, 400, 900, 430), 0.9},    // the same line as a fine box
      {box(100, 800, 1900, 1000), 0.9},  // large type the strips did not report
  };
  const std::vector<TextBox> fine = {
      {box(100, 100, 900, 125), 0.9},
      {box(100, 135, 900, 160), 0.9},
      {box(98, 398, 902, 431), 0.95},
  };
  const auto merged = mergeFineBoxes(whole, fine);
  REQUIRE(merged.size() == 4);
  CHECK(merged[3].corners[0].y == 800);
  CHECK(merged[2].score == 0.95);
}

TEST_CASE("line share: the score-weighted area in boxes at least twice as long as high") {
  const TextBox line{box(0, 0, 100, 20), 0.9};     // 5:1
  const TextBox square{box(0, 50, 40, 90), 0.9};   // 1:1
  const TextBox column{box(200, 0, 220, 100), 0.9};  // a vertical line: 1:5 in image axes
  CHECK(lineShare({}) == 0);
  CHECK(lineShare({line}) == Approx(1));
  CHECK(lineShare({square, column}) == 0);
  CHECK(lineShare({line, square}) == Approx(2000.0 / (2000 + 1600)));
}
