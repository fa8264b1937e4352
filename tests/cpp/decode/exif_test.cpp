#include <catch2/catch.hpp>

#include "decode/decode_test_util.hpp"
#include "decode/exif.hpp"

using namespace lvtest;

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
