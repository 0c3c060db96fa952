#pragma once

// When each signed-in session was last used, for its idle expiry. The log records sign-ins and
// sign-outs; a request's use of a session is not an event (it would write on every read), so
// it lives here, in memory. After a restart a session's last use counts from its sign-in: a
// restart ends the sessions idle for longer than the limit since then, never extends one.
//
// Thread-safe.

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/sign_in.h"
#include "core/time.h"

namespace mandate::http {

class SessionActivity {
 public:
  explicit SessionActivity(core::SessionLimits limits) : limits_(limits) {}

  // When the session expires if it is still alive at `now` (and records the use), or nullopt
  // when it has expired (and forgets it).
  std::optional<core::Instant> use(const std::string& session_id, core::Instant signed_in_at,
                                   core::Instant now);
  void forget(const std::string& session_id);
  const core::SessionLimits& limits() const { return limits_; }

 private:
  const core::SessionLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, core::Instant> last_used_;
};

}  // namespace mandate::http
