#include <catch2/catch.hpp>

#include <vector>

#include "decode/decode.hpp"
#include "decode/decode_test_util.hpp"
#include "decode/pixels.hpp"
#include "decode/stb_alloc.hpp"

using lv::ErrorCode;
using lv::ImageFormat;
using namespace lvtest;

namespace {

Pixels gradient(int w, int h) {
  return makePixels(w, h, 3, [](int x, int y, std::uint8_t* px) {
    px[0] = static_cast<std::uint8_t>(x * 3);
    px[1] = static_cast<std::uint8_t>(y * 2);
    px[2] = static_cast<std::uint8_t>((x + y) & 0xFF);
  });
}

}  // namespace

TEST_CASE("PNG, BMP and JPEG round-trip with their format and size", "[decode]") {
  Pixels p = gradient(64, 52);
  SECTION("PNG is lossless") {
    auto d = decode(encodePng(p));
    CHECK(d.format == ImageFormat::Png);
    REQUIRE(d.image.width == 64);
    REQUIRE(d.image.height == 52);
    CHECK(std::equal(p.data.begin(), p.data.end(), d.image.rgb.begin()));
    CHECK_FALSE(d.animated);
    CHECK(d.exifOrientation == 1);
  }
  SECTION("BMP is lossless") {
    auto d = decode(encodeBmp(p));
    CHECK(d.format == ImageFormat::Bmp);
    REQUIRE(d.image.width == 64);
    CHECK(std::equal(p.data.begin(), p.data.end(), d.image.rgb.begin()));
  }
  SECTION("JPEG is close") {
    auto d = decode(encodeJpeg(solid(64, 52, {200, 40, 90})));
    CHECK(d.format == ImageFormat::Jpeg);
    REQUIRE(d.image.width == 64);
    REQUIRE(d.image.height == 52);
    CHECK(near(d.image.pixel(30, 30), 200, 40, 90, 4));
  }
}

TEST_CASE("grayscale inputs become gray RGB", "[decode]") {
  Pixels gray = makePixels(60, 50, 1, [](int x, int, std::uint8_t* px) { *px = static_cast<std::uint8_t>(x * 4); });
  for (const Bytes& file : {encodePng(gray), encodeJpeg(gray, 100)}) {
    auto d = decode(file);
    REQUIRE(d.image.width == 60);
    const std::uint8_t* px = d.image.pixel(40, 10);
    CHECK(px[0] == px[1]);
    CHECK(px[1] == px[2]);
    CHECK(std::abs(px[0] - 160) <= 3);
  }
}

TEST_CASE("alpha is composited on white", "[decode]") {
  Pixels rgba = makePixels(50, 50, 4, [](int x, int, std::uint8_t* px) {
    px[0] = 0;
    px[1] = 0;
    px[2] = 0;
    px[3] = x < 10 ? 0 : x < 20 ? 128 : 255;  // transparent, half, opaque black
  });
  for (const Bytes& file : {encodePng(rgba), encodeBmp(rgba)}) {
    auto d = decode(file);
    CHECK(near(d.image.pixel(5, 5), 255, 255, 255));
    CHECK(near(d.image.pixel(15, 5), 127, 127, 127, 1));
    CHECK(near(d.image.pixel(30, 5), 0, 0, 0));
  }
  SECTION("gray + alpha") {
    Pixels ga = makePixels(50, 50, 2, [](int, int, std::uint8_t* px) { px[0] = 100; px[1] = 0; });
    CHECK(near(decode(encodePng(ga)).image.pixel(1, 1), 255, 255, 255));
  }
}

TEST_CASE("palette PNG, with and without tRNS", "[decode]") {
  PngSpec spec;
  spec.width = 50;
  spec.height = 50;
  spec.bitDepth = 8;
  spec.colorType = 3;
  spec.palette = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
  for (std::uint32_t y = 0; y < 50; ++y)
    for (std::uint32_t x = 0; x < 50; ++x) spec.rows.push_back(static_cast<std::uint8_t>(x < 25 ? 0 : y < 25 ? 1 : 2));
  auto d = decode(encodePngRaw(spec));
  CHECK(d.format == ImageFormat::Png);
  CHECK(near(d.image.pixel(0, 0), 255, 0, 0));
  CHECK(near(d.image.pixel(40, 0), 0, 255, 0));
  CHECK(near(d.image.pixel(40, 40), 0, 0, 255));
  spec.trns = {0, 255, 255};  // red fully transparent
  auto t = decode(encodePngRaw(spec));
  CHECK(near(t.image.pixel(0, 0), 255, 255, 255));
  CHECK(near(t.image.pixel(40, 40), 0, 0, 255));
  SECTION("4-bit palette") {
    PngSpec p4 = spec;
    p4.trns.clear();
    p4.bitDepth = 4;
    p4.rows.clear();
    for (int y = 0; y < 50; ++y)
      for (int x = 0; x < 25; ++x) p4.rows.push_back(0x12);  // pixels alternate green, blue
    auto q = decode(encodePngRaw(p4));
    CHECK(near(q.image.pixel(0, 3), 0, 255, 0));
    CHECK(near(q.image.pixel(1, 3), 0, 0, 255));
  }
}

TEST_CASE("16-bit PNGs are reduced to their high byte", "[decode]") {
  PngSpec spec;
  spec.width = 52;
  spec.height = 50;
  spec.bitDepth = 16;
  SECTION("RGB 16") {
    spec.colorType = 2;
    for (int i = 0; i < 52 * 50; ++i) spec.rows.insert(spec.rows.end(), {0xAB, 0xCD, 0x12, 0x34, 0xFF, 0xFF});
    auto d = decode(encodePngRaw(spec));
    REQUIRE(d.image.width == 52);
    CHECK(near(d.image.pixel(51, 49), 0xAB, 0x12, 0xFF));
  }
  SECTION("gray 16") {
    spec.colorType = 0;
    for (int i = 0; i < 52 * 50; ++i) spec.rows.insert(spec.rows.end(), {0x80, 0x01});
    CHECK(near(decode(encodePngRaw(spec)).image.pixel(3, 3), 0x80, 0x80, 0x80));
  }
  SECTION("RGBA 16, half transparent black") {
    spec.colorType = 6;
    for (int i = 0; i < 52 * 50; ++i) spec.rows.insert(spec.rows.end(), {0, 0, 0, 0, 0, 0, 0x80, 0x00});
    CHECK(near(decode(encodePngRaw(spec)).image.pixel(3, 3), 127, 127, 127, 1));
  }
}

TEST_CASE("skimage samples decode at their known sizes", "[decode]") {
  struct Sample { const char* name; int w, h; ImageFormat format; };
  for (const Sample& s : {Sample{"chelsea.png", 451, 300, ImageFormat::Png},
                          Sample{"camera.png", 512, 512, ImageFormat::Png},
                          Sample{"horse.png", 400, 328, ImageFormat::Png},
                          Sample{"rocket.jpg", 640, 427, ImageFormat::Jpeg}}) {
    INFO(s.name);
    auto d = decode(readFile(std::string(LV_SAMPLES_DIR) + "/" + s.name));
    CHECK(d.image.width == s.w);
    CHECK(d.image.height == s.h);
    CHECK(d.format == s.format);
    CHECK(d.image.rgb.size() == static_cast<std::size_t>(s.w) * s.h * 3);
  }
  // horse is a black silhouette on a transparent background: corners are white.
  auto horse = decode(readFile(std::string(LV_SAMPLES_DIR) + "/horse.png"));
  CHECK(near(horse.image.pixel(0, 0), 255, 255, 255));
}

TEST_CASE("empty, unknown and oversized inputs", "[decode]") {
  SECTION("0 bytes") {
    auto e = decodeError({});
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "empty"));
  }
  SECTION("unknown magic says what was found and what to send") {
    auto e = decodeError({'8', 'B', 'P', 'S', 0, 1, 0, 0, 0, 0, 0, 0});
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "38 42 50 53"));
    CHECK(mentions(e, "JPEG, PNG, GIF, BMP, WebP, TIFF, ICO or MPO"));
  }
  SECTION("text") { CHECK(decodeError({'h', 'e', 'l', 'l', 'o'}).code() == ErrorCode::InvalidImageFormat); }
  SECTION("over maxBytes") {
    lv::Limits limits;
    limits.maxBytes = 100;
    Bytes png = encodePng(gradient(60, 60));
    auto e = decodeError(png, limits);
    CHECK(e.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(e, "limit is 100 bytes"));
    Bytes big(20u * 1024 * 1024 + 1, 0);
    CHECK(decodeError(big).code() == ErrorCode::InvalidImageSize);
  }
}

TEST_CASE("side and pixel limits, for every format, before decoding", "[decode]") {
  for (int format = 0; format < 4; ++format) {
    auto encode = [&](int w, int h) -> Bytes {
      switch (format) {
        case 0: return encodePng(solid(w, h, {1, 2, 3}));
        case 1: return encodeJpeg(solid(w, h, {1, 2, 3}));
        case 2: return encodeBmp(solid(w, h, {1, 2, 3}));
        default: return encodeGif(w, h, {{1, 2, 3}}, {gifFill(w, h, 0)});
      }
    };
    INFO("format " << format);
    auto small = decodeError(encode(49, 60));
    CHECK(small.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(small, "49x60"));
    CHECK(mentions(small, "at least 50"));
    CHECK(decodeError(encode(60, 49)).code() == ErrorCode::InvalidImageSize);
    CHECK(decode(encode(50, 50)).image.width == 50);

    lv::Limits limits;
    limits.minSide = 10;
    limits.maxSide = 100;
    CHECK(decode(encode(20, 30), limits).image.height == 30);
    auto large = decodeError(encode(101, 20), limits);
    CHECK(large.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(large, "at most 100"));
    limits.maxPixels = 99 * 99;
    auto many = decodeError(encode(100, 100), limits);
    CHECK(many.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(many, "9801"));
  }
}

TEST_CASE("decompression bombs are refused from the header", "[decode]") {
  SECTION("PNG declaring 60000x60000 with a tiny IDAT") {
    Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    for (const Bytes& c : {pngIhdr(60000, 60000, 8, 2), pngChunk("IDAT", zlibZeros(1000)), pngChunk("IEND", {})})
      png.insert(png.end(), c.begin(), c.end());
    auto e = decodeError(png);
    CHECK(e.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(e, "60000x60000"));
    CHECK(mentions(e, "16000"));
  }
  SECTION("a well-formed 15000x15000 PNG of zeros: within the side limit, over maxPixels") {
    Bytes png = pngOfZeros(15000, 15000);
    CHECK(png.size() < 2'000'000);
    auto before = lv::decode_detail::stbAllocStats().allocations;
    auto e = decodeError(png);
    CHECK(e.code() == ErrorCode::InvalidImageSize);
    CHECK(mentions(e, "15000x15000"));
    CHECK(mentions(e, "50000000"));
    CHECK(lv::decode_detail::stbAllocStats().allocations == before);  // stb never ran
  }
  SECTION("the zero-PNG generator is itself valid") {
    auto d = decode(pngOfZeros(300, 200));
    CHECK(d.image.width == 300);
    CHECK(near(d.image.pixel(299, 199), 0, 0, 0));
  }
  SECTION("JPEG, GIF and BMP headers declaring 60000x60000") {
    Bytes jpeg = encodeJpeg(solid(50, 50, {9, 9, 9}));
    for (std::size_t i = 2; i + 9 < jpeg.size(); ++i)
      if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
        jpeg[i + 5] = 0xEA; jpeg[i + 6] = 0x60;  // height 60000
        jpeg[i + 7] = 0xEA; jpeg[i + 8] = 0x60;  // width 60000
        break;
      }
    CHECK(decodeError(jpeg).code() == ErrorCode::InvalidImageSize);
    Bytes gif = encodeGif(50, 50, {{1, 1, 1}}, {gifFill(50, 50, 0)});
    gif[6] = 0x60; gif[7] = 0xEA; gif[8] = 0x60; gif[9] = 0xEA;
    CHECK(decodeError(gif).code() == ErrorCode::InvalidImageSize);
    Bytes bmp = encodeBmp(solid(50, 50, {1, 1, 1}));
    bmp[18] = 0x60; bmp[19] = 0xEA; bmp[22] = 0x60; bmp[23] = 0xEA;
    CHECK(decodeError(bmp).code() == ErrorCode::InvalidImageSize);
  }
  SECTION("a PNG whose data inflates far past its declared size") {
    // 60x60 gray declares 3660 bytes; the IDAT inflates to 400 MB.
    Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    for (const Bytes& c : {pngIhdr(60, 60, 8, 0), pngChunk("IDAT", zlibZeros(400'000'000)), pngChunk("IEND", {})})
      png.insert(png.end(), c.begin(), c.end());
    auto e = decodeError(png);
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(lv::decode_detail::stbAllocStats().peak < 64u << 20);
  }
}

TEST_CASE("imageFromRgba composites on white and applies the limits", "[decode]") {
  std::vector<std::uint8_t> rgba(60 * 50 * 4, 0);
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    rgba[i] = 255;
    rgba[i + 3] = (i / 4) % 60 < 30 ? 255 : 0;  // left half opaque red, right half transparent
  }
  auto d = lv::imageFromRgba(rgba.data(), 60, 50, {});
  CHECK(d.format == ImageFormat::Raw);
  CHECK(d.image.width == 60);
  CHECK(near(d.image.pixel(0, 0), 255, 0, 0));
  CHECK(near(d.image.pixel(59, 49), 255, 255, 255));
  auto code = [&](int w, int h, const std::uint8_t* p) {
    try {
      lv::imageFromRgba(p, w, h, {});
    } catch (const lv::AnalysisError& e) {
      return e.code();
    }
    return ErrorCode::InternalError;
  };
  CHECK(code(40, 50, rgba.data()) == ErrorCode::InvalidImageSize);
  CHECK(code(0, 50, rgba.data()) == ErrorCode::InvalidImageSize);
  CHECK(code(-5, 50, rgba.data()) == ErrorCode::InvalidImageSize);
  CHECK(code(16001, 50, rgba.data()) == ErrorCode::InvalidImageSize);
  CHECK(code(60, 50, nullptr) == ErrorCode::InvalidArgument);
}

TEST_CASE("dropAlpha keeps every pixel's RGB, past the last group of four", "[decode]") {
  // Seven pixels: one group of four, then three left over.
  lv::Image out(7, 1);
  std::vector<std::uint8_t> rgba(7 * 4);
  for (std::size_t i = 0; i < rgba.size(); ++i) rgba[i] = static_cast<std::uint8_t>(i % 4 == 3 ? 255 : i);
  lv::decode_detail::dropAlpha(rgba.data(), out);
  for (int x = 0; x < 7; ++x)
    for (int c = 0; c < 3; ++c) CHECK(out.pixel(x, 0)[c] == x * 4 + c);
}
