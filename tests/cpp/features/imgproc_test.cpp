#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/error.hpp"
#include "features/sample_images.hpp"
#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"
#include "imgproc/gradient.hpp"
#include "imgproc/integral.hpp"

using namespace lv;
using namespace lv::test;

TEST_CASE("downscaleArea of a region: as if the region were cut out first; regions outside refused", "[imgproc]") {
  Image img = solidImage(300, 200, 10, 20, 30);
  fillRect(img, 40, 30, 90, 60, 250, 120, 0);
  const Rect region{25, 17, 180, 120};
  Image cut(region.w, region.h);
  for (int y = 0; y < region.h; ++y)
    std::copy_n(img.pixel(region.x, region.y + y), static_cast<std::size_t>(region.w) * 3, cut.pixel(0, y));
  const Image fromRegion = downscaleArea(img, region, 64);
  const Image fromCut = downscaleArea(cut, 64);
  REQUIRE((fromRegion.width == 64 && fromRegion.height == fromCut.height));
  CHECK(fromRegion.rgb == fromCut.rgb);
  CHECK(downscaleArea(img, region, 500).rgb == cut.rgb);  // small enough: the region, copied
  CHECK_THROWS_AS(downscaleArea(img, Rect{250, 0, 60, 10}, 8), AnalysisError);
  CHECK_THROWS_AS(downscaleArea(img, Rect{0, 0, 0, 10}, 8), AnalysisError);
}

TEST_CASE("downscaleArea: sizes and exact area means", "[imgproc]") {
  int w = 0, h = 0;
  analysisSize(1000, 500, 256, w, h);
  CHECK((w == 256 && h == 128));
  analysisSize(3, 5000, 256, w, h);
  CHECK((w == 1 && h == 256));
  analysisSize(100, 80, 256, w, h);
  CHECK((w == 100 && h == 80));

  // 4x2 -> 2x1: each output pixel is the mean of a 2x2 block.
  Image img(4, 2);
  const std::uint8_t values[8] = {0, 100, 200, 200, 50, 50, 10, 30};
  for (int i = 0; i < 8; ++i) img.rgb[i * 3] = img.rgb[i * 3 + 1] = img.rgb[i * 3 + 2] = values[i];
  const Image out = downscaleArea(img, 2);
  REQUIRE((out.width == 2 && out.height == 1));
  CHECK(out.pixel(0, 0)[0] == 50);   // (0 + 100 + 50 + 50) / 4
  CHECK(out.pixel(1, 0)[1] == 110);  // (200 + 200 + 10 + 30) / 4

  // Fractional factor: a solid colour stays exactly solid; a half/half split keeps its mean.
  const Image solid = downscaleArea(solidImage(777, 333, 12, 34, 56), 100);
  std::size_t off = 0;
  for (std::size_t i = 0; i < solid.pixelCount(); ++i)
    off += solid.rgb[i * 3] != 12 || solid.rgb[i * 3 + 1] != 34 || solid.rgb[i * 3 + 2] != 56;
  CHECK(off == 0);
  Image split = solidImage(300, 30, 0, 0, 0);
  fillRect(split, 150, 0, 150, 30, 255, 255, 255);
  const Image s = downscaleArea(split, 7);
  double mean = 0;
  for (std::size_t i = 0; i < s.pixelCount(); ++i) mean += s.rgb[i * 3];
  CHECK(mean / s.pixelCount() == Approx(127.5).margin(1.5));

  CHECK_THROWS_AS(downscaleArea(Image{}, 10), AnalysisError);
  CHECK_THROWS_AS(downscaleArea(solidImage(2, 2, 0, 0, 0), 0), AnalysisError);
}

TEST_CASE("downscaleArea: each output pixel is the area mean of its input, rounded", "[imgproc]") {
  // A noisy 343x221 image with a saturated patch; its region from (10, 10), 333x211, shrunk to 101x64
  // (factors 3.30 and 3.30: fractional edges on both axes; 303 values a row, not a multiple of 4),
  // against the mean computed in double precision from the definition: the same byte, except where
  // the mean lies within 1e-3 of a half (float sums may round either way there).
  Image img(343, 221);
  std::uint32_t seed = 7;
  for (auto& v : img.rgb) v = static_cast<std::uint8_t>((seed = seed * 1664525u + 1013904223u) >> 24);
  fillRect(img, 40, 40, 60, 60, 255, 255, 255);
  const Rect region{10, 10, 333, 211};
  const Image out = downscaleArea(img, region, 101);
  REQUIRE((out.width == 101 && out.height == 64));
  const double sx = 333.0 / 101, sy = 211.0 / 64;
  int wrong = 0, saturated = 0;
  for (int j = 0; j < out.height; ++j)
    for (int i = 0; i < out.width; ++i)
      for (int c = 0; c < 3; ++c) {
        double sum = 0;
        for (int y = static_cast<int>(j * sy); y < std::min(211.0, (j + 1) * sy); ++y)
          for (int x = static_cast<int>(i * sx); x < std::min(333.0, (i + 1) * sx); ++x) {
            const double wy = std::min<double>(y + 1, (j + 1) * sy) - std::max<double>(y, j * sy);
            const double wx = std::min<double>(x + 1, (i + 1) * sx) - std::max<double>(x, i * sx);
            sum += wx * wy * img.pixel(region.x + x, region.y + y)[c];
          }
        const double mean = sum / (sx * sy);
        const int got = out.pixel(i, j)[c];
        saturated += got == 255;
        const bool tie = std::abs(mean - std::floor(mean) - 0.5) < 1e-3;
        wrong += tie ? std::abs(got - mean) > 0.5 + 1e-3 : got != static_cast<int>(std::floor(mean + 0.5));
      }
  CHECK(wrong == 0);
  CHECK(saturated > 0);
}

TEST_CASE("colour conversions", "[imgproc]") {
  const Hsv red = rgbToHsv(255, 0, 0);
  CHECK(red.h == Approx(0));
  CHECK(red.s == Approx(1));
  CHECK(red.v == Approx(1));
  CHECK(rgbToHsv(0, 255, 0).h == Approx(120));
  CHECK(rgbToHsv(0, 0, 255).h == Approx(240));
  CHECK(rgbToHsv(255, 0, 255).h == Approx(300));
  CHECK(rgbToHsv(128, 128, 128).s == Approx(0));
  const Lab white = rgbToLab(255, 255, 255);
  CHECK(white.L == Approx(100).margin(0.1));
  CHECK(white.a == Approx(0).margin(0.1));
  const Lab r = rgbToLab(255, 0, 0);
  CHECK(r.L == Approx(53.24).margin(0.2));
  CHECK(r.a == Approx(80.09).margin(0.3));
  CHECK(r.b == Approx(67.20).margin(0.3));
  CHECK(deltaE(white, white) == Approx(0));
  CHECK(skinLikelihood(224, 172, 140) == 1.0f);
  CHECK(skinLikelihood(40, 90, 200) == 0.0f);
}

TEST_CASE("sobelMagnitude and IntegralImage", "[imgproc]") {
  Plane p(8, 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 4; x < 8; ++x) p.at(x, y) = 1.0f;  // a vertical step of height 1
  const Plane g = sobelMagnitude(p);
  CHECK(g.at(0, 1) == 0.0f);
  CHECK(g.at(3, 1) == Approx(1.0f));
  CHECK(g.at(4, 1) == Approx(1.0f));
  CHECK(g.at(7, 1) == 0.0f);

  const IntegralImage ii(p);
  CHECK(ii.total() == Approx(16));
  CHECK(ii.sum(0, 0, 4, 4) == Approx(0));
  CHECK(ii.sum(3, 1, 6, 3) == Approx(4));
  CHECK(ii.sum(-5, -5, 100, 100) == Approx(16));  // clamped
  CHECK(ii.sum(5, 5, 2, 2) == 0.0);
}
