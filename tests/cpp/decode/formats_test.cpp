// WebP, TIFF, ICO/CUR and MPO: files made by the formats' own encoders
// (libwebp, libtiff) or assembled around ours, decoded to their sizes and
// colours; their damaged, truncated and oversized variants refused by type.
#include <catch2/catch.hpp>

#include <random>

#include "decode/decode_test_util.hpp"
#include "decode/sniff.hpp"
#include "test_formats.hpp"

using namespace lvtest;
using lv::ErrorCode;
using lv::ImageFormat;

namespace {

constexpr Rgb kBlue = {20, 40, 220}, kYellow = {250, 220, 20};

// Left half blue, right half yellow; alpha 0 in the bottom half when channels == 4.
Pixels halves(int w, int h, int channels = 3) {
  return makePixels(w, h, channels, [w, h, channels](int x, int y, std::uint8_t* px) {
    const Rgb& c = x < w / 2 ? kBlue : kYellow;
    px[0] = c[0], px[1] = c[1], px[2] = c[2];
    if (channels == 4) px[3] = y < h / 2 ? 255 : 0;
  });
}

// Samples the middle of the left and right halves (top half when alphaBelow).
void checkHalves(const lv::Image& img, int tolerance, bool alphaBelow = false) {
  const int y = alphaBelow ? img.height / 4 : img.height / 2;
  CHECK(near(img.pixel(img.width / 4, y), kBlue[0], kBlue[1], kBlue[2], tolerance));
  CHECK(near(img.pixel(img.width * 3 / 4, y), kYellow[0], kYellow[1], kYellow[2], tolerance));
  if (alphaBelow) {
    CHECK(near(img.pixel(img.width / 4, img.height * 3 / 4), 255, 255, 255, tolerance));
    CHECK(near(img.pixel(img.width * 3 / 4, img.height * 3 / 4), 255, 255, 255, tolerance));
  }
}

std::optional<ImageFormat> sniff(const Bytes& b) { return lv::sniffFormat({b.data(), b.size()}); }

struct Named {
  const char* name;
  Bytes bytes;
  std::size_t needed = 0;  // bytes the first image needs, when later ones follow (MPO)
};

// One valid file of each new format, for the damage tests.
std::vector<Named> samples() {
  const Pixels p = halves(64, 56), pa = halves(64, 56, 4);
  return {{"webp lossy", encodeWebp(p, false)},
          {"webp lossless alpha", encodeWebp(pa, true)},
          {"webp lossy alpha exif", webpWithExif(encodeWebp(pa, false), 3)},
          {"webp animated", animatedWebp(64, 56, {{encodeWebp(p, true)}, {encodeWebp(p, false)}})},
          {"tiff lzw rgb", encodeTiff(p, {TiffColor::Rgb, 5})},
          {"tiff deflate tiled", encodeTiff(p, {TiffColor::Rgb, 8, true})},
          {"tiff packbits grey", encodeTiff(p, {TiffColor::Grey, 32773})},
          {"ico png", encodeIco({encodePng(p)})},
          {"ico dib", encodeIco({icoDib(pa, 32), icoDib(p, 24, [](int x, int) { return x < 8; })})},
          {"mpo", encodeMpo(encodeJpeg(p), encodeJpeg(solid(64, 56, {200, 0, 0}))), encodeMpo(encodeJpeg(p), {}).size()}};
}

}  // namespace

TEST_CASE("sniffFormat: WebP, TIFF, ICO, CUR and MPO by their magic bytes", "[decode][formats]") {
  CHECK(sniff({'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}) == ImageFormat::Webp);
  CHECK_FALSE(sniff({'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'}));
  CHECK(sniff({'I', 'I', '*', 0}) == ImageFormat::Tiff);
  CHECK(sniff({'M', 'M', 0, '*'}) == ImageFormat::Tiff);
  CHECK(sniff({'I', 'I', '+', 0}) == ImageFormat::Tiff);
  CHECK_FALSE(sniff({'I', 'I', '*', 1}));
  CHECK(sniff({0, 0, 1, 0, 1, 0}) == ImageFormat::Ico);
  CHECK(sniff({0, 0, 2, 0, 1, 0}) == ImageFormat::Ico);
  CHECK_FALSE(sniff({0, 0, 1, 0, 0, 0}));                       // no entries
  CHECK_FALSE(sniff({0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0}));     // an uncompressed TGA's first bytes
  CHECK_FALSE(sniff({0, 0, 1, 0, 1, 0, 16, 16, 0, 7}));         // entry's reserved byte is not 0
  const Bytes jpeg = encodeJpeg(solid(8, 8, {1, 2, 3}));
  CHECK(sniff(jpeg) == ImageFormat::Jpeg);
  CHECK(sniff(encodeMpo(jpeg, jpeg)) == ImageFormat::Mpo);
  CHECK(sniff(withExifOrientation(encodeMpo(jpeg, jpeg), 6, false)) == ImageFormat::Mpo);  // MPF after APP1
}

TEST_CASE("WebP: lossy and lossless decode to their size and colours", "[decode][formats]") {
  const Pixels p = halves(96, 64);
  SECTION("lossy (VP8)") {
    auto d = decode(encodeWebp(p, false));
    CHECK(d.format == ImageFormat::Webp);
    CHECK(d.image.width == 96);
    CHECK(d.image.height == 64);
    CHECK_FALSE(d.animated);
    checkHalves(d.image, 14);
  }
  SECTION("lossless (VP8L) is exact") {
    auto d = decode(encodeWebp(p, true));
    CHECK(d.image.width == 96);
    checkHalves(d.image, 0);
  }
  SECTION("odd sizes") {
    auto d = decode(encodeWebp(halves(75, 53), false));
    CHECK(d.image.width == 75);
    CHECK(d.image.height == 53);
  }
}

TEST_CASE("WebP: alpha (lossy ALPH and lossless) is composited on white", "[decode][formats]") {
  const Pixels p = halves(96, 64, 4);
  checkHalves(decode(encodeWebp(p, true)).image, 0, true);
  checkHalves(decode(encodeWebp(p, false)).image, 14, true);
}

TEST_CASE("WebP: EXIF orientation is applied and the size is upright", "[decode][formats]") {
  const Bytes webp = encodeWebp(redQuadrant(60, 80), true);
  auto upright = decode(webpWithExif(webp, 1));
  CHECK(upright.image.width == 60);
  CHECK(near(upright.image.pixel(10, 10), 255, 0, 0, 40));
  auto d = decode(webpWithExif(webp, 6));  // rotate 90 clockwise: stored top-left lands top-right
  CHECK(d.exifOrientation == 6);
  CHECK(d.image.width == 80);
  CHECK(d.image.height == 60);
  CHECK(near(d.image.pixel(70, 10), 255, 0, 0, 40));
  CHECK_FALSE(near(d.image.pixel(10, 10), 255, 0, 0, 40));
  auto alpha = decode(webpWithExif(encodeWebp(halves(96, 64, 4), false), 3));  // VP8X + ALPH + VP8 + EXIF
  CHECK(alpha.exifOrientation == 3);
  CHECK(near(alpha.image.pixel(10, 10), 255, 255, 255, 14));  // the transparent bottom is now on top
}

TEST_CASE("WebP: an animation decodes its first frame on the canvas", "[decode][formats]") {
  const Bytes first = encodeWebp(solid(32, 24, {200, 0, 0}), true);
  const Bytes second = encodeWebp(solid(96, 64, {0, 0, 200}), true);
  auto d = decode(animatedWebp(96, 64, {{first, 16, 8}, {second}}));
  CHECK(d.format == ImageFormat::Webp);
  CHECK(d.animated);
  CHECK(d.image.width == 96);
  CHECK(d.image.height == 64);
  CHECK(near(d.image.pixel(20, 10), 200, 0, 0));      // inside the first frame
  CHECK(near(d.image.pixel(80, 50), 255, 255, 255));  // canvas outside it: transparent, so white
  CHECK_FALSE(decode(animatedWebp(96, 64, {{second}})).animated);
}

TEST_CASE("TIFF: every baseline compression, RGB, grey and palette, strips and tiles", "[decode][formats]") {
  const Pixels p = halves(70, 52);
  const Pixels indexed = makePixels(70, 52, 1, [](int x, int, std::uint8_t* px) { px[0] = x < 35 ? 0 : 1; });
  for (int compression : {1, 5, 8, 32773}) {
    for (bool tiled : {false, true}) {
      INFO("compression " << compression << (tiled ? " tiled" : " strips"));
      auto rgb = decode(encodeTiff(p, {TiffColor::Rgb, compression, tiled}));
      CHECK(rgb.format == ImageFormat::Tiff);
      CHECK(rgb.image.width == 70);
      CHECK(rgb.image.height == 52);
      checkHalves(rgb.image, 0);
      auto grey = decode(encodeTiff(p, {TiffColor::Grey, compression, tiled}));  // channel 0 as grey
      CHECK(near(grey.image.pixel(10, 10), kBlue[0], kBlue[0], kBlue[0]));
      CHECK(near(grey.image.pixel(60, 40), kYellow[0], kYellow[0], kYellow[0]));
      auto palette = decode(encodeTiff(indexed, {TiffColor::Palette, compression, tiled, false, {kBlue, kYellow}}));
      checkHalves(palette.image, 0);
    }
  }
  SECTION("big-endian (MM)") { checkHalves(decode(encodeTiff(p, {TiffColor::Rgb, 5, false, true})).image, 0); }
}

TEST_CASE("TIFF: unsupported compressions say what to send", "[decode][formats]") {
  Bytes tiff = encodeTiff(halves(64, 56), {TiffColor::Rgb, 1});
  // Rewrite the Compression tag's value (tag 259, SHORT) to 7, JPEG.
  const std::size_t ifd = tiff[4] | (tiff[5] << 8);
  bool rewritten = false;
  for (std::size_t e = ifd + 2; e + 12 <= tiff.size() && !rewritten; e += 12)
    if (tiff[e] == 0x03 && tiff[e + 1] == 0x01) tiff[e + 8] = 7, rewritten = true;
  REQUIRE(rewritten);
  auto e = decodeError(tiff);
  CHECK(e.code() == ErrorCode::InvalidImageFormat);
  CHECK(mentions(e, "compression 7"));
  CHECK(mentions(e, "LZW"));
}

TEST_CASE("ICO: the largest entry, PNG or BMP inside; CUR alike", "[decode][formats]") {
  const Pixels small = halves(56, 56), large = halves(128, 128);
  SECTION("PNG entry chosen over a smaller DIB") {
    auto d = decode(encodeIco({icoDib(small, 32), encodePng(large)}));
    CHECK(d.format == ImageFormat::Ico);
    CHECK(d.image.width == 128);
    checkHalves(d.image, 0);
  }
  SECTION("DIB entry chosen over a smaller PNG; 32-bit alpha") {
    auto d = decode(encodeIco({encodePng(small), icoDib(halves(128, 128, 4), 32)}));
    CHECK(d.image.width == 128);
    CHECK(d.image.height == 128);
    checkHalves(d.image, 0, true);
  }
  SECTION("24-bit DIB: the AND mask makes pixels transparent") {
    auto d = decode(encodeIco({icoDib(large, 24, [](int x, int y) { return x < 16 && y < 16; })}));
    CHECK(near(d.image.pixel(4, 4), 255, 255, 255));
    CHECK(near(d.image.pixel(4, 100), kBlue[0], kBlue[1], kBlue[2]));
    checkHalves(d.image, 0);
  }
  SECTION("same size: the deeper entry wins") {
    auto d = decode(encodeIco({icoDib(solid(64, 64, {200, 0, 0}), 24), icoDib(halves(64, 64), 32)}));
    checkHalves(d.image, 0);
  }
  SECTION("cursor") {
    auto d = decode(encodeIco({encodePng(large)}, true));
    CHECK(d.format == ImageFormat::Ico);
    checkHalves(d.image, 0);
  }
  SECTION("a 16x16 icon is below the minimum side") {
    CHECK(decodeError(encodeIco({encodePng(halves(16, 16))})).code() == ErrorCode::InvalidImageSize);
  }
}

TEST_CASE("MPO: the first image is decoded; format Mpo", "[decode][formats]") {
  const Bytes left = encodeJpeg(halves(80, 60)), right = encodeJpeg(solid(120, 90, {200, 0, 0}));
  auto d = decode(encodeMpo(left, right));
  CHECK(d.format == ImageFormat::Mpo);
  CHECK(d.image.width == 80);
  CHECK(d.image.height == 60);
  checkHalves(d.image, 12);
  auto rotated = decode(withExifOrientation(encodeMpo(left, right), 6, false));
  CHECK(rotated.image.width == 60);
  CHECK(decodeError(prefix(encodeMpo(left, right), left.size() / 2)).code() == ErrorCode::InvalidImageFormat);
  // Only the first image is analysed: a cut inside a later one does not matter.
  const Bytes mpo = encodeMpo(left, right);
  CHECK(decode(prefix(mpo, mpo.size() - right.size() / 2)).image.width == 80);
  CHECK(std::string(lv::formatName(ImageFormat::Mpo)) == "Mpo");
}

TEST_CASE("new formats: declared sizes are checked against the limits before decoding", "[decode][formats]") {
  lv::Limits limits;
  limits.maxSide = 60;
  for (const Named& s : samples()) {
    INFO(s.name);
    CHECK(decode(s.bytes).image.width == 64);
    CHECK(decodeError(s.bytes, limits).code() == ErrorCode::InvalidImageSize);
  }
  SECTION("a TIFF header declaring 60000x60000 is refused without reading pixels") {
    Bytes tiff = encodeTiff(halves(64, 56), {TiffColor::Rgb, 8});
    const std::size_t ifd = tiff[4] | (tiff[5] << 8);
    for (std::size_t e = ifd + 2; e + 12 <= tiff.size(); e += 12)
      if (tiff[e + 1] == 0x01 && (tiff[e] == 0x00 || tiff[e] == 0x01)) {
        tiff[e + 2] = 4;  // LONG
        tiff[e + 8] = 0x60, tiff[e + 9] = 0xEA, tiff[e + 10] = 0, tiff[e + 11] = 0;  // 60000
      }
    auto e = decodeError(tiff);
    CHECK(e.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(e, "60000x60000"));
  }
}

TEST_CASE("new formats: truncated files are InvalidImageFormat", "[decode][formats]") {
  for (const Named& s : samples()) {
    const std::size_t needed = s.needed ? s.needed : s.bytes.size();
    for (std::size_t cut : {std::size_t{4}, std::size_t{13}, std::size_t{40}, needed / 3, needed / 2, needed - 9}) {
      INFO(s.name << " cut at " << cut);
      auto e = decodeError(prefix(s.bytes, cut));
      CHECK(e.code() == ErrorCode::InvalidImageFormat);
      CHECK(mentions(e, "Send"));
    }
  }
}

TEST_CASE("new formats: random damage never escapes as anything but AnalysisError", "[decode][formats]") {
  std::mt19937 rng(4321);
  for (const Named& s : samples()) {
    for (int round = 0; round < 60; ++round) {
      Bytes b = s.bytes;
      for (int f = 0, flips = 1 + static_cast<int>(rng() % 4); f < flips; ++f) {
        std::size_t at = rng() % 2 ? rng() % std::min<std::size_t>(b.size(), 200) : rng() % b.size();
        b[at] = static_cast<std::uint8_t>(rng());
      }
      if (rng() % 3 == 0) b.resize(1 + rng() % b.size());
      try {
        auto d = decode(b);
        CHECK(d.image.rgb.size() == d.image.pixelCount() * 3);
      } catch (const lv::AnalysisError& e) {
        INFO(s.name << ": " << e.what());
        CHECK((e.code() == ErrorCode::InvalidImageFormat || e.code() == ErrorCode::InvalidImageSize));
      }
    }
  }
}
