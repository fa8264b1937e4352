#include <catch2/catch.hpp>

#include "decode/sniff.hpp"
#include "test_images.hpp"

using lv::ImageFormat;
using lvtest::Bytes;

namespace {
std::optional<ImageFormat> sniff(const Bytes& b) { return lv::sniffFormat({b.data(), b.size()}); }
}  // namespace

TEST_CASE("sniffFormat recognises each format by its magic bytes", "[decode]") {
  CHECK(sniff({0xFF, 0xD8, 0xFF, 0xE0}) == ImageFormat::Jpeg);
  CHECK(sniff({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}) == ImageFormat::Png);
  CHECK(sniff({'G', 'I', 'F', '8', '7', 'a'}) == ImageFormat::Gif);
  CHECK(sniff({'G', 'I', 'F', '8', '9', 'a'}) == ImageFormat::Gif);
  CHECK(sniff(lvtest::encodeBmp(lvtest::solid(4, 4, {1, 2, 3}))) == ImageFormat::Bmp);
  CHECK(sniff(lvtest::encodePng(lvtest::solid(4, 4, {1, 2, 3}))) == ImageFormat::Png);
  CHECK(sniff(lvtest::encodeJpeg(lvtest::solid(4, 4, {1, 2, 3}))) == ImageFormat::Jpeg);
}

TEST_CASE("sniffFormat refuses near misses and other formats", "[decode]") {
  CHECK_FALSE(sniff({}));
  CHECK_FALSE(sniff({0xFF, 0xD8}));                         // too short for JPEG
  CHECK_FALSE(sniff({0x89, 'P', 'N', 'G', 0x0D, 0x0A}));     // cut PNG signature
  CHECK_FALSE(sniff({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0B}));
  CHECK_FALSE(sniff({'G', 'I', 'F', '8', '8', 'a'}));
  CHECK_FALSE(sniff({'8', 'B', 'P', 'S', 0, 1}));  // Photoshop
  Bytes bmText = {'B', 'M', ' ', 'i', 's', ' ', 'j', 'u', 's', 't', ' ', 't', 'e', 'x', 't', ' ', '!', '!'};
  CHECK_FALSE(sniff(bmText));  // "BM" followed by an impossible DIB header size
}

TEST_CASE("describeLeadingBytes prints hex for messages", "[decode]") {
  Bytes b = {0x00, 0xAB, 0x10, 1, 2, 3, 4, 5, 6, 7};
  CHECK(lv::describeLeadingBytes({b.data(), b.size()}) == "00 AB 10 01 02 03 04 05 ...");
  CHECK(lv::describeLeadingBytes({b.data(), 2}) == "00 AB");
}
