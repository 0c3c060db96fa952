#pragma once

// The plan file format, which is also the body of POST /v1/plans (shared/api.md), to and
// from core values. Only the shape is checked here (types, dates, unknown fields); the
// domain's rules (phases exist, agencies exist, ...) are core's, in core/plan.cc.

#include <string>

#include <nlohmann/json.hpp>

#include "core/event.h"
#include "core/result.h"

namespace mandate::http {

core::Result<core::PlanDrafted> plan_from_json(const nlohmann::json& body);
// One task; `path` prefixes field names in errors (e.g. "tasks[3]").
core::Result<core::TaskDefinition> task_definition_from_json(const nlohmann::json& body,
                                                             const std::string& path);
// One entry of agencies.json, which is also the body of POST /v1/agencies.
core::Result<core::AgencyRegistered> agency_from_json(const nlohmann::json& body,
                                                      const std::string& path);

nlohmann::json to_json(const core::TaskDefinition& task);
nlohmann::json to_json(const core::Phase& phase);
nlohmann::json to_json(const core::Agreement& agreement);

}  // namespace mandate::http
