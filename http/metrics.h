#pragma once

// Request counters and a latency histogram, rendered in the Prometheus text format.
// Thread-safety: record() and render() from any thread.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace mandate::http {

// One value from outside the HTTP layer (the log's head, the views' lag), with its family's
// help and type. A counter's name ends in `_total`; a gauge's never does (promtool's rules).
struct Sample {
  enum class Kind { kCounter, kGauge };
  std::string name;
  Kind kind;
  std::string help;
  double value;
};

class Metrics {
 public:
  // One finished request: its route pattern (or "unmatched"), status and duration.
  void record(const std::string& route, unsigned status, double seconds);

  // The exposition text: every family with its # HELP and # TYPE lines, then `samples`.
  std::string render(const std::vector<Sample>& samples) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, unsigned>, uint64_t> requests_;
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};
  uint64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace mandate::http
