#include "core/plan.h"

#include <algorithm>
#include <cstdlib>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"
#include "core/id.h"
#include "core/occurrences.h"

namespace mandate::core {
namespace {

std::string indexed(std::string_view base, size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

Status validate_phases(const std::vector<Phase>& phases) {
  for (size_t i = 0; i < phases.size(); ++i) {
    const Phase& p = phases[i];
    const std::string at = indexed("phases", i);
    if (is_blank(p.key)) return validation("a phase needs a key", at + ".key");
    for (size_t j = 0; j < i; ++j) {
      if (phases[j].key == p.key) return validation("phase " + p.key + " twice", at + ".key");
    }
    if (p.starts_on && p.ends_on && *p.ends_on < *p.starts_on) {
      return validation("phase " + p.key + " ends before it starts", at + ".ends_on");
    }
  }
  return ok_status();
}

// What a plan's definitions are judged against.
struct PlanFrame {
  const std::vector<Phase>& phases;
  std::optional<Date> issued_on;
  const std::vector<std::string>& audience;
  int current_year = 0;
};

std::vector<Occurrence> occurrences_of(const TaskDefinition& def, const PlanFrame& plan) {
  return occurrences(def, task_window(plan.phases, def.phase), plan.issued_on, plan.current_year);
}

// The current year in the server's time zone, unless the command says (the year opener does).
int year_now(const std::optional<int32_t>& current_year, Instant now, const Directory& directory) {
  return current_year.value_or(year_of(local_date_of(now, directory.utc_offset_minutes())));
}

Status check_agency_list(const std::vector<std::string>& agencies, const std::string& field,
                         bool star_allowed, const Directory& directory) {
  for (size_t j = 0; j < agencies.size(); ++j) {
    const std::string& c = agencies[j];
    if (c == kEveryAgency) {
      if (!star_allowed) {
        return validation("\"*\" is the plan's audience, and the plan names none", "audience");
      }
      continue;
    }
    if (!directory.agency_exists(c)) {
      return make_error(ErrorCode::kUnknownAgency, "no agency " + c, indexed(field, j));
    }
  }
  return ok_status();
}

// What each kind of duty may and must carry (shared/api.md, "Plans and tasks").
Status validate_kind(const TaskDefinition& def, const std::string& prefix, const PlanFrame& plan,
                     const Directory& directory) {
  const bool star_allowed = !plan.audience.empty();
  switch (def.kind) {
    case TaskKind::kJoint:
    case TaskKind::kOnEvent:
      RETURN_IF_ERROR(require_agency(directory, def.lead, prefix + "lead"));
      RETURN_IF_ERROR(
          check_agency_list(def.coordinators, prefix + "coordinators", star_allowed, directory));
      break;
    case TaskKind::kEach:
      if (!def.lead.empty()) return validation("an each task has no lead", prefix + "lead");
      if (def.coordinators.empty()) {
        return validation("an each task names its agencies", prefix + "agencies");
      }
      RETURN_IF_ERROR(
          check_agency_list(def.coordinators, prefix + "agencies", star_allowed, directory));
      break;
    case TaskKind::kRule:
      if (!def.lead.empty() || !def.coordinators.empty()) {
        return validation("a rule is held by nobody", prefix + "lead");
      }
      break;
  }
  const bool undated_kind = def.kind == TaskKind::kOnEvent || def.kind == TaskKind::kRule;
  if (undated_kind && (def.due_on.has_value() || def.recurrence.has_value())) {
    return validation("an " + std::string(name_of(def.kind)) + " duty is never dated",
                      prefix + (def.due_on ? "due_on" : "recurrence"));
  }
  if (def.kind == TaskKind::kOnEvent && is_blank(def.trigger)) {
    return validation("an on_event duty says what sets it off", prefix + "trigger");
  }
  if (def.kind != TaskKind::kOnEvent && !def.trigger.empty()) {
    return validation("only an on_event duty has a trigger", prefix + "trigger");
  }
  if (!def.set_off_by.empty() && (def.kind != TaskKind::kOnEvent ||
                                  (def.set_off_by != "incident" && def.set_off_by != "transfer"))) {
    return validation("set_off_by is \"incident\" or \"transfer\", on an on_event duty",
                      prefix + "set_off_by");
  }
  return ok_status();
}

// The rules on one definition by itself. `prefix` is its path in the body: "tasks[2]." or "".
Status validate_definition(const TaskDefinition& def, const std::string& prefix,
                           const PlanFrame& plan, const Directory& directory) {
  if (!is_slug(def.id) || def.id.size() > kMaxTaskIdLength) {
    return validation(
        "a task id is a slug of at most " + std::to_string(kMaxTaskIdLength) + " characters",
        prefix + "id");
  }
  if (def.phase.has_value() && std::none_of(plan.phases.begin(), plan.phases.end(),
                                            [&](const Phase& p) { return p.key == *def.phase; })) {
    return validation("no phase " + *def.phase + " in the plan", prefix + "phase");
  }
  if (is_blank(def.title)) return validation("a task needs a title", prefix + "title");
  RETURN_IF_ERROR(validate_kind(def, prefix, plan, directory));
  if (def.due_on.has_value() && def.recurrence.has_value()) {
    return validation("a task has due_on or recurrence, not both", prefix + "due_on");
  }
  if (def.recurrence.has_value()) {
    if (!def.recurrence->undated && !is_valid_month_day(*def.recurrence)) {
      return validation("the recurrence's due is not a day of the year", prefix + "recurrence.due");
    }
    // Years open as they come, so the bound is on the window's years, not today's count.
    const DateWindow window = task_window(plan.phases, def.phase);
    const int first = window.starts_on
                          ? year_of(*window.starts_on)
                          : (plan.issued_on ? year_of(*plan.issued_on) : plan.current_year);
    const int last = window.ends_on ? year_of(*window.ends_on) : first;
    if (last - first + 1 > static_cast<int>(kMaxOccurrencesPerTask) ||
        occurrences_of(def, plan).size() > kMaxOccurrencesPerTask) {
      return validation(
          "the task would recur more than " + std::to_string(kMaxOccurrencesPerTask) + " times",
          prefix + "recurrence");
    }
  }
  return ok_status();
}

// Task ids are unique in the server: the definition's id and each of its occurrences'.
Status check_ids_free(const TaskDefinition& def, const PlanFrame& plan, const Directory& directory,
                      const std::string& field) {
  if (directory.task_exists(def.id)) {
    return make_error(ErrorCode::kConflict, "task " + def.id + " already exists", field);
  }
  for (const Occurrence& o : occurrences_of(def, plan)) {
    if (directory.task_exists(o.id)) {
      return make_error(ErrorCode::kConflict, "task " + o.id + " already exists", field);
    }
  }
  return ok_status();
}

TaskAssigned assigned(std::string_view plan_id, const TaskDefinition& def, Occurrence o,
                      const std::vector<std::string>& coordinators) {
  return TaskAssigned{std::move(o.id), std::string(plan_id),
                      def.id,          def.phase,
                      def.section,     def.title,
                      def.description, def.lead,
                      coordinators,    o.due_on,
                      o.year,          def.kind,
                      def.request,     ""};  // A plan's task: its focal agency decides.
}

std::vector<TaskAssigned> concrete_tasks(std::string_view plan_id, const TaskDefinition& def,
                                         const PlanFrame& plan) {
  const std::vector<std::string> coordinators =
      resolve_coordinators(def.lead, def.coordinators, plan.audience);
  std::vector<TaskAssigned> out;
  for (Occurrence& o : occurrences_of(def, plan)) {
    out.push_back(assigned(plan_id, def, std::move(o), coordinators));
  }
  return out;
}

// The bound on one command's expansion (a 7 KB plan once made 245,000 assignments).
Status check_expansion(const std::vector<TaskAssigned>& tasks) {
  size_t assignments = 0;
  for (const TaskAssigned& t : tasks)
    assignments += (t.lead.empty() ? 0 : 1) + t.coordinators.size();
  if (assignments > kMaxAssignmentsPerCommand) {
    return make_error(ErrorCode::kTooManyAssignments,
                      "the command would create " + std::to_string(assignments) +
                          " assignments; at most " + std::to_string(kMaxAssignmentsPerCommand) +
                          " are allowed at once");
  }
  return ok_status();
}

// The years from the plan's first year to `current_year` (at least the current one).
std::vector<int32_t> open_years(const PlanFrame& plan) {
  const DateWindow span = task_window(plan.phases, std::nullopt);
  int first = span.starts_on ? year_of(*span.starts_on)
                             : (plan.issued_on ? year_of(*plan.issued_on) : plan.current_year);
  std::vector<int32_t> years;
  for (int y = std::min(first, plan.current_year); y <= plan.current_year; ++y) years.push_back(y);
  return years;
}

void append_task_streams(Decision& decision, std::vector<TaskAssigned> tasks) {
  for (TaskAssigned& t : tasks) {
    std::string stream = task_stream(t.id);
    decision.push_back(StreamWrite{std::move(stream), 0, {NewEvent{std::move(t), std::nullopt}}});
  }
}

Result<Decision> decide_create(const PlanState& state, const CreatePlan& command,
                               const Caller& caller, Instant now, const Directory& directory) {
  const PlanDrafted& d = command.draft;
  if (state.version != 0) {
    return make_error(ErrorCode::kConflict, "plan " + d.id + " already exists", "id");
  }
  if (!may(caller, Action::kManagePlans)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may create plans");
  }
  if (!is_slug(d.id)) return validation("a plan id is a slug", "id");
  if (is_blank(d.code)) return validation("a plan needs its code", "code");
  if (is_blank(d.title)) return validation("a plan needs a title", "title");
  RETURN_IF_ERROR(require_agency(directory, d.issuer, "issuer"));
  RETURN_IF_ERROR(require_agency(directory, d.focal_agency, "focal_agency"));
  RETURN_IF_ERROR(validate_phases(d.phases));
  RETURN_IF_ERROR(check_agency_list(d.audience, "audience", false, directory));
  const PlanFrame plan{d.phases, d.issued_on, d.audience, year_now(std::nullopt, now, directory)};
  for (size_t i = 0; i < d.tasks.size(); ++i) {
    const std::string prefix = indexed("tasks", i) + ".";
    RETURN_IF_ERROR(validate_definition(d.tasks[i], prefix, plan, directory));
    for (size_t j = 0; j < i; ++j) {
      if (d.tasks[j].id == d.tasks[i].id) {
        return validation("task " + d.tasks[i].id + " twice in the plan", prefix + "id");
      }
    }
  }
  for (size_t i = 0; i < d.tasks.size(); ++i) {
    RETURN_IF_ERROR(check_ids_free(d.tasks[i], plan, directory, indexed("tasks", i) + ".id"));
  }
  return single_stream(plan_stream(d.id), 0, {NewEvent{d, std::nullopt}});
}

Result<Decision> decide_issue(const PlanState& state, const IssuePlan& command,
                              const Caller& caller, Instant now, const Directory& directory) {
  if (state.version == 0) return make_error(ErrorCode::kNotFound, "no such plan");
  if (!may(caller, Action::kManagePlans)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may issue plans");
  }
  if (state.status == PlanStatus::kActive) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " is already issued");
  }
  const PlanFrame plan{state.phases, state.issued_on, state.audience,
                       year_now(command.current_year, now, directory)};
  std::vector<TaskAssigned> tasks;
  for (const TaskDefinition& def : state.tasks) {
    for (TaskAssigned& t : concrete_tasks(state.id, def, plan)) {
      if (directory.task_exists(t.id)) {
        return make_error(ErrorCode::kConflict, "task " + t.id + " already exists");
      }
      tasks.push_back(std::move(t));
    }
  }
  RETURN_IF_ERROR(check_expansion(tasks));
  PlanIssued issued;
  for (const TaskAssigned& t : tasks) issued.task_ids.push_back(t.id);
  issued.years = open_years(plan);
  Decision decision = single_stream(plan_stream(state.id), state.version,
                                    {NewEvent{std::move(issued), std::nullopt}});
  append_task_streams(decision, std::move(tasks));
  return decision;
}

Result<Decision> decide_add(const PlanState& state, const AddTask& command, const Caller& caller,
                            Instant now, const Directory& directory) {
  if (state.version == 0) return make_error(ErrorCode::kNotFound, "no such plan");
  if (!may(caller, Action::kManagePlans)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may add tasks");
  }
  const PlanFrame plan{state.phases, state.issued_on, state.audience,
                       year_now(command.current_year, now, directory)};
  const TaskDefinition& def = command.task;
  RETURN_IF_ERROR(validate_definition(def, "", plan, directory));
  if (find_definition(state, def.id) != nullptr) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " already has task " + def.id,
                      "id");
  }
  RETURN_IF_ERROR(check_ids_free(def, plan, directory, "id"));
  Decision decision =
      single_stream(plan_stream(state.id), state.version, {NewEvent{PlanTaskAdded{def}, {}}});
  if (state.status == PlanStatus::kActive) {
    std::vector<TaskAssigned> tasks = concrete_tasks(state.id, def, plan);
    RETURN_IF_ERROR(check_expansion(tasks));
    append_task_streams(decision, std::move(tasks));
  }
  return decision;
}

Result<Decision> decide_open_year(const PlanState& state, const OpenPlanYear& command,
                                  const Caller& caller, const Directory& directory) {
  if (state.version == 0) return make_error(ErrorCode::kNotFound, "no such plan");
  if (!caller.is_admin()) {
    return make_error(ErrorCode::kForbidden, "plan years are opened by the server");
  }
  if (state.status != PlanStatus::kActive) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " is not issued");
  }
  if (!state.years.empty() && command.year <= state.years.back()) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " has year " +
                                                std::to_string(command.year) + " open already");
  }
  std::vector<TaskAssigned> tasks;
  for (const TaskDefinition& def : state.tasks) {
    const auto o = occurrence_in_year(def, task_window(state.phases, def.phase), state.issued_on,
                                      command.year);
    if (!o.has_value()) continue;
    if (directory.task_exists(o->id)) {
      return make_error(ErrorCode::kConflict, "task " + o->id + " already exists");
    }
    tasks.push_back(assigned(state.id, def, *o,
                             resolve_coordinators(def.lead, def.coordinators, state.audience)));
  }
  RETURN_IF_ERROR(check_expansion(tasks));
  PlanYearOpened opened{command.year, {}};
  for (const TaskAssigned& t : tasks) opened.task_ids.push_back(t.id);
  Decision decision = single_stream(plan_stream(state.id), state.version,
                                    {NewEvent{std::move(opened), std::nullopt}});
  append_task_streams(decision, std::move(tasks));
  return decision;
}

Result<Decision> decide_widen(const PlanState& state, const WidenAudience& command,
                              const Caller& caller, const Directory& directory) {
  if (state.version == 0) return make_error(ErrorCode::kNotFound, "no such plan");
  if (!may(caller, Action::kManagePlans) ||
      (!caller.is_admin() && caller.agency != state.focal_agency)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator of the focal agency " +
                                                 state.focal_agency + " widens the audience");
  }
  if (command.agencies.empty()) return validation("name the agencies to add", "add");
  RETURN_IF_ERROR(check_agency_list(command.agencies, "add", false, directory));
  PlanAudienceWidened widened;
  for (const std::string& a : command.agencies) {
    const bool known =
        std::find(state.audience.begin(), state.audience.end(), a) != state.audience.end() ||
        std::find(widened.agencies.begin(), widened.agencies.end(), a) != widened.agencies.end();
    if (!known) widened.agencies.push_back(a);
  }
  if (widened.agencies.empty()) {
    return make_error(ErrorCode::kConflict, "every agency named is in the audience already");
  }
  return single_stream(plan_stream(state.id), state.version,
                       {NewEvent{std::move(widened), std::nullopt}});
}

}  // namespace

void evolve(PlanState& state, const RecordedEvent& event) {
  state.version = event.version;
  if (const auto* e = std::get_if<PlanDrafted>(&event.data)) {
    state.id = e->id;
    state.code = e->code;
    state.title = e->title;
    state.issuer = e->issuer;
    state.issued_on = e->issued_on;
    state.focal_agency = e->focal_agency;
    state.basis = e->basis;
    state.agreement = e->agreement;
    state.phases = e->phases;
    state.tasks = e->tasks;
    state.audience = e->audience;
    state.years.clear();
    state.status = PlanStatus::kDraft;
  } else if (const auto* e = std::get_if<PlanTaskAdded>(&event.data)) {
    state.tasks.push_back(e->task);
  } else if (const auto* e = std::get_if<PlanIssued>(&event.data)) {
    state.status = PlanStatus::kActive;
    state.years = e->years;
    if (state.years.empty()) {
      // Logs from before plan years: the years are those the occurrences were made for.
      for (const std::string& id : e->task_ids) {
        const auto slash = id.rfind('/');
        if (slash == std::string::npos || id.size() - slash != 5) continue;
        const int year = std::atoi(id.c_str() + slash + 1);
        if (std::find(state.years.begin(), state.years.end(), year) == state.years.end()) {
          state.years.push_back(year);
        }
      }
      std::sort(state.years.begin(), state.years.end());
    }
  } else if (const auto* e = std::get_if<PlanYearOpened>(&event.data)) {
    state.years.push_back(e->year);
  } else if (const auto* e = std::get_if<PlanAudienceWidened>(&event.data)) {
    state.audience.insert(state.audience.end(), e->agencies.begin(), e->agencies.end());
  }
}

bool addresses_audience(const TaskDefinition& definition) {
  return std::find(definition.coordinators.begin(), definition.coordinators.end(), kEveryAgency) !=
         definition.coordinators.end();
}

const TaskDefinition* find_definition(const PlanState& state, std::string_view id) {
  for (const TaskDefinition& def : state.tasks) {
    if (def.id == id) return &def;
  }
  return nullptr;
}

Result<Decision> decide(const PlanState& state, const PlanCommand& command, const Caller& caller,
                        Instant now, const Directory& directory) {
  return std::visit(
      [&](const auto& c) -> Result<Decision> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, CreatePlan>) {
          return decide_create(state, c, caller, now, directory);
        } else if constexpr (std::is_same_v<C, IssuePlan>) {
          return decide_issue(state, c, caller, now, directory);
        } else if constexpr (std::is_same_v<C, AddTask>) {
          return decide_add(state, c, caller, now, directory);
        } else if constexpr (std::is_same_v<C, OpenPlanYear>) {
          return decide_open_year(state, c, caller, directory);
        } else {
          static_assert(std::is_same_v<C, WidenAudience>);
          return decide_widen(state, c, caller, directory);
        }
      },
      command);
}

}  // namespace mandate::core
