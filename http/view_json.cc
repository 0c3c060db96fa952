#include "http/view_json.h"

#include "http/json_values.h"

namespace mandate::http {
namespace {

using nlohmann::json;

json progress_json(const projections::AgencyProgress& p) {
  return {{"agency", p.agency},
          {"assigned", p.assigned},
          {"acknowledged", p.acknowledged},
          {"in_progress", p.in_progress},
          {"submitted", p.submitted},
          {"approved", p.approved},
          {"cancelled", p.cancelled},
          {"unacknowledged", p.unacknowledged},
          {"overdue", p.overdue},
          {"percent_done", p.percent_done()}};
}

json task_line_json(const projections::TaskLine& t) {
  return {{"task", t.task},
          {"plan", t.plan},
          {"phase", text_or_null(t.phase)},
          {"title", t.title},
          {"lead", t.lead},
          {"kind", core::name_of(t.kind)},
          {"due_on", date_or_null(t.due_on)},
          {"days_overdue", t.days_overdue},
          {"status", core::name_of(t.status)}};
}

}  // namespace

json to_json(const projections::PhaseStatus& status) {
  json phases = json::array();
  for (const auto& p : status.phases) {
    json agencies = json::array();
    for (const auto& a : p.agencies) agencies.push_back(progress_json(a));
    phases.push_back({{"key", text_or_null(p.key)},
                      {"title", p.title},
                      {"starts_on", date_or_null(p.starts_on)},
                      {"ends_on", date_or_null(p.ends_on)},
                      {"agencies", std::move(agencies)}});
  }
  return {{"plan", status.plan}, {"year", status.year}, {"phases", std::move(phases)}};
}

json to_json(const projections::Overdue& overdue) {
  json tasks = json::array();
  for (const auto& t : overdue.tasks) tasks.push_back(task_line_json(t));
  json incidents = json::array();
  for (const auto& i : overdue.incidents) {
    incidents.push_back({{"kind", "incident"},
                         {"incident", i.incident},
                         {"agency", i.agency},
                         {"holder", i.holder},
                         {"status", core::name_of(i.status)},
                         {"late_steps", i.late_steps},
                         {"deadline", instant_or_null(i.deadline)}});
  }
  return {{"tasks", std::move(tasks)}, {"incidents", std::move(incidents)}};
}

json to_json(const projections::Inbox& inbox) {
  json tasks = json::array();
  for (const auto& t : inbox.tasks) {
    json row = task_line_json(t.line);
    row["role"] = core::name_of(t.role);
    row["assignment_status"] = core::name_of(t.assignment_status);
    json reasons = json::array();
    for (auto r : t.reasons) reasons.push_back(projections::name_of(r));
    row["reasons"] = std::move(reasons);
    tasks.push_back(std::move(row));
  }
  json inspections = json::array();
  for (const auto& i : inbox.inspections) {
    inspections.push_back({{"inspection", i.inspection},
                           {"kind", core::name_of(i.kind)},
                           {"scheduled_on", core::format_date(i.scheduled_on)},
                           {"status", core::name_of(i.status)},
                           {"inspecting_agency", i.inspecting_agency},
                           {"plan", empty_as_null(i.plan)},
                           {"scope", i.scope},
                           {"open_follow_ups", i.open_follow_ups}});
  }
  return {{"agency", inbox.agency},
          {"tasks", std::move(tasks)},
          {"inspections", std::move(inspections)}};
}

json to_json(const projections::TransferStats& stats) {
  json rows = json::array();
  for (const auto& r : stats.rows) {
    rows.push_back({{"partner", r.partner},
                    {"direction", core::name_of(r.direction)},
                    {"classification", core::name_of(r.classification)},
                    {"agency", r.agency},
                    {"count", r.count}});
  }
  return {{"year", stats.year}, {"rows", std::move(rows)}};
}

json to_json(const projections::AnnualReport& report) {
  const auto& f = report.inspections;
  json body = {{"plan", report.plan},
               {"year", report.year},
               {"task", text_or_null(report.task)},
               {"agencies", json::array()},
               {"inspections",
                {{"planned", f.planned},
                 {"closed", f.closed},
                 {"findings", f.findings},
                 {"follow_ups", {{"open", f.follow_ups_open}, {"closed", f.follow_ups_closed}}}}}};
  if (!report.task) return body;
  body["due_on"] = date_or_null(report.due_on);
  for (const auto& a : report.agencies) {
    body["agencies"].push_back({{"agency", a.agency},
                                {"role", core::name_of(a.role)},
                                {"status", core::name_of(a.status)},
                                {"acknowledged_at", instant_or_null(a.acknowledged_at)},
                                {"overdue", a.overdue}});
  }
  return body;
}

}  // namespace mandate::http
