#include "core/image.hpp"

namespace lv {

const char* formatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "Jpeg";
    case ImageFormat::Png: return "Png";
    case ImageFormat::Gif: return "Gif";
    case ImageFormat::Bmp: return "Bmp";
    case ImageFormat::Webp: return "Webp";
    case ImageFormat::Tiff: return "Tiff";
    case ImageFormat::Ico: return "Ico";
    case ImageFormat::Mpo: return "Mpo";
    case ImageFormat::Raw: return "Raw";
  }
  return "Raw";
}

}  // namespace lv
