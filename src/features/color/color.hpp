#pragma once
// Azure v3.2 "color": dominant foreground/background colours, the set of
// dominant colours, an accent colour and a black-and-white flag, computed
// from the pixels alone (no model).
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace lv {

// Field names are Azure's (the JSON writer copies them one to one).
struct ColorResult {
  std::string dominantColorForeground;
  std::string dominantColorBackground;
  std::vector<std::string> dominantColors;  // most dominant first, 1..3 names
  std::string accentColor;                  // 6 uppercase hex digits, no '#'
  bool isBWImg = false;
};

// Throws AnalysisError(InvalidArgument) for an empty image.
ColorResult analyzeColor(const Image& image);

// One of Azure's 12 colour names for one pixel: "Black", "Blue", "Brown",
// "Grey", "Green", "Orange", "Pink", "Purple", "Red", "Teal", "White", "Yellow".
const char* colorName(std::uint8_t r, std::uint8_t g, std::uint8_t b);

}  // namespace lv
