#pragma once

// Inspections as the API shows them: the resource (GET /v1/inspections/{id} and the commands'
// answers). The follow-up tasks' statuses are read from the tasks view, so this runs inside
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

}  // namespace mandate::http
