#include <catch2/catch.hpp>

#include "decode/decode_test_util.hpp"

using lv::ErrorCode;
using namespace lvtest;

namespace {

// Ink amounts (0 = none) of a red, and the RGB every reading must give:
// R = (255 - C)(255 - K) / 255 ...
constexpr int kInk[4] = {0, 190, 190, 35};
constexpr int kRed[3] = {220, 56, 56};
// ... and of a blue for the right half of two-colour images.
constexpr int kBlueInk[4] = {200, 150, 0, 20};
constexpr int kBlue[3] = {51, 97, 235};

// The RGB whose YCbCr (JFIF) an encoder stores: for YCCK, the inverted CMY
// read as RGB.
std::array<int, 3> ycc(int r, int g, int b) {
  auto round = [](double v) { return static_cast<int>(v + 0.5); };
  return {round(0.299 * r + 0.587 * g + 0.114 * b), round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
          round(0.5 * r - 0.418688 * g - 0.081312 * b + 128)};
}

// The stored sample of component c for ink amounts, per colour transform:
// Adobe's inversion whether or not an APP14 says so (Chromium, Pillow).
int stored(const int ink[4], int c, int adobeTransform) {
  if (adobeTransform <= 0 || c == 3) return 255 - ink[c];  // CMYK, inverted
  return ycc(ink[0], ink[1], ink[2])[static_cast<std::size_t>(c)];  // YCCK: YCbCr of 255 - stored CMY = the ink
}

// 64x56: red left half, blue right half.
BlockJpegSpec cmyk(int adobeTransform) {
  BlockJpegSpec spec;
  spec.width = 64;
  spec.height = 56;
  spec.components = 4;
  spec.adobeTransform = adobeTransform;
  spec.sample = [adobeTransform](int c, int x, int) { return stored(x < 32 ? kInk : kBlueInk, c, adobeTransform); };
  return spec;
}

void checkRedBlue(const lv::DecodedImage& d) {
  REQUIRE(d.image.width == 64);
  REQUIRE(d.image.height == 56);
  for (int y : {0, 30, 55}) {
    CHECK(near(d.image.pixel(2, y), kRed[0], kRed[1], kRed[2], 3));
    CHECK(near(d.image.pixel(24, y), kRed[0], kRed[1], kRed[2], 3));
    CHECK(near(d.image.pixel(40, y), kBlue[0], kBlue[1], kBlue[2], 3));
    CHECK(near(d.image.pixel(63, y), kBlue[0], kBlue[1], kBlue[2], 3));
  }
}

bool warned(const lv::DecodedImage& d, const std::string& text) {
  for (const auto& w : d.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

Pixels pattern(int w, int h) {
  return makePixels(w, h, 3, [](int x, int y, std::uint8_t* px) {
    px[0] = static_cast<std::uint8_t>(x * 4);
    px[1] = static_cast<std::uint8_t>(y * 3);
    px[2] = static_cast<std::uint8_t>((x * y) & 0xFF);
  });
}

}  // namespace

TEST_CASE("JPEG: four components without APP14 are Adobe's inverted CMYK, as Chromium and Pillow read them", "[decode]") {
  checkRedBlue(decode(encodeBlockJpeg(cmyk(-1))));
}

TEST_CASE("JPEG: Adobe APP14 transform 0 is inverted CMYK", "[decode]") {
  checkRedBlue(decode(encodeBlockJpeg(cmyk(0))));
}

TEST_CASE("JPEG: Adobe APP14 transform 2 (and 1, as libjpeg) is YCCK", "[decode]") {
  for (int transform : {2, 1}) {
    INFO("transform " << transform);
    checkRedBlue(decode(encodeBlockJpeg(cmyk(transform))));
  }
  SECTION("Y and K at 2x2, Cb and Cr at 1x1") {
    BlockJpegSpec spec = cmyk(2);
    spec.h = {2, 1, 1, 2};
    spec.v = {2, 1, 1, 2};
    checkRedBlue(decode(encodeBlockJpeg(spec)));
  }
}

TEST_CASE("JPEG: three components are unchanged by the CMYK handling", "[decode]") {
  BlockJpegSpec spec;
  spec.width = 64;
  spec.height = 56;
  spec.components = 3;
  const auto red = ycc(220, 30, 30);
  spec.sample = [red](int c, int, int) { return red[static_cast<std::size_t>(c)]; };
  CHECK(near(decode(encodeBlockJpeg(spec)).image.pixel(20, 20), 220, 30, 30, 3));
}

TEST_CASE("JPEG: complete scan data without EOI decodes, with a warning", "[decode]") {
  const Bytes full = encodeJpeg(pattern(64, 56), 90);
  const auto reference = decode(full);
  CHECK(reference.warnings.empty());
  for (std::size_t cut : {std::size_t{2}, std::size_t{1}}) {  // EOI gone; or only its 0xFF left
    INFO("cut " << cut);
    auto d = decode(prefix(full, full.size() - cut));
    CHECK(d.image.rgb == reference.image.rgb);
    CHECK(warned(d, "end-of-image marker"));
  }
  SECTION("CMYK too") {
    Bytes b = encodeBlockJpeg(cmyk(-1));
    auto d = decode(prefix(b, b.size() - 2));
    checkRedBlue(d);
    CHECK(warned(d, "end-of-image marker"));
  }
  SECTION("zero padding after the scan data, no EOI") {
    Bytes b = prefix(full, full.size() - 2);
    b.resize(b.size() + 100, 0);
    CHECK(decode(b).image.rgb == reference.image.rgb);
  }
  SECTION("scan data cut short is still truncated") {
    for (std::size_t cut : {std::size_t{3}, std::size_t{12}, std::size_t{40}, full.size() / 3}) {
      INFO("cut " << cut);
      auto e = decodeError(prefix(full, full.size() - cut));
      CHECK(e.code() == ErrorCode::InvalidImageFormat);
      CHECK(mentions(e, "truncated"));
    }
    Bytes b = encodeBlockJpeg(cmyk(2));
    CHECK(mentions(decodeError(prefix(b, b.size() - 6)), "truncated"));
  }
}

TEST_CASE("JPEG: bytes after EOI are ignored, with a warning that counts them", "[decode]") {
  Bytes b = encodeJpeg(pattern(64, 56), 90);
  const auto reference = decode(b);
  b.insert(b.end(), 37, 0xAB);
  auto d = decode(b);
  CHECK(d.image.rgb == reference.image.rgb);
  CHECK(warned(d, "37 bytes after its end-of-image marker"));
}
