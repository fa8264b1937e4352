#include "pipeline/options_parser.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/error.hpp"
#include "pipeline/registry.hpp"

namespace lv {
namespace {

using nlohmann::json;

const char* const kLanguages[] = {"en", "es", "ja", "pt", "zh"};
const char* const kDetails[] = {"celebrities", "landmarks"};
constexpr double kMinCropRatio = 0.75, kMaxCropRatio = 1.8;
constexpr int kMaxCandidatesLimit = 10;

[[noreturn]] void badArgument(const std::string& message) { throw AnalysisError(ErrorCode::InvalidArgument, message); }

// Accepts ["a", "b"] or "a,b" (Azure's query-string style).
std::vector<std::string> stringList(const json& value, const char* option) {
  std::vector<std::string> items;
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      std::string item = text.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) items.push_back(item);
      start = comma + 1;
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) badArgument(std::string("'") + option + "' must be a list of strings.");
      items.push_back(item.get<std::string>());
    }
  } else if (!value.is_null()) {
    badArgument(std::string("'") + option + "' must be a list of strings or a comma-separated string.");
  }
  return items;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

void addUnique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

bool isCalendarDate(const std::string& text) {
  static const std::regex pattern(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return false;
  const int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
}

OutputFormat parseFormat(const json& value) {
  if (value.is_null()) return OutputFormat::AzureV32;
  const std::string text = value.is_string() ? lowercase(value.get<std::string>()) : "";
  if (text == "azure-v3.2") return OutputFormat::AzureV32;
  if (text == "azure-v4.0") return OutputFormat::AzureV40;
  badArgument("'format' must be \"azure-v3.2\" or \"azure-v4.0\".");
}

std::string parseLanguage(const json& value) {
  if (value.is_null()) return "en";
  const std::string language = value.is_string() ? lowercase(value.get<std::string>()) : "";
  for (const char* supported : kLanguages)
    if (language == supported) return language;
  throw AnalysisError(ErrorCode::NotSupportedLanguage, "Language '" + (value.is_string() ? value.get<std::string>() : value.dump()) +
                                                           "' is not supported. Use one of: en, es, ja, pt, zh.");
}

std::string parseModelVersion(const json& value) {
  if (value.is_null()) return "latest";
  const std::string version = value.is_string() ? value.get<std::string>() : value.dump();
  if (lowercase(version) == "latest") return "latest";
  if (isCalendarDate(version)) return version;
  throw AnalysisError(ErrorCode::InvalidModel,
                      "Model version '" + version + "' is not valid. Use \"latest\" or a date such as \"2023-10-01\".");
}

// Landmarks asked of an analyzer without a landmarks classifier: the rest of
// the analysis runs (Azure's quickstart asks Celebrities and Landmarks
// together), and the result says why no landmark was looked for.
const char* const kNoLandmarksWarning =
    "Detail 'landmarks' was ignored: this analyzer has no landmarks classifier. Add yours as a plugin of task "
    "landmarks: createAnalyzer({ plugins }), or --plugin FILE for localvision analyze and serve (README, Pluggable models).";

// The details to compute; those this analyzer cannot honour add to `warnings`.
std::vector<std::string> parseDetails(const std::vector<std::string>& names, const ModelCatalog& models,
                                      std::vector<std::string>& warnings) {
  std::vector<std::string> details;
  for (const auto& name : names) {
    const std::string lower = lowercase(name);
    if (std::find(std::begin(kDetails), std::end(kDetails), lower) == std::end(kDetails))
      throw AnalysisError(ErrorCode::InvalidDetails,
                          "Detail '" + name + "' is not supported. Use \"celebrities\" or \"landmarks\".");
    // celebrities: the people the app enrolled in this analyzer's gallery.
    if (lower == "celebrities") {
      checkModelsForKnownPeople("'celebrities'", models);
      addUnique(details, lower);
      continue;
    }
    // landmarks: what the app's landmarks classifier (a plugin) recognises;
    // without one the analysis goes on and says why there are none.
    if (lower == "landmarks" && !models.hasPluginTask("landmarks")) addUnique(warnings, kNoLandmarksWarning);
    else addUnique(details, lower);
  }
  return details;
}

// Azure's 4.0 result has no faces member, and celebrities live in v3.2's
// categories: asked with format 4.0 they are not computed (nor their models
// required), and the result says so rather than answering with nothing.
// Removes every case-insensitive `name` from `list`; whether there was one.
bool dropName(std::vector<std::string>& list, std::string_view name) {
  const auto size = list.size();
  std::erase_if(list, [&](const std::string& item) { return lowercase(item) == name; });
  return list.size() != size;
}

void leaveOutFacesInV40(AnalyzeOptions& options) {
  if (dropName(options.features, "faces"))
    addUnique(options.warnings,
              "Feature 'faces' was left out: Azure's 4.0 result has no faces member. Ask for 'people' (person boxes), "
              "or use format \"azure-v3.2\" for face rectangles.");
}

void leaveOutCelebritiesInV40(std::vector<std::string>& details, std::vector<std::string>& warnings) {
  if (dropName(details, "celebrities"))
    addUnique(warnings,
              "Detail 'celebrities' was left out: Azure's 4.0 result has no celebrities (a v3.2 categories detail). "
              "Use format \"azure-v3.2\" for known people.");
}

std::vector<double> parseAspectRatios(const json& value) {
  std::vector<double> ratios;
  if (value.is_null()) return ratios;
  const json list = value.is_array() ? value : json::array({value});
  for (const auto& item : list) {
    double ratio = 0;
    if (item.is_number()) ratio = item.get<double>();
    else if (item.is_string()) {
      try { ratio = std::stod(item.get<std::string>()); } catch (...) { ratio = 0; }
    }
    if (!(ratio >= kMinCropRatio && ratio <= kMaxCropRatio))
      badArgument("Smart-crop aspect ratio " + item.dump() + " is out of range: each must be between 0.75 and 1.8 (width / height).");
    ratios.push_back(ratio);
  }
  return ratios;
}

int parseMaxCandidates(const json& value) {
  if (value.is_null()) return 1;
  if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > kMaxCandidatesLimit)
    badArgument("'maxCandidates' must be an integer from 1 to 10.");
  return value.get<int>();
}

void rejectUnknownKeys(const json& options) {
  static const char* const kKnown[] = {"features", "visualFeatures", "details", "language", "modelVersion", "format",
                                       "smartCropsAspectRatios", "maxCandidates", "enroll"};
  for (const auto& item : options.items()) {
    const std::string& key = item.key();
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return key == k; }) == std::end(kKnown))
      badArgument("Unknown option '" + key + "'.");
  }
}

const json& member(const json& options, const char* key) {
  static const json null;
  auto it = options.find(key);
  return it == options.end() ? null : *it;
}

}  // namespace

AnalyzeOptions parseOptions(std::string_view text, const ModelCatalog& models) {
  json options = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (options.is_discarded() || !options.is_object()) badArgument("Options must be a JSON object.");
  rejectUnknownKeys(options);

  AnalyzeOptions result;
  result.format = parseFormat(member(options, "format"));
  result.language = parseLanguage(member(options, "language"));
  result.modelVersion = parseModelVersion(member(options, "modelVersion"));
  std::vector<std::string> details = stringList(member(options, "details"), "details");
  if (result.format == OutputFormat::AzureV40) leaveOutCelebritiesInV40(details, result.warnings);
  result.details = parseDetails(details, models, result.warnings);
  result.smartCropsAspectRatios = parseAspectRatios(member(options, "smartCropsAspectRatios"));
  result.maxCandidates = parseMaxCandidates(member(options, "maxCandidates"));

  const json& features = options.contains("features") ? options["features"] : member(options, "visualFeatures");
  for (const auto& name : stringList(features, "features")) addUnique(result.features, canonicalFeatureName(name));
  if (const json& enroll = member(options, "enroll"); !enroll.is_null()) {
    if (!enroll.is_string() || enroll.get<std::string>().empty() || enroll.get<std::string>().size() > 256)
      badArgument("'enroll' must be the person's name: a non-empty string of at most 256 characters.");
    if (!result.features.empty() || !details.empty())
      badArgument("An enrolment job ('enroll') analyses nothing else: leave out 'features' and 'details'.");
    checkModelsForKnownPeople("Enrolling a person", models);
    result.enroll = enroll.get<std::string>();
    return result;
  }
  if (result.features.empty()) result.features = defaultFeatures(result.format, models);
  if (result.format == OutputFormat::AzureV40) leaveOutFacesInV40(result);
  checkModelsFor(result.features, models);
  result.internalFeatures = featureDependencies(result.features, models);
  return result;
}

}  // namespace lv
