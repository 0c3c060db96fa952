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

}  // namespace

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
