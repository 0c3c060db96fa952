#pragma once

// The rules of signing in by user name and password, as pure functions and values: the
// password policy, how long a session lives, the throttle that slows and then locks repeated
// failures, and the policy of which roles need a second factor (stream "access:policy").
// Hashing a password and checking a one-time code are I/O-free but need libraries; they are in
// http/passwords.h and http/totp.h, which hand their verdicts to these rules.
//
// Thread-compatible: plain values. The server keeps one SignInThrottle under its own mutex.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

// ---- Passwords ----

// Length in characters (UTF-8 code points), after NIST SP 800-63B §5.1.1: long enough to
// resist guessing, no composition rules, and bounded so that hashing stays cheap.
inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 128;

// kValidationFailed on `field` when `password` breaks the policy: shorter than 12 or longer
// than 128 characters, not UTF-8, one character repeated, or holding the user's id or name
// (either of at least 3 characters, compared without case). Ok otherwise.
Status check_password_policy(std::string_view password, std::string_view user_id,
                             std::string_view user_name, const std::string& field);

// ---- Sessions ----

struct SessionLimits {
  int64_t idle_seconds = 30 * 60;        // Without a request for this long, a session ends.
  int64_t absolute_seconds = 12 * 3600;  // However busy, a session ends this long after sign-in.

  bool operator==(const SessionLimits&) const = default;
};

// When a session signed in at `signed_in_at` and last used at `last_used` stops being valid:
// the earlier of the idle and the absolute limit.
Instant session_expiry(Instant signed_in_at, Instant last_used, const SessionLimits& limits);

// ---- The throttle ----

struct ThrottleSettings {
  uint32_t free_failures = 3;       // Consecutive failures of a name before any delay.
  int64_t first_delay_seconds = 1;  // Then 1 s, 2 s, 4 s ... between attempts,
  int64_t max_delay_seconds = 60;   // up to a minute.
  uint32_t lock_after = 10;         // At this many consecutive failures the name locks,
  int64_t lock_seconds = 15 * 60;   // for 15 minutes, doubling with each lock up to a day.
  uint32_t source_lock_after = 50;  // Failures from one address (any names) before it locks.

  bool operator==(const ThrottleSettings&) const = default;
};

// What one failure set off.
struct ThrottleFailure {
  uint32_t failures = 0;                     // The name's consecutive failures, this one included.
  std::optional<Instant> name_locked_until;  // Set when this failure locked the name.
  uint32_t source_failures = 0;
  std::optional<Instant> source_locked_until;  // Set when this failure locked the address.
};

// Counts failed sign-ins per name and per source address. A name is whatever was typed:
// names no user has are counted and locked exactly like users' names, so that the answers
// never tell whether a user exists.
class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleSettings settings = {}) : settings_(settings) {}

  // When `name` from `source` may try again, if not now.
  std::optional<Instant> retry_at(std::string_view name, std::string_view source,
                                  Instant now) const;
  ThrottleFailure failed(std::string_view name, std::string_view source, Instant now);
  // A success clears the name's failures (its lock count too); the address keeps its count
  // so that one good account cannot launder a spray of guesses.
  void succeeded(std::string_view name);

  const ThrottleSettings& settings() const { return settings_; }
  size_t tracked() const { return names_.size() + sources_.size(); }

 private:
  struct Counter {
    uint32_t failures = 0;
    uint32_t locks = 0;
    Instant last_failure;
    Instant blocked_until;  // Delay or lock; the past when neither.
  };
  // Forgets counters idle for longer than the longest lock, once there are many.
  void prune(Instant now);

  ThrottleSettings settings_;
  std::unordered_map<std::string, Counter> names_;
  std::unordered_map<std::string, Counter> sources_;
};

// ---- Second factor policy (stream "access:policy") ----

struct AccessPolicyState {
  uint64_t version = 0;
  std::vector<Role> second_factor_roles;

  bool operator==(const AccessPolicyState&) const = default;
};

void evolve(AccessPolicyState& state, const RecordedEvent& event);

// True when a user holding `roles` must sign in with a second factor: one of them is among
// `required` (the policy's second_factor_roles).
bool needs_second_factor(const std::vector<Role>& required, const std::vector<Role>& roles);
inline bool needs_second_factor(const AccessPolicyState& policy, const std::vector<Role>& roles) {
  return needs_second_factor(policy.second_factor_roles, roles);
}

// PUT /v1/policy/sign-in: the roles that need a second factor, admin only (kForbidden);
// kValidationFailed on "second_factor_roles[i]" for a role listed twice.
struct SetSecondFactorPolicy {
  std::vector<Role> roles;
};

Result<Decision> decide(const AccessPolicyState& state, const SetSecondFactorPolicy& command,
                        const Caller& caller);

// The locks of source addresses, stream "access:sources": only its version matters.
struct SourceLocksState {
  uint64_t version = 0;
};

void evolve(SourceLocksState& state, const RecordedEvent& event);

// Records a lock of `lock.source`; the server's throttle decided it.
Decision record_source_lock(const SourceLocksState& state, const SignInLocked& lock);

}  // namespace mandate::core
