#pragma once

// What is overdue (GET /v1/views/overdue): the tasks past due, most overdue first, and the
// breach reports whose chain is late.

#include <optional>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/result.h"
#include "core/task.h"
#include "core/time.h"
#include "core/vocabulary.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::projections {

// A task as the overdue list and the inbox show it.
struct TaskLine {
  std::string task;
  std::string plan;
  std::optional<std::string> phase;
  std::string title;
  std::string lead;
  core::TaskKind kind = core::TaskKind::kJoint;
  std::optional<core::Date> due_on;
  int days_overdue = 0;
  core::AssignmentStatus status = core::AssignmentStatus::kAssigned;  // The task's, as a whole.
};

TaskLine task_line(const core::TaskState& task, core::Date on);

// A breach report whose chain is late (core::is_incident_late).
struct LateIncident {
  std::string incident;
  std::string agency;
  std::string holder;
  core::IncidentStatus status = core::IncidentStatus::kReported;
  std::vector<std::string> late_steps;    // "report", "receive", ... in the chain's order.
  std::optional<core::Instant> deadline;  // The first pending step's, when it has one.
};

struct Overdue {
  std::vector<TaskLine> tasks;
  std::vector<LateIncident> incidents;
  // The next deadline of a pending step among the incidents considered: the list of late ones
  // can change then without any event (tasks turn overdue by the day, which the moment holds).
  std::optional<core::Instant> changes_at;
};

// Both lists among what `caller` may see, narrowed to `query.plan` and to `query.agency` (an
// agency assigned to the task; the incident's reporting or holding agency) when given.
core::Result<Overdue> overdue(const Views& views, const core::Caller& caller,
                              const ViewQuery& query, const Moment& m);

}  // namespace mandate::projections
