// libFuzzer target: arbitrary bytes through decoding and every model-free
// feature, in both output formats. Any crash, leak, sanitizer report or
// timeout is a bug; typed errors are the expected outcome for most inputs.
#include <cstddef>
#include <cstdint>
#include <span>

#include "pipeline/job.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lv::Limits limits = lv::fuzz::fuzzLimits();
  const std::span<const std::uint8_t> bytes(data, size);
  // The last byte picks the options, so the corpus reaches every feature.
  const char* options = (size > 0 && (data[size - 1] & 1))
                            ? R"({"format":"azure-v4.0","features":["smartCrops"],"smartCropsAspectRatios":[0.75,1.8]})"
                            : R"({"features":["color","imageType","smartCrops"]})";
  lv::Job job(bytes, options, limits);
  (void)job.resultJson();
  return 0;
}
