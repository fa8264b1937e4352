#pragma once
// The result of the adult feature (Azure v3.2 `adult`).

namespace lv {

struct AdultResult {
  bool isAdultContent = false;
  bool isRacyContent = false;
  bool isGoryContent = false;
  double adultScore = 0;
  double racyScore = 0;
  double goreScore = 0;
  // Not Azure fields: the model's Drawing and Hentai classes (the tags feature reads them).
  double drawingProbability = 0;
  double hentaiProbability = 0;
};

}  // namespace lv
