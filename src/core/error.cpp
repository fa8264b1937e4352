#include "core/error.hpp"

namespace lv {

std::string_view innerCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidImageFormat: return "InvalidImageFormat";
    case ErrorCode::InvalidImageSize: return "InvalidImageSize";
    case ErrorCode::InvalidImageUrl: return "InvalidImageUrl";
    case ErrorCode::NotSupportedVisualFeature: return "NotSupportedVisualFeature";
    case ErrorCode::NotSupportedLanguage: return "NotSupportedLanguage";
    case ErrorCode::InvalidDetails: return "InvalidDetails";
    case ErrorCode::InvalidModel: return "InvalidModel";
    case ErrorCode::InvalidThumbnailSize: return "InvalidThumbnailSize";
    case ErrorCode::InvalidArgument: return "BadArgument";
    case ErrorCode::Cancelled: return "CancelledRequest";
    case ErrorCode::InternalError: return "InternalServerError";
  }
  return "Unspecified";
}

std::string_view outerCodeName(ErrorCode code) {
  return code == ErrorCode::InternalError ? "InternalServerError" : "InvalidRequest";
}

}  // namespace lv
