#include "core/inspection.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"
#include "core/id.h"

namespace mandate::core {
namespace {

// The section a follow-up task is filed under, beside a plan's "measures", "summary", ...
constexpr std::string_view kFollowUpSection = "inspection";

void apply(InspectionState& state, const InspectionPlanned& e, const RecordedEvent& event) {
  state = InspectionState{};
  state.id = e.id;
  state.plan = e.plan;
  state.inspecting_agency = e.inspecting_agency;
  state.agency = e.agency;
  state.kind = e.kind;
  state.scheduled_on = e.scheduled_on;
  state.team = e.team;
  state.scope = e.scope;
  state.status = InspectionStatus::kPlanned;
  state.planned_at = event.recorded_at;
  state.planned_by = event.actor;
}

void apply(InspectionState& state, const InspectionFindingRecorded& e, const RecordedEvent& event) {
  state.findings.push_back(InspectionFinding{e.number, e.text, e.severity, e.remedy_due_on,
                                             e.follow_up_task, event.recorded_at, event.actor});
  if (state.status == InspectionStatus::kPlanned) {
    state.status = InspectionStatus::kInProgress;
    state.started_at = event.recorded_at;
  }
}

void apply(InspectionState& state, const InspectionClosed& e, const RecordedEvent& event) {
  state.status = InspectionStatus::kClosed;
  state.closed_at = event.recorded_at;
  state.closed_by = event.actor.user;
  state.conclusion = e.conclusion;
}

template <typename Other>
void apply(InspectionState&, const Other&, const RecordedEvent&) {}

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

Error conflict(std::string message) { return make_error(ErrorCode::kConflict, std::move(message)); }

Status require_coordinator(const Caller& caller) {
  if (may(caller, Action::kCoordinateTasks)) return ok_status();
  return make_error(ErrorCode::kForbidden,
                    "only a coordinator of the inspecting agency may do this");
}

// The agency that carries the inspection out: the plan's focal agency, or the caller's own.
Result<std::string> inspecting_agency(const PlanInspection& c, const Caller& caller,
                                      const Directory& directory) {
  if (c.plan.empty()) {
    if (caller.agency.empty()) {
      return validation("a caller with no agency names the plan whose focal agency inspects",
                        "plan");
    }
    return caller.agency;
  }
  ASSIGN_OR_RETURN(PlanFacts facts, require_plan(directory, c.plan, "plan"));
  return std::move(facts.focal_agency);
}

Status check_team(const std::vector<std::string>& team) {
  if (team.empty()) return validation("an inspection names its team", "team");
  for (size_t i = 0; i < team.size(); ++i) {
    const std::string field = "team[" + std::to_string(i) + "]";
    if (is_blank(team[i])) return validation(field + " is blank", field);
    if (std::find(team.begin(), team.begin() + static_cast<std::ptrdiff_t>(i), team[i]) !=
        team.begin() + static_cast<std::ptrdiff_t>(i)) {
      return validation(team[i] + " is in the team twice", field);
    }
  }
  return ok_status();
}

Result<Decision> decide_one(const InspectionState& state, const PlanInspection& c,
                            const Caller& caller, const Directory& directory) {
  RETURN_IF_ERROR(require_coordinator(caller));
  ASSIGN_OR_RETURN(std::string inspecting, inspecting_agency(c, caller, directory));
  if (!caller.is_admin() && caller.agency != inspecting) {
    return make_error(
        ErrorCode::kForbidden,
        "only a coordinator of the plan's focal agency " + inspecting + " plans its inspections",
        "plan");
  }
  if (!is_slug(c.id) || c.id.size() > kMaxInspectionIdLength) {
    return validation("an inspection id is a slug of at most " +
                          std::to_string(kMaxInspectionIdLength) + " characters",
                      "id");
  }
  RETURN_IF_ERROR(require_agency(directory, c.agency, "agency"));
  RETURN_IF_ERROR(check_team(c.team));
  RETURN_IF_ERROR(require_text(c.scope, "scope"));
  // Last, so that a request refused for any other reason answers alike whether the id is free
  // or held by an inspection the caller may not know of.
  if (state.version != 0) return id_taken("inspection", c.id);
  return single_stream(inspection_stream(c.id), 0,
                       {NewEvent{InspectionPlanned{c.id, c.plan, std::move(inspecting), c.agency,
                                                   c.kind, c.scheduled_on, c.team, c.scope},
                                 std::nullopt}});
}

// Findings and closing are the inspecting agency's.
Status require_inspector(const InspectionState& state, const Caller& caller) {
  RETURN_IF_ERROR(require_coordinator(caller));
  if (caller.is_admin() || caller.agency == state.inspecting_agency) return ok_status();
  return make_error(ErrorCode::kForbidden, "only a coordinator of the inspecting agency " +
                                               state.inspecting_agency + " may do this");
}

Status check_open(const InspectionState& state) {
  if (state.status == InspectionStatus::kClosed) {
    return conflict("inspection " + state.id + " is closed");
  }
  return ok_status();
}

// The follow-up task a finding opens: the inspected agency's alone, as a joint task it leads,
// decided by the inspecting agency.
TaskAssigned follow_up(const InspectionState& state, const RecordInspectionFinding& c,
                       const std::string& id, uint32_t number) {
  TaskAssigned t;
  t.id = id;
  t.plan = state.plan;
  t.definition = id;
  t.section = std::string(kFollowUpSection);
  t.title = "Khắc phục phát hiện " + std::to_string(number) + " của đợt kiểm tra " + state.id;
  t.description = c.text;
  t.lead = state.agency;
  t.due_on = c.remedy_due_on;
  t.kind = TaskKind::kJoint;
  t.focal_agency = state.inspecting_agency;
  return t;
}

Result<Decision> decide_one(const InspectionState& state, const RecordInspectionFinding& c,
                            const Caller& caller, const Directory& directory) {
  RETURN_IF_ERROR(require_inspector(state, caller));
  RETURN_IF_ERROR(require_text(c.text, "text"));
  if (c.remedy_due_on.has_value() && *c.remedy_due_on < state.scheduled_on) {
    return validation(
        "a remedy is due on or after the inspection's day, " + format_date(state.scheduled_on),
        "remedy_due_on");
  }
  RETURN_IF_ERROR(check_open(state));
  if (state.findings.size() >= kMaxFindingsPerInspection) {
    return conflict("inspection " + state.id + " holds " +
                    std::to_string(kMaxFindingsPerInspection) + " findings, the most it may");
  }
  const uint32_t number = static_cast<uint32_t>(state.findings.size()) + 1;
  std::string task;
  if (c.remedy_due_on.has_value()) {
    task = follow_up_task_id(state.id, number);
    if (directory.task_exists(task)) return conflict("task " + task + " already exists");
  }
  Decision decision = single_stream(
      inspection_stream(state.id), state.version,
      {NewEvent{InspectionFindingRecorded{number, c.text, c.severity, c.remedy_due_on, task},
                std::nullopt}});
  if (!task.empty()) {
    decision.push_back(StreamWrite{
        task_stream(task), 0, {NewEvent{follow_up(state, c, task, number), std::nullopt}}});
  }
  return decision;
}

Result<Decision> decide_one(const InspectionState& state, const CloseInspection& c,
                            const Caller& caller, const Directory& directory) {
  RETURN_IF_ERROR(require_inspector(state, caller));
  RETURN_IF_ERROR(require_text(c.conclusion, "conclusion"));
  RETURN_IF_ERROR(check_open(state));
  std::string open;
  for (const std::string& task : follow_up_tasks(state)) {
    if (directory.task_settled(task)) continue;
    open += (open.empty() ? "" : ", ") + task;
  }
  if (!open.empty()) {
    return conflict("inspection " + state.id +
                    " closes once every follow-up task is approved or cancelled; open: " + open);
  }
  return single_stream(inspection_stream(state.id), state.version,
                       {NewEvent{InspectionClosed{c.conclusion}, std::nullopt}});
}

}  // namespace

void evolve(InspectionState& state, const RecordedEvent& event) {
  std::visit([&](const auto& e) { apply(state, e, event); }, event.data);
  state.version = event.version;
}

bool may_see(const Caller& caller, const InspectionState& state) {
  return may_see_agency_scoped(caller, state.agency);
}

std::string follow_up_task_id(std::string_view inspection, uint32_t number) {
  return std::string(inspection) + "-f" + std::to_string(number);
}

std::vector<std::string> follow_up_tasks(const InspectionState& state) {
  std::vector<std::string> out;
  for (const InspectionFinding& f : state.findings) {
    if (!f.follow_up_task.empty()) out.push_back(f.follow_up_task);
  }
  return out;
}

Result<Decision> decide(const InspectionState& state, const InspectionCommand& command,
                        const Caller& caller, Instant /*now*/, const Directory& directory) {
  return std::visit(
      [&](const auto& c) -> Result<Decision> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (!std::is_same_v<C, PlanInspection>) {
          // Existence and visibility answer alike (404), as for every aggregate.
          if (state.version == 0 || !may_see(caller, state)) {
            return make_error(ErrorCode::kNotFound, "no such inspection");
          }
        }
        return decide_one(state, c, caller, directory);
      },
      command);
}

}  // namespace mandate::core
