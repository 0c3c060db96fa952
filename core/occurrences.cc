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

std::optional<Occurrence> occurrence_in_year(const TaskDefinition& definition,
                                             const DateWindow& window,
                                             std::optional<Date> plan_issued_on, int year) {
  if (!definition.recurrence.has_value() || definition.kind == TaskKind::kRule) return {};
  const YearlyRecurrence& rec = *definition.recurrence;
  const int first = window.starts_on.has_value()
                        ? year_of(*window.starts_on)
                        : (plan_issued_on ? year_of(*plan_issued_on) : year);
  if (year < first) return {};
  if (window.ends_on.has_value() && year > year_of(*window.ends_on)) return {};
  if (rec.undated) {
    // The whole year is inside the window's years: the occurrence starts undated.
    return Occurrence{occurrence_id(definition.id, year), std::nullopt, year};
  }
  if (!is_valid_month_day(rec)) return {};
  const Date due = due_in_year(rec, year);
  if (window.starts_on.has_value() && due < *window.starts_on) return {};
  if (window.ends_on.has_value() && due > *window.ends_on) return {};
  return Occurrence{occurrence_id(definition.id, year), due, year};
}

std::vector<Occurrence> occurrences(const TaskDefinition& definition, const DateWindow& window,
                                    std::optional<Date> plan_issued_on, int current_year) {
  if (definition.kind == TaskKind::kRule) return {};
  if (definition.due_on.has_value()) {
    return {Occurrence{definition.id, *definition.due_on, std::nullopt}};
  }
  if (!definition.recurrence.has_value()) {
    return {Occurrence{definition.id, std::nullopt, std::nullopt}};
  }
  const int first = window.starts_on.has_value()
                        ? year_of(*window.starts_on)
                        : year_of(plan_issued_on.value_or(date_from_civil(current_year, 1, 1)));
  const int last =
      window.ends_on.has_value() ? std::min(year_of(*window.ends_on), current_year) : current_year;
  std::vector<Occurrence> out;
  for (int year = first; year <= last; ++year) {
    if (auto o = occurrence_in_year(definition, window, plan_issued_on, year)) {
      out.push_back(std::move(*o));
    }
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
                                              const std::vector<std::string>& audience) {
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
    std::vector<std::string> every = audience;
    std::sort(every.begin(), every.end());
    for (const std::string& agency : every) add(agency);
  }
  return out;
}

}  // namespace mandate::core
