#include "decode/webp.hpp"

#include <cstring>
#include <memory>
#include <string>

#include <webp/decode.h>
#include <webp/demux.h>

#include "decode/budget.hpp"
#include "decode/bytes.hpp"
#include "decode/exif.hpp"
#include "decode/pixels.hpp"
#include "decode/stb_alloc.hpp"

namespace lv {

using namespace decode_detail;

namespace {

// Lossless decoding keeps the ARGB image plus a row cache (~5 bytes a
// pixel); an animation's first frame needs two RGBA canvases and the frame's
// own buffers: 16 bytes a pixel covers both.
constexpr unsigned kWebpBytesPerPixel = 16;

const char* describe(VP8StatusCode status) {
  switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
    case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR: return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
    case VP8_STATUS_SUSPENDED: return "suspended";
    case VP8_STATUS_USER_ABORT: return "aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA: return "not enough data";
    default: return "unknown error";
  }
}

[[noreturn]] void failStatus(VP8StatusCode status, const DeclaredSize& size) {
  failIfOutOfBudget("WebP", size);
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) failTruncated("WebP", "its image data ends early");
  failFormat(std::string("the WebP data is damaged or uses an unsupported feature (") + describe(status) + ")");
}

struct DemuxDeleter {
  void operator()(WebPDemuxer* demux) const { WebPDemuxDelete(demux); }
};
struct AnimDecoderDeleter {
  void operator()(WebPAnimDecoder* decoder) const { WebPAnimDecoderDelete(decoder); }
};

// The orientation from the EXIF chunk (1 when there is none). Some writers
// keep JPEG's "Exif\0\0" prefix in the chunk; it is skipped.
int exifOrientation(const WebPDemuxer* demux) {
  if (!(WebPDemuxGetI(demux, WEBP_FF_FORMAT_FLAGS) & EXIF_FLAG)) return 1;
  WebPChunkIterator chunk;
  if (!WebPDemuxGetChunk(demux, "EXIF", 1, &chunk)) return 1;
  Bytes tiff(chunk.chunk.bytes, chunk.chunk.size);
  WebPDemuxReleaseChunkIterator(&chunk);
  if (tiff.size() >= 6 && std::memcmp(tiff.data(), "Exif\0\0", 6) == 0) tiff = tiff.subspan(6);
  return parseExifOrientation(tiff);
}

// A still image, decoded straight into the RGB image, or through an RGBA
// buffer of ours when it has alpha.
DecodedImage decodeStill(Bytes bytes, const DeclaredSize& size, bool alpha) {
  const int width = static_cast<int>(size.width), height = static_cast<int>(size.height);
  DecodedImage result;
  result.image = Image(width, height);
  SecureVector<std::uint8_t> rgba(alpha ? result.image.pixelCount() * 4 : 0);
  WebPDecoderConfig config;
  WebPInitDecoderConfig(&config);
  config.output.colorspace = alpha ? MODE_RGBA : MODE_RGB;
  config.output.is_external_memory = 1;
  config.output.u.RGBA.rgba = alpha ? rgba.data() : result.image.rgb.data();
  config.output.u.RGBA.stride = width * (alpha ? 4 : 3);
  config.output.u.RGBA.size = alpha ? rgba.size() : result.image.rgb.size();
  const VP8StatusCode status = WebPDecode(bytes.data(), bytes.size(), &config);
  WebPFreeDecBuffer(&config.output);
  if (status != VP8_STATUS_OK) failStatus(status, size);
  if (alpha) compositeOnWhite(rgba.data(), result.image);
  return result;
}

// An animation's first frame, composited by libwebp on a transparent canvas.
DecodedImage decodeFirstFrame(Bytes bytes, const DeclaredSize& size, int frameCount) {
  WebPAnimDecoderOptions options;
  WebPAnimDecoderOptionsInit(&options);
  options.color_mode = MODE_RGBA;
  options.use_threads = 0;
  const WebPData data{bytes.data(), bytes.size()};
  std::unique_ptr<WebPAnimDecoder, AnimDecoderDeleter> decoder(WebPAnimDecoderNew(&data, &options));
  std::uint8_t* canvas = nullptr;
  int timestamp = 0;
  if (!decoder || !WebPAnimDecoderGetNext(decoder.get(), &canvas, &timestamp))
    failStatus(VP8_STATUS_BITSTREAM_ERROR, size);
  DecodedImage result;
  result.image = Image(static_cast<int>(size.width), static_cast<int>(size.height));
  compositeOnWhite(canvas, result.image);
  result.animated = frameCount > 1;
  return result;
}

}  // namespace

DeclaredSize readWebpSize(Bytes bytes) {
  if (!has(bytes, 0, 12)) failTruncated("WebP", "it ends inside its RIFF header");
  const std::uint64_t riffEnd = std::uint64_t{le32(bytes.data() + 4)} + 8;
  if (riffEnd > bytes.size())
    failTruncated("WebP", "it holds " + std::to_string(bytes.size()) + " bytes but its RIFF header declares " +
                              std::to_string(riffEnd));
  WebPBitstreamFeatures features;
  const VP8StatusCode status = WebPGetFeatures(bytes.data(), bytes.size(), &features);
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) failTruncated("WebP", "it ends inside its headers");
  if (status != VP8_STATUS_OK)
    failFormat(std::string("the WebP file is damaged (") + describe(status) + " in its headers)");
  return {static_cast<std::uint64_t>(features.width), static_cast<std::uint64_t>(features.height)};
}

DecodedImage decodeWebp(Bytes bytes, const DeclaredSize& size) {
  StbBudgetScope budget(decodeBudget(size, bytes.size(), kWebpBytesPerPixel));
  const WebPData data{bytes.data(), bytes.size()};
  std::unique_ptr<WebPDemuxer, DemuxDeleter> demux(WebPDemux(&data));
  if (!demux) {
    failIfOutOfBudget("WebP", size);
    failFormat("the WebP file is damaged (its chunks do not follow the WebP container layout)");
  }
  const bool animation = (WebPDemuxGetI(demux.get(), WEBP_FF_FORMAT_FLAGS) & ANIMATION_FLAG) != 0;
  const int frames = static_cast<int>(WebPDemuxGetI(demux.get(), WEBP_FF_FRAME_COUNT));
  WebPIterator frame;
  if (!WebPDemuxGetFrame(demux.get(), 1, &frame)) failFormat("the WebP file has no image data");
  const bool alpha = frame.has_alpha != 0;  // also set by a lossless bitstream without a VP8X chunk
  WebPDemuxReleaseIterator(&frame);
  const int orientation = exifOrientation(demux.get());
  DecodedImage result = animation ? decodeFirstFrame(bytes, size, frames) : decodeStill(bytes, size, alpha);
  result.format = ImageFormat::Webp;
  result.exifOrientation = orientation;
  result.image = applyOrientation(std::move(result.image), orientation);
  return result;
}

}  // namespace lv
