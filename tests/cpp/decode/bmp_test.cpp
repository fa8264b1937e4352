#include <catch2/catch.hpp>

#include "decode/bmp.hpp"
#include "decode/decode_test_util.hpp"

using lv::ErrorCode;
using namespace lvtest;

namespace {

// biCompression values.
constexpr std::uint32_t kRle8 = 1, kRle4 = 2, kBitfields = 3, kJpeg = 4, kPng = 5, kAlphaBitfields = 6;

const std::vector<Rgb> kColors = {{220, 30, 30}, {30, 160, 40}, {20, 40, 220}, {250, 220, 20}};

// Four vertical bands of kColors: 0 left ... 3 right; rows flip to index 3 - i below y = 30.
int band(int x, int y, int width) { return y < 30 ? x * 4 / width : 3 - x * 4 / width; }

void checkBands(const lv::DecodedImage& d, int width = 64, int height = 52, int tolerance = 0) {
  REQUIRE(d.image.width == width);
  REQUIRE(d.image.height == height);
  for (int y : {0, 10, 29, 30, 51})
    for (int x : {0, 15, 16, 40, 63}) {
      const Rgb& c = kColors[static_cast<std::size_t>(band(x, y, width))];
      INFO("pixel " << x << "," << y);
      CHECK(near(d.image.pixel(x, y), c[0], c[1], c[2], tolerance));
    }
}

BmpSpec palettized(std::uint32_t headerSize, int bitCount) {
  BmpSpec s;
  s.headerSize = headerSize;
  s.width = 64;
  s.height = 52;
  s.bitCount = bitCount;
  s.palette = kColors;
  if (bitCount == 1) s.palette = {kColors[0], kColors[2]};
  s.palette.resize(std::min<std::size_t>(std::size_t{1} << bitCount, 256), Rgb{0, 0, 0});
  s.pixels = bmpRows(64, 52, bitCount, [](int x, int y) { return static_cast<std::uint32_t>(band(x, y, 64)); });
  return s;
}

std::uint32_t bgr(const Rgb& c) { return std::uint32_t{c[0]} << 16 | std::uint32_t{c[1]} << 8 | c[2]; }

BmpSpec direct24(std::uint32_t headerSize) {
  BmpSpec s;
  s.headerSize = headerSize;
  s.width = 64;
  s.height = 52;
  s.bitCount = 24;
  s.pixels = bmpRows(64, 52, 24, [](int x, int y) { return bgr(kColors[static_cast<std::size_t>(band(x, y, 64))]); });
  return s;
}

// 16 bpp 5-6-5 words of the band colours.
std::uint32_t rgb565(const Rgb& c) { return (c[0] >> 3) << 11 | (c[1] >> 2) << 5 | c[2] >> 3; }

}  // namespace

TEST_CASE("BMP: every DIB header version decodes 24-bit rows", "[decode]") {
  // 12: BITMAPCOREHEADER (Windows 2.x, OS/2 1.x); 16 and 64: OS/2 2.x; 40:
  // Windows 3.x; 52, 56: V2, V3; 108: V4; 124: V5.
  for (std::uint32_t size : {12u, 16u, 24u, 40u, 52u, 56u, 64u, 108u, 124u}) {
    INFO("header size " << size);
    auto d = decode(encodeBmpRaw(direct24(size)));
    CHECK(d.format == lv::ImageFormat::Bmp);
    checkBands(d);
  }
}

TEST_CASE("BMP: 1, 2, 4 and 8 bpp palettes, RGBQUAD and RGBTRIPLE", "[decode]") {
  for (std::uint32_t size : {12u, 40u, 64u, 124u})
    for (int bits : {2, 4, 8}) {
      INFO("header " << size << ", " << bits << " bpp");
      checkBands(decode(encodeBmpRaw(palettized(size, bits))));
    }
  SECTION("1 bpp: two colours") {
    BmpSpec s = palettized(40, 1);
    s.pixels = bmpRows(64, 52, 1, [](int x, int) { return x < 32 ? 0u : 1u; });
    auto d = decode(encodeBmpRaw(s));
    CHECK(near(d.image.pixel(31, 5), 220, 30, 30));
    CHECK(near(d.image.pixel(32, 5), 20, 40, 220));
  }
  SECTION("biClrUsed smaller than 2^bpp; an index past the palette is black") {
    BmpSpec s = palettized(40, 8);
    s.palette.resize(3);
    s.colorsUsed = 3;
    auto d = decode(encodeBmpRaw(s));
    CHECK(near(d.image.pixel(0, 0), 220, 30, 30));
    CHECK(near(d.image.pixel(63, 0), 0, 0, 0));  // index 3
  }
}

TEST_CASE("BMP: 16 and 32 bpp, BI_RGB defaults and BI_BITFIELDS masks", "[decode]") {
  SECTION("16 bpp BI_RGB is 5-5-5") {
    BmpSpec s = direct24(40);
    s.bitCount = 16;
    s.pixels = bmpRows(64, 52, 16, [](int, int) { return (31u << 10) | (16u << 5) | 0u; });
    auto d = decode(encodeBmpRaw(s));
    CHECK(near(d.image.pixel(3, 3), 255, 131, 0, 1));
  }
  SECTION("16 bpp BI_BITFIELDS 5-6-5, masks after a 40-byte header and inside a V4 header") {
    for (std::uint32_t size : {40u, 108u}) {
      BmpSpec s = direct24(size);
      s.bitCount = 16;
      s.compression = kBitfields;
      s.masks = {0xF800, 0x07E0, 0x001F, 0};
      s.masksAfterHeader = size == 40 ? 3 : 0;
      s.pixels = bmpRows(64, 52, 16, [](int x, int y) { return rgb565(kColors[static_cast<std::size_t>(band(x, y, 64))]); });
      checkBands(decode(encodeBmpRaw(s)), 64, 52, 8);
    }
  }
  SECTION("32 bpp BI_BITFIELDS in a V5 header, with alpha") {
    BmpSpec s = direct24(124);
    s.bitCount = 32;
    s.compression = kBitfields;
    s.masks = {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000};
    s.pixels = bmpRows(64, 52, 32, [](int x, int) { return (x < 32 ? 0u : 0xFFu) << 24 | 0x000000u; });
    auto d = decode(encodeBmpRaw(s));
    CHECK(near(d.image.pixel(5, 5), 255, 255, 255));  // transparent black
    CHECK(near(d.image.pixel(40, 5), 0, 0, 0));       // opaque black
  }
  SECTION("32 bpp BI_ALPHABITFIELDS after a 40-byte header, unusual channel order") {
    BmpSpec s = direct24(40);
    s.bitCount = 32;
    s.compression = kAlphaBitfields;
    s.masks = {0x000000FF, 0x0000FF00, 0x00FF0000, 0xFF000000};  // R in the low byte
    s.masksAfterHeader = 4;
    s.pixels = bmpRows(64, 52, 32, [](int, int) { return 0xFF000000u | 20u << 16 | 40u << 8 | 220u; });
    CHECK(near(decode(encodeBmpRaw(s)).image.pixel(9, 9), 220, 40, 20));
  }
  SECTION("32 bpp BI_RGB whose alpha bytes are all zero is opaque") {
    BmpSpec s = direct24(40);
    s.bitCount = 32;
    s.pixels = bmpRows(64, 52, 32, [](int x, int y) { return bgr(kColors[static_cast<std::size_t>(band(x, y, 64))]); });
    checkBands(decode(encodeBmpRaw(s)));
  }
}

TEST_CASE("BMP: top-down rows", "[decode]") {
  BmpSpec s = palettized(40, 8);
  s.height = -52;
  s.pixels = bmpRows(64, 52, 8, [](int x, int y) { return static_cast<std::uint32_t>(band(x, 51 - y, 64)); });
  checkBands(decode(encodeBmpRaw(s)));
}

TEST_CASE("BMP: RLE8 and RLE4 of encoded runs", "[decode]") {
  for (int bits : {8, 4}) {
    INFO(bits << "-bit RLE");
    BmpSpec s = palettized(40, bits);
    s.compression = bits == 8 ? kRle8 : kRle4;
    s.pixels = rleRows(64, 52, bits, [](int x, int y) { return static_cast<std::uint8_t>(band(x, y, 64)); });
    checkBands(decode(encodeBmpRaw(s)));
  }
}

TEST_CASE("BMP: RLE absolute runs, deltas, end of line and end of bitmap", "[decode]") {
  // Bottom row: an absolute run of 3 (0,1,2, padded), an encoded run of 2 of
  // colour 3, end of line; then a delta of (4, 1) from (0, 1) and an
  // encoded run at (4, 2); then end of bitmap. Everything else: transparent.
  SECTION("RLE8") {
    BmpSpec s = palettized(40, 8);
    s.width = 60;
    s.height = 50;
    s.compression = kRle8;
    s.pixels = {0, 3, 0, 1, 2, 0, 2, 3, 0, 0, 0, 2, 4, 1, 5, 1, 0, 1};
    auto d = decode(encodeBmpRaw(s));
    REQUIRE(d.image.height == 50);
    CHECK(near(d.image.pixel(0, 49), 220, 30, 30));
    CHECK(near(d.image.pixel(1, 49), 30, 160, 40));
    CHECK(near(d.image.pixel(2, 49), 20, 40, 220));
    CHECK(near(d.image.pixel(4, 49), 250, 220, 20));
    CHECK(near(d.image.pixel(5, 49), 255, 255, 255));
    CHECK(near(d.image.pixel(3, 48), 255, 255, 255));  // skipped by the delta
    CHECK(near(d.image.pixel(4, 47), 30, 160, 40));
    CHECK(near(d.image.pixel(8, 47), 30, 160, 40));
    CHECK(near(d.image.pixel(9, 47), 255, 255, 255));
    CHECK(near(d.image.pixel(30, 10), 255, 255, 255));  // after end of bitmap
    CHECK(d.warnings.empty());
  }
  SECTION("RLE4: nibbles alternate in encoded and absolute runs") {
    BmpSpec s = palettized(40, 4);
    s.width = 60;
    s.height = 50;
    s.compression = kRle4;
    s.pixels = {0, 3, 0x01, 0x20, 5, 0x23, 0, 1};  // absolute 0,1,2 (2 bytes: no padding), then 2,3,2,3,2
    auto d = decode(encodeBmpRaw(s));
    const int expected[] = {0, 1, 2, 2, 3, 2, 3, 2};
    for (int x = 0; x < 8; ++x) {
      const Rgb& c = kColors[static_cast<std::size_t>(expected[x])];
      INFO("x " << x);
      CHECK(near(d.image.pixel(x, 49), c[0], c[1], c[2]));
    }
    CHECK(near(d.image.pixel(8, 49), 255, 255, 255));
  }
  SECTION("a run past the end of a row is clipped") {
    BmpSpec s = palettized(40, 8);
    s.width = 60;
    s.height = 50;
    s.compression = kRle8;
    s.pixels = {200, 1, 0, 0, 3, 2, 0, 1};
    auto d = decode(encodeBmpRaw(s));
    CHECK(near(d.image.pixel(59, 49), 30, 160, 40));
    CHECK(near(d.image.pixel(0, 48), 20, 40, 220));
    CHECK(near(d.image.pixel(3, 48), 255, 255, 255));
  }
}

TEST_CASE("BMP: OS/2 2.x RLE24", "[decode]") {
  BmpSpec s = direct24(64);
  s.width = 60;
  s.height = 50;
  s.compression = 4;  // RLE24 in an OS/2 2.x header
  // A run of 60 BGR pixels, end of line, an absolute run of 3 (9 bytes + 1
  // of padding), a delta to the last row; no end-of-bitmap marker.
  s.pixels = {60, 30, 30, 220, 0, 0, 0, 3, 20, 40, 220, 30, 160, 40, 250, 220, 20, 0, 0, 2, 0, 48};
  auto d = decode(encodeBmpRaw(s));
  CHECK(near(d.image.pixel(59, 49), 220, 30, 30));
  CHECK(near(d.image.pixel(0, 48), 220, 40, 20));
  CHECK(near(d.image.pixel(2, 48), 20, 220, 250));
  CHECK(d.warnings.size() == 1);  // no end-of-bitmap marker, but every row is there
}

TEST_CASE("BMP: truncation and damage are InvalidImageFormat", "[decode]") {
  SECTION("uncompressed rows cut short") {
    Bytes b = encodeBmpRaw(direct24(40));
    auto e = decodeError(prefix(b, b.size() - 200));
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "truncated"));
  }
  SECTION("RLE data that ends before its last row") {
    BmpSpec s = palettized(40, 8);
    s.compression = kRle8;
    s.pixels = rleRows(64, 52, 8, [](int x, int y) { return static_cast<std::uint8_t>(band(x, y, 64)); });
    Bytes b = encodeBmpRaw(s);
    auto e = decodeError(prefix(b, b.size() - 60));
    CHECK(mentions(e, "truncated"));
    CHECK(mentions(e, "RLE"));
    // Only the end-of-bitmap marker missing: decodes, with a warning.
    auto d = decode(prefix(b, b.size() - 2));
    checkBands(d);
    CHECK(d.warnings.empty());  // the last row's end of line finished the image
  }
  SECTION("an absolute run that ends inside the data") {
    BmpSpec s = palettized(40, 8);
    s.compression = kRle8;
    s.pixels = {0, 40, 1, 2, 3};
    CHECK(mentions(decodeError(encodeBmpRaw(s)), "truncated"));
  }
  SECTION("refused codings and headers, each with a reason") {
    auto refused = [](BmpSpec s, const char* why) {
      INFO(why);
      auto e = decodeError(encodeBmpRaw(s));
      CHECK(e.code() == ErrorCode::InvalidImageFormat);
      CHECK(mentions(e, why));
    };
    BmpSpec s = direct24(40);
    s.compression = kJpeg;
    refused(s, "JPEG or PNG");
    s.compression = kPng;
    refused(s, "JPEG or PNG");
    s = direct24(64);
    s.compression = 3;
    refused(s, "Huffman");
    s = palettized(40, 8);
    s.compression = kRle4;
    refused(s, "RLE4");
    s.compression = kRle8;
    s.height = -52;
    refused(s, "top-down");
    s = direct24(40);
    s.bitCount = 32;
    s.compression = kBitfields;
    s.masks = {0x00FF00FF, 0x0000FF00, 0, 0};
    s.masksAfterHeader = 3;
    refused(s, "masks");
    s = direct24(40);
    s.compression = 9;
    refused(s, "biCompression 9");
    s = direct24(40);
    s.bitCount = 12;
    refused(s, "12 bits");
  }
  SECTION("a pixel offset into the header") {
    Bytes b = encodeBmpRaw(direct24(40));
    b[10] = 20;
    b[11] = 0;
    CHECK(mentions(decodeError(b), "bfOffBits"));
  }
  SECTION("sides over the limits are refused before any pixel memory") {
    BmpSpec s = palettized(40, 8);
    s.width = 30000;
    s.height = 30000;
    s.compression = kRle8;
    s.pixels = {0, 1};
    CHECK(decodeError(encodeBmpRaw(s)).code() == ErrorCode::InvalidImageSize);
  }
}

TEST_CASE("BMP: readBmpHeader reports what the headers declare", "[decode]") {
  BmpSpec s = palettized(12, 4);
  s.height = 52;
  Bytes b = encodeBmpRaw(s);
  lv::BmpHeader h = lv::readBmpHeader(b);
  CHECK(h.width == 64);
  CHECK(h.height == 52);
  CHECK(h.bitCount == 4);
  CHECK(h.paletteEntries == 16);
  CHECK(h.paletteEntryBytes == 3);
  CHECK(h.coding == lv::BmpCoding::Rgb);
  CHECK_FALSE(h.topDown);
}
