#include <catch2/catch.hpp>

#include "decode/decode_test_util.hpp"
#include "decode/gif.hpp"

using lv::ErrorCode;
using lv::ImageFormat;
using namespace lvtest;

namespace {
const std::vector<Rgb> kPalette = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {0, 0, 0}};
lv::GifLayout scan(const Bytes& b) { return lv::scanGif({b.data(), b.size()}); }
}  // namespace

TEST_CASE("GIF: the first frame is decoded with its palette", "[decode]") {
  GifFrame f = gifFill(70, 60, 0);
  for (int y = 0; y < 60; ++y)
    for (int x = 35; x < 70; ++x) f.indices[static_cast<std::size_t>(y) * 70 + x] = 2;
  auto d = decode(encodeGif(70, 60, kPalette, {f}));
  CHECK(d.format == ImageFormat::Gif);
  CHECK_FALSE(d.animated);
  REQUIRE(d.image.width == 70);
  REQUIRE(d.image.height == 60);
  CHECK(near(d.image.pixel(0, 0), 255, 0, 0));
  CHECK(near(d.image.pixel(69, 59), 0, 0, 255));
}

TEST_CASE("GIF: two frames make it animated; the first frame is what is decoded", "[decode]") {
  Bytes gif = encodeGif(60, 50, kPalette, {gifFill(60, 50, 1), gifFill(60, 50, 2)});
  CHECK(scan(gif).frames == 2);
  CHECK(scan(gif).trailer);
  auto d = decode(gif);
  CHECK(d.animated);
  CHECK(near(d.image.pixel(10, 10), 0, 255, 0));
}

TEST_CASE("GIF: transparent pixels are white", "[decode]") {
  GifFrame f = gifFill(50, 50, 3);
  f.transparentIndex = 3;
  f.indices[0] = 0;
  auto d = decode(encodeGif(50, 50, kPalette, {f}));
  CHECK(near(d.image.pixel(0, 0), 255, 0, 0));
  CHECK(near(d.image.pixel(20, 20), 255, 255, 255));
}

TEST_CASE("GIF: a frame smaller than the screen leaves the rest white", "[decode]") {
  GifFrame f = gifFill(10, 10, 2);
  f.left = 5;
  f.top = 5;
  auto d = decode(encodeGif(60, 60, kPalette, {f}));
  CHECK(near(d.image.pixel(7, 7), 0, 0, 255));
  CHECK(near(d.image.pixel(40, 40), 255, 255, 255));
}

TEST_CASE("GIF trailer policy: tolerated once the first frame is complete", "[decode]") {
  SECTION("single frame without trailer") {
    Bytes gif = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1)}, /*trailer=*/false);
    CHECK_FALSE(scan(gif).trailer);
    CHECK(near(decode(gif).image.pixel(1, 1), 0, 255, 0));
  }
  SECTION("animation cut inside the second frame: still animated, first frame decoded") {
    Bytes full = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1), gifFill(50, 50, 2)});
    Bytes cut = prefix(full, full.size() - 30);
    auto d = decode(cut);
    CHECK(d.animated);
    CHECK(near(d.image.pixel(1, 1), 0, 255, 0));
  }
  SECTION("garbage after the first frame is ignored") {
    Bytes gif = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1)}, false);
    gif.insert(gif.end(), {0x99, 0x98, 0x97});
    CHECK_FALSE(decode(gif).animated);
  }
  SECTION("cut inside the first frame: truncated") {
    Bytes full = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1)});
    auto e = decodeError(prefix(full, full.size() - 2));
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "truncated"));
  }
  SECTION("no frame at all") {
    Bytes full = encodeGif(50, 50, kPalette, {});
    CHECK(decodeError(full).code() == ErrorCode::InvalidImageFormat);
  }
}

TEST_CASE("GIF frame counting skips extensions and local color tables", "[decode]") {
  Bytes gif = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1), gifFill(50, 50, 2), gifFill(50, 50, 3)});
  // A comment extension before the trailer.
  gif.pop_back();
  gif.insert(gif.end(), {0x21, 0xFE, 3, 'h', 'i', '!', 0, 0x3B});
  auto layout = scan(gif);
  CHECK(layout.frames == 3);
  CHECK(layout.trailer);
}

TEST_CASE("GIF: a first frame larger than the logical screen sets the canvas, as browsers do", "[decode]") {
  GifFrame f = gifFill(120, 80, 2);
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 60; ++x) f.indices[static_cast<std::size_t>(y) * 120 + x] = 0;
  f.left = 7;  // dropped with the screen, as Chromium does
  f.top = 3;
  for (int screen : {60, 0}) {  // a 60x60 screen, and a 0x0 one
    INFO("screen " << screen);
    Bytes gif = encodeGif(screen, screen, kPalette, {f});
    auto layout = scan(gif);
    CHECK(layout.width == 120);
    CHECK(layout.height == 80);
    auto d = decode(gif);
    REQUIRE(d.image.width == 120);
    REQUIRE(d.image.height == 80);
    CHECK(near(d.image.pixel(0, 0), 255, 0, 0));
    CHECK(near(d.image.pixel(59, 79), 255, 0, 0));
    CHECK(near(d.image.pixel(60, 0), 0, 0, 255));
    CHECK(near(d.image.pixel(119, 79), 0, 0, 255));
  }
  SECTION("the limits apply to the canvas") {
    lv::Limits limits;
    limits.maxSide = 100;
    CHECK(decodeError(encodeGif(60, 60, kPalette, {f}), limits).code() == ErrorCode::InvalidImageSize);
  }
}

TEST_CASE("GIF: a first frame that overhangs the screen is clipped to it", "[decode]") {
  GifFrame f = gifFill(50, 50, 1);
  f.left = 30;
  f.top = 40;
  auto d = decode(encodeGif(60, 60, kPalette, {f}));
  REQUIRE(d.image.width == 60);
  REQUIRE(d.image.height == 60);
  CHECK(near(d.image.pixel(29, 45), 255, 255, 255));
  CHECK(near(d.image.pixel(30, 40), 0, 255, 0));
  CHECK(near(d.image.pixel(59, 59), 0, 255, 0));
}

TEST_CASE("GIF: local color tables without a global one; no table at all is refused", "[decode]") {
  GifFrame f = gifFill(60, 50, 1);
  f.localPalette = {{0, 0, 0}, {250, 220, 20}};
  auto d = decode(encodeGif(60, 50, {}, {f}));
  CHECK(near(d.image.pixel(10, 10), 250, 220, 20));
  auto e = decodeError(encodeGif(60, 50, {}, {gifFill(60, 50, 1)}));
  CHECK(e.code() == ErrorCode::InvalidImageFormat);
  CHECK(mentions(e, "color table"));
}

TEST_CASE("GIF: a file cut right after its first frame decodes", "[decode]") {
  Bytes one = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1)}, /*trailer=*/false);
  Bytes two = encodeGif(50, 50, kPalette, {gifFill(50, 50, 1), gifFill(50, 50, 2)});
  // The second file's first frame ends where the first file does, plus its graphic control extension.
  Bytes cut = prefix(two, one.size() + 8);
  auto d = decode(cut);
  CHECK(near(d.image.pixel(1, 1), 0, 255, 0));
}
