#include "features/tags/scene.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "imgproc/colorspace.hpp"
#include "imgproc/downscale.hpp"

namespace lv {
namespace {

double ramp(double v, double from, double to) { return std::clamp((v - from) / (to - from), 0.0, 1.0); }

struct Px {
  Hsv hsv;
  float luma;
  float grad;  // max |luma difference| to the right and lower neighbours
  int r, g, b;
};

constexpr float kBrightValue = 0.8f;
constexpr double kMaxSolidLightShare = 0.6;

// Whether the pixel's four neighbours inside the image are all bright too.
bool brightAround(const std::vector<Px>& px, int w, int h, int x, int y) {
  const auto bright = [&](int nx, int ny) {
    return nx < 0 || ny < 0 || nx >= w || ny >= h || px[static_cast<std::size_t>(ny) * w + nx].hsv.v >= kBrightValue;
  };
  return bright(x - 1, y) && bright(x + 1, y) && bright(x, y - 1) && bright(x, y + 1);
}

}  // namespace

SceneEvidence analyzeScene(const Image& image) {
  SceneEvidence out;
  if (image.width < 8 || image.height < 8) return out;
  const Image small = downscaleArea(image, kSceneAnalysisSide);
  const int w = small.width, h = small.height;
  std::vector<Px> px(static_cast<std::size_t>(w) * h);
  double lumaSum = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = small.pixel(x, y);
      Px& q = px[static_cast<std::size_t>(y) * w + x];
      q.hsv = rgbToHsv(p[0], p[1], p[2]);
      q.luma = luma(p[0], p[1], p[2]);
      q.r = p[0], q.g = p[1], q.b = p[2];
      lumaSum += q.luma;
    }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Px& q = px[static_cast<std::size_t>(y) * w + x];
      const float right = x + 1 < w ? px[static_cast<std::size_t>(y) * w + x + 1].luma : q.luma;
      const float down = y + 1 < h ? px[static_cast<std::size_t>(y + 1) * w + x].luma : q.luma;
      q.grad = std::max(std::fabs(right - q.luma), std::fabs(down - q.luma));
    }
  out.meanLuma = lumaSum / (static_cast<double>(w) * h);

  // Sky: the top third mostly smooth blue (hue 185..250, some saturation, lit).
  const int skyRows = std::max(1, h / 3);
  int sky = 0;
  double skyValue = 0;
  for (int y = 0; y < skyRows; ++y)
    for (int x = 0; x < w; ++x) {
      const Px& q = px[static_cast<std::size_t>(y) * w + x];
      if (q.hsv.h >= 185 && q.hsv.h <= 250 && q.hsv.s >= 0.12f && q.hsv.s <= 0.9f && q.hsv.v >= 0.4f && q.grad < 0.04f) {
        ++sky;
        skyValue += q.hsv.v;
      }
    }
  out.sky = ramp(static_cast<double>(sky) / (skyRows * w), 0.45, 0.85);

  // The lower half: grass, water, snow; sand in the lower third.
  const int top = h / 2;
  const int lowerCount = (h - top) * w;
  const int bottom = 2 * h / 3;
  int green = 0, texturedGreen = 0, water = 0, snow = 0, sand = 0;
  double waterGrad = 0, snowGrad = 0, waterValue = 0;
  for (int y = top; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const Px& q = px[static_cast<std::size_t>(y) * w + x];
      if (q.hsv.h >= 65 && q.hsv.h <= 160 && q.hsv.s >= 0.25f && q.hsv.v >= 0.12f) {
        ++green;
        if (q.grad >= 0.015f) ++texturedGreen;
      }
      if (q.hsv.h >= 170 && q.hsv.h <= 250 && q.hsv.s >= 0.2f && q.hsv.v >= 0.2f && q.grad < 0.06f) {
        ++water;
        waterGrad += q.grad;
        waterValue += q.hsv.v;
      }
      if (q.hsv.v >= 0.75f && q.hsv.s <= 0.15f && q.b + 4 >= q.r) {
        ++snow;
        snowGrad += q.grad;
      }
      if (y >= bottom && q.hsv.h >= 20 && q.hsv.h <= 50 && q.hsv.s >= 0.15f && q.hsv.s <= 0.6f && q.hsv.v >= 0.5f && q.grad < 0.1f)
        ++sand;
    }
  const double greenShare = static_cast<double>(green) / lowerCount;
  const double greenTexture = green ? static_cast<double>(texturedGreen) / green : 0;
  // Grass is green and textured; a flat green wall or a painted area is not.
  out.grass = ramp(greenShare, 0.35, 0.7) * ramp(greenTexture, 0.25, 0.5);
  // Water: smooth blue/teal below, not perfectly flat (a painted area), and
  // under a sky it is clearly darker than: blue below without a sky, or as
  // bright as the sky, is more sky as far as pixels can tell (rocket.jpg).
  // Over more than half the lower half: snow in shade and grass under a blue
  // cast covered 0.54 of it on the dev set.
  const double waterShare = static_cast<double>(water) / lowerCount;
  const double waterMeanGrad = water ? waterGrad / water : 0;
  const bool darkerThanSky = sky > 0 && water > 0 && waterValue / water < skyValue / sky - 0.1;
  out.water = (waterMeanGrad >= 0.004 && out.sky >= 0.3 && darkerThanSky) ? ramp(waterShare, 0.55, 0.85) : 0.0;
  // Snow: bright, low-saturation and not yellowish, slightly textured, and
  // only under a sky (a white page or a studio backdrop is not snow).
  const double snowShare = static_cast<double>(snow) / lowerCount;
  const double snowMeanGrad = snow ? snowGrad / snow : 0;
  out.snow = (out.sky >= 0.3 && snowMeanGrad >= 0.004) ? ramp(snowShare, 0.5, 0.8) : 0.0;
  // Sand: a desert or a beach is beige almost edge to edge below a sky. Dry
  // grass and bare earth under a sky covered under half the lower third
  // (two_giraffes_in_savanna.jpg 0.45); the desert 0.92.
  const double sandShare = static_cast<double>(sand) / ((h - bottom) * w);
  out.sand = out.sky >= 0.3 ? ramp(sandShare, 0.75, 0.9) : 0.0;

  // The upper parts: foliage, clouds beside blue sky, a sunset; and lights at night.
  const int upper = std::max(1, 2 * h / 3), half = std::max(1, h / 2);
  int foliage = 0, cloud = 0, blue = 0, warm = 0, blueTop = 0, lights = 0, solidLights = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const Px& q = px[static_cast<std::size_t>(y) * w + x];
      if (y < upper && q.hsv.h >= 60 && q.hsv.h <= 170 && q.hsv.s >= 0.2f && q.hsv.v >= 0.08f && q.grad >= 0.03f) ++foliage;
      if (y < half && q.hsv.v >= 0.7f && q.hsv.s <= 0.15f) ++cloud;
      if (y < half && q.hsv.h >= 185 && q.hsv.h <= 250 && q.hsv.s >= 0.15f && q.hsv.v >= 0.35f) ++blue;
      if (y < skyRows && (q.hsv.h <= 50 || q.hsv.h >= 330) && q.hsv.s >= 0.3f && q.hsv.v >= 0.4f && q.grad < 0.1f) ++warm;
      if (y < skyRows && q.hsv.h >= 185 && q.hsv.h <= 250 && q.hsv.s >= 0.15f && q.hsv.v >= 0.25f) ++blueTop;
      if (q.hsv.v >= kBrightValue) {
        ++lights;
        if (brightAround(px, w, h, x, y)) ++solidLights;
      }
    }
  const double all = static_cast<double>(w) * h, halfCount = static_cast<double>(half) * w;
  out.foliage = ramp(foliage / (static_cast<double>(upper) * w), 0.15, 0.45);
  // Clouds: white in the top half, with blue between them (white without
  // blue is a page, a wall or fog).
  out.cloud = blue / halfCount >= 0.1 ? ramp(cloud / halfCount, 0.1, 0.35) : 0.0;
  // A sunset: warm glow (clouds lit orange count, texture and all) beside
  // the blue of the sky in the top third. Warm without blue was a blurred
  // backdrop, a wall or a dish, never a sky.
  const double topCount = static_cast<double>(skyRows) * w;
  out.sunset = blueTop / topCount >= 0.1 ? ramp(warm / topCount, 0.15, 0.45) : 0.0;
  // Night: a dark frame (mean luma under 0.3) lit by a few bright points (0.3%
  // to 15% of it). Points: most bright pixels border a darker one. A lit
  // subject on a dark backdrop is one solid area (white_duck.jpg: 76% of its
  // bright pixels inside it; the bridge at night 47%).
  const double lightShare = lights / all;
  const bool points = lights > 0 && solidLights < kMaxSolidLightShare * lights;
  out.nightLights = (out.meanLuma < 0.3 && lightShare >= 0.003 && lightShare <= 0.15 && points) ? ramp(0.3 - out.meanLuma, 0, 0.1) : 0.0;
  return out;
}

}  // namespace lv
