#include "http/plan_json.h"

#include <cstdio>

#include "http/json_body.h"
#include "http/json_values.h"

namespace mandate::http {
namespace {

using nlohmann::json;

core::Error invalid(const std::string& field, const std::string& message) {
  return core::make_error(core::ErrorCode::kValidationFailed, field + " " + message, field);
}

core::Result<core::YearlyRecurrence> recurrence_from_json(const json& body,
                                                          const std::string& path) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, path));
  ASSIGN_OR_RETURN(std::string every, r.required_string("every"));
  ASSIGN_OR_RETURN(std::optional<std::string> maybe_due, r.optional_string("due"));
  RETURN_IF_ERROR(r.finish());
  if (every != "year") return invalid(r.path("every"), "must be \"year\"");
  // Without "due" the document gives no day: each year's occurrence starts undated.
  if (!maybe_due.has_value())
    return core::YearlyRecurrence{.due_month = 0, .due_day = 0, .undated = true};
  const std::string& due = *maybe_due;
  unsigned month = 0, day = 0;
  char tail = 0;
  if (due.size() != 5 || std::sscanf(due.c_str(), "%2u-%2u%c", &month, &day, &tail) != 2 ||
      month < 1 || month > 12 || day < 1 ||
      day > core::day_of(core::Date{core::date_from_civil(2024, month % 12 + 1, 1).days - 1})) {
    return invalid(r.path("due"), "must be a month and day MM-DD");
  }
  return core::YearlyRecurrence{.due_month = month, .due_day = day, .undated = false};
}

core::Result<core::Phase> phase_from_json(const json& body, const std::string& path) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, path));
  core::Phase phase;
  ASSIGN_OR_RETURN(phase.key, r.required_string("key"));
  ASSIGN_OR_RETURN(phase.title, r.string_or_empty("title"));
  ASSIGN_OR_RETURN(phase.starts_on, r.optional_date("starts_on"));
  ASSIGN_OR_RETURN(phase.ends_on, r.optional_date("ends_on"));
  RETURN_IF_ERROR(r.finish());
  return phase;
}

core::Result<core::Agreement> agreement_from_json(const json& body, const std::string& path) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, path));
  core::Agreement a;
  ASSIGN_OR_RETURN(a.partner, r.required_string("partner"));
  ASSIGN_OR_RETURN(a.title, r.string_or_empty("title"));
  ASSIGN_OR_RETURN(a.signed_on, r.optional_date("signed_on"));
  ASSIGN_OR_RETURN(a.effective_on, r.optional_date("effective_on"));
  ASSIGN_OR_RETURN(a.term, r.string_or_empty("term"));
  RETURN_IF_ERROR(r.finish());
  return a;
}

}  // namespace

core::Result<core::TaskDefinition> task_definition_from_json(const json& body,
                                                             const std::string& path) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, path));
  core::TaskDefinition t;
  ASSIGN_OR_RETURN(t.id, r.required_string("id"));
  ASSIGN_OR_RETURN(std::optional<std::string> kind, r.optional_string("kind"));
  if (kind.has_value()) {
    auto parsed = core::parse_task_kind(*kind);
    if (!parsed) return invalid(r.path("kind"), "must be joint, each, on_event or rule");
    t.kind = *parsed;
  }
  ASSIGN_OR_RETURN(t.phase, r.optional_string("phase"));
  ASSIGN_OR_RETURN(t.section, r.string_or_empty("section"));
  ASSIGN_OR_RETURN(t.title, r.required_string("title"));
  ASSIGN_OR_RETURN(t.description, r.string_or_empty("description"));
  // joint and on_event name a lead and coordinators; each names its agencies (kept as the
  // coordinators of a task without a lead); rule names nobody. core/plan.cc judges the mix.
  ASSIGN_OR_RETURN(t.lead, r.string_or_empty("lead"));
  ASSIGN_OR_RETURN(t.coordinators, r.string_list("coordinators", false));
  ASSIGN_OR_RETURN(std::vector<std::string> agencies, r.string_list("agencies", false));
  if (t.kind == core::TaskKind::kEach) {
    if (!t.coordinators.empty())
      return invalid(r.path("coordinators"), "is not for an each task (use agencies)");
    t.coordinators = std::move(agencies);
  } else if (!agencies.empty()) {
    return invalid(r.path("agencies"), "is only for an each task");
  }
  ASSIGN_OR_RETURN(t.request, r.bool_or("request", false));
  ASSIGN_OR_RETURN(t.trigger, r.string_or_empty("trigger"));
  ASSIGN_OR_RETURN(t.source, r.string_or_empty("source"));
  ASSIGN_OR_RETURN(t.set_off_by, r.string_or_empty("set_off_by"));
  ASSIGN_OR_RETURN(t.due_on, r.optional_date("due_on"));
  ASSIGN_OR_RETURN(const json* recurrence, r.optional_object("recurrence"));
  if (recurrence != nullptr) {
    ASSIGN_OR_RETURN(auto rec, recurrence_from_json(*recurrence, r.path("recurrence")));
    t.recurrence = rec;
  }
  RETURN_IF_ERROR(r.finish());
  return t;
}

core::Result<core::PlanDrafted> plan_from_json(const json& body) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, ""));
  core::PlanDrafted p;
  ASSIGN_OR_RETURN(p.id, r.required_string("id"));
  ASSIGN_OR_RETURN(p.code, r.required_string("code"));
  ASSIGN_OR_RETURN(p.title, r.required_string("title"));
  ASSIGN_OR_RETURN(p.issuer, r.required_string("issuer"));
  ASSIGN_OR_RETURN(p.issued_on, r.optional_date("issued_on"));
  ASSIGN_OR_RETURN(p.focal_agency, r.required_string("focal_agency"));
  ASSIGN_OR_RETURN(p.basis, r.string_list("basis", false));
  ASSIGN_OR_RETURN(p.audience, r.string_list("audience", false));
  ASSIGN_OR_RETURN(const json* agreement, r.optional_object("agreement"));
  if (agreement != nullptr) {
    ASSIGN_OR_RETURN(auto a, agreement_from_json(*agreement, "agreement"));
    p.agreement = a;
  }
  ASSIGN_OR_RETURN(const json* phases, r.optional_array("phases"));
  if (phases != nullptr) {
    for (size_t i = 0; i < phases->size(); ++i) {
      ASSIGN_OR_RETURN(auto phase,
                       phase_from_json((*phases)[i], "phases[" + std::to_string(i) + "]"));
      p.phases.push_back(std::move(phase));
    }
  }
  ASSIGN_OR_RETURN(const json* tasks, r.optional_array("tasks"));
  if (tasks != nullptr) {
    for (size_t i = 0; i < tasks->size(); ++i) {
      ASSIGN_OR_RETURN(auto task,
                       task_definition_from_json((*tasks)[i], "tasks[" + std::to_string(i) + "]"));
      p.tasks.push_back(std::move(task));
    }
  }
  RETURN_IF_ERROR(r.finish());
  return p;
}

core::Result<core::AgencyRegistered> agency_from_json(const json& body, const std::string& path) {
  ASSIGN_OR_RETURN(FieldReader r, object_reader(body, path));
  core::AgencyRegistered a;
  ASSIGN_OR_RETURN(a.id, r.required_string("id"));
  ASSIGN_OR_RETURN(a.name, r.required_string("name"));
  ASSIGN_OR_RETURN(a.parent, r.string_or_empty("parent"));
  ASSIGN_OR_RETURN(a.kind, r.string_or_empty("kind"));
  RETURN_IF_ERROR(r.finish());
  return a;
}

json to_json(const core::TaskDefinition& t) {
  json j = {{"id", t.id},
            {"kind", core::name_of(t.kind)},
            {"phase", t.phase ? json(*t.phase) : json(nullptr)},
            {"section", t.section},
            {"title", t.title},
            {"description", t.description},
            {"request", t.request},
            {"source", t.source}};
  if (t.kind == core::TaskKind::kEach) {
    j["agencies"] = t.coordinators;
  } else if (t.kind != core::TaskKind::kRule) {
    j["lead"] = t.lead;
    j["coordinators"] = t.coordinators;
  }
  if (t.kind == core::TaskKind::kOnEvent) {
    j["trigger"] = t.trigger;
    j["set_off_by"] = t.set_off_by.empty() ? json(nullptr) : json(t.set_off_by);
  }
  if (t.due_on) j["due_on"] = core::format_date(*t.due_on);
  if (t.recurrence) {
    j["recurrence"] = {{"every", "year"}};
    if (!t.recurrence->undated) {
      char due[8];
      std::snprintf(due, sizeof due, "%02u-%02u", t.recurrence->due_month, t.recurrence->due_day);
      j["recurrence"]["due"] = due;
    }
  }
  return j;
}

json to_json(const core::Phase& p) {
  return {{"key", p.key},
          {"title", p.title},
          {"starts_on", date_or_null(p.starts_on)},
          {"ends_on", date_or_null(p.ends_on)}};
}

json to_json(const core::Agreement& a) {
  return {{"partner", a.partner},
          {"title", a.title},
          {"signed_on", date_or_null(a.signed_on)},
          {"effective_on", date_or_null(a.effective_on)},
          {"term", a.term}};
}

}  // namespace mandate::http
