#include "decode/gif.hpp"

#include <algorithm>

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

void put16(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

// The first frame sets the canvas size when it is larger than the screen.
bool frameSetsCanvas(const GifLayout& g) { return g.frameWidth > g.screenWidth || g.frameHeight > g.screenHeight; }

// Reads the first Image Descriptor (at pos, after 0x2C) and sets the canvas.
void readFirstFrame(Bytes b, std::size_t pos, GifLayout& layout) {
  layout.firstFrame = pos;
  layout.frameLeft = le16(b.data() + pos);
  layout.frameTop = le16(b.data() + pos + 2);
  layout.frameWidth = le16(b.data() + pos + 4);
  layout.frameHeight = le16(b.data() + pos + 6);
  const bool sets = frameSetsCanvas(layout);
  layout.width = sets ? layout.frameWidth : layout.screenWidth;
  layout.height = sets ? layout.frameHeight : layout.screenHeight;
}

}  // namespace

GifLayout scanGif(Bytes b) {
  GifLayout layout;
  if (!has(b, 0, 13)) failTruncated("GIF", "it ends inside its header");
  layout.screenWidth = le16(b.data() + 6);
  layout.screenHeight = le16(b.data() + 8);
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
    if (++layout.frames == 1) {
      readFirstFrame(b, pos, layout);
      if (!(b[10] & 0x80) && !(b[pos + 8] & 0x80))
        failFormat("the GIF file has no color table (neither global nor local)",
                   "Save the image again with a color table, or send it as PNG.");
    }
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

SecureVector<std::uint8_t> gifWithFittingScreen(Bytes b, const GifLayout& g) {
  const bool sets = frameSetsCanvas(g);
  const std::uint32_t left = sets ? 0 : g.frameLeft, top = sets ? 0 : g.frameTop;
  const std::uint32_t width = std::max(g.width, left + g.frameWidth), height = std::max(g.height, top + g.frameHeight);
  if (width == g.screenWidth && height == g.screenHeight) return {};
  if (width > 0xFFFF || height > 0xFFFF) failFormat("the GIF file's first frame lies far outside its logical screen");
  SecureVector<std::uint8_t> copy(b.begin(), b.end());
  put16(copy.data() + 6, width);
  put16(copy.data() + 8, height);
  put16(copy.data() + g.firstFrame, left);
  put16(copy.data() + g.firstFrame + 2, top);
  return copy;
}

}  // namespace lv
