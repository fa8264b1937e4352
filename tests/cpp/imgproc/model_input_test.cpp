#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "imgproc/model_input.hpp"

namespace {

lv::Image gradientImage(int w, int h) {
  lv::Image image(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto* p = image.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / (w - 1)), p[1] = static_cast<std::uint8_t>(y * 255 / (h - 1)), p[2] = 7;
    }
  return image;
}

lv::ModelInputSpec spec(lv::TensorLayout layout, lv::ResizeMode resize, lv::ColorOrder order) {
  lv::ModelInputSpec s;
  s.name = "x", s.layout = layout, s.height = 64, s.width = 64, s.resize = resize, s.colorOrder = order;
  return s;
}

}  // namespace

TEST_CASE("letterbox keeps the aspect ratio, pads black at right/bottom, and maps back to image pixels") {
  const lv::Image image = gradientImage(200, 100);
  const auto input = lv::prepareModelInput(image, spec(lv::TensorLayout::NHWC, lv::ResizeMode::Letterbox, lv::ColorOrder::RGB));
  CHECK(input.tensor.dims == std::vector<std::int64_t>{1, 64, 64, 3});
  // 200x100 fits as 64x32: rows 32.. are padding.
  const float* t = input.tensor.data.data();
  CHECK(t[(40 * 64 + 10) * 3 + 0] == 0.0f);
  // +0, as a black pixel's 0 * gain + bias gives, not the -0 of -mean/std with mean 0: the same bytes as before.
  CHECK(!std::signbit(t[(40 * 64 + 10) * 3 + 0]));
  CHECK(t[(10 * 64 + 63) * 3 + 0] > 200.0f);  // the right edge of the content is red-bright
  CHECK(input.transform.toImageX(64) == Approx(200));
  CHECK(input.transform.toImageY(32) == Approx(100));
}

TEST_CASE("a letterbox step cuts the padding below a wide image and right of a tall one, and keeps the image's scale") {
  auto s = spec(lv::TensorLayout::NHWC, lv::ResizeMode::Letterbox, lv::ColorOrder::RGB);
  s.letterboxStep = 16;
  const auto full = spec(lv::TensorLayout::NHWC, lv::ResizeMode::Letterbox, lv::ColorOrder::RGB);
  // 200 x 100 is 64 x 32 in the box, 100 x 200 is 32 x 64: exactly two steps.
  for (const auto& [w, h] : {std::pair{200, 100}, std::pair{100, 200}}) {
    const lv::Image image = gradientImage(w, h);
    const auto cut = lv::prepareModelInput(image, s);
    const auto square = lv::prepareModelInput(image, full);
    const std::int64_t rows = w > h ? 32 : 64, cols = w > h ? 64 : 32;
    CHECK(cut.tensor.dims == std::vector<std::int64_t>{1, rows, cols, 3});
    for (std::int64_t y = 0; y < rows; ++y) {  // the same pixels, without the padding
      const auto from = square.tensor.data.begin() + y * 64 * 3;
      CHECK(std::equal(from, from + cols * 3, cut.tensor.data.begin() + y * cols * 3));
    }
    CHECK(cut.transform.scaleX == square.transform.scaleX);
    CHECK(cut.transform.scaleY == square.transform.scaleY);
  }
  // 200 x 90 fits as 64 x 28.8: rounded up to 32 rows, the last 3 padding.
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 200, 90}) == lv::InputSize{32, 64});
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 200, 101}) == lv::InputSize{48, 64});
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 101, 200}) == lv::InputSize{64, 48});
  // Square images keep the whole box; a sliver keeps one step.
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 100, 100}) == lv::InputSize{64, 64});
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 4000, 10}) == lv::InputSize{16, 64});
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 10, 4000}) == lv::InputSize{64, 16});
  // An empty region keeps the card's size; preparing it is an error, not a NaN size.
  CHECK(lv::letterboxInputSize(s, lv::Rect{0, 0, 200, 0}) == lv::InputSize{64, 64});
  CHECK_THROWS_AS(lv::prepareModelInput(gradientImage(200, 100), s, lv::Rect{0, 0, 200, 0}), lv::AnalysisError);
  // Stretch inputs, and letterboxes without a step, are always the card's size.
  CHECK(lv::letterboxInputSize(full, lv::Rect{0, 0, 200, 100}) == lv::InputSize{64, 64});
}

TEST_CASE("stretch fills the input; NCHW and BGR reorder; scale/mean/std normalise") {
  const lv::Image image = gradientImage(100, 100);
  auto s = spec(lv::TensorLayout::NCHW, lv::ResizeMode::Stretch, lv::ColorOrder::BGR);
  s.scale = 1.0f / 255, s.mean = {0.5f, 0.5f, 0.5f}, s.std = {0.5f, 0.5f, 0.5f};
  const auto input = lv::prepareModelInput(image, s);
  CHECK(input.tensor.dims == std::vector<std::int64_t>{1, 3, 64, 64});
  const float* t = input.tensor.data.data();
  const std::size_t plane = 64 * 64;
  // Channel 0 is blue (constant 7), channel 2 is red (x gradient).
  CHECK(t[0 * plane + 5] == Approx((7 / 255.0 - 0.5) / 0.5).epsilon(1e-4));
  CHECK(t[2 * plane + 0] < -0.9f);
  CHECK(t[2 * plane + 63] > 0.9f);
  CHECK(input.transform.scaleX == Approx(100.0 / 64));
}

TEST_CASE("a region is mapped back with its offset") {
  const lv::Image image = gradientImage(300, 200);
  const auto input = lv::prepareModelInput(image, spec(lv::TensorLayout::NHWC, lv::ResizeMode::Stretch, lv::ColorOrder::RGB),
                                           lv::Rect{100, 50, 128, 64});
  CHECK(input.transform.toImageX(0) == Approx(100));
  CHECK(input.transform.toImageX(64) == Approx(228));
  CHECK(input.transform.toImageY(64) == Approx(114));
  CHECK_THROWS(lv::prepareModelInput(image, spec(lv::TensorLayout::NHWC, lv::ResizeMode::Stretch, lv::ColorOrder::RGB),
                                     lv::Rect{250, 0, 100, 100}));
}

TEST_CASE("a large downscale averages instead of aliasing") {
  // A one-pixel checkerboard shrunk 16x must come out mid-grey, not black or white.
  lv::Image board(1024, 1024);
  for (int y = 0; y < 1024; ++y)
    for (int x = 0; x < 1024; ++x) std::fill_n(board.pixel(x, y), 3, static_cast<std::uint8_t>((x + y) % 2 ? 255 : 0));
  const lv::Image small = lv::resampleRegion(board, {0, 0, 1024, 1024}, 64, 64);
  for (int y = 0; y < 64; y += 7)
    for (int x = 0; x < 64; x += 7) REQUIRE(std::abs(small.pixel(x, y)[0] - 128) <= 2);
}

TEST_CASE("dynamic sizes override the card") {
  const auto input = lv::prepareModelInput(gradientImage(320, 96), spec(lv::TensorLayout::NCHW, lv::ResizeMode::Letterbox, lv::ColorOrder::RGB),
                                           std::nullopt, 48, 160);
  CHECK(input.tensor.dims == std::vector<std::int64_t>{1, 3, 48, 160});
}

namespace {

// A photo-like 1600x1200: gradients plus a texture of 24 px squares.
lv::Image texturedImage() {
  lv::Image image(1600, 1200);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      auto* p = image.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / 1599), p[1] = static_cast<std::uint8_t>(y * 255 / 1199);
      p[2] = static_cast<std::uint8_t>((x / 24 + y / 24) % 2 ? 200 : 40);
    }
  return image;
}

double meanAbsoluteDifference(const lv::Image& a, const lv::Image& b) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  double sum = 0;
  for (std::size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(a.rgb[i] - b.rgb[i]);
  return sum / static_cast<double>(a.rgb.size());
}

}  // namespace

TEST_CASE("a small input is made from the job's small copy and matches one made from the full image") {
  const lv::Image image = texturedImage();
  const lv::SmallCopy small;
  const lv::PixelSource source(image, &small);
  // A part (60% of the photo, to 256 px) and the objects letterbox (512 px).
  const lv::Rect part{640, 480, 960, 720};
  CHECK(meanAbsoluteDifference(lv::resampleRegion(source, part, 256, 192), lv::resampleRegion(image, part, 256, 192)) < 2.5);
  const lv::Image copy = small.of(image);
  CHECK(copy.width == 512);
  CHECK(copy.height == 384);
  // The letterbox is the copy itself, pixel for pixel.
  const lv::Image letterbox = lv::resampleRegion(source, {0, 0, 1600, 1200}, 512, 384);
  CHECK(std::equal(letterbox.rgb.begin(), letterbox.rgb.end(), copy.rgb.begin()));
}

TEST_CASE("an input that keeps more detail than the small copy is made from the full image") {
  const lv::Image image = texturedImage();
  const lv::SmallCopy small;
  const lv::PixelSource source(image, &small);
  // A 300 px crop to 224 px keeps detail the 512 px copy (0.32 of the photo) lost. The whole photo at 224 px
  // is 2.3x smaller than the copy: from it, that would take a second, blurring area pass.
  for (const auto& [region, width, height] : {std::tuple{lv::Rect{100, 100, 300, 300}, 224, 224},
                                              std::tuple{lv::Rect{0, 0, 1600, 1200}, 224, 168}}) {
    const lv::Image fromSource = lv::resampleRegion(source, region, width, height);
    const lv::Image fromImage = lv::resampleRegion(image, region, width, height);
    CHECK(std::equal(fromSource.rgb.begin(), fromSource.rgb.end(), fromImage.rgb.begin()));
  }
}

// Meaningful in the threaded builds; in the others both sides run serially.
TEST_CASE("model inputs made in two row halves are the serial ones, byte for byte") {
  const lv::Image image = texturedImage();
  auto stretch = spec(lv::TensorLayout::NCHW, lv::ResizeMode::Stretch, lv::ColorOrder::BGR);
  stretch.height = 301, stretch.width = 403;
  stretch.scale = 1.0f / 255, stretch.mean = {0.485f, 0.456f, 0.406f}, stretch.std = {0.229f, 0.224f, 0.225f};
  auto letterbox = spec(lv::TensorLayout::NHWC, lv::ResizeMode::Letterbox, lv::ColorOrder::RGB);
  letterbox.height = letterbox.width = 512;
  // Every resampling path: the small copy (area) and its letterbox, area then
  // bilinear over a region, bilinear from the full image, normalisation.
  const auto inputs = [&] {
    const lv::SmallCopy small;
    const lv::PixelSource source(image, &small);
    return std::tuple{lv::prepareModelInput(source, letterbox).tensor.data,
                      lv::prepareModelInput(source, stretch, lv::Rect{33, 17, 1001, 801}).tensor.data,
                      lv::prepareModelInput(image, stretch, lv::Rect{200, 100, 500, 400}).tensor.data};
  };
  const auto split = inputs();
  // A call inside a forRowHalves body runs alone: the serial reference.
  decltype(inputs()) serial;
  lv::forRowHalves(2, 2, [&](int begin, int) {
    if (begin == 0) serial = inputs();
  });
  CHECK(std::get<0>(split) == std::get<0>(serial));
  CHECK(std::get<1>(split) == std::get<1>(serial));
  CHECK(std::get<2>(split) == std::get<2>(serial));
}

TEST_CASE("bilinear resampling gives each byte of the scalar formula, up and down, to the image's last pixel") {
  // A noisy 203x151 image; regions (one at the bottom-right corner, whose last
  // pixel ends the buffer) stretched up and shrunk by less than 2x, so that
  // bilinear alone makes them. The formula, per channel in float: blend the
  // two columns of each of the two rows (half-pixel centres, edges clamped),
  // then the rows, + 0.5, truncated. Tags and scores are sensitive to single
  // bytes, so the order of the operations is pinned here.
  lv::Image image(203, 151);
  std::uint32_t seed = 11;
  for (auto& v : image.rgb) v = static_cast<std::uint8_t>((seed = seed * 1664525u + 1013904223u) >> 24);
  for (const auto& [region, width, height] : {std::tuple{lv::Rect{0, 0, 203, 151}, 150, 100},
                                              std::tuple{lv::Rect{120, 90, 83, 61}, 200, 97},
                                              std::tuple{lv::Rect{7, 3, 61, 45}, 43, 170}}) {
    const lv::Image out = lv::resampleRegion(image, region, width, height);
    const double sx = static_cast<double>(region.w) / width, sy = static_cast<double>(region.h) / height;
    const double right = region.x + region.w - 1.0, bottom = region.y + region.h - 1.0;
    int wrong = 0;
    for (int y = 0; y < height; ++y) {
      const double v = std::clamp(region.y + (y + 0.5) * sy - 0.5, static_cast<double>(region.y), bottom);
      const int y0 = static_cast<int>(v), y1 = std::min(y0 + 1, static_cast<int>(bottom));
      const float fy = static_cast<float>(v - y0);
      for (int x = 0; x < width; ++x) {
        const double u = std::clamp(region.x + (x + 0.5) * sx - 0.5, static_cast<double>(region.x), right);
        const int x0 = static_cast<int>(u), x1 = std::min(x0 + 1, static_cast<int>(right));
        const float fx = static_cast<float>(u - x0);
        for (int c = 0; c < 3; ++c) {
          const auto at = [&](int px, int py) { return static_cast<float>(image.pixel(px, py)[c]); };
          const float a = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx;
          const float b = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx;
          wrong += out.pixel(x, y)[c] != static_cast<std::uint8_t>(a + (b - a) * fy + 0.5f);
        }
      }
    }
    CHECK(wrong == 0);
  }
}
