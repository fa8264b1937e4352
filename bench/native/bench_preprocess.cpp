// Native side of bench/preprocess.mjs: the time from encoded bytes to the
// first model's input tensor (decode + validate + resize + normalise), through
// the same lv::Job the WebAssembly builds run.
//   lv_bench <image> <models/manifest.json> <feature> <runs> [labels JSON]
// Prints {"runs": n, "medianMs": m, "minMs": m}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/job.hpp"

namespace {

std::string readAll(const char* path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: lv_bench <image> <manifest.json> <feature> <runs> [labels JSON]\n");
    return 2;
  }
  const std::string image = readAll(argv[1]);
  const lv::AnalyzerConfig config(lv::Limits{}, lv::ModelCatalog(readAll(argv[2]), argc == 6 ? argv[5] : "{}"));
  const std::string options = std::string(R"({"features":[")") + argv[3] + "\"]}";
  const int runs = std::max(1, std::atoi(argv[4]));
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(image.data());
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    lv::Job job(std::span<const std::uint8_t>(bytes, image.size()), options, config);
    const auto end = std::chrono::steady_clock::now();
    if (job.failed() || job.requests().empty()) {
      std::fprintf(stderr, "the job planned no model run: %s\n", job.resultJson().c_str());
      return 1;
    }
    times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(times.begin(), times.end());
  std::printf("{\"runs\": %d, \"medianMs\": %.2f, \"minMs\": %.2f}\n", runs, times[times.size() / 2], times.front());
  return 0;
}
