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

// The most assignments one plan command may create (issuing, adding a task, opening a year,
// widening the audience): past it the command is refused with kTooManyAssignments. A plan of
// the four documents makes a few hundred; 10,000 leaves room for a province's real districts
// while a 7 KB body can no longer make 245,000 task streams.
inline constexpr size_t kMaxAssignmentsPerCommand = 10'000;

// The most occurrences one yearly definition may yield: a guard against a window that spans
// centuries by a typing mistake, which would otherwise create a task stream per year.
inline constexpr size_t kMaxOccurrencesPerTask = 100;

// In a coordinators (or agencies) list: the plan's audience but the lead.
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
  std::optional<Date> due_on;   // Absent: a yearly duty whose document gives no day.
  std::optional<int32_t> year;  // Set for an occurrence of a yearly definition.

  bool operator==(const Occurrence&) const = default;
};

// The concrete tasks `definition` yields up to `current_year` (the plan years open so far),
// in date order. Years open as they come: a later year's occurrences are made when that year
// begins (occurrences_in_year), never ahead of it.
// - A rule: none (a standing rule holds no assignments).
// - With `due_on`: exactly one, with the definition's id.
// - With a recurrence: one per year from the window's start year to the earlier of its end year
//   and `current_year`, keeping only those whose due date falls inside the window (an undated
//   one: whose year meets the window). A window without a start starts on January 1 of
//   `plan_issued_on`'s year (or of `current_year` when the plan has no issue date).
// - With neither (an on_event duty, or a once-only duty the document gives no date): one
//   undated task with the definition's id.
std::vector<Occurrence> occurrences(const TaskDefinition& definition, const DateWindow& window,
                                    std::optional<Date> plan_issued_on, int current_year);

// The occurrence of a yearly `definition` in `year`, if that year has one; none for a
// definition without a recurrence.
std::optional<Occurrence> occurrence_in_year(const TaskDefinition& definition,
                                             const DateWindow& window,
                                             std::optional<Date> plan_issued_on, int year);

// "<definition>/<year>", the year in four digits.
std::string occurrence_id(std::string_view definition, int year);

// True when the recurrence's month and day name a day of some year (February 29 included).
bool is_valid_month_day(const YearlyRecurrence& recurrence);

// The due date of `year`'s occurrence. February 29 falls on February 28 in a non-leap year.
// Precondition: is_valid_month_day(recurrence).
Date due_in_year(const YearlyRecurrence& recurrence, int year);

// The coordinating agencies of a concrete task (on an each task: its agencies): `coordinators`
// in the order given, each "*" replaced in place by the plan's `audience` (sorted) but the lead,
// then duplicates and the lead removed (the first mention wins). "*" is never the whole server:
// a provincial plan must not reach ministries and foreign missions. Unknown ids are kept;
// validation refuses them.
std::vector<std::string> resolve_coordinators(std::string_view lead,
                                              const std::vector<std::string>& coordinators,
                                              const std::vector<std::string>& audience);

}  // namespace mandate::core
