// The Embind shell over src/pipeline: moves bytes and tensors between the
// JavaScript heap and the core, and nothing else.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>

#include "core/error.hpp"
#include "decode/decode.hpp"
#include "features/thumbnail/thumbnail.hpp"
#include "json/azure_json.hpp"
#include "pipeline/job.hpp"
#include "pipeline/analyzer_config.hpp"
#include "pipeline/limits_parser.hpp"
#include "pipeline/registry.hpp"

using emscripten::val;

namespace {

// Copies a JS typed array into a fresh core buffer with one JS-side set().
template <class Buffer>
void copyFromJs(const val& source, Buffer& into) {
  val view(emscripten::typed_memory_view(into.size(), into.data()));
  view.call<void>("set", source);
}

val tensorToJs(const lv::Tensor& tensor) {
  val dims = val::array();
  for (auto d : tensor.dims) dims.call<void>("push", static_cast<double>(d));
  val entry = val::object();
  // A view over the heap, valid until the next call into the module.
  entry.set("data", val(emscripten::typed_memory_view(tensor.data.size(), tensor.data.data())));
  entry.set("dims", dims);
  return entry;
}

lv::Tensor tensorFromJs(const val& entry) {
  std::vector<std::int64_t> dims;
  const val jsDims = entry["dims"];
  const unsigned rank = jsDims["length"].as<unsigned>();
  for (unsigned i = 0; i < rank; ++i) dims.push_back(static_cast<std::int64_t>(jsDims[i].as<double>()));
  lv::Tensor tensor(std::move(dims));
  if (entry["data"]["length"].as<std::size_t>() != tensor.data.size())
    throw lv::AnalysisError(lv::ErrorCode::InvalidArgument, "A model output's data does not match its dims.");
  copyFromJs(entry["data"], tensor.data);
  return tensor;
}

class JobHandle {
 public:
  explicit JobHandle(std::unique_ptr<lv::Job> job) : job_(std::move(job)) {}

  bool done() const { return job_->done(); }
  bool failed() const { return job_->failed(); }
  std::string result() const { return job_->resultJson(); }
  void release() { job_->release(); }

  // [{model, inputs: {name: {data: Float32Array, dims: number[]}}}]
  val requests() const {
    val list = val::array();
    for (const auto& request : job_->requests()) {
      val inputs = val::object();
      for (const auto& [name, tensor] : request.inputs) inputs.set(name, tensorToJs(tensor));
      val entry = val::object();
      entry.set("model", request.model);
      entry.set("inputs", inputs);
      list.call<void>("push", entry);
    }
    return list;
  }

  // outputs: [{name: {data: Float32Array, dims: number[]}}], one per request.
  // Malformed outputs fail the job (see result()).
  void supply(const val& outputs) {
    try {
      job_->supply(tensorsFromJs(outputs));
    } catch (const lv::AnalysisError& e) {
      job_->fail(e);
    }
  }

  void cancel(const std::string& reason) { job_->fail(lv::AnalysisError(lv::ErrorCode::Cancelled, reason)); }

 private:
  static std::vector<lv::NamedTensors> tensorsFromJs(const val& outputs) {
    std::vector<lv::NamedTensors> all;
    const unsigned count = outputs["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
      lv::NamedTensors named;
      const val keys = val::global("Object").call<val>("keys", outputs[i]);
      const unsigned n = keys["length"].as<unsigned>();
      for (unsigned k = 0; k < n; ++k) {
        const std::string name = keys[k].as<std::string>();
        named.emplace_back(name, tensorFromJs(outputs[i][name]));
      }
      all.push_back(std::move(named));
    }
    return all;
  }

  std::unique_ptr<lv::Job> job_;
};

class Analyzer {
 public:
  // Throws nothing: bad limits or model cards are reported by configError().
  // manifestJson: models/manifest.json; labelsJson: {"<model id>": "<labels text>"}.
  Analyzer(const std::string& limitsJson, const std::string& manifestJson, const std::string& labelsJson) {
    try {
      config_ = lv::AnalyzerConfig(lv::parseLimits(limitsJson),
                                   manifestJson.empty() ? lv::ModelCatalog() : lv::ModelCatalog(manifestJson, labelsJson));
    } catch (const lv::AnalysisError& e) {
      configError_ = lv::errorEnvelope(e).dump();
    }
  }

  std::string configError() const { return configError_; }

  // JSON list of the features this analyzer can compute with its models.
  std::string features() const { return nlohmann::json(lv::availableFeatures(*config_.models)).dump(); }
  std::string details() const { return nlohmann::json(lv::availableDetails(*config_.models)).dump(); }

  JobHandle* begin(const val& bytes, const std::string& options) const {
    const std::size_t size = bytes["length"].as<std::size_t>();
    // Oversized input is refused before it is copied into the heap.
    try {
      lv::checkInputBytes(size, config_.limits);
    } catch (const lv::AnalysisError& e) {
      return new JobHandle(std::make_unique<lv::Job>(e));
    }
    lv::SecureVector<std::uint8_t> buffer(size);
    copyFromJs(bytes, buffer);
    return new JobHandle(std::make_unique<lv::Job>(std::span<const std::uint8_t>(buffer.data(), buffer.size()), options, config_));
  }

  JobHandle* beginPixels(const val& rgba, int width, int height, const std::string& options) const {
    const std::size_t size = rgba["length"].as<std::size_t>();
    if (width <= 0 || height <= 0 || size != static_cast<std::size_t>(width) * height * 4)
      return new JobHandle(std::make_unique<lv::Job>(lv::AnalysisError(
          lv::ErrorCode::InvalidImageFormat, "The pixel data must hold width x height RGBA values (4 bytes a pixel).")));
    lv::SecureVector<std::uint8_t> buffer(size);
    copyFromJs(rgba, buffer);
    return new JobHandle(std::make_unique<lv::Job>(buffer.data(), width, height, options, config_));
  }

  // Azure's generateThumbnail: a fresh Uint8Array of the encoded thumbnail,
  // or Azure's error envelope as a string. options: see parseThumbnailOptions.
  val thumbnail(const val& bytes, const std::string& options) const {
    return thumbnailOr([&] {
      lv::checkInputBytes(bytes["length"].as<std::size_t>(), config_.limits);
      lv::SecureVector<std::uint8_t> buffer(bytes["length"].as<std::size_t>());
      copyFromJs(bytes, buffer);
      return lv::decodeImage(buffer, config_.limits).image;
    }, options);
  }

  val thumbnailPixels(const val& rgba, int width, int height, const std::string& options) const {
    return thumbnailOr([&] {
      const std::size_t size = rgba["length"].as<std::size_t>();
      if (width <= 0 || height <= 0 || size != static_cast<std::size_t>(width) * height * 4)
        throw lv::AnalysisError(lv::ErrorCode::InvalidImageFormat, "The pixel data must hold width x height RGBA values (4 bytes a pixel).");
      lv::SecureVector<std::uint8_t> buffer(size);
      copyFromJs(rgba, buffer);
      return lv::imageFromRgba(buffer.data(), width, height, config_.limits).image;
    }, options);
  }

  // The known-people gallery (details: 'celebrities'). Enrol with begin or
  // beginPixels and options {"enroll": "<name>"}. Nothing persists.
  std::string peopleList() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : config_.people->list()) list.push_back({{"name", p.name}, {"descriptors", p.descriptors}});
    return list.dump();
  }
  bool peopleRemove(const std::string& name) { return config_.people->remove(name); }
  void peopleClear() { config_.people->clear(); }
  std::string peopleExport() const { return config_.people->exportJson(); }
  // "" when imported, else Azure's error envelope (nothing imported).
  std::string peopleImport(const std::string& json) {
    try {
      config_.people->importJson(json);
      return "";
    } catch (const lv::AnalysisError& e) {
      return lv::errorEnvelope(e).dump();
    }
  }

 private:
  template <class Decode>
  static val thumbnailOr(Decode decode, const std::string& options) {
    try {
      const lv::ThumbnailOptions parsed = lv::parseThumbnailOptions(options);
      const auto encoded = lv::makeThumbnail(decode(), parsed);
      return val::global("Uint8Array").new_(emscripten::typed_memory_view(encoded.size(), encoded.data()));
    } catch (const lv::AnalysisError& e) {
      return val(lv::errorEnvelope(e).dump());
    }
  }

  lv::AnalyzerConfig config_;
  std::string configError_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(localvision) {
  emscripten::class_<JobHandle>("Job")
      .function("done", &JobHandle::done)
      .function("failed", &JobHandle::failed)
      .function("requests", &JobHandle::requests)
      .function("supply", &JobHandle::supply)
      .function("result", &JobHandle::result)
      .function("cancel", &JobHandle::cancel)
      .function("release", &JobHandle::release);
  emscripten::class_<Analyzer>("Analyzer")
      .constructor<std::string, std::string, std::string>()
      .function("configError", &Analyzer::configError)
      .function("features", &Analyzer::features)
      .function("details", &Analyzer::details)
      .function("begin", &Analyzer::begin, emscripten::allow_raw_pointers())
      .function("beginPixels", &Analyzer::beginPixels, emscripten::allow_raw_pointers())
      .function("thumbnail", &Analyzer::thumbnail)
      .function("thumbnailPixels", &Analyzer::thumbnailPixels)
      .function("peopleList", &Analyzer::peopleList)
      .function("peopleRemove", &Analyzer::peopleRemove)
      .function("peopleClear", &Analyzer::peopleClear)
      .function("peopleExport", &Analyzer::peopleExport)
      .function("peopleImport", &Analyzer::peopleImport);
}
