#pragma once
// What an analyzer fixes once for all its jobs: input limits and model cards.
#include <memory>

#include "core/limits.hpp"
#include "features/people_gallery/people_gallery.hpp"
#include "pipeline/model_catalog.hpp"

namespace lv {

struct AnalyzerConfig {
  Limits limits;
  // Shared so that a job still running keeps its cards when the analyzer goes.
  std::shared_ptr<const ModelCatalog> models = std::make_shared<ModelCatalog>();
  // The known people of this analyzer (details: celebrities); jobs enrol into it.
  std::shared_ptr<PeopleGallery> people = std::make_shared<PeopleGallery>();

  AnalyzerConfig() = default;
  AnalyzerConfig(Limits l) : limits(l) {}  // NOLINT: a config of limits alone reads naturally in tests
  AnalyzerConfig(Limits l, ModelCatalog m) : limits(l), models(std::make_shared<ModelCatalog>(std::move(m))) {}
};

}  // namespace lv
