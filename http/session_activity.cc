#include "http/session_activity.h"

namespace mandate::http {
namespace {

// Sessions nobody used again stay until the map is this large, then the expired ones go.
constexpr size_t kPruneAbove = 10'000;

}  // namespace

std::optional<core::Instant> SessionActivity::use(const std::string& session_id,
                                                  core::Instant signed_in_at, core::Instant now) {
  std::lock_guard lock(mu_);
  auto [it, fresh] = last_used_.try_emplace(session_id, signed_in_at);
  if (now >= core::session_expiry(signed_in_at, it->second, limits_)) {
    last_used_.erase(it);
    return std::nullopt;
  }
  it->second = std::max(it->second, now);
  const core::Instant expiry = core::session_expiry(signed_in_at, it->second, limits_);
  if (fresh && last_used_.size() > kPruneAbove) {
    // The idle limit alone: an entry idle that long has expired whatever its sign-in.
    const int64_t horizon = now.micros - limits_.idle_seconds * 1'000'000;
    std::erase_if(last_used_, [&](const auto& e) { return e.second.micros < horizon; });
  }
  return expiry;
}

void SessionActivity::forget(const std::string& session_id) {
  std::lock_guard lock(mu_);
  last_used_.erase(session_id);
}

}  // namespace mandate::http
