#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/image.hpp"

TEST_CASE("Azure error codes: caller mistakes are InvalidRequest, ours InternalServerError") {
  CHECK(lv::innerCodeName(lv::ErrorCode::InvalidImageFormat) == "InvalidImageFormat");
  CHECK(lv::outerCodeName(lv::ErrorCode::InvalidImageSize) == "InvalidRequest");
  CHECK(lv::outerCodeName(lv::ErrorCode::InternalError) == "InternalServerError");
}

TEST_CASE("secureZero clears every byte") {
  std::vector<unsigned char> bytes(1000, 0xAB);
  lv::secureZero(bytes.data(), bytes.size());
  for (auto b : bytes) REQUIRE(b == 0);
}
