#include "core/occurrences.h"

#include <algorithm>
#include <cstdio>

namespace mandate::core {
namespace {

constexpr unsigned kFebruary = 2;
constexpr unsigned kLeapDay = 29;

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The days of `month` in a leap year: every month-day that some year has.
unsigned max_day_of(unsigned month) {
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

}  // namespace

DateWindow task_window(const std::vector<Phase>& phases, const std::optional<std::string>& phase) {
  if (phase.has_value()) {
    for (const Phase& p : phases) {
      if (p.key == *phase) return DateWindow{p.starts_on, p.ends_on};
    }
    return DateWindow{};
  }
  if (phases.empty()) return DateWindow{};
  DateWindow span{phases.front().starts_on, phases.front().ends_on};
  for (const Phase& p : phases) {
    if (!p.starts_on.has_value() || !span.starts_on.has_value()) {
      span.starts_on.reset();
    } else {
      span.starts_on = std::min(*span.starts_on, *p.starts_on);
    }
  }
  for (const Phase& p : phases) {
    if (!p.ends_on.has_value() || !span.ends_on.has_value()) {
      span.ends_on.reset();
    } else {
      span.ends_on = std::max(*span.ends_on, *p.ends_on);
    }
  }
  return span;
}

std::vector<Occurrence> occurrences(const TaskDefinition& definition, const DateWindow& window,
                                    std::optional<Date> plan_issued_on, Instant now) {
  if (definition.due_on.has_value()) {
    return {Occurrence{definition.id, *definition.due_on, std::nullopt}};
  }
  if (!definition.recurrence.has_value() || !is_valid_month_day(*definition.recurrence)) {
    return {};
  }
  const int now_year = year_of(date_of(now));
  const int first = window.starts_on.has_value() ? year_of(*window.starts_on)
                                                 : year_of(plan_issued_on.value_or(date_of(now)));
  const int last = window.ends_on.has_value() ? year_of(*window.ends_on) : now_year;
  std::vector<Occurrence> out;
  for (int year = first; year <= last; ++year) {
    const Date due = due_in_year(*definition.recurrence, year);
    if (window.starts_on.has_value() && due < *window.starts_on) continue;
    if (window.ends_on.has_value() && due > *window.ends_on) continue;
    out.push_back(Occurrence{occurrence_id(definition.id, year), due, year});
  }
  return out;
}

std::string occurrence_id(std::string_view definition, int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "/%04d", year);
  std::string id(definition);
  id += buf;
  return id;
}

bool is_valid_month_day(const YearlyRecurrence& recurrence) {
  return recurrence.due_month >= 1 && recurrence.due_month <= 12 && recurrence.due_day >= 1 &&
         recurrence.due_day <= max_day_of(recurrence.due_month);
}

Date due_in_year(const YearlyRecurrence& recurrence, int year) {
  unsigned day = recurrence.due_day;
  if (recurrence.due_month == kFebruary && day == kLeapDay && !is_leap_year(year)) day = 28;
  return date_from_civil(year, recurrence.due_month, day);
}

std::vector<std::string> resolve_coordinators(std::string_view lead,
                                              const std::vector<std::string>& coordinators,
                                              const Directory& directory) {
  std::vector<std::string> out;
  auto add = [&](const std::string& agency) {
    if (agency == lead || std::find(out.begin(), out.end(), agency) != out.end()) return;
    out.push_back(agency);
  };
  for (const std::string& c : coordinators) {
    if (c != kEveryAgency) {
      add(c);
      continue;
    }
    std::vector<std::string> every = directory.agencies();
    std::sort(every.begin(), every.end());  // The directory promises sorted; do not rely on it.
    for (const std::string& agency : every) add(agency);
  }
  return out;
}

}  // namespace mandate::core
