#pragma once
// Reading order: lines into blocks (paragraph-like groups), blocks top to
// bottom and left to right in the frame of the text's dominant direction.
#include <vector>

#include "features/read/read.hpp"

namespace lv {

// A line joins the block above it when the vertical gap is below
// kBlockGapRatio line heights, their horizontal extents overlap and their
// heights are within kBlockHeightRatio of each other.
constexpr double kBlockGapRatio = 1.0;
constexpr double kBlockHeightRatio = 1.8;

std::vector<TextBlock> groupIntoBlocks(std::vector<TextLine> lines);

}  // namespace lv
