#pragma once

namespace lv {

// The date of the model set this build analyses with: the `modelVersion`
// every result reports, whatever version the caller asked for.
inline constexpr const char* kModelSetVersion = "2026-11-01";

}  // namespace lv
