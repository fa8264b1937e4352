#pragma once
// What the tags, description and categories features know about an image:
// every signal the other features produced, in one neutral form, so the three
// can be computed (and tested) from synthetic evidence alone.
#include <optional>
#include <string>
#include <vector>

#include "features/classification/classification.hpp"
#include "features/color/color.hpp"
#include "features/image_type/image_type.hpp"

namespace lv {

// A box as fractions of the image (0..1), top-left and size.
struct UnitBox {
  double x = 0, y = 0, w = 0, h = 0;
  double area() const { return w * h; }
};

// One detection of the objects model (COCO-80 names; "person" included).
struct ObjectSignal {
  std::string name;
  double confidence = 0;
  UnitBox box;
  std::vector<std::string> parents;  // Azure-style parent chain as the objects feature reported it (may be empty)
};

struct FaceSignal {
  double confidence = 0;
  UnitBox box;
};

// Classical scene evidence from the pixels, each 0 (none) .. 1 (strong).
struct SceneEvidence {
  double sky = 0;    // smooth blue in the top band
  double grass = 0;  // textured green in the lower part
  double water = 0;  // smooth blue/teal in the lower part
  double snow = 0;   // bright, low-saturation, faintly blue lower part under a sky
  double meanLuma = 0.5;
  double foliage = 0;      // textured green in the upper two thirds (trees, bushes)
  double cloud = 0;        // bright, colourless patches beside the blue of a sky in the top half
  double sunset = 0;       // warm, lit, saturated top third beside the blue of a sky
  double nightLights = 0;  // a dark image with a few bright lights
  double sand = 0;         // smooth, lit beige over almost all the lower third under a sky
};

// The adult model's five classes (softmax).
struct NsfwScores {
  double drawing = 0, hentai = 0, neutral = 0, porn = 0, sexy = 0;
};

struct Signals {
  std::vector<ObjectSignal> objects;
  std::vector<FaceSignal> faces;
  int textLines = 0;          // lines the read feature found
  double textConfidence = 0;  // their mean confidence, 0..1
  double textArea = 0;        // share of the image their boxes cover, 0..1
  std::optional<ImageTypeResult> imageType;
  std::optional<ColorResult> color;
  std::optional<NsfwScores> nsfw;
  std::optional<SceneEvidence> scene;
  std::optional<Classification> classification;  // the ImageNet classifier on the whole image
};

}  // namespace lv
