#pragma once
// RGBA -> RGB (on a white background), shared by the decoders (internal).
#include <cstdint>

#include "core/image.hpp"

namespace lv::decode_detail {

// rgba: out.width * out.height pixels, R G B A bytes, straight (unassociated)
// alpha. Each channel becomes (c*a + 255*(255-a)) / 255, rounded.
void compositeOnWhite(const std::uint8_t* rgba, Image& out);

// RGBA whose alpha is 255 throughout -> RGB.
void dropAlpha(const std::uint8_t* rgba, Image& out);

// The same as compositeOnWhite for premultiplied (associated) alpha: c + (255 - a), clamped.
void compositePremultipliedOnWhite(const std::uint8_t* rgba, Image& out);

}  // namespace lv::decode_detail
