#include "json/azure_json.hpp"

#include <cmath>
#include <set>
#include <string>

#include "core/version.hpp"

namespace lv {
namespace {

using json = nlohmann::ordered_json;

json colorJson(const ColorResult& c) {
  // Azure's responses carry both spellings of the black-and-white flag.
  return {{"dominantColorForeground", c.dominantColorForeground},
          {"dominantColorBackground", c.dominantColorBackground},
          {"dominantColors", c.dominantColors},
          {"accentColor", c.accentColor},
          {"isBWImg", c.isBWImg},
          {"isBwImg", c.isBWImg}};
}

json imageTypeJson(const ImageTypeResult& t) {
  return {{"clipArtType", t.clipArtType}, {"lineDrawingType", t.lineDrawingType}};
}

json smartCropsJson(const std::vector<CropRegion>& crops) {
  json values = json::array();
  for (const auto& c : crops)
    values.push_back({{"aspectRatio", std::round(c.aspectRatio * 100) / 100},
                      {"boundingBox", {{"x", c.x}, {"y", c.y}, {"w", c.w}, {"h", c.h}}}});
  return {{"values", values}};
}

double roundTo(double v, int digits) {
  const double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}

json boxJson(const Rect& r) { return {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}; }

// v3.2: {rectangle, object, confidence, parent: {object, confidence, parent: ...}}
// with the parent's confidence that of the object, as Azure reports nearly so.
json objectsV32Json(const std::vector<DetectedObject>& objects) {
  json values = json::array();
  for (const auto& o : objects) {
    const double confidence = roundTo(o.confidence, 3);
    json parent;  // built from the root down
    for (auto p = o.parents.rbegin(); p != o.parents.rend(); ++p) {
      json node = {{"object", *p}, {"confidence", confidence}};
      if (!parent.is_null()) node["parent"] = std::move(parent);
      parent = std::move(node);
    }
    json item = {{"rectangle", boxJson(o.rectangle)}, {"object", o.name}, {"confidence", confidence}};
    if (!parent.is_null()) item["parent"] = std::move(parent);
    values.push_back(std::move(item));
  }
  return values;
}

// 4.0: {values: [{boundingBox, tags: [{name, confidence}]}]}
json objectsV40Json(const std::vector<DetectedObject>& objects) {
  json values = json::array();
  for (const auto& o : objects)
    values.push_back({{"boundingBox", boxJson(o.rectangle)},
                      {"tags", json::array({{{"name", o.name}, {"confidence", roundTo(o.confidence, 3)}}})}});
  return {{"values", values}};
}

json peopleJson(const std::vector<DetectedPerson>& people) {
  json values = json::array();
  for (const auto& p : people)
    values.push_back({{"boundingBox", boxJson(p.boundingBox)}, {"confidence", roundTo(p.confidence, 4)}});
  return {{"values", values}};
}

json adultJson(const AdultResult& a) {
  return {{"isAdultContent", a.isAdultContent}, {"isRacyContent", a.isRacyContent},
          {"isGoryContent", a.isGoryContent},   {"adultScore", roundTo(a.adultScore, 6)},
          {"racyScore", roundTo(a.racyScore, 6)}, {"goreScore", roundTo(a.goreScore, 6)}};
}

json faceRectangleJson(const FaceRectangle& r) {
  return {{"left", r.left}, {"top", r.top}, {"width", r.width}, {"height", r.height}};
}

double round4(double v) { return std::round(v * 10000) / 10000; }

json facesJson(const std::vector<FaceRectangle>& faces) {
  json values = json::array();
  for (const auto& f : faces) values.push_back({{"faceRectangle", faceRectangleJson(f)}});
  return values;
}

// Azure puts recognised people in the detail of the people category
// (people_, people_portrait, ...): the best-scoring one, or a new "people_".
void addKnownPeople(json& out, const PeopleCategory& people) {
  if (!out.contains("categories")) out["categories"] = json::array();
  if (!people.anyFace) return;
  json celebrities = json::array();
  for (const auto& p : people.celebrities)
    celebrities.push_back(
        {{"name", p.name}, {"confidence", round4(p.confidence)}, {"faceRectangle", faceRectangleJson(p.faceRectangle)}});
  json* best = nullptr;
  for (auto& category : out["categories"])
    if (category.value("name", "").rfind("people_", 0) == 0 &&
        (!best || category.value("score", 0.0) > best->value("score", 0.0)))
      best = &category;
  if (best) {
    (*best)["detail"]["celebrities"] = celebrities;
    return;
  }
  out["categories"].push_back(
      {{"name", "people_"}, {"score", round4(people.score)}, {"detail", {{"celebrities", celebrities}}}});
}

// read: polygons as 4 integer points, clockwise from the text's top-left.
json polygonJson(const Quad& q) {
  json points = json::array();
  for (const auto& p : q) points.push_back({{"x", static_cast<int>(std::lround(p.x))}, {"y", static_cast<int>(std::lround(p.y))}});
  return points;
}

json readJson(const ReadResult& read) {
  json blocks = json::array();
  for (const auto& b : read.blocks) {
    json lines = json::array();
    for (const auto& l : b.lines) {
      json words = json::array();
      for (const auto& w : l.words)
        words.push_back({{"text", w.text}, {"boundingPolygon", polygonJson(w.polygon)},
                         {"confidence", std::round(w.confidence * 1000) / 1000}});
      lines.push_back({{"text", l.text}, {"boundingPolygon", polygonJson(l.polygon)}, {"words", words}});
    }
    blocks.push_back({{"lines", lines}});
  }
  return {{"blocks", blocks}};
}

json brandsJson(const std::vector<DetectedBrand>& brands) {
  json values = json::array();
  for (const auto& b : brands)
    values.push_back({{"name", b.name},
                      {"confidence", std::round(b.confidence * 1000) / 1000},
                      {"rectangle", {{"x", b.x}, {"y", b.y}, {"w", b.w}, {"h", b.h}}}});
  return values;
}

// v3.2 tags carry Azure's `hint` where a name is ambiguous; 4.0 tags have
// only name and confidence, so there a name is listed once (the likeliest).
json tagsJson(const std::vector<Tag>& tags, bool v4) {
  json values = json::array();
  std::set<std::string> named;
  for (const auto& t : tags) {
    if (v4 && !named.insert(t.name).second) continue;
    json tag = {{"name", t.name}, {"confidence", round4(t.confidence)}};
    if (!v4 && !t.hint.empty()) tag["hint"] = t.hint;
    values.push_back(std::move(tag));
  }
  return values;
}

json captionJson(const Caption& c) { return {{"text", c.text}, {"confidence", round4(c.confidence)}}; }

json descriptionJson(const DescriptionResult& d) {
  json captions = json::array();
  for (const auto& c : d.captions) captions.push_back(captionJson(c));
  return {{"tags", d.tags}, {"captions", captions}};
}

json categoriesJson(const std::vector<CategoryScore>& categories) {
  json values = json::array();
  for (const auto& c : categories) {
    json value = {{"name", c.name}, {"score", round4(c.score)}};
    if (!c.landmarks.empty()) {
      json landmarks = json::array();
      for (const auto& l : c.landmarks) landmarks.push_back({{"name", l.name}, {"confidence", round4(l.confidence)}});
      value["detail"]["landmarks"] = landmarks;
    }
    values.push_back(value);
  }
  return values;
}

json metadataJson(const JobState& state, bool withFormat) {
  const Image& image = state.decoded.image;
  json metadata = {{"width", image.width}, {"height", image.height}};
  if (withFormat) metadata["format"] = formatName(state.decoded.format);
  return metadata;
}


// Members in the order Azure writes them (v3.2, then 4.0), then ours: a
// result reads like the cloud's, diffed side by side.
json inAzureOrder(const json& members) {
  static const char* const kOrder[] = {"categories", "adult", "color", "imageType", "tags", "description", "faces",
                                       "objects", "brands", "captionResult", "denseCaptionsResult", "tagsResult", "objectsResult",
                                       "readResult", "smartCropsResult", "peopleResult", "enrolled", "requestId",
                                       "metadata", "modelVersion", "warnings"};
  json ordered = json::object();
  for (const char* key : kOrder)
    if (members.contains(key)) ordered[key] = members[key];
  for (const auto& [key, value] : members.items())
    if (!ordered.contains(key)) ordered[key] = value;
  return ordered;
}

}  // namespace

nlohmann::ordered_json toAzureJson(const JobState& state, const std::string& requestId) {
  const AnalysisResults& r = state.results;
  const bool v4 = state.options.format == OutputFormat::AzureV40;
  json out = json::object();
  if (r.adult && state.options.wants("adult")) out["adult"] = adultJson(*r.adult);  // 4.0 has none: same member when asked
  if (r.color && state.options.wants("color")) out["color"] = colorJson(*r.color);
  if (r.imageType && state.options.wants("imageType")) out["imageType"] = imageTypeJson(*r.imageType);
  if (r.smartCrops) out["smartCropsResult"] = smartCropsJson(*r.smartCrops);
  if (r.faces && !v4 && state.options.wants("faces")) out["faces"] = facesJson(*r.faces);  // 4.0 has no faces member
  if (r.objects && state.options.wants("objects")) {  // also computed for tags
    if (v4) out["objectsResult"] = objectsV40Json(*r.objects);
    else out["objects"] = objectsV32Json(*r.objects);
  }
  if (r.people && state.options.wants("people")) out["peopleResult"] = peopleJson(*r.people);  // a 4.0 member; v3.2 gets it too when asked
  // Tags, categories, description, caption: only when asked (tags is also a dependency of the others).
  if (r.tags && state.options.wants("tags")) {
    if (v4) out["tagsResult"] = {{"values", tagsJson(r.tags->values, true)}};
    else out["tags"] = tagsJson(r.tags->values, false);
  }
  if (r.categories && state.options.wants("categories")) out["categories"] = categoriesJson(*r.categories);
  if (r.description && state.options.wants("description")) out["description"] = descriptionJson(*r.description);
  if (r.caption && state.options.wants("caption")) out["captionResult"] = captionJson(*r.caption);
  if (r.denseCaptions && state.options.wants("denseCaptions")) {
    json values = json::array();
    for (const auto& c : *r.denseCaptions)
      values.push_back({{"text", c.text}, {"confidence", round4(c.confidence)}, {"boundingBox", boxJson(c.boundingBox)}});
    out["denseCaptionsResult"] = {{"values", values}};
  }
  if (r.knownPeople && !v4) addKnownPeople(out, *r.knownPeople);  // after categories: celebrities join its "people_"
  if (r.read && state.options.wants("read")) out["readResult"] = readJson(*r.read);  // same member in v3.2 and 4.0
  if (r.brands) out["brands"] = brandsJson(*r.brands);  // a v3.2 member; 4.0 gets it too when asked
  if (r.enrolled)
    out["enrolled"] = {{"name", r.enrolled->name},
                       {"faceRectangle", faceRectangleJson(r.enrolled->faceRectangle)},
                       {"descriptors", r.enrolled->descriptors}};
  out["requestId"] = requestId;
  out["metadata"] = metadataJson(state, !v4);
  out["modelVersion"] = kModelSetVersion;
  for (const auto& warning : state.options.warnings) out["warnings"].push_back(warning);
  if (state.decoded.animated)
    out["warnings"].push_back(std::string("The image is an animated ") +
                              (state.decoded.format == ImageFormat::Webp ? "WebP" : "GIF") +
                              ": only its first frame was analysed.");
  for (const auto& warning : state.decoded.warnings) out["warnings"].push_back(warning);
  for (const auto& warning : state.warnings) out["warnings"].push_back(warning);
  return inAzureOrder(out);
}

nlohmann::ordered_json errorEnvelope(const AnalysisError& error) {
  const std::string message = error.what();
  return {{"error",
           {{"code", outerCodeName(error.code())},
            {"message", message},
            {"innererror", {{"code", innerCodeName(error.code())}, {"message", message}}}}}};
}

}  // namespace lv
