#include "http/metrics.h"

#include <sstream>

namespace mandate::http {

void Metrics::record(const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(const std::vector<Sample>& samples) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP mandate_http_requests_total Requests answered, by route and status.\n"
      << "# TYPE mandate_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "mandate_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  }
  out << "# HELP mandate_http_request_duration_seconds Time from a parsed request to its "
         "response.\n"
      << "# TYPE mandate_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << "mandate_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << bucket_counts_[i] << "\n";
  }
  out << "mandate_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "mandate_http_request_duration_seconds_sum " << sum_ << "\n"
      << "mandate_http_request_duration_seconds_count " << count_ << "\n";
  for (const auto& sample : samples) {
    out << "# HELP " << sample.name << " " << sample.help << "\n"
        << "# TYPE " << sample.name << " "
        << (sample.kind == Sample::Kind::kCounter ? "counter" : "gauge") << "\n"
        << sample.name << " " << sample.value << "\n";
  }
  return out.str();
}

}  // namespace mandate::http
