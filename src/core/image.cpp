#include "core/image.hpp"

namespace lv {

const char* formatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "Jpeg";
    case ImageFormat::Png: return "Png";
    case ImageFormat::Gif: return "Gif";
    case ImageFormat::Bmp: return "Bmp";
    case ImageFormat::Raw: return "Raw";
  }
  return "Raw";
}

}  // namespace lv
