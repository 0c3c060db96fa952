#pragma once

// The live views' rendered answers, kept per view, question and visibility, and made again only
// when the views have moved on or the clock has passed an instant the answer depends on. A
// dashboard re-reads its views far more often than the log moves; a kept answer costs a lookup
// and a copy instead of a walk over the views and a JSON rendering.
//
// Thread-safe.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/caller.h"
#include "core/time.h"

namespace mandate::http {

class ViewCache {
 public:
  // At most this many answers are kept; past it, answers of older positions go first. The
  // largest seed answers are about 30 KB (overdue), so the cache stays under about 30 MB.
  static constexpr size_t kCapacity = 1024;

  struct Answer {
    std::shared_ptr<const std::string> body;  // The JSON text, as sent.
    uint64_t applied = 0;                     // The views' position it was made at.
    std::optional<core::Instant> until;       // It holds before this instant only.
  };

  // The key of a question: the view, its parameters as resolved (the day included) and what
  // of the caller the answer depends on (core/access.h: own-agency confinement, the agency and
  // the clearance; never the user).
  static std::string key(std::string_view view, std::string_view question,
                         const core::Caller& caller);

  // The answer kept for `key` if it was made at `applied` and holds at `now`.
  std::shared_ptr<const std::string> find(const std::string& key, uint64_t applied,
                                          core::Instant now) const;
  void put(const std::string& key, Answer answer);

  struct Counts {
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  Counts counts() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Answer> answers_;
  uint64_t swept_at_ = 0;  // The position of the last sweep of older answers.
  mutable Counts counts_;
};

}  // namespace mandate::http
