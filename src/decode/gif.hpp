#pragma once
// A walk over GIF blocks: counts frames without decoding any pixels.
//
// Trailer policy: a GIF whose data ends (or turns to garbage) after its first
// frame is complete is accepted, like browsers do: the first frame is what
// gets analysed. A GIF that ends or is damaged before the first frame's image
// data is complete is refused (InvalidImageFormat). The trailer (0x3B) is
// not required.
//
// Canvas policy, as Chromium's GIF reader: when the first frame is wider or
// taller than the logical screen (a screen of 0x0 included), the canvas
// takes the first frame's size and the frame is drawn at (0, 0); a first
// frame that fits in size but overhangs the screen is clipped to it.
#include <cstdint>
#include <span>

#include "core/secure_buffer.hpp"

namespace lv {

struct GifLayout {
  int frames = 0;        // image descriptors seen (the last one may be cut short)
  bool trailer = false;  // 0x3B reached
  std::uint32_t screenWidth = 0, screenHeight = 0;  // the Logical Screen Descriptor's
  std::uint32_t width = 0, height = 0;              // the canvas browsers show (see the canvas policy)
  std::size_t firstFrame = 0;  // offset of the first Image Descriptor's left position (after 0x2C)
  std::uint32_t frameLeft = 0, frameTop = 0, frameWidth = 0, frameHeight = 0;  // the first frame, as declared
};

// Throws InvalidImageFormat when no complete first frame can be found.
GifLayout scanGif(std::span<const std::uint8_t> bytes);

// When the first frame does not fit inside the logical screen: a copy of the
// file whose logical screen holds it (moved to (0, 0) when it set the canvas
// size), whose top-left width x height is the canvas. Empty when the file
// can be decoded as it is.
SecureVector<std::uint8_t> gifWithFittingScreen(std::span<const std::uint8_t> bytes, const GifLayout& layout);

}  // namespace lv
