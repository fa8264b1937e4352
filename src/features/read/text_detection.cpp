#include "features/read/text_detection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace lv {
namespace {

double cross(const Point2& o, const Point2& a, const Point2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

double dist(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Andrew's monotone chain; counter-clockwise in math axes, no collinear points.
std::vector<Point2> convexHull(std::vector<Point2> p) {
  std::sort(p.begin(), p.end(), [](const Point2& a, const Point2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  p.erase(std::unique(p.begin(), p.end(), [](const Point2& a, const Point2& b) { return a.x == b.x && a.y == b.y; }),
          p.end());
  if (p.size() < 3) return p;
  std::vector<Point2> hull(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) --k;
    hull[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) --k;
    hull[k++] = p[i];
  }
  hull.resize(k - 1);
  return hull;
}

// The rectangle grown by d on every side (DB's unclip of a rectangle: the
// round-joined offset polygon's minimum-area rectangle).
Quad grow(const Quad& q, double d) {
  const double w = dist(q[0], q[1]), h = dist(q[0], q[3]);
  if (w <= 0 || h <= 0) return q;
  const Point2 ux{(q[1].x - q[0].x) / w, (q[1].y - q[0].y) / w};
  const Point2 uy{(q[3].x - q[0].x) / h, (q[3].y - q[0].y) / h};
  const double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
  Quad out;
  for (int i = 0; i < 4; ++i)
    out[i] = {q[i].x + d * (sx[i] * ux.x + sy[i] * uy.x), q[i].y + d * (sx[i] * ux.y + sy[i] * uy.y)};
  return out;
}

}  // namespace

DetectionSize detectionSize(int imageWidth, int imageHeight) {
  const double longer = std::max(imageWidth, imageHeight), shorter = std::min(imageWidth, imageHeight);
  double scale = std::min(1.0, kDetMaxSide / longer);
  if (shorter * scale < kDetMinShortSide) scale = std::min(kDetMinShortSide / shorter, kDetMaxSide / longer);
  auto side = [&](int n) {
    const int s = static_cast<int>(std::ceil(n * scale / 32.0)) * 32;
    return std::max(32, s);
  };
  return {side(imageWidth), side(imageHeight), scale};
}

double quadWidth(const Quad& q) { return std::max(dist(q[0], q[1]), dist(q[3], q[2])); }
double quadHeight(const Quad& q) { return std::max(dist(q[0], q[3]), dist(q[1], q[2])); }

Quad orderCorners(Quad q) {
  std::sort(q.begin(), q.end(), [](const Point2& a, const Point2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  Quad out;
  // Left pair: q[0], q[1]; right pair: q[2], q[3].
  const bool leftSwap = q[1].y < q[0].y, rightSwap = q[3].y < q[2].y;
  out[0] = leftSwap ? q[1] : q[0];   // tl
  out[3] = leftSwap ? q[0] : q[1];   // bl
  out[1] = rightSwap ? q[3] : q[2];  // tr
  out[2] = rightSwap ? q[2] : q[3];  // br
  return out;
}

Quad minAreaRect(std::vector<Point2> points) {
  const std::vector<Point2> hull = convexHull(std::move(points));
  if (hull.empty()) return {};
  if (hull.size() < 3) {
    const Point2 a = hull.front(), b = hull.back();
    return orderCorners({a, b, b, a});
  }
  double bestArea = std::numeric_limits<double>::max();
  Quad best{};
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const Point2& p = hull[i];
    const Point2& q = hull[(i + 1) % hull.size()];
    const double len = dist(p, q);
    if (len <= 0) continue;
    const Point2 u{(q.x - p.x) / len, (q.y - p.y) / len}, v{-u.y, u.x};
    double minU = std::numeric_limits<double>::max(), maxU = -minU, minV = minU, maxV = -minU;
    for (const auto& h : hull) {
      const double a = (h.x - p.x) * u.x + (h.y - p.y) * u.y, b = (h.x - p.x) * v.x + (h.y - p.y) * v.y;
      minU = std::min(minU, a), maxU = std::max(maxU, a), minV = std::min(minV, b), maxV = std::max(maxV, b);
    }
    const double area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      auto at = [&](double a, double b) { return Point2{p.x + a * u.x + b * v.x, p.y + a * u.y + b * v.y}; };
      best = {at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)};
    }
  }
  return orderCorners(best);
}

std::vector<TextBox> dbPostProcess(std::span<const float> prob, int width, int height, const DbParams& params) {
  std::vector<TextBox> boxes;
  if (width <= 0 || height <= 0 || prob.size() < static_cast<std::size_t>(width) * height) return boxes;
  const std::size_t n = static_cast<std::size_t>(width) * height;
  std::vector<std::int32_t> label(n, 0);
  auto on = [&](int x, int y) { return prob[static_cast<std::size_t>(y) * width + x] > params.binaryThreshold; };
  std::vector<std::int32_t> stack;
  int regions = 0;
  for (int sy = 0; sy < height && regions < params.maxCandidates; ++sy)
    for (int sx = 0; sx < width && regions < params.maxCandidates; ++sx) {
      const std::size_t start = static_cast<std::size_t>(sy) * width + sx;
      if (label[start] || !on(sx, sy)) continue;
      ++regions;
      // Flood fill (8-connected); the region's boundary pixels feed the hull.
      std::vector<Point2> boundary;
      double sum = 0;
      std::size_t count = 0;
      stack.assign(1, static_cast<std::int32_t>(start));
      label[start] = regions;
      while (!stack.empty()) {
        const std::int32_t idx = stack.back();
        stack.pop_back();
        const int x = idx % width, y = idx / width;
        sum += prob[idx];
        ++count;
        bool edge = false;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            if (!dx && !dy) continue;
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= width || ny >= height || !on(nx, ny)) {
              if (dx == 0 || dy == 0) edge = true;
              continue;
            }
            const std::size_t nidx = static_cast<std::size_t>(ny) * width + nx;
            if (!label[nidx]) {
              label[nidx] = regions;
              stack.push_back(static_cast<std::int32_t>(nidx));
            }
          }
        if (edge) boundary.push_back({static_cast<double>(x), static_cast<double>(y)});
      }
      const Quad rect = minAreaRect(std::move(boundary));
      if (std::min(quadWidth(rect), quadHeight(rect)) < params.minSide) continue;
      // The region's own mean probability (DB's "slow" score): the mean inside
      // the rectangle would punish lines that bend (a photographed page).
      const double score = count ? sum / count : 0;
      if (score < params.boxThreshold) continue;
      const double w = dist(rect[0], rect[1]), h = dist(rect[0], rect[3]);
      const double grown = w * h * params.unclipRatio / (2 * (w + h));
      const Quad box = grow(rect, grown);
      if (std::min(quadWidth(box), quadHeight(box)) < params.minSide + 2) continue;
      boxes.push_back({box, score});
    }
  std::stable_sort(boxes.begin(), boxes.end(), [](const TextBox& a, const TextBox& b) {
    return a.corners[0].y < b.corners[0].y || (a.corners[0].y == b.corners[0].y && a.corners[0].x < b.corners[0].x);
  });
  return boxes;
}

double textMass(std::span<const float> prob, const DbParams& params) {
  double mass = 0;
  for (const float p : prob)
    if (p > params.binaryThreshold) mass += p;
  return mass;
}

double lineShare(const std::vector<TextBox>& boxes) {
  double lines = 0, all = 0;
  for (const TextBox& box : boxes) {
    const double w = quadWidth(box.corners), h = quadHeight(box.corners), weight = box.score * w * h;
    all += weight;
    if (w >= kLineAspect * h) lines += weight;
  }
  return all > 0 ? lines / all : 0;
}

}  // namespace lv
