// The views' answers. Each reads the projections it is given; which moment they stand at is
// the caller's business (the live views, or a replay up to as_of).

#include "http/view_answers.h"

#include <algorithm>
#include <array>
#include <map>

#include "core/access.h"
#include "core/incident.h"
#include "core/task.h"
#include "core/transfer.h"
#include "http/inspection_json.h"

namespace mandate::http {
namespace {

using nlohmann::json;
using projections::Views;

// The inbox shows what falls due within this many days.
constexpr int kInboxHorizonDays = 14;

std::string param(const Params& query, const std::string& name) {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

// One agency's assignments in one phase: by status, and how many of them are overdue.
struct Counts {
  std::array<int, 6> by_status{};  // Indexed by core::AssignmentStatus.
  int total = 0;
  int overdue = 0;

  int operator[](core::AssignmentStatus s) const { return by_status[static_cast<size_t>(s)]; }
};

json counts_json(const std::string& agency, const Counts& c) {
  using S = core::AssignmentStatus;
  const int live = c.total - c[S::kCancelled];
  return {{"agency", agency},
          {"assigned", c.total},
          {"acknowledged", c[S::kAcknowledged]},
          {"in_progress", c[S::kInProgress]},
          {"submitted", c[S::kSubmitted]},
          {"approved", c[S::kApproved]},
          {"cancelled", c[S::kCancelled]},
          {"unacknowledged", c[S::kAssigned]},
          {"overdue", c.overdue},
          {"percent_done", live > 0 ? (100.0 * c[S::kApproved]) / live : 0.0}};
}

core::Result<json> phase_status(const projections::Views& views, const core::Caller& caller,
                                const Params& query, const Moment& m) {
  const std::string plan_id = param(query, "plan");
  const auto* plan = views.plans.find(plan_id);
  if (plan == nullptr) {
    return core::make_error(core::ErrorCode::kNotFound, "no plan " + plan_id, "plan");
  }
  // Counted for one plan year: a yearly task's occurrence of that year, and every task that
  // is not yearly. on_event duties are not counted (they are never due); rules have no tasks.
  int year = core::year_of(m.on);
  if (!param(query, "year").empty()) {
    auto parsed = query_uint(query, "year", 0);
    if (!parsed.ok()) return parsed.error();
    if (*parsed < 1900 || *parsed > 9999) {
      return core::make_error(core::ErrorCode::kValidationFailed, "year is from 1900 to 9999",
                              "year");
    }
    year = static_cast<int>(*parsed);
  }
  // phase key ("" for standing tasks) -> agency -> counts.
  std::map<std::string, std::map<std::string, Counts>> table;
  const bool own_agency_only = core::confined_to_own_agency(caller);
  for (const auto& [id, task] : views.tasks.all()) {
    if (task.plan != plan_id || !core::may_see_task(caller, task)) continue;
    if (task.kind == core::TaskKind::kOnEvent || task.kind == core::TaskKind::kRule) continue;
    if (task.occurrence_year.has_value() && *task.occurrence_year != year) continue;
    std::map<std::string, Counts>* phase = nullptr;  // Made by the first assignment counted.
    for (const auto& a : task.assignments) {
      if (own_agency_only && a.agency != caller.agency) continue;
      if (phase == nullptr) phase = &table[task.phase.value_or("")];
      Counts& c = (*phase)[a.agency];
      ++c.total;
      ++c.by_status[static_cast<size_t>(a.status)];
      if (core::is_assignment_overdue(task, a, m.on) &&
          a.status != core::AssignmentStatus::kCancelled &&
          a.status != core::AssignmentStatus::kApproved) {
        ++c.overdue;
      }
    }
  }
  json phases = json::array();
  auto add_phase = [&](const std::string& key, json head) {
    json agencies = json::array();
    for (const auto& [agency, c] : table[key]) agencies.push_back(counts_json(agency, c));
    head["agencies"] = agencies;
    phases.push_back(std::move(head));
  };
  auto date = [](const std::optional<core::Date>& d) {
    return d ? json(core::format_date(*d)) : json(nullptr);
  };
  for (const auto& p : plan->phases) {
    add_phase(p.key, {{"key", p.key},
                      {"title", p.title},
                      {"starts_on", date(p.starts_on)},
                      {"ends_on", date(p.ends_on)}});
  }
  if (table.count("")) {
    add_phase("", {{"key", nullptr},
                   {"title", "standing tasks"},
                   {"starts_on", nullptr},
                   {"ends_on", nullptr}});
  }
  return json{{"plan", plan_id}, {"year", year}, {"phases", phases}};
}

json overdue_row(const core::TaskState& t, core::Date on) {
  return {{"task", t.id},
          {"plan", t.plan},
          {"phase", t.phase ? json(*t.phase) : json(nullptr)},
          {"title", t.title},
          {"lead", t.lead},
          {"kind", core::name_of(t.kind)},
          {"due_on", t.due_on ? json(core::format_date(*t.due_on)) : json(nullptr)},
          {"days_overdue", core::days_overdue(t, on)},
          {"status", core::name_of(core::task_status(t))}};
}

core::Result<json> overdue(const projections::Views& views, const core::Caller& caller,
                           const Params& query, const Moment& m) {
  const std::string plan = param(query, "plan"), agency = param(query, "agency");
  std::vector<const core::TaskState*> rows;
  for (const auto& [id, task] : views.tasks.all()) {
    if (!core::may_see_task(caller, task) || !core::is_overdue(task, m.on)) continue;
    if (!plan.empty() && task.plan != plan) continue;
    if (!agency.empty() && core::find_assignment(task, agency) == nullptr) continue;
    rows.push_back(&task);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return a->due_on < b->due_on;  // Most overdue first.
  });
  json tasks = json::array();
  for (const auto* t : rows) tasks.push_back(overdue_row(*t, m.on));
  // Breach reports whose chain is late (core::is_incident_late), beside the tasks.
  json incidents = json::array();
  for (const auto& [id, i] : views.incidents.all()) {
    if (!core::may_see(caller, i)) continue;
    if (!agency.empty() && i.agency != agency && i.holder != agency) continue;
    if (!plan.empty() && i.plan != plan) continue;
    const auto steps = core::incident_steps(i, m.incident_deadlines, m.authorities, m.at);
    if (!core::is_incident_late(i, steps)) continue;
    json late = json::array();
    std::optional<core::Instant> pending_deadline;
    for (const auto& s : steps) {
      if (s.late) late.push_back(s.step);
      if (!s.at && s.deadline && !pending_deadline) pending_deadline = s.deadline;
    }
    incidents.push_back(
        {{"kind", "incident"},
         {"incident", i.id},
         {"agency", i.agency},
         {"holder", i.holder},
         {"status", core::name_of(i.status)},
         {"late_steps", late},
         {"deadline", pending_deadline ? json(core::format_instant(*pending_deadline))
                                       : json(nullptr)}});
  }
  return json{{"tasks", tasks}, {"incidents", incidents}};
}

core::Result<json> inbox(const projections::Views& views, const core::Caller& caller,
                         const Params& query, const Moment& m) {
  std::string agency = param(query, "agency");
  if (agency.empty()) agency = caller.agency;
  if (agency.empty()) {
    return core::make_error(core::ErrorCode::kValidationFailed, "name the agency", "agency");
  }
  if (!core::may_see_agency_scoped(caller, agency)) {
    return core::make_error(core::ErrorCode::kForbidden, "an officer sees its own inbox only",
                            "agency");
  }
  json tasks = json::array();
  for (const auto& [id, task] : views.tasks.all()) {
    const auto* a = core::find_assignment(task, agency);
    if (a == nullptr) continue;
    const auto status = core::task_status(task);
    if (status == core::AssignmentStatus::kApproved ||
        status == core::AssignmentStatus::kCancelled) {
      continue;
    }
    std::vector<std::string> reasons;
    if (core::needs_acknowledgement(*a, task)) reasons.push_back("unacknowledged");
    const bool submits =
        a->role == core::AgencyRoleOnTask::kLead || task.kind == core::TaskKind::kEach;
    const bool submitted_before =
        task.kind == core::TaskKind::kEach ? a->submission > 0 : task.submissions > 0;
    if (submits && submitted_before && a->status == core::AssignmentStatus::kInProgress) {
      reasons.push_back("returned");
    }
    // Due soon: a task that can fall due, whose part for this agency is not done.
    const bool part_open = a->status != core::AssignmentStatus::kApproved &&
                           a->status != core::AssignmentStatus::kCancelled;
    if (core::can_fall_due(task) && part_open &&
        task.due_on->days - m.on.days <= kInboxHorizonDays) {
      reasons.push_back("due_soon");
    }
    if (reasons.empty()) continue;
    json row = overdue_row(task, m.on);
    row["role"] = core::name_of(a->role);
    row["assignment_status"] = core::name_of(a->status);
    row["reasons"] = reasons;
    tasks.push_back(std::move(row));
  }
  return json{
      {"agency", agency}, {"tasks", tasks}, {"inspections", inbox_inspections(views, agency)}};
}

core::Result<json> transfer_stats(const projections::Views& views, const core::Caller& caller,
                                  const Params& query, const Moment& m) {
  int year = core::year_of(m.on);
  if (const std::string y = param(query, "year"); !y.empty()) {
    auto parsed = query_uint(query, "year", 0);
    if (!parsed.ok()) return parsed.error();
    year = static_cast<int>(*parsed);
  }
  // Each agency's yearly statistics go into its annual report (003:71-73): by partner,
  // direction, level and agency, each transfer in the year it happened.
  const std::string agency = param(query, "agency");
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int> counts;
  for (const auto& [id, t] : views.transfers.all()) {
    if (!core::may_see(caller, t)) continue;
    if (!agency.empty() && t.agency != agency) continue;
    const std::optional<core::Date> counted_on = core::day_of_transfer(t);
    if (!counted_on || core::year_of(*counted_on) != year) continue;
    ++counts[{t.partner, std::string(core::name_of(t.direction)),
              std::string(core::name_of(t.document.classification)), t.agency}];
  }
  json rows = json::array();
  for (const auto& [key, n] : counts) {
    rows.push_back({{"partner", std::get<0>(key)},
                    {"direction", std::get<1>(key)},
                    {"classification", std::get<2>(key)},
                    {"agency", std::get<3>(key)},
                    {"count", n}});
  }
  return json{{"year", year}, {"rows", rows}};
}

// The plan's annual report task: its first yearly task in the reporting section, else in the
// summary section.
const core::TaskDefinition* annual_report_definition(const core::PlanState& plan) {
  for (const char* section : {"reporting", "summary"}) {
    for (const auto& d : plan.tasks) {
      if (d.recurrence && d.section == section) return &d;
    }
  }
  return nullptr;
}

core::Result<json> annual_report(const projections::Views& views, const core::Caller& caller,
                                 const Params& query, const Moment& m) {
  const std::string plan_id = param(query, "plan");
  const auto* plan = views.plans.find(plan_id);
  if (plan == nullptr) {
    return core::make_error(core::ErrorCode::kNotFound, "no plan " + plan_id, "plan");
  }
  int year = core::year_of(m.on);
  if (!param(query, "year").empty()) {
    auto parsed = query_uint(query, "year", 0);
    if (!parsed.ok()) return parsed.error();
    year = static_cast<int>(*parsed);
  }
  const auto* definition = annual_report_definition(*plan);
  json body = {{"plan", plan_id},
               {"year", year},
               {"task", nullptr},
               {"agencies", json::array()},
               {"inspections", inspection_figures(views, caller, plan_id, year)}};
  if (definition == nullptr) return body;
  const std::string task_id = definition->id + "/" + std::to_string(year);
  const auto* task = views.tasks.find(task_id);
  if (task == nullptr || !core::may_see_task(caller, *task)) return body;
  body["task"] = task_id;
  body["due_on"] = task->due_on ? json(core::format_date(*task->due_on)) : json(nullptr);
  for (const auto& a : task->assignments) {
    if (core::confined_to_own_agency(caller) && a.agency != caller.agency) continue;
    body["agencies"].push_back(
        {{"agency", a.agency},
         {"role", core::name_of(a.role)},
         {"status", core::name_of(a.status)},
         {"acknowledged_at",
          a.acknowledged_at ? json(core::format_instant(*a.acknowledged_at)) : json(nullptr)},
         {"overdue", core::is_assignment_overdue(*task, a, m.on)}});
  }
  return body;
}

constexpr std::array<ViewSpec, 5> kViews{{
    {"phase-status", phase_status, "plan", Views::kPlans | Views::kTasks},
    {"overdue", overdue, nullptr, Views::kTasks | Views::kIncidents},
    {"inbox", inbox, nullptr, Views::kTasks | Views::kInspections},
    {"transfer-stats", transfer_stats, nullptr, Views::kTransfers},
    {"annual-report", annual_report, "plan", Views::kPlans | Views::kTasks | Views::kInspections},
}};

}  // namespace

core::Result<Moment> moment_of(const events::EventStore& store, const Params& query,
                               core::Date today, core::Instant now) {
  Moment m;
  const uint64_t head = store.head().position;
  m.as_of = head;
  m.at = now;
  std::optional<core::Date> as_of_day;
  if (auto it = query.find("as_of"); it != query.end() && !it->second.empty()) {
    if (auto instant = core::parse_instant(it->second)) {
      ASSIGN_OR_RETURN(m.as_of, store.position_at(*instant));
      as_of_day = core::date_of(*instant);
      m.at = std::min(*instant, now);
    } else {
      ASSIGN_OR_RETURN(m.as_of, query_uint(query, "as_of", head));
      m.as_of = std::min(m.as_of, head);
      auto events = store.read_all(std::max<uint64_t>(m.as_of, 1), 1);
      if (events.ok() && !events->empty() && m.as_of > 0) {
        as_of_day = core::date_of(events->front().recorded_at);
        if (m.as_of < head) m.at = events->front().recorded_at;
      }
    }
    m.past = m.as_of < head;
  }
  m.on = as_of_day.value_or(today);
  if (auto it = query.find("on"); it != query.end() && !it->second.empty()) {
    auto day = core::parse_date(it->second);
    if (!day) {
      return core::make_error(core::ErrorCode::kValidationFailed, "on must be a date YYYY-MM-DD",
                              "on");
    }
    m.on = *day;
  }
  return m;
}

std::span<const ViewSpec> view_specs() { return kViews; }

const ViewSpec* find_view(std::string_view name) {
  for (const auto& v : kViews) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

core::Result<json> answer_view(const ViewSpec& view, const projections::Views& views,
                               const core::Caller& caller, const Params& query,
                               const Moment& moment) {
  if (view.required != nullptr && param(query, view.required).empty()) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            std::string(view.required) + " is required", view.required);
  }
  auto body = view.answer(views, caller, query, moment);
  if (!body.ok()) return body;
  (*body)["as_of"] = moment.as_of;
  (*body)["on"] = core::format_date(moment.on);
  return body;
}

}  // namespace mandate::http
