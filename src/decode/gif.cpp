#include "decode/gif.hpp"

#include "decode/bytes.hpp"

namespace lv {

using namespace decode_detail;

namespace {

// Skips a chain of data sub-blocks ending in a 0-length block. Returns false
// when the data ends first.
bool skipSubBlocks(Bytes b, std::size_t& pos) {
  for (;;) {
    if (pos >= b.size()) return false;
    std::size_t length = b[pos++];
    if (length == 0) return true;
    if (!has(b, pos, length)) return false;
    pos += length;
  }
}

std::size_t colorTableBytes(std::uint8_t flags) {
  return (flags & 0x80) ? 3u * (2u << (flags & 7)) : 0u;
}

}  // namespace

GifLayout scanGif(Bytes b) {
  GifLayout layout;
  if (!has(b, 0, 13)) failTruncated("GIF", "it ends inside its header");
  std::size_t pos = 13 + colorTableBytes(b[10]);
  if (pos > b.size()) failTruncated("GIF", "it ends inside its color table");
  bool firstComplete = false;
  auto stop = [&](const char* truncatedWhere, const char* damage) {
    if (firstComplete) return;  // tolerated: the first frame is intact
    if (truncatedWhere) failTruncated("GIF", truncatedWhere);
    failFormat(std::string("the GIF file is damaged (") + damage + ")");
  };
  for (;;) {
    if (pos >= b.size()) {
      stop("it ends before its first frame is complete", nullptr);
      return layout;
    }
    std::uint8_t introducer = b[pos++];
    if (introducer == 0x3B) {
      layout.trailer = true;
      stop(nullptr, "it has no frame");
      return layout;
    }
    if (introducer == 0x21) {  // extension: label, then sub-blocks
      ++pos;
      if (!skipSubBlocks(b, pos)) {
        stop("it ends inside an extension block", nullptr);
        return layout;
      }
      continue;
    }
    if (introducer != 0x2C) {
      stop(nullptr, "an unknown block type where a frame was expected");
      return layout;
    }
    if (!has(b, pos, 9)) {
      ++layout.frames;
      stop("it ends inside a frame header", nullptr);
      return layout;
    }
    ++layout.frames;
    pos += 9;
    pos += colorTableBytes(b[pos - 1]);
    pos += 1;  // LZW minimum code size
    if (pos > b.size() || !skipSubBlocks(b, pos)) {
      stop("it ends inside the first frame's image data", nullptr);
      return layout;
    }
    firstComplete = true;
  }
}

}  // namespace lv
