#include <catch2/catch.hpp>

#include "decode/decode_test_util.hpp"
#include "decode/exif.hpp"

using namespace lvtest;
using lv::ErrorCode;

namespace {

int orientationOf(const Bytes& tiff) { return lv::parseExifOrientation({tiff.data(), tiff.size()}); }

// The TIFF block withExifOrientation() writes (after "Exif\0\0").
Bytes tiffOf(int orientation, bool bigEndian) {
  Bytes jpeg = {0xFF, 0xD8};
  Bytes withApp1 = withExifOrientation(jpeg, orientation, bigEndian);
  return Bytes(withApp1.begin() + 2 + 4 + 6, withApp1.end());
}

// Which quadrant (0 TL, 1 TR, 2 BL, 3 BR) holds the red, by sampling centres.
int redQuadrantOf(const lv::Image& img) {
  int found = -1;
  for (int q = 0; q < 4; ++q) {
    int x = (q % 2) ? img.width * 3 / 4 : img.width / 4;
    int y = (q / 2) ? img.height * 3 / 4 : img.height / 4;
    const std::uint8_t* px = img.pixel(x, y);
    if (px[0] > 200 && px[2] < 60) {
      if (found >= 0) return -2;  // more than one red quadrant
      found = q;
    }
  }
  return found;
}

}  // namespace

TEST_CASE("EXIF orientation parse: both byte orders, all values", "[decode]") {
  for (bool mm : {false, true})
    for (int o = 1; o <= 8; ++o) CHECK(orientationOf(tiffOf(o, mm)) == o);
}

TEST_CASE("EXIF orientation parse is defensive", "[decode]") {
  CHECK(orientationOf({}) == 1);
  CHECK(orientationOf({'I', 'I', 42, 0}) == 1);
  CHECK(orientationOf(tiffOf(9, false)) == 1);
  CHECK(orientationOf(tiffOf(0, true)) == 1);
  Bytes t = tiffOf(6, false);
  for (std::size_t cut = 0; cut < t.size(); ++cut) {
    int o = orientationOf(prefix(t, cut));
    CHECK((o == 1 || o == 6));
  }
  Bytes badOffset = t;
  badOffset[4] = 0xFF; badOffset[5] = 0xFF; badOffset[6] = 0xFF; badOffset[7] = 0xFF;
  CHECK(orientationOf(badOffset) == 1);
  Bytes hugeCount = t;
  hugeCount[8] = 0xFF; hugeCount[9] = 0xFF;  // 65535 entries, file has 2
  CHECK(orientationOf(hugeCount) == 6);      // found before running off the end
  Bytes wrongType = t;
  wrongType[8 + 2 + 12 + 2] = 7;             // orientation with type UNDEFINED
  CHECK(orientationOf(wrongType) == 1);
  Bytes badOrder = t;
  badOrder[0] = 'X';
  CHECK(orientationOf(badOrder) == 1);
}

TEST_CASE("applyOrientation maps a 3x2 image for all 8 orientations", "[decode]") {
  lv::Image img(3, 2);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x) img.pixel(x, y)[0] = static_cast<std::uint8_t>(10 * y + x);  // 0 1 2 / 10 11 12
  auto firstRow = [](const lv::Image& o) {
    std::vector<int> v;
    for (int x = 0; x < o.width; ++x) v.push_back(o.pixel(x, 0)[0]);
    return v;
  };
  using V = std::vector<int>;
  CHECK(firstRow(lv::applyOrientation(img, 1)) == V{0, 1, 2});
  CHECK(firstRow(lv::applyOrientation(img, 2)) == V{2, 1, 0});
  CHECK(firstRow(lv::applyOrientation(img, 3)) == V{12, 11, 10});
  CHECK(firstRow(lv::applyOrientation(img, 4)) == V{10, 11, 12});
  CHECK(firstRow(lv::applyOrientation(img, 5)) == V{0, 10});
  CHECK(firstRow(lv::applyOrientation(img, 6)) == V{10, 0});
  CHECK(firstRow(lv::applyOrientation(img, 7)) == V{12, 2});
  CHECK(firstRow(lv::applyOrientation(img, 8)) == V{2, 12});
  CHECK(lv::applyOrientation(img, 6).height == 3);
}

TEST_CASE("JPEG EXIF orientations 1-8 are applied: upright size and red corner", "[decode]") {
  const Bytes jpeg = encodeJpeg(redQuadrant(60, 80), 95);  // stored 60 wide, 80 tall, red top-left
  // Where the stored top-left corner is displayed: 0 TL, 1 TR, 2 BL, 3 BR.
  const int expected[9] = {0, 0, 1, 3, 2, 0, 1, 3, 2};
  for (bool mm : {false, true}) {
    for (int o = 1; o <= 8; ++o) {
      INFO("orientation " << o << (mm ? " MM" : " II"));
      auto d = decode(withExifOrientation(jpeg, o, mm));
      CHECK(d.exifOrientation == o);
      CHECK(d.image.width == (o >= 5 ? 80 : 60));
      CHECK(d.image.height == (o >= 5 ? 60 : 80));
      CHECK(redQuadrantOf(d.image) == expected[o]);
    }
  }
  SECTION("without EXIF, orientation 1") {
    auto d = decode(jpeg);
    CHECK(d.exifOrientation == 1);
    CHECK(redQuadrantOf(d.image) == 0);
  }
  SECTION("size limits apply to the stored size, which the rotation only swaps") {
    lv::Limits limits;
    limits.minSide = 70;
    CHECK(decodeError(withExifOrientation(jpeg, 6, false), limits).code() == lv::ErrorCode::InvalidImageSize);
  }
}

namespace {

// A PNG with `chunk` inserted right after IHDR (or before IEND when `late`).
Bytes pngWith(const Bytes& png, const Bytes& chunk, bool late = false) {
  Bytes out = png;
  const std::size_t at = late ? png.size() - 12 : 33;
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin(), chunk.end());
  return out;
}

}  // namespace

TEST_CASE("JPEG: EXIF comes from the first valid APP1 Exif segment, whatever comes before it", "[decode]") {
  const Bytes jpeg = encodeJpeg(redQuadrant(60, 80), 95);
  const std::string xmp = "http://ns.adobe.com/xap/1.0/";
  Bytes xmpPayload(xmp.begin(), xmp.end());
  xmpPayload.insert(xmpPayload.end(), {0, '<', 'x', '/', '>'});
  const Bytes badExif = jpegSegment(0xE1, {'E', 'x', 'i', 'f', 0, 0, 'X', 'X', 0, 0, 0, 0, 0, 8});
  for (bool mm : {false, true}) {
    INFO((mm ? "MM" : "II"));
    Bytes b = withSegment(withExifOrientation(jpeg, 6, mm), badExif);  // XMP, bad Exif, good Exif
    b = withSegment(b, jpegSegment(0xE1, xmpPayload));
    auto d = decode(b);
    CHECK(d.exifOrientation == 6);
    CHECK(d.image.width == 80);
    CHECK(redQuadrantOf(d.image) == 1);
  }
}

TEST_CASE("PNG: eXIf orientation is applied, as browsers do", "[decode]") {
  const Bytes png = encodePng(redQuadrant(60, 80));
  const int expected[9] = {0, 0, 1, 3, 2, 0, 1, 3, 2};
  for (bool mm : {false, true}) {
    for (int o : {1, 3, 6, 8}) {
      INFO("orientation " << o << (mm ? " MM" : " II"));
      auto d = decode(pngWith(png, pngChunk("eXIf", exifTiff(o, mm))));
      CHECK(d.exifOrientation == o);
      CHECK(d.image.width == (o >= 5 ? 80 : 60));
      CHECK(redQuadrantOf(d.image) == expected[o]);
    }
  }
  SECTION("an eXIf with a bad CRC is ignored, like any damaged ancillary chunk") {
    Bytes chunk = pngChunk("eXIf", exifTiff(6, false));
    chunk.back() ^= 1;
    auto d = decode(pngWith(png, chunk));
    CHECK(d.exifOrientation == 1);
    CHECK(d.image.width == 60);
  }
  SECTION("an eXIf after the image data is ignored (PNG 1.5 requires it before IDAT)") {
    CHECK(decode(pngWith(png, pngChunk("eXIf", exifTiff(6, false)), true)).exifOrientation == 1);
  }
}

TEST_CASE("PNG: ancillary chunks with bad CRCs are tolerated", "[decode]") {
  const Bytes png = encodePng(redQuadrant(60, 80));
  for (bool late : {false, true}) {
    Bytes chunk = pngChunk("tEXt", {'C', 'o', 'm', 'm', 'e', 'n', 't', 0, 'h', 'i'});
    chunk[chunk.size() - 2] ^= 0x40;
    auto d = decode(pngWith(png, chunk, late));
    CHECK(redQuadrantOf(d.image) == 0);
  }
}

TEST_CASE("PNG: a missing IEND after complete image data decodes, with a warning", "[decode]") {
  const Bytes png = encodePng(redQuadrant(60, 80));
  const auto reference = decode(png);
  for (std::size_t cut : {std::size_t{12}, std::size_t{5}, std::size_t{1}}) {  // IEND gone, or cut inside it
    INFO("cut " << cut);
    auto d = decode(prefix(png, png.size() - cut));
    CHECK(d.image.rgb == reference.image.rgb);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].find("IEND") != std::string::npos);
  }
  SECTION("image data split over two IDATs, the second missing: truncated") {
    PngSpec spec;
    spec.width = 60;
    spec.height = 60;
    spec.colorType = 0;
    spec.rows.assign(60 * 60, 128);
    const Bytes whole = encodePngRaw(spec);
    // Re-chunk: the IDAT payload in two halves, then drop the second half and IEND.
    const std::size_t idatAt = 33;
    const std::uint32_t length = static_cast<std::uint32_t>(whole[idatAt] << 24 | whole[idatAt + 1] << 16 |
                                                            whole[idatAt + 2] << 8 | whole[idatAt + 3]);
    Bytes firstHalf(whole.begin() + idatAt + 8, whole.begin() + idatAt + 8 + length / 2);
    Bytes b(whole.begin(), whole.begin() + idatAt);
    Bytes idat = pngChunk("IDAT", firstHalf);
    b.insert(b.end(), idat.begin(), idat.end());
    auto e = decodeError(b);
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "truncated"));
  }
}
