#include <catch2/catch.hpp>

#include <string>

#include "core/error.hpp"
#include "decode/decode.hpp"
#include "features/sample_images.hpp"
#include "features/thumbnail/thumbnail.hpp"

using namespace lv;
using namespace lv::test;

namespace {

ErrorCode codeOf(const std::string& json) {
  try {
    parseThumbnailOptions(json);
  } catch (const AnalysisError& e) {
    return e.code();
  }
  FAIL("accepted " << json);
  return ErrorCode::InternalError;
}

}  // namespace

TEST_CASE("thumbnail options follow Azure's size rules", "[thumbnail]") {
  const ThumbnailOptions o = parseThumbnailOptions(R"({"width": 1, "height": 1024, "smartCropping": true, "format": "png"})");
  CHECK(o.width == 1);
  CHECK(o.height == 1024);
  CHECK(o.smartCropping);
  CHECK(o.format == ThumbnailFormat::Png);
  CHECK(parseThumbnailOptions(R"({"width": 50, "height": 60})").format == ThumbnailFormat::Jpeg);
  CHECK(codeOf(R"({"width": 0, "height": 10})") == ErrorCode::InvalidThumbnailSize);
  CHECK(codeOf(R"({"width": 10, "height": 1025})") == ErrorCode::InvalidThumbnailSize);
  CHECK(codeOf(R"({"width": 10.5, "height": 10})") == ErrorCode::InvalidThumbnailSize);
  CHECK(codeOf(R"({"width": "10", "height": 10})") == ErrorCode::InvalidThumbnailSize);
  CHECK(codeOf(R"({"height": 10})") == ErrorCode::InvalidThumbnailSize);
  CHECK(codeOf(R"({"width": 10, "height": 10, "format": "gif"})") == ErrorCode::InvalidArgument);
  CHECK(codeOf(R"({"width": 10, "height": 10, "smartCropping": "yes"})") == ErrorCode::InvalidArgument);
  CHECK(codeOf("[") == ErrorCode::InvalidArgument);
}

TEST_CASE("a thumbnail decodes to the asked size in both formats", "[thumbnail]") {
  const Image img = grayWithCheckerPatch(300, 200, 10, 10, 40, 4);
  for (const ThumbnailFormat format : {ThumbnailFormat::Jpeg, ThumbnailFormat::Png}) {
    const auto bytes = makeThumbnail(img, {37, 91, true, format});
    Limits limits;
    limits.minSide = 1;
    const DecodedImage decoded = decodeImage(bytes, limits);
    CHECK(decoded.format == (format == ThumbnailFormat::Png ? ImageFormat::Png : ImageFormat::Jpeg));
    CHECK(decoded.image.width == 37);
    CHECK(decoded.image.height == 91);
  }
}

TEST_CASE("smart cropping keeps the interesting part; without it the centre", "[thumbnail]") {
  const Image img = grayWithCheckerPatch(400, 100, 8, 30, 40, 4);
  const CropRegion smart = thumbnailRegion(img, {100, 100, true, ThumbnailFormat::Jpeg});
  CHECK(smart.w == smart.h);  // the thumbnail's ratio; smart crops may leave out dull margins
  CHECK(smart.x <= 8);
  CHECK(smart.x + smart.w >= 48);
  CHECK(smart.y <= 30);
  CHECK(smart.y + smart.h >= 70);
  const CropRegion centre = thumbnailRegion(img, {100, 100, false, ThumbnailFormat::Jpeg});
  CHECK(centre.x == 150);
  CHECK(centre.y == 0);
  // Any ratio Azure allows (1x1024 .. 1024x1), not only smart crops' 0.75..1.8.
  const CropRegion tall = thumbnailRegion(img, {1, 1024, true, ThumbnailFormat::Jpeg});
  CHECK(tall.h == 100);
  CHECK(tall.w == 1);
  const CropRegion wide = thumbnailRegion(img, {1024, 1, false, ThumbnailFormat::Jpeg});
  CHECK(wide.w == 400);
  CHECK(wide.h == 1);
}
