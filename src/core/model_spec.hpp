#pragma once
// What the core knows about a model: the facts of its card in
// models/manifest.json, handed over by the runtime at start-up.
#include <array>
#include <string>
#include <vector>

namespace lv {

enum class TensorLayout { NHWC, NCHW };
enum class ResizeMode { Stretch, Letterbox };
enum class ColorOrder { RGB, BGR };

struct ModelInputSpec {
  std::string name;
  TensorLayout layout = TensorLayout::NHWC;
  int height = 0, width = 0;  // the usual input size
  ResizeMode resize = ResizeMode::Stretch;
  // Letterbox only. When > 0, the input is only as large as the letterboxed
  // image, each side rounded up to a multiple of this (never above
  // `height` x `width`): the model's graph takes any such size
  // (models/tools/free-size.mjs), so the padding below a wide image or right
  // of a tall one is not run. 0: always `height` x `width`.
  int letterboxStep = 0;
  ColorOrder colorOrder = ColorOrder::RGB;
  // x' = (x * scale - mean[c]) / std[c], x the 0..255 value of channel c.
  float scale = 1.0f;
  std::array<float, 3> mean{0, 0, 0};
  std::array<float, 3> std{1, 1, 1};
};

struct ModelSpec {
  std::string id;
  ModelInputSpec input;
  std::vector<std::string> outputs;  // output names, in the card's order
  std::vector<std::string> labels;   // class names, when the card has a labels file
  // App-supplied classifiers (createAnalyzer({ plugins })); built-in cards
  // leave `task` empty.
  std::string task;                  // "tags", "landmarks" or "brands"
  std::string activation = "none";   // on the first output: "softmax", "sigmoid" or "none"
  double threshold = 0.5;            // labels at or above this probability are kept
  int maxResults = 5;                // at most this many, best first
  bool isPlugin() const { return !task.empty(); }
};

}  // namespace lv
