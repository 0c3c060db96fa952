#include "tools/procedure_flags.h"

#include <map>
#include <vector>

#include "core/id.h"
#include "tools/cli.h"

namespace mandate::tools {
namespace {

constexpr uint64_t kMaxDeadlineHours = 24 * 365;

// "a=x,b=y" as pairs, refusing an empty item, a missing '=' and a key given twice.
std::optional<std::map<std::string, std::string>> pairs(std::string_view text, std::string* why) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      *why = "'" + std::string(item) + "' is not KEY=VALUE";
      return std::nullopt;
    }
    const std::string key(item.substr(0, eq));
    if (!out.emplace(key, std::string(item.substr(eq + 1))).second) {
      *why = key + " is given twice";
      return std::nullopt;
    }
    start = comma + 1;
  }
  return out;
}

// "30s", "15m", "12h" as seconds, from `min` to a year.
std::optional<int64_t> seconds_of(const std::string& value, uint64_t min) {
  if (value.size() < 2) return std::nullopt;
  const char unit = value.back();
  const uint64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
  if (scale == 0) return std::nullopt;
  const auto n = parse_number(value.substr(0, value.size() - 1), 0, kMaxDeadlineHours * 3600);
  if (!n || *n * scale < min || *n * scale > kMaxDeadlineHours * 3600) return std::nullopt;
  return static_cast<int64_t>(*n * scale);
}

}  // namespace

std::optional<core::SessionLimits> parse_session_limits(std::string_view text, std::string* why) {
  auto given = pairs(text, why);
  if (!given) return std::nullopt;
  core::SessionLimits limits;
  for (const auto& [key, value] : *given) {
    int64_t* field = key == "idle"  ? &limits.idle_seconds
                     : key == "max" ? &limits.absolute_seconds
                                    : nullptr;
    if (field == nullptr) {
      *why = key + " is not one of idle, max";
      return std::nullopt;
    }
    const auto seconds = seconds_of(value, 1);
    if (!seconds) {
      *why = key + " takes a duration such as 30m or 12h, not '" + value + "'";
      return std::nullopt;
    }
    *field = *seconds;
  }
  return limits;
}

std::optional<core::ThrottleSettings> parse_sign_in_throttle(std::string_view text,
                                                             std::string* why) {
  auto given = pairs(text, why);
  if (!given) return std::nullopt;
  core::ThrottleSettings t;
  const std::map<std::string, int64_t*> durations = {{"delay", &t.first_delay_seconds},
                                                     {"max-delay", &t.max_delay_seconds},
                                                     {"lock", &t.lock_seconds}};
  const std::map<std::string, uint32_t*> counts = {{"free", &t.free_failures},
                                                   {"lock-after", &t.lock_after},
                                                   {"source-lock-after", &t.source_lock_after}};
  for (const auto& [key, value] : *given) {
    if (auto d = durations.find(key); d != durations.end()) {
      const auto seconds = seconds_of(value, key == "lock" ? 1 : 0);
      if (!seconds) {
        *why = key + " takes a duration such as 1s or 15m, not '" + value + "'";
        return std::nullopt;
      }
      *d->second = *seconds;
    } else if (auto c = counts.find(key); c != counts.end()) {
      const auto n = parse_number(value, key == "free" ? 0 : 1, 1'000'000);
      if (!n) {
        *why = key + " takes a count, not '" + value + "'";
        return std::nullopt;
      }
      *c->second = static_cast<uint32_t>(*n);
    } else {
      *why = key + " is not one of free, delay, max-delay, lock-after, lock, source-lock-after";
      return std::nullopt;
    }
  }
  return t;
}

std::optional<core::Authorities> parse_authorities(std::string_view text, std::string* why) {
  auto given = pairs(text, why);
  if (!given) return std::nullopt;
  core::Authorities a;
  const std::map<std::string, std::string*> fields = {{"committee", &a.committee},
                                                      {"committee_office", &a.committee_office},
                                                      {"police_division", &a.police_division},
                                                      {"ministry_division", &a.ministry_division}};
  for (const auto& [key, value] : *given) {
    auto field = fields.find(key);
    if (field == fields.end()) {
      *why = key + " is not one of committee, committee_office, police_division, ministry_division";
      return std::nullopt;
    }
    if (!core::is_slug(value)) {
      *why = key + " takes an agency id, not '" + value + "'";
      return std::nullopt;
    }
    *field->second = value;
  }
  return a;
}

std::optional<core::IncidentDeadlines> parse_incident_deadlines(std::string_view text,
                                                                std::string* why) {
  auto given = pairs(text, why);
  if (!given) return std::nullopt;
  core::IncidentDeadlines d;
  const std::map<std::string, int64_t*> fields = {{"report", &d.report_seconds},
                                                  {"receive", &d.receive_seconds},
                                                  {"committee", &d.committee_seconds},
                                                  {"ministry", &d.ministry_seconds},
                                                  {"partner", &d.partner_seconds}};
  for (const auto& [key, value] : *given) {
    auto field = fields.find(key);
    if (field == fields.end()) {
      *why = key + " is not one of report, receive, committee, ministry, partner";
      return std::nullopt;
    }
    const auto hours = value.size() > 1 && value.back() == 'h'
                           ? parse_number(value.substr(0, value.size() - 1), 1, kMaxDeadlineHours)
                           : std::nullopt;
    if (!hours) {
      *why = key + " takes whole hours from 1h to 8760h, not '" + value + "'";
      return std::nullopt;
    }
    *field->second = static_cast<int64_t>(*hours) * 3600;
  }
  return d;
}

}  // namespace mandate::tools
