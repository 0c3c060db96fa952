#pragma once

// One task of the Laos plan as the task, difficulty and property tests build it: led by the
// Provincial Police with Justice and Foreign Affairs coordinating, due at the end of 2024.
// Finance and the Provincial People's Committee exist but are not on the task.

#include <string>
#include <vector>

#include "core/event.h"
#include "core/task.h"
#include "tests/core/test_directory.h"
#include "tests/core/test_support.h"

namespace mandate::core::testing {

inline const std::string kLead = "cong-an-tinh";
inline const std::string kJustice = "so-tu-phap";
inline const std::string kForeign = "so-ngoai-vu";
inline const std::string kFinance = "so-tai-chinh";  // Not on the task.
inline const std::string kCommittee = "ubnd-tinh";   // Not on the task.
inline const std::string kTaskId = "la-training";
inline const std::string kTaskStream = "task:la-training";

inline TestDirectory task_directory() {
  TestDirectory directory({kLead, kJustice, kForeign, kFinance, kCommittee}, {kTaskId});
  // The police are the plan's focal agency; the audience is the province's own bodies.
  directory.add_plan("vn-la-2024", kLead, {kLead, kJustice, kForeign, kFinance});
  return directory;
}

inline TaskAssigned assigned_task() {
  return TaskAssigned{kTaskId,           "vn-la-2024",    kTaskId,
                      std::string("I"),  "dissemination", "Tập huấn cho cán bộ",
                      "Train officials", kLead,           {kJustice, kForeign},
                      day("2024-12-31"), std::nullopt};
}

// ---- Events by name, for building history ----

inline EventData ack(const std::string& agency, uint32_t revision = 1) {
  return TaskAcknowledged{agency, revision};
}
inline EventData progress(const std::string& agency) {
  return TaskProgressReported{agency, "half done", 50u};
}
inline EventData submitted(uint32_t n) {
  return TaskSubmitted{kLead, n, "done", {Evidence{"CV-1", "Báo cáo"}}};
}
inline EventData approved(uint32_t n) { return TaskApproved{n, "good", ""}; }
inline EventData returned(uint32_t n) { return TaskReturned{n, "missing annex", ""}; }
inline EventData extended(const char* from, const char* to) {
  return TaskExtended{day(from), day(to), "late budget"};
}
inline EventData revised_description(std::string description) {
  return TaskRevised{std::move(description), {}, {}};
}
inline EventData cancelled() { return TaskCancelled{"superseded"}; }

// The task folded from its assignment and then `history`, recorded by `log`.
inline TaskState task_after(TestLog& log, const std::vector<EventData>& history) {
  log.append(kTaskStream, {assigned_task()});
  log.append(kTaskStream, history);
  return log.fold<TaskState>(kTaskStream);
}

}  // namespace mandate::core::testing
