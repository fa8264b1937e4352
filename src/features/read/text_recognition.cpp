#include "features/read/text_recognition.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "features/read/text_detection.hpp"
#include "imgproc/model_input.hpp"
#include "imgproc/warp.hpp"

namespace lv {
namespace {

Point2 lerp(const Point2& a, const Point2& b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

int lineWidth(const Image& line, int height, int maxWidth) {
  return std::clamp(static_cast<int>(std::ceil(static_cast<double>(height) * line.width / line.height)), 1, maxWidth);
}

bool isSpace(const std::string& s) { return s == " " || s == "\xE3\x80\x80"; }  // ASCII or ideographic space

}  // namespace

Image cropQuad(const Image& image, const Quad& q, int outWidth, int outHeight) {
  // Output (u, v) in [0, W] x [0, H] -> tl + u/W (tr - tl) + v/H (bl - tl).
  const Affine toImage{(q[1].x - q[0].x) / outWidth, (q[3].x - q[0].x) / outHeight, q[0].x,
                       (q[1].y - q[0].y) / outWidth, (q[3].y - q[0].y) / outHeight, q[0].y};
  return warpAffine(image, toImage, outWidth, outHeight);
}

Image cropLine(const Image& image, const Quad& quad, int minHeight) {
  const double height = std::max(1.0, quadHeight(quad));
  const double scale = std::max(1.0, minHeight / height);
  const int w = std::max(1, static_cast<int>(std::lround(quadWidth(quad) * scale)));
  const int h = std::max(1, static_cast<int>(std::lround(height * scale)));
  return cropQuad(image, quad, w, h);
}

Image rotate180(const Image& image) {
  Image out(image.width, image.height);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) std::copy_n(image.pixel(x, y), 3, out.pixel(image.width - 1 - x, image.height - 1 - y));
  return out;
}

int recognitionWidth(const Image& line) { return lineWidth(line, kRecHeight, kRecMaxWidth); }

std::vector<std::vector<std::size_t>> recognitionBatches(const std::vector<int>& widths, std::size_t maxBatch) {
  std::vector<std::size_t> order(widths.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Lines narrower than the minimum input width are padded to it anyway.
  auto padded = [&](std::size_t i) { return std::max(kRecMinWidth, widths[i]); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return padded(a) < padded(b); });
  std::vector<std::vector<std::size_t>> batches;
  for (const std::size_t i : order) {
    const bool fits = !batches.empty() && batches.back().size() < maxBatch &&
                      padded(i) <= kRecBatchWidthSpread * padded(batches.back().front());
    if (!fits) batches.emplace_back();
    batches.back().push_back(i);
  }
  return batches;
}

LineTensor lineTensor(const Image& line, const ModelInputSpec& spec, int height, int maxWidth, int minWidth,
                      bool fixedWidth) {
  if (line.width <= 0 || line.height <= 0) throw AnalysisError(ErrorCode::InternalError, "An empty text line crop.");
  const int width = lineWidth(line, height, maxWidth);
  int padded = std::max(minWidth, width);
  if (!fixedWidth) padded = (padded + 7) / 8 * 8;
  const Image resized = resampleRegion(line, Rect{0, 0, line.width, line.height}, width, height);
  LineTensor out{Tensor({1, 3, height, padded}), width};
  const std::size_t plane = static_cast<std::size_t>(height) * padded;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const std::uint8_t* px = resized.pixel(x, y);
      for (int c = 0; c < 3; ++c) {
        const int src = spec.colorOrder == ColorOrder::BGR ? 2 - c : c;
        out.tensor.data[c * plane + static_cast<std::size_t>(y) * padded + x] =
            (px[src] * spec.scale - spec.mean[c]) / spec.std[c];
      }
    }
  return out;
}

Tensor stackBatch(const std::vector<Tensor>& tensors) {
  if (tensors.empty()) return Tensor();
  std::vector<std::int64_t> dims = tensors.front().dims;
  dims[0] = static_cast<std::int64_t>(tensors.size());
  Tensor out(dims);
  std::size_t offset = 0;
  for (const auto& t : tensors) {
    if (t.dims != tensors.front().dims) throw AnalysisError(ErrorCode::InternalError, "Batched tensors differ in shape.");
    std::copy(t.data.begin(), t.data.end(), out.data.begin() + offset);
    offset += t.data.size();
  }
  return out;
}

std::vector<CtcChar> ctcDecode(std::span<const float> probs, int steps, int classes, const std::vector<std::string>& keys) {
  std::vector<CtcChar> chars;
  if (steps <= 0 || classes <= 0 || probs.size() < static_cast<std::size_t>(steps) * classes) return chars;
  int previous = -1;
  int run = 0;
  for (int t = 0; t < steps; ++t) {
    const float* row = probs.data() + static_cast<std::size_t>(t) * classes;
    const int best = static_cast<int>(std::max_element(row, row + classes) - row);
    if (best != 0 && best == previous && !chars.empty()) {
      // A repeat: the same character held over more steps.
      CtcChar& c = chars.back();
      c.confidence = (c.confidence * run + row[best]) / (run + 1);
      ++run;
      c.lastStep = t;
    } else if (best != 0) {
      CtcChar c;
      if (best <= static_cast<int>(keys.size())) c.text = keys[best - 1];
      else c.text = " ";
      c.space = isSpace(c.text);
      c.confidence = row[best];
      c.firstStep = c.lastStep = t;
      chars.push_back(std::move(c));
      run = 1;
    }
    previous = best;
  }
  return chars;
}

std::vector<CtcChar> insertMissingSpaces(std::vector<CtcChar> chars) {
  std::vector<double> pitches;
  for (std::size_t i = 0; i + 1 < chars.size(); ++i)
    if (!chars[i].space && !chars[i + 1].space) pitches.push_back(chars[i + 1].firstStep - chars[i].firstStep);
  if (pitches.size() < 4) return chars;
  std::nth_element(pitches.begin(), pitches.begin() + pitches.size() / 2, pitches.end());
  const double pitch = pitches[pitches.size() / 2];
  const double gap = std::max(kSpaceGapRatio * pitch, pitch + 2);
  std::vector<CtcChar> out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    // A wide letter's peak sits further from the next one ("m arkers").
    const bool wide = i > 0 && (chars[i - 1].text == "m" || chars[i - 1].text == "w" || chars[i - 1].text == "M" ||
                                chars[i - 1].text == "W");
    if (i > 0 && !chars[i].space && !chars[i - 1].space && chars[i].firstStep - chars[i - 1].firstStep >= gap + (wide ? 1 : 0)) {
      CtcChar space;
      space.text = " ";
      space.space = true;
      space.confidence = std::min(chars[i - 1].confidence, chars[i].confidence);
      space.firstStep = chars[i - 1].lastStep + 1;
      space.lastStep = std::max(space.firstStep, chars[i].firstStep - 1);
      out.push_back(space);
    }
    out.push_back(chars[i]);
  }
  return out;
}

TextLine assembleLine(const std::vector<CtcChar>& chars, double contentSteps, const Quad& polygon) {
  TextLine line;
  line.polygon = polygon;
  // Trim spaces at either end; collapse runs of spaces into one.
  std::size_t begin = 0, end = chars.size();
  while (begin < end && chars[begin].space) ++begin;
  while (end > begin && chars[end - 1].space) --end;
  if (begin == end) return line;
  const double steps = std::max(1.0, contentSteps);
  auto at = [&](double step, bool top) {
    const double f = std::clamp(step / steps, 0.0, 1.0);
    return top ? lerp(polygon[0], polygon[1], f) : lerp(polygon[3], polygon[2], f);
  };
  double sum = 0;
  int count = 0;
  std::size_t i = begin;
  while (i < end) {
    std::size_t j = i;
    while (j < end && !chars[j].space) ++j;
    // Word i..j-1. Its extent: its characters' steps, a step of margin,
    // never past the neighbouring spaces; the first and last words reach the line's ends.
    TextWord word;
    double wsum = 0;
    for (std::size_t k = i; k < j; ++k) {
      word.text += chars[k].text;
      wsum += chars[k].confidence;
    }
    word.confidence = wsum / static_cast<double>(j - i);
    double left = i == begin ? 0.0 : std::max<double>(chars[i - 1].lastStep + 1, chars[i].firstStep - 1.0);
    double right = j == end ? steps : std::min<double>(chars[j].firstStep, chars[j - 1].lastStep + 2.0);
    if (i == begin) left = std::min(left, std::max(0.0, chars[i].firstStep - 1.0));
    word.polygon = {at(left, true), at(right, true), at(right, false), at(left, false)};
    sum += wsum;
    count += static_cast<int>(j - i);
    if (!line.text.empty()) line.text += ' ';
    line.text += word.text;
    line.words.push_back(std::move(word));
    i = j;
    while (i < end && chars[i].space) ++i;
  }
  line.confidence = count ? sum / count : 0;
  return line;
}

}  // namespace lv
