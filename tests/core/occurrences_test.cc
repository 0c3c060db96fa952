// The concrete tasks a definition yields: windows, yearly occurrences, resolved agencies.

#include "core/occurrences.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/test_directory.h"
#include "tests/core/test_support.h"

namespace mandate::core::testing {
namespace {

TaskDefinition yearly(unsigned month, unsigned day_of_month) {
  TaskDefinition def;
  def.id = "la-annual-report";
  def.title = "Báo cáo hằng năm";
  def.lead = "cong-an-tinh";
  def.recurrence = YearlyRecurrence{month, day_of_month};
  return def;
}

std::vector<std::string> dues(const std::vector<Occurrence>& list) {
  std::vector<std::string> out;
  for (const Occurrence& o : list)
    out.push_back(o.id + "@" + (o.due_on ? format_date(*o.due_on) : "undated"));
  return out;
}

DateWindow window(const char* from, const char* to) {
  DateWindow w;
  if (from != nullptr) w.starts_on = day(from);
  if (to != nullptr) w.ends_on = day(to);
  return w;
}

using Dues = std::vector<std::string>;

TEST_CASE("a task with a due date is one task with its own id", "[core][plan][occurrences]") {
  TaskDefinition def = yearly(12, 15);
  def.id = "la-training";
  def.recurrence.reset();
  def.due_on = day("2024-12-31");
  const auto list = occurrences(def, window("2025-01-01", "2025-12-31"), std::nullopt, 2026);
  REQUIRE(list.size() == 1);
  CHECK(list[0] == Occurrence{"la-training", day("2024-12-31"), std::nullopt});
}

TEST_CASE("a yearly task recurs in each year of its window", "[core][plan][occurrences]") {
  const std::optional<Date> none;
  // Today is in 2026. A closed window: its years up to this one; 2027 opens when it comes.
  CHECK(dues(occurrences(yearly(11, 30), window("2025-01-01", "2027-12-31"), none, 2026)) ==
        Dues{"la-annual-report/2025@2025-11-30", "la-annual-report/2026@2026-11-30"});
  CHECK(dues(occurrences(yearly(11, 30), window("2025-01-01", "2027-12-31"), none, 2027)) ==
        Dues{"la-annual-report/2025@2025-11-30", "la-annual-report/2026@2026-11-30",
             "la-annual-report/2027@2027-11-30"});
  // Only due dates inside the window count.
  CHECK(dues(occurrences(yearly(3, 31), window("2024-06-01", "2026-06-30"), none, 2026)) ==
        Dues{"la-annual-report/2025@2025-03-31", "la-annual-report/2026@2026-03-31"});
  CHECK(dues(occurrences(yearly(12, 15), window("2024-06-01", "2026-06-30"), none, 2026)) ==
        Dues{"la-annual-report/2024@2024-12-15", "la-annual-report/2025@2025-12-15"});
  // Open-ended: up to this year, this year's included even though it is still ahead.
  CHECK(dues(occurrences(yearly(12, 15), window("2024-01-01", nullptr), none, 2026)) ==
        Dues{"la-annual-report/2024@2024-12-15", "la-annual-report/2025@2025-12-15",
             "la-annual-report/2026@2026-12-15"});
  // No start: from the plan's issue year, or this year.
  CHECK(dues(occurrences(yearly(12, 15), window(nullptr, "2025-12-31"), day("2024-09-20"), 2026)) ==
        Dues{"la-annual-report/2024@2024-12-15", "la-annual-report/2025@2025-12-15"});
  CHECK(dues(occurrences(yearly(1, 15), window(nullptr, nullptr), day("2024-09-20"), 2026)) ==
        Dues{"la-annual-report/2024@2024-01-15", "la-annual-report/2025@2025-01-15",
             "la-annual-report/2026@2026-01-15"});
  CHECK(dues(occurrences(yearly(12, 15), window(nullptr, nullptr), none, 2026)) ==
        Dues{"la-annual-report/2026@2026-12-15"});
  // A window that starts after this year yields nothing yet.
  CHECK(occurrences(yearly(12, 15), window("2028-01-01", nullptr), none, 2026).empty());
  // A window too short to hold the due day yields nothing.
  CHECK(occurrences(yearly(12, 15), window("2025-01-01", "2025-06-30"), none, 2026).empty());
  // Each occurrence knows its year.
  const auto list = occurrences(yearly(12, 15), window("2025-01-01", "2025-12-31"), none, 2026);
  REQUIRE(list.size() == 1);
  CHECK(list[0].year == std::optional<int32_t>(2025));
}

TEST_CASE("February 29 falls on February 28 in other years", "[core][plan][occurrences]") {
  const YearlyRecurrence leap{2, 29};
  CHECK(due_in_year(leap, 2024) == day("2024-02-29"));
  CHECK(due_in_year(leap, 2025) == day("2025-02-28"));
  CHECK(due_in_year(leap, 2100) == day("2100-02-28"));
  CHECK(due_in_year(leap, 2000) == day("2000-02-29"));
  CHECK(due_in_year(YearlyRecurrence{12, 31}, 2025) == day("2025-12-31"));
}

TEST_CASE("a recurrence is due on a day some year has", "[core][plan][occurrences]") {
  for (auto [m, d] : {std::pair{1u, 1u}, {2u, 29u}, {4u, 30u}, {12u, 31u}}) {
    CHECK(is_valid_month_day(YearlyRecurrence{m, d}));
  }
  for (auto [m, d] : {std::pair{0u, 1u}, {13u, 1u}, {2u, 30u}, {4u, 31u}, {6u, 0u}}) {
    CHECK_FALSE(is_valid_month_day(YearlyRecurrence{m, d}));
  }
}

TEST_CASE("occurrence ids append the year", "[core][plan][occurrences]") {
  CHECK(occurrence_id("la-annual-report", 2025) == "la-annual-report/2025");
  CHECK(occurrence_id(std::string(kMaxTaskIdLength, 'a'), 2025).size() == 63);
}

TEST_CASE("a task's window is its phase's, or the plan's span", "[core][plan][occurrences]") {
  const std::vector<Phase> laos{{"I", "", day("2024-01-01"), day("2024-12-31")},
                                {"II", "", day("2025-01-01"), day("2027-12-31")},
                                {"III", "", day("2028-01-01"), std::nullopt}};
  CHECK(task_window(laos, std::string("II")) == window("2025-01-01", "2027-12-31"));
  CHECK(task_window(laos, std::string("III")) == window("2028-01-01", nullptr));
  CHECK(task_window(laos, std::nullopt) == window("2024-01-01", nullptr));
  const std::vector<Phase> closed{{"II", "", day("2022-01-01"), day("2024-12-31")},
                                  {"I", "", day("2021-01-01"), day("2021-12-31")}};
  CHECK(task_window(closed, std::nullopt) == window("2021-01-01", "2024-12-31"));
  const std::vector<Phase> from_entry{{"I", "", std::nullopt, day("2026-12-31")},
                                      {"II", "", day("2027-01-01"), day("2030-12-31")}};
  CHECK(task_window(from_entry, std::nullopt) == window(nullptr, "2030-12-31"));
  CHECK(task_window({}, std::nullopt) == window(nullptr, nullptr));
  CHECK(task_window(laos, std::string("IV")) == window(nullptr, nullptr));
}

TEST_CASE("coordinators: as given, '*' the audience in place, lead and repeats dropped",
          "[core][plan][occurrences]") {
  // The plan's audience, not every agency on the server: the ministry is not in it.
  const std::vector<std::string> dir{"ubnd-tinh", "cong-an-tinh", "so-tu-phap", "so-ngoai-vu"};
  using List = std::vector<std::string>;
  CHECK(resolve_coordinators("cong-an-tinh", {"so-tu-phap", "so-ngoai-vu"}, dir) ==
        List{"so-tu-phap", "so-ngoai-vu"});
  CHECK(resolve_coordinators("cong-an-tinh", {"*"}, dir) ==
        List{"so-ngoai-vu", "so-tu-phap", "ubnd-tinh"});
  CHECK(resolve_coordinators("so-ngoai-vu", {"ubnd-tinh", "*", "so-tu-phap"}, dir) ==
        List{"ubnd-tinh", "cong-an-tinh", "so-tu-phap"});
  CHECK(resolve_coordinators("cong-an-tinh", {"cong-an-tinh", "so-tu-phap", "so-tu-phap"}, dir) ==
        List{"so-tu-phap"});
  CHECK(resolve_coordinators("cong-an-tinh", {}, dir).empty());
}

TEST_CASE("a yearly duty the document gives no day for starts undated each year",
          "[core][plan][occurrences]") {
  TaskDefinition def = yearly(12, 15);
  def.recurrence->undated = true;
  const auto list = occurrences(def, window("2024-01-01", nullptr), std::nullopt, 2026);
  REQUIRE(list.size() == 3);
  for (const Occurrence& o : list) CHECK_FALSE(o.due_on.has_value());
  CHECK(list[2].id == "la-annual-report/2026");
  // The next year opens by itself, once, undated too.
  const auto next = occurrence_in_year(def, window("2024-01-01", nullptr), std::nullopt, 2027);
  REQUIRE(next.has_value());
  CHECK(next->id == "la-annual-report/2027");
  CHECK_FALSE(next->due_on.has_value());
  // Past the window's end, nothing.
  CHECK_FALSE(occurrence_in_year(def, window("2024-01-01", "2026-12-31"), std::nullopt, 2027));
}

TEST_CASE("a rule yields no task; an on_event duty one undated task", "[core][plan][occurrences]") {
  TaskDefinition rule = yearly(12, 15);
  rule.kind = TaskKind::kRule;
  rule.recurrence.reset();
  CHECK(occurrences(rule, window("2024-01-01", nullptr), std::nullopt, 2026).empty());
  TaskDefinition on_event = rule;
  on_event.kind = TaskKind::kOnEvent;
  const auto list = occurrences(on_event, window("2024-01-01", nullptr), std::nullopt, 2026);
  REQUIRE(list.size() == 1);
  CHECK(list[0].id == on_event.id);
  CHECK_FALSE(list[0].due_on.has_value());
}

}  // namespace
}  // namespace mandate::core::testing
