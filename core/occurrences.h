#pragma once

// From a plan's task definitions to the concrete tasks it assigns. A definition with a due date
// is one task with the definition's id. A yearly definition is one task per year of its window,
// each with id "<definition>/<year>" and that year's due date. The agencies on a concrete task
// are its lead and its coordinators with "*" resolved against the agencies that exist.
//
// Pure functions of their arguments: `now` only bounds windows that are open at either end, so
// that "the occurrences up to the current year" is testable at any date.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/event.h"
#include "core/time.h"

namespace mandate::core {

// The longest id a task definition may have: "/YYYY" appended must still fit an id.
inline constexpr size_t kMaxTaskIdLength = 58;

// The most occurrences one yearly definition may yield: a guard against a window that spans
// centuries by a typing mistake, which would otherwise create a task stream per year.
inline constexpr size_t kMaxOccurrencesPerTask = 100;

// In a coordinators list: every agency but the lead.
inline constexpr std::string_view kEveryAgency = "*";

// A span of days; either end may be open.
struct DateWindow {
  std::optional<Date> starts_on;  // Absent: from the plan's start.
  std::optional<Date> ends_on;    // Absent: open-ended.

  bool operator==(const DateWindow&) const = default;
};

// The window a definition's occurrences fall in. With `phase` set: that phase's window (a
// fully open window if no phase has that key; validation refuses such definitions). With
// `phase` absent: the plan's span, from the earliest phase start to the latest phase end,
// where either end is open if any phase's is, and both are open when there are no phases.
DateWindow task_window(const std::vector<Phase>& phases, const std::optional<std::string>& phase);

// One concrete task of a definition.
struct Occurrence {
  std::string id;
  Date due_on;
  std::optional<int32_t> year;  // Set for an occurrence of a yearly definition.

  bool operator==(const Occurrence&) const = default;
};

// The concrete tasks `definition` yields, in date order.
// - With `due_on`: exactly one, with the definition's id.
// - With a recurrence: one per year from the window's start year to its end year, keeping only
//   those whose due date falls inside the window. A window without a start starts on January 1
//   of `plan_issued_on`'s year (or of `now`'s year when the plan has no issue date); a window
//   without an end ends with `now`'s year (the year's occurrence counts even if still ahead).
// - With neither (an invalid definition): none.
std::vector<Occurrence> occurrences(const TaskDefinition& definition, const DateWindow& window,
                                    std::optional<Date> plan_issued_on, Instant now);

// "<definition>/<year>", the year in four digits.
std::string occurrence_id(std::string_view definition, int year);

// True when the recurrence's month and day name a day of some year (February 29 included).
bool is_valid_month_day(const YearlyRecurrence& recurrence);

// The due date of `year`'s occurrence. February 29 falls on February 28 in a non-leap year.
// Precondition: is_valid_month_day(recurrence).
Date due_in_year(const YearlyRecurrence& recurrence, int year);

// The coordinating agencies of a concrete task: `coordinators` in the order given, each "*"
// replaced in place by every agency of `directory` (sorted) but the lead, then duplicates and
// the lead removed (the first mention wins). Unknown ids are kept; validation refuses them.
std::vector<std::string> resolve_coordinators(std::string_view lead,
                                              const std::vector<std::string>& coordinators,
                                              const Directory& directory);

}  // namespace mandate::core
