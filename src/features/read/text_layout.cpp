#include "features/read/text_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lv {
namespace {

// A line's axis-aligned extent in the rotated (reading) frame.
struct Extent {
  double left, top, right, bottom;
  double height() const { return bottom - top; }
};

}  // namespace

std::vector<TextBlock> groupIntoBlocks(std::vector<TextLine> lines) {
  std::vector<TextBlock> blocks;
  if (lines.empty()) return blocks;
  // Dominant reading direction: the sum of the lines' top edges, weighted by length.
  double dx = 0, dy = 0;
  for (const auto& l : lines) dx += l.polygon[1].x - l.polygon[0].x, dy += l.polygon[1].y - l.polygon[0].y;
  const double angle = std::atan2(dy, dx), c = std::cos(-angle), s = std::sin(-angle);
  std::vector<Extent> ext;
  for (const auto& l : lines) {
    Extent e{1e300, 1e300, -1e300, -1e300};
    for (const auto& p : l.polygon) {
      const double x = p.x * c - p.y * s, y = p.x * s + p.y * c;
      e.left = std::min(e.left, x), e.right = std::max(e.right, x), e.top = std::min(e.top, y), e.bottom = std::max(e.bottom, y);
    }
    ext.push_back(e);
  }
  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ext[a].top < ext[b].top; });

  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i : order) {
    const Extent& e = ext[i];
    std::vector<std::size_t>* target = nullptr;
    for (auto it = groups.rbegin(); it != groups.rend() && !target; ++it) {
      const Extent& last = ext[it->back()];
      const double h = std::max(e.height(), last.height());
      const double gap = e.top - last.bottom;
      const double overlap = std::min(e.right, last.right) - std::max(e.left, last.left);
      const double ratio = std::max(e.height(), last.height()) / std::max(1e-6, std::min(e.height(), last.height()));
      const double rowOverlap = std::min(e.bottom, last.bottom) - std::max(e.top, last.top);
      if (gap < kBlockGapRatio * h && rowOverlap < 0.5 * std::min(e.height(), last.height()) && overlap > 0 &&
          ratio < kBlockHeightRatio)
        target = &*it;
    }
    if (target) target->push_back(i);
    else groups.push_back({i});
  }
  // Blocks by their first line's top; on one row (half a line of vertical overlap), left first.
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) { return ext[a[0]].top < ext[b[0]].top; });
  for (std::size_t pass = 0; pass < groups.size(); ++pass)
    for (std::size_t k = 0; k + 1 < groups.size(); ++k) {
      const Extent& a = ext[groups[k][0]];
      const Extent& b = ext[groups[k + 1][0]];
      const double rowOverlap = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
      if (rowOverlap > 0.5 * std::min(a.height(), b.height()) && b.left < a.left) std::swap(groups[k], groups[k + 1]);
    }
  for (const auto& g : groups) {
    TextBlock block;
    for (std::size_t i : g) block.lines.push_back(std::move(lines[i]));
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace lv
