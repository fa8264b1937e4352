// The inputs of ../shared/cases (README.md there): files real applications
// send and browsers display. Skipped where that folder is absent.
#include <catch2/catch.hpp>

#include <filesystem>

#include "decode/decode_test_util.hpp"

using namespace lvtest;

namespace {

bool haveCases() {
  if (std::filesystem::exists(LV_CASES_DIR "/README.md")) return true;
  WARN("no cases folder at " LV_CASES_DIR ": skipped");
  return false;
}

lv::DecodedImage decodeCase(const char* name) { return decode(readFile(std::string(LV_CASES_DIR "/") + name)); }

// Red is (220, 30, 30).
void checkRed(const lv::Image& image) {
  for (int y : {0, image.height / 2, image.height - 1})
    for (int x : {0, image.width / 2, image.width - 1}) CHECK(near(image.pixel(x, y), 220, 30, 30, 8));
}

}  // namespace

TEST_CASE("cases: each file gives the result its README names", "[decode][cases]") {
  if (!haveCases()) return;
  SECTION("CMYK JPEG without APP14: red") {
    auto d = decodeCase("jpeg_cmyk_no_app14_red.jpg");
    checkRed(d.image);
  }
  SECTION("JPEG missing EOI: 120x400, with a warning") {
    auto d = decodeCase("jpeg_missing_eoi.jpg");
    CHECK(d.image.width == 120);
    CHECK(d.image.height == 400);
    CHECK(d.warnings.size() == 1);
  }
  SECTION("PNG eXIf orientation 6: upright 100x400") {
    auto d = decodeCase("png_exif_chunk_orient6.png");
    CHECK(d.exifOrientation == 6);
    CHECK(d.image.width == 100);
    CHECK(d.image.height == 400);
  }
  SECTION("GIF frame larger than its screen: 120x80") {
    auto d = decodeCase("gif_frame_larger_than_logical_screen.gif");
    CHECK(d.image.width == 120);
    CHECK(d.image.height == 80);
  }
  SECTION("RLE8 BMP: 120x400") {
    auto d = decodeCase("bmp_rle8.bmp");
    CHECK(d.image.width == 120);
    CHECK(d.image.height == 400);
  }
}
