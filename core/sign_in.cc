#include "core/sign_in.h"

#include <algorithm>
#include <cctype>

#include "core/access.h"

namespace mandate::core {
namespace {

constexpr int64_t kMicros = 1'000'000;
constexpr int64_t kLongestLockSeconds = 24 * 3600;
// Counters are pruned only past this many, so that the common case does no work.
constexpr size_t kPruneAbove = 10'000;

// The number of code points, or nullopt when `text` is not UTF-8.
std::optional<size_t> code_points(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80           ? 1
                          : (lead >> 5) == 0x6  ? 2
                          : (lead >> 4) == 0xE  ? 3
                          : (lead >> 3) == 0x1E ? 4
                                                : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool holds(const std::string& password_lower, std::string_view part) {
  return part.size() >= 3 && password_lower.find(lower_ascii(part)) != std::string::npos;
}

Instant plus_seconds(Instant at, int64_t seconds) { return Instant{at.micros + seconds * kMicros}; }

}  // namespace

Status check_password_policy(std::string_view password, std::string_view user_id,
                             std::string_view user_name, const std::string& field) {
  const auto length = code_points(password);
  if (!length) return make_error(ErrorCode::kValidationFailed, "a password must be UTF-8", field);
  if (*length < kMinPasswordLength || *length > kMaxPasswordLength) {
    return make_error(ErrorCode::kValidationFailed, "a password has from 12 to 128 characters",
                      field);
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return make_error(ErrorCode::kValidationFailed, "a password is not one character repeated",
                      field);
  }
  const std::string lower = lower_ascii(password);
  if (holds(lower, user_id) || holds(lower, user_name)) {
    return make_error(ErrorCode::kValidationFailed,
                      "a password must not hold the user's id or name", field);
  }
  return ok_status();
}

Instant session_expiry(Instant signed_in_at, Instant last_used, const SessionLimits& limits) {
  return std::min(plus_seconds(last_used, limits.idle_seconds),
                  plus_seconds(signed_in_at, limits.absolute_seconds));
}

std::optional<Instant> SignInThrottle::retry_at(std::string_view name, std::string_view source,
                                                Instant now) const {
  std::optional<Instant> at;
  for (const auto* counters : {&names_, &sources_}) {
    const auto it = counters->find(std::string(counters == &names_ ? name : source));
    if (it != counters->end() && now < it->second.blocked_until) {
      at = at ? std::max(*at, it->second.blocked_until) : it->second.blocked_until;
    }
  }
  return at;
}

ThrottleFailure SignInThrottle::failed(std::string_view name, std::string_view source,
                                       Instant now) {
  prune(now);
  ThrottleFailure out;
  Counter& n = names_[std::string(name)];
  n.last_failure = now;
  out.failures = ++n.failures;
  if (n.failures >= settings_.lock_after) {
    // 15 min, 30 min, 1 h ... a day: each lock after a lock lasts twice as long.
    const int64_t seconds =
        std::min(settings_.lock_seconds << std::min<uint32_t>(n.locks, 16), kLongestLockSeconds);
    n.blocked_until = plus_seconds(now, std::max<int64_t>(seconds, settings_.lock_seconds));
    out.name_locked_until = n.blocked_until;
    n.failures = 0;
    ++n.locks;
  } else if (n.failures > settings_.free_failures) {
    const uint32_t doublings = std::min<uint32_t>(n.failures - settings_.free_failures - 1, 16);
    n.blocked_until = plus_seconds(
        now, std::min(settings_.first_delay_seconds << doublings, settings_.max_delay_seconds));
  }

  Counter& s = sources_[std::string(source)];
  // An address's failures are counted over the lock period: a busy office's occasional
  // mistypes never add up to a lock.
  if (now.micros - s.last_failure.micros > settings_.lock_seconds * kMicros) s.failures = 0;
  s.last_failure = now;
  out.source_failures = ++s.failures;
  if (s.failures >= settings_.source_lock_after) {
    s.blocked_until = plus_seconds(now, settings_.lock_seconds);
    out.source_locked_until = s.blocked_until;
    s.failures = 0;
  }
  return out;
}

void SignInThrottle::succeeded(std::string_view name) { names_.erase(std::string(name)); }

void SignInThrottle::prune(Instant now) {
  if (tracked() < kPruneAbove) return;
  const int64_t horizon = now.micros - kLongestLockSeconds * kMicros;
  for (auto* counters : {&names_, &sources_}) {
    std::erase_if(*counters, [&](const auto& entry) {
      return entry.second.last_failure.micros < horizon &&
             entry.second.blocked_until.micros < now.micros;
    });
  }
}

void evolve(AccessPolicyState& state, const RecordedEvent& event) {
  if (const auto* e = std::get_if<SecondFactorPolicySet>(&event.data)) {
    state.second_factor_roles = e->roles;
  }
  state.version = event.version;
}

bool needs_second_factor(const std::vector<Role>& required, const std::vector<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(), [&](Role r) {
    return std::find(required.begin(), required.end(), r) != required.end();
  });
}

Result<Decision> decide(const AccessPolicyState& state, const SetSecondFactorPolicy& command,
                        const Caller& caller) {
  if (!may(caller, Action::kManageDirectory)) {
    return make_error(ErrorCode::kForbidden, "only an admin sets the sign-in policy");
  }
  const auto& roles = command.roles;
  for (size_t i = 1; i < roles.size(); ++i) {
    if (std::find(roles.begin(), roles.begin() + i, roles[i]) != roles.begin() + i) {
      return make_error(ErrorCode::kValidationFailed,
                        "role " + std::string(name_of(roles[i])) + " is listed twice",
                        "second_factor_roles[" + std::to_string(i) + "]");
    }
  }
  return single_stream(access_stream("policy"), state.version,
                       {NewEvent{SecondFactorPolicySet{roles}, std::nullopt}});
}

void evolve(SourceLocksState& state, const RecordedEvent& event) { state.version = event.version; }

Decision record_source_lock(const SourceLocksState& state, const SignInLocked& lock) {
  return single_stream(access_stream("sources"), state.version, {NewEvent{lock, std::nullopt}});
}

}  // namespace mandate::core
