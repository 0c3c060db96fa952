#include "core/plan.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/id.h"
#include "core/occurrences.h"

namespace mandate::core {
namespace {

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string indexed(std::string_view base, size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

// A required agency reference: missing is a validation failure, unknown is kUnknownAgency.
Status require_agency(std::string_view id, const Directory& directory, const std::string& field) {
  if (blank(id)) return validation(field + " is required", field);
  if (!directory.agency_exists(id)) {
    return make_error(ErrorCode::kUnknownAgency, "no agency " + std::string(id), field);
  }
  return ok_status();
}

Status validate_phases(const std::vector<Phase>& phases) {
  for (size_t i = 0; i < phases.size(); ++i) {
    const Phase& p = phases[i];
    const std::string at = indexed("phases", i);
    if (blank(p.key)) return validation("a phase needs a key", at + ".key");
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
};

std::vector<Occurrence> occurrences_of(const TaskDefinition& def, const PlanFrame& plan,
                                       Instant now) {
  return occurrences(def, task_window(plan.phases, def.phase), plan.issued_on, now);
}

// The rules on one definition by itself. `prefix` is its path in the body: "tasks[2]." or "".
Status validate_definition(const TaskDefinition& def, const std::string& prefix,
                           const PlanFrame& plan, Instant now, const Directory& directory) {
  if (!is_slug(def.id) || def.id.size() > kMaxTaskIdLength) {
    return validation(
        "a task id is a slug of at most " + std::to_string(kMaxTaskIdLength) + " characters",
        prefix + "id");
  }
  if (def.phase.has_value() && std::none_of(plan.phases.begin(), plan.phases.end(),
                                            [&](const Phase& p) { return p.key == *def.phase; })) {
    return validation("no phase " + *def.phase + " in the plan", prefix + "phase");
  }
  if (blank(def.title)) return validation("a task needs a title", prefix + "title");
  RETURN_IF_ERROR(require_agency(def.lead, directory, prefix + "lead"));
  for (size_t j = 0; j < def.coordinators.size(); ++j) {
    const std::string& c = def.coordinators[j];
    if (c == kEveryAgency) continue;
    if (!directory.agency_exists(c)) {
      return make_error(ErrorCode::kUnknownAgency, "no agency " + c,
                        indexed(prefix + "coordinators", j));
    }
  }
  if (def.due_on.has_value() == def.recurrence.has_value()) {
    return validation("a task has either due_on or recurrence", prefix + "due_on");
  }
  if (def.recurrence.has_value()) {
    if (!is_valid_month_day(*def.recurrence)) {
      return validation("the recurrence's due is not a day of the year", prefix + "recurrence.due");
    }
    if (occurrences_of(def, plan, now).size() > kMaxOccurrencesPerTask) {
      return validation(
          "the task would recur more than " + std::to_string(kMaxOccurrencesPerTask) + " times",
          prefix + "recurrence");
    }
  }
  return ok_status();
}

// Task ids are unique in the server: the definition's id and each of its occurrences'.
Status check_ids_free(const TaskDefinition& def, const PlanFrame& plan, Instant now,
                      const Directory& directory, const std::string& field) {
  if (directory.task_exists(def.id)) {
    return make_error(ErrorCode::kConflict, "task " + def.id + " already exists", field);
  }
  for (const Occurrence& o : occurrences_of(def, plan, now)) {
    if (directory.task_exists(o.id)) {
      return make_error(ErrorCode::kConflict, "task " + o.id + " already exists", field);
    }
  }
  return ok_status();
}

std::vector<TaskAssigned> concrete_tasks(std::string_view plan_id, const TaskDefinition& def,
                                         const PlanFrame& plan, Instant now,
                                         const Directory& directory) {
  const std::vector<std::string> coordinators =
      resolve_coordinators(def.lead, def.coordinators, directory);
  std::vector<TaskAssigned> out;
  for (Occurrence& o : occurrences_of(def, plan, now)) {
    out.push_back(TaskAssigned{std::move(o.id), std::string(plan_id), def.id, def.phase,
                               def.section, def.title, def.description, def.lead, coordinators,
                               o.due_on, o.year});
  }
  return out;
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
  if (blank(d.code)) return validation("a plan needs its code", "code");
  if (blank(d.title)) return validation("a plan needs a title", "title");
  RETURN_IF_ERROR(require_agency(d.issuer, directory, "issuer"));
  RETURN_IF_ERROR(require_agency(d.focal_agency, directory, "focal_agency"));
  RETURN_IF_ERROR(validate_phases(d.phases));
  const PlanFrame plan{d.phases, d.issued_on};
  for (size_t i = 0; i < d.tasks.size(); ++i) {
    const std::string prefix = indexed("tasks", i) + ".";
    RETURN_IF_ERROR(validate_definition(d.tasks[i], prefix, plan, now, directory));
    for (size_t j = 0; j < i; ++j) {
      if (d.tasks[j].id == d.tasks[i].id) {
        return validation("task " + d.tasks[i].id + " twice in the plan", prefix + "id");
      }
    }
  }
  for (size_t i = 0; i < d.tasks.size(); ++i) {
    RETURN_IF_ERROR(check_ids_free(d.tasks[i], plan, now, directory, indexed("tasks", i) + ".id"));
  }
  return single_stream(plan_stream(d.id), 0, {NewEvent{d, std::nullopt}});
}

Result<Decision> decide_issue(const PlanState& state, const IssuePlan&, const Caller& caller,
                              Instant now, const Directory& directory) {
  if (state.version == 0) return make_error(ErrorCode::kNotFound, "no such plan");
  if (!may(caller, Action::kManagePlans)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may issue plans");
  }
  if (state.status == PlanStatus::kActive) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " is already issued");
  }
  const PlanFrame plan{state.phases, state.issued_on};
  std::vector<TaskAssigned> tasks;
  for (const TaskDefinition& def : state.tasks) {
    for (TaskAssigned& t : concrete_tasks(state.id, def, plan, now, directory)) {
      if (directory.task_exists(t.id)) {
        return make_error(ErrorCode::kConflict, "task " + t.id + " already exists");
      }
      tasks.push_back(std::move(t));
    }
  }
  PlanIssued issued;
  for (const TaskAssigned& t : tasks) issued.task_ids.push_back(t.id);
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
  const PlanFrame plan{state.phases, state.issued_on};
  const TaskDefinition& def = command.task;
  RETURN_IF_ERROR(validate_definition(def, "", plan, now, directory));
  if (find_definition(state, def.id) != nullptr) {
    return make_error(ErrorCode::kConflict, "plan " + state.id + " already has task " + def.id,
                      "id");
  }
  RETURN_IF_ERROR(check_ids_free(def, plan, now, directory, "id"));
  Decision decision =
      single_stream(plan_stream(state.id), state.version, {NewEvent{PlanTaskAdded{def}, {}}});
  if (state.status == PlanStatus::kActive) {
    append_task_streams(decision, concrete_tasks(state.id, def, plan, now, directory));
  }
  return decision;
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
    state.status = PlanStatus::kDraft;
  } else if (const auto* e = std::get_if<PlanTaskAdded>(&event.data)) {
    state.tasks.push_back(e->task);
  } else if (std::holds_alternative<PlanIssued>(event.data)) {
    state.status = PlanStatus::kActive;
  }
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
        } else {
          static_assert(std::is_same_v<C, AddTask>);
          return decide_add(state, c, caller, now, directory);
        }
      },
      command);
}

}  // namespace mandate::core
