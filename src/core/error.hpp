#pragma once
// Errors carry Azure's inner error codes so a caller can switch on the same
// strings the cloud service returns.
#include <stdexcept>
#include <string>
#include <string_view>

namespace lv {

enum class ErrorCode {
  InvalidImageFormat,
  InvalidImageSize,
  InvalidImageUrl,
  NotSupportedVisualFeature,
  NotSupportedLanguage,
  InvalidDetails,
  InvalidModel,
  InvalidThumbnailSize,
  InvalidArgument,
  Cancelled,
  InternalError,
};

// Azure's inner code, e.g. "InvalidImageFormat".
std::string_view innerCodeName(ErrorCode code);
// Azure's outer envelope code: "InvalidRequest" for a caller's mistake,
// "InternalServerError" for ours.
std::string_view outerCodeName(ErrorCode code);

class AnalysisError : public std::runtime_error {
 public:
  AnalysisError(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace lv
