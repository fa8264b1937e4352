#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "decode/container.hpp"
#include "decode/decode_test_util.hpp"

using lv::ErrorCode;
using namespace lvtest;

namespace {

Pixels pattern(int w, int h) {
  return makePixels(w, h, 3, [](int x, int y, std::uint8_t* px) {
    px[0] = static_cast<std::uint8_t>(x * 5);
    px[1] = static_cast<std::uint8_t>(y * 7);
    px[2] = static_cast<std::uint8_t>(x ^ y);
  });
}

struct Sample {
  const char* name;
  Bytes bytes;
};

std::vector<Sample> validFiles() {
  Pixels p = pattern(60, 56);  // 60*3 = 180 bytes a row: no BMP padding
  std::vector<std::uint8_t> idx(60 * 56);
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::uint8_t>(i % 5);
  GifFrame frame = gifFill(60, 56, 0);
  frame.indices = idx;
  return {{"PNG", encodePng(p)},
          {"JPEG", encodeJpeg(p, 90)},
          {"BMP", encodeBmp(p)},
          {"GIF", encodeGif(60, 56, {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {9, 9, 9}, {200, 200, 0}}, {frame})}};
}

std::size_t findMarker(const Bytes& jpeg, std::uint8_t marker) {
  for (std::size_t i = 2; i + 1 < jpeg.size(); ++i)
    if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) return i;
  FAIL("marker not found");
  return 0;
}

}  // namespace

TEST_CASE("the valid files used for corruption decode", "[decode]") {
  for (const Sample& s : validFiles()) {
    INFO(s.name);
    CHECK(decode(s.bytes).image.width == 60);
  }
}

TEST_CASE("truncated files of every format are InvalidImageFormat, never grey rows", "[decode]") {
  for (const Sample& s : validFiles()) {
    const std::size_t n = s.bytes.size();
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}, std::size_t{4}, std::size_t{8}, std::size_t{13},
                            std::size_t{20}, std::size_t{33}, std::size_t{60}, n / 4, n / 2, n * 3 / 4, n - 10,
                            n - 2, n - 1}) {
      bool gifTrailerOnly = std::string(s.name) == "GIF" && cut == n - 1;
      if (gifTrailerOnly) continue;  // see the GIF trailer policy test
      // Only the end marker cut (JPEG EOI, PNG IEND): decodes with a warning, see jpeg_test and exif_test.
      bool endMarkerOnly = (std::string(s.name) == "JPEG" && cut >= n - 2) || (std::string(s.name) == "PNG" && cut >= n - 12);
      if (endMarkerOnly) continue;
      INFO(s.name << " cut at " << cut << " of " << n);
      auto e = decodeError(prefix(s.bytes, cut));
      CHECK(e.code() == ErrorCode::InvalidImageFormat);
      CHECK(std::string(e.what()).size() > 40);
      if (cut >= 8) CHECK(mentions(e, "truncated"));
    }
  }
}

TEST_CASE("damaged headers and data are InvalidImageFormat", "[decode]") {
  auto files = validFiles();
  const Bytes& png = files[0].bytes;
  const Bytes& jpeg = files[1].bytes;
  const Bytes& bmp = files[2].bytes;
  const Bytes& gif = files[3].bytes;

  SECTION("PNG: any flipped byte in IHDR or IDAT fails its CRC") {
    for (std::size_t at : {std::size_t{16}, std::size_t{24}, std::size_t{25}, std::size_t{45}, png.size() - 20}) {
      Bytes b = png;
      b[at] ^= 0x5A;
      auto e = decodeError(b);
      CHECK(e.code() == ErrorCode::InvalidImageFormat);
      CHECK(mentions(e, "checksum"));
    }
  }
  SECTION("PNG: no IDAT, or a first chunk that is not IHDR") {
    Bytes noIdat(png.begin(), png.begin() + 33);
    Bytes iend = pngChunk("IEND", {});
    noIdat.insert(noIdat.end(), iend.begin(), iend.end());
    CHECK(decodeError(noIdat).code() == ErrorCode::InvalidImageFormat);
    Bytes b = png;
    b[12] = 'X';
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
  }
  SECTION("PNG: bad bit depth with a matching CRC is refused by the decoder") {
    Bytes b = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    for (const Bytes& c : {pngIhdr(60, 60, 7, 2), pngChunk("IDAT", zlibZeros(60 * 61 * 3)), pngChunk("IEND", {})})
      b.insert(b.end(), c.begin(), c.end());
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
  }
  SECTION("JPEG: 12-bit precision, zero segment length, missing scan, zero height") {
    Bytes b = jpeg;
    b[findMarker(b, 0xC0) + 4] = 12;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
    b = jpeg;
    std::size_t dqt = findMarker(b, 0xDB);
    b[dqt + 2] = 0;
    b[dqt + 3] = 0;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
    b = jpeg;
    std::size_t sos = findMarker(b, 0xDA);
    Bytes noScan(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(sos));
    noScan.insert(noScan.end(), {0xFF, 0xD9});
    auto e = decodeError(noScan);
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "no image data"));
    b = jpeg;
    std::size_t sof = findMarker(b, 0xC0);
    b[sof + 5] = 0;
    b[sof + 6] = 0;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
  }
  SECTION("BMP: BI_JPEG, bad bit count, unknown header version") {
    Bytes b = bmp;
    b[30] = 4;
    auto e = decodeError(b);
    CHECK(e.code() == ErrorCode::InvalidImageFormat);
    CHECK(mentions(e, "JPEG"));
    b = bmp;
    b[28] = 7;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
    b = bmp;
    b[14] = 41;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
  }
  SECTION("GIF: garbage where the first frame should start; oversized LZW code size") {
    Bytes b = gif;
    std::size_t first = 13 + 3 * 128;
    b[first] = 0x99;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
    b = gif;
    b[first + 10] = 13;
    CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
  }
}

TEST_CASE("random damage never escapes as anything but AnalysisError", "[decode]") {
  std::mt19937 rng(1234);
  int accepted = 0, refused = 0;
  for (const Sample& s : validFiles()) {
    for (int round = 0; round < 150; ++round) {
      Bytes b = s.bytes;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f) {
        // Bias towards headers, where parsers live.
        std::size_t at = (rng() % 2 ? rng() % std::min<std::size_t>(b.size(), 700) : rng() % b.size());
        b[at] = static_cast<std::uint8_t>(rng());
      }
      if (rng() % 3 == 0) b.resize(1 + rng() % b.size());
      try {
        auto d = decode(b);
        CHECK(d.image.rgb.size() == d.image.pixelCount() * 3);
        ++accepted;
      } catch (const lv::AnalysisError& e) {
        CHECK((e.code() == ErrorCode::InvalidImageFormat || e.code() == ErrorCode::InvalidImageSize));
        CHECK(std::string(e.what()).size() > 20);
        ++refused;
      }
    }
  }
  CHECK(refused > 0);
  CHECK(accepted + refused == 600);
}

TEST_CASE("JPEG Huffman tables are checked before stb sees them", "[decode]") {
  // stb_image 2.27 overruns its tables when a DHT's code counts add up to more than 256.
  Bytes jpeg = validFiles()[1].bytes;
  std::size_t dht = findMarker(jpeg, 0xC4);
  Bytes b = jpeg;
  for (int i = 0; i < 16; ++i) b[dht + 5 + static_cast<std::size_t>(i)] = 0xFF;
  auto e = decodeError(b);
  CHECK(e.code() == ErrorCode::InvalidImageFormat);
  CHECK(mentions(e, "Huffman"));
  b = jpeg;
  b[dht + 4] = 0x27;  // table class 2
  CHECK(decodeError(b).code() == ErrorCode::InvalidImageFormat);
}

TEST_CASE("a JPEG scan that uses a Huffman table no DHT defined is refused, not decoded from stb's garbage", "[decode]") {
  // stb_image 2.27 reads past an undefined table's arrays (found by fuzzing: a scan asking for AC table 0
  // of a file whose DHT held DC tables only). Here the first component asks for AC table 3, which has
  // no standard table to stand in.
  const Bytes jpeg = validFiles()[1].bytes;
  Bytes b = jpeg;
  const std::size_t sos = findMarker(b, 0xDA);
  b[sos + 6] = static_cast<std::uint8_t>((b[sos + 6] & 0xF0) | 3);  // the first component's Td/Ta byte
  auto e = decodeError(b);
  CHECK(e.code() == ErrorCode::InvalidImageFormat);
  CHECK(mentions(e, "Huffman table the file never defines"));
  CHECK(decode(jpeg).image.width == 60);  // the untouched file still decodes
}

// Removes every DHT segment, as Motion-JPEG (AVI1) frames come; `tables`
// gains each table it held: {class and id byte, its 16 counts and symbols}.
Bytes withoutHuffmanTables(Bytes b, std::map<int, Bytes>* tables = nullptr) {
  for (std::size_t at = 2; b[at + 1] != 0xDA;) {  // the marker segments before the first scan
    const std::size_t length = (std::size_t{b[at + 2]} << 8) | b[at + 3];
    if (b[at + 1] != 0xC4) {
      at += 2 + length;
      continue;
    }
    for (std::size_t t = at + 4; t < at + 2 + length;) {
      std::size_t symbols = 0;
      for (std::size_t k = 1; k <= 16; ++k) symbols += b[t + k];
      if (tables) (*tables)[b[t]] = Bytes(b.begin() + static_cast<std::ptrdiff_t>(t + 1), b.begin() + static_cast<std::ptrdiff_t>(t + 17 + symbols));
      t += 17 + symbols;
    }
    b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + 2 + length));
  }
  return b;
}

TEST_CASE("a JPEG without DHT (Motion-JPEG) decodes with T.81 Annex K's tables, as browsers show it", "[decode]") {
  // stb_image_write codes with Annex K's four tables and writes them: ours must be the same, and
  // without its DHT the file must decode to the same pixels.
  std::uint32_t state = 12345;
  const Pixels noise = makePixels(96, 64, 3, [&](int, int, std::uint8_t* px) {
    for (int c = 0; c < 3; ++c) px[c] = static_cast<std::uint8_t>((state = state * 1664525u + 1013904223u) >> 24);
  });
  std::map<int, Bytes> written, ours;
  withoutHuffmanTables(encodeJpeg(noise), &written);
  Bytes standard = {0xFF, 0xD8};
  const auto segment = lv::standardHuffmanSegment(0x33);
  standard.insert(standard.end(), segment.begin(), segment.end());
  standard.insert(standard.end(), {0xFF, 0xDA});
  withoutHuffmanTables(standard, &ours);
  CHECK(ours.size() == 4);
  CHECK(ours == written);
  for (int quality : {90, 50}) {
    const Bytes jpeg = encodeJpeg(noise, quality);
    const Bytes mjpeg = withoutHuffmanTables(jpeg);
    REQUIRE(mjpeg.size() < jpeg.size());
    const auto expected = decode(jpeg);
    const auto got = decode(mjpeg);
    CHECK(got.image.width == 96);
    CHECK(got.image.rgb == expected.image.rgb);
    CHECK(got.warnings == expected.warnings);
  }
}

TEST_CASE("bytes after the end marker are tolerated; an embedded thumbnail's EOI does not hide truncation",
          "[decode]") {
  auto files = validFiles();
  for (std::size_t i : {0, 1}) {  // PNG, JPEG
    const Bytes trailer = {'t', 'r', 'a', 'i', 'l', 'e', 'r', 0xFF, 0xD9};
    Bytes b = files[i].bytes;
    b.reserve(b.size() + trailer.size());
    b.insert(b.end(), trailer.begin(), trailer.end());
    CHECK(decode(b).image.width == 60);
  }
  // An APP1 holding a fake thumbnail (FF D8 ... FF D9), then the main image cut short.
  const Bytes& jpeg = files[1].bytes;
  Bytes app1 = {0xFF, 0xE1, 0x00, 0x0C, 'T', 'h', 'm', 'b', 0xFF, 0xD8, 0x00, 0x00, 0xFF, 0xD9};
  Bytes b = jpeg;
  b.insert(b.begin() + 2, app1.begin(), app1.end());
  CHECK(decode(b).image.width == 60);
  auto e = decodeError(prefix(b, b.size() - 40));
  CHECK(e.code() == ErrorCode::InvalidImageFormat);
  CHECK(mentions(e, "truncated"));
}

TEST_CASE("BMP: top-down rows (negative height) decode upright", "[decode]") {
  Pixels p = makePixels(60, 50, 3, [](int, int y, std::uint8_t* px) {
    px[0] = y < 10 ? 255 : 0;
    px[1] = 0;
    px[2] = y < 10 ? 0 : 255;
  });
  Bytes bmp = encodeBmp(p);  // bottom-up
  // Make it top-down: negate the height and reverse the row order.
  Bytes b = bmp;
  b.at(22) = 0xCE;  // height -50, little-endian
  b.at(23) = 0xFF;
  b.at(24) = 0xFF;
  b.at(25) = 0xFF;
  std::size_t offset = b[10] | (b[11] << 8), stride = 180;
  for (int y = 0; y < 50; ++y)
    std::copy_n(bmp.begin() + static_cast<std::ptrdiff_t>(offset + (49 - y) * stride), stride,
                b.begin() + static_cast<std::ptrdiff_t>(offset + y * stride));
  auto d = decode(b);
  CHECK(d.image.height == 50);
  CHECK(near(d.image.pixel(5, 2), 255, 0, 0));
  CHECK(near(d.image.pixel(5, 40), 0, 0, 255));
}
