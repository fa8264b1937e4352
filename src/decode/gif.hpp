#pragma once
// A walk over GIF blocks: counts frames without decoding any pixels.
//
// Trailer policy: a GIF whose data ends (or turns to garbage) after its first
// frame is complete is accepted, like browsers do: the first frame is what
// gets analysed. A GIF that ends or is damaged before the first frame's image
// data is complete is refused (InvalidImageFormat). The trailer (0x3B) is
// not required.
#include <cstdint>
#include <span>

namespace lv {

struct GifLayout {
  int frames = 0;        // image descriptors seen (the last one may be cut short)
  bool trailer = false;  // 0x3B reached
};

// Throws InvalidImageFormat when no complete first frame can be found.
GifLayout scanGif(std::span<const std::uint8_t> bytes);

}  // namespace lv
