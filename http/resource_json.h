#pragma once

// Resources as the API shows them: the current state of each aggregate, in the contract's
// field names and spellings.

#include <vector>

#include <nlohmann/json.hpp>

#include "core/difficulty.h"
#include "core/incident.h"
#include "core/plan.h"
#include "core/task.h"
#include "core/task_history.h"
#include "core/time.h"
#include "core/transfer.h"

namespace mandate::http {

// How many breach reports and outbound transfer requests name a plan (as far as the caller may
// see them): what its on_event duties' "triggered" counts.
struct SetOffCounts {
  int incidents = 0;
  int transfers = 0;
};

// A plan with its phases, its task definitions and a summary of each concrete task.
nlohmann::json plan_json(const core::PlanState& plan,
                         const std::vector<const core::TaskState*>& tasks, core::Date today,
                         const SetOffCounts& set_off);

// One line per task: id, title, phase, lead, due date, status, overdue.
nlohmann::json task_summary_json(const core::TaskState& task, core::Date today);

// A task with its assignments; overdue and days_overdue are judged on `today`.
nlohmann::json task_json(const core::TaskState& task, core::Date today);
// Adds "history" and "time_in_state" to a task's answer.
void add_history(nlohmann::json& task, const core::TaskHistory& history);

nlohmann::json difficulty_json(const core::DifficultyState& difficulty);

nlohmann::json transfer_json(const core::TransferState& transfer);

// An incident with its findings, its response times in seconds and the steps of its chain
// (core::incident_steps, as judged by the caller's clock and deadlines).
nlohmann::json incident_json(const core::IncidentState& incident,
                             const std::vector<core::IncidentStep>& steps);

}  // namespace mandate::http
