#pragma once

// Inspections as the API shows them: the resource (GET /v1/inspections/{id} and the commands'
// answers), and the inspections' parts of the inbox and the annual report. The follow-up
// tasks' statuses are read from the tasks view, so every function here runs inside
// ProjectionRunner::read() (or on a replay's views).

#include <string>

#include <nlohmann/json.hpp>

#include "core/caller.h"
#include "core/inspection.h"
#include "projections/views.h"

namespace mandate::http {

// An inspection with its findings and its follow-up tasks, each with the task's status as
// `views` hold it (null when the views do not know the task yet).
nlohmann::json inspection_json(const core::InspectionState& inspection,
                               const projections::Views& views);

// The inbox's open (not closed) inspections of `agency`, in id order:
// [{"inspection","kind","scheduled_on","status","inspecting_agency","plan","scope",
//   "open_follow_ups"}].
nlohmann::json inbox_inspections(const projections::Views& views, const std::string& agency);

// The annual report's figures for the inspections of `plan` scheduled in `year` that `caller`
// may see: {"planned","closed","findings","follow_ups":{"open","closed"}}. "planned" counts every
// such inspection, "closed" those closed; a follow-up is closed once approved or cancelled.
nlohmann::json inspection_figures(const projections::Views& views, const core::Caller& caller,
                                  const std::string& plan, int year);

}  // namespace mandate::http
