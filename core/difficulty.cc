#include "core/difficulty.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"
#include "core/id.h"

namespace mandate::core {
namespace {

Result<Decision> decide_raise(const DifficultyState& state, const TaskState& task,
                              const RaiseDifficulty& c, const Caller& caller) {
  if (state.version != 0) {
    return make_error(ErrorCode::kConflict, "difficulty " + c.id + " already exists", "id");
  }
  if (task.version == 0 || task.id != c.task || !may_see_task(caller, task)) {
    return make_error(ErrorCode::kNotFound, "no such task");
  }
  if (!may(caller, Action::kWorkOnTasks) || caller.agency.empty() ||
      find_assignment(task, caller.agency) == nullptr) {
    return make_error(ErrorCode::kForbidden, "only an officer of an agency assigned to task " +
                                                 task.id + " may raise a difficulty on it");
  }
  if (!is_slug(c.id)) {
    return make_error(ErrorCode::kValidationFailed, "a difficulty id is a slug", "id");
  }
  if (is_blank(c.text)) return make_error(ErrorCode::kValidationFailed, "text is required", "text");
  return single_stream(difficulty_stream(c.id), 0,
                       {NewEvent{DifficultyRaised{c.id, task.id, caller.agency, c.text}, {}}});
}

Result<Decision> decide_guidance(const DifficultyState& state, const TaskState& task,
                                 const GiveGuidance& c, const Caller& caller) {
  if (state.version == 0 || !may_see_difficulty(caller, state, task)) {
    return make_error(ErrorCode::kNotFound, "no such difficulty");
  }
  if (!may(caller, Action::kCoordinateTasks)) {
    return make_error(ErrorCode::kForbidden, "only a coordinator may give guidance");
  }
  if (is_blank(c.text)) return make_error(ErrorCode::kValidationFailed, "text is required", "text");
  return single_stream(difficulty_stream(state.id), state.version,
                       {NewEvent{GuidanceGiven{c.text}, std::nullopt}});
}

}  // namespace

void evolve(DifficultyState& state, const RecordedEvent& event) {
  state.version = event.version;
  if (const auto* e = std::get_if<DifficultyRaised>(&event.data)) {
    state.id = e->id;
    state.task = e->task;
    state.agency = e->agency;
    state.text = e->text;
    state.raised_at = event.recorded_at;
  } else if (const auto* e = std::get_if<GuidanceGiven>(&event.data)) {
    state.guidance.push_back(Guidance{e->text, event.actor.user, event.recorded_at});
  }
}

bool may_see_difficulty(const Caller& caller, const DifficultyState& state, const TaskState& task) {
  return may_see_agency_scoped(caller, state.agency) ||
         (task.version != 0 && task.id == state.task && may_see_task(caller, task));
}

Result<Decision> decide(const DifficultyState& state, const TaskState& task,
                        const DifficultyCommand& command, const Caller& caller, Instant /*now*/,
                        const Directory& /*directory*/) {
  if (const auto* raise = std::get_if<RaiseDifficulty>(&command)) {
    return decide_raise(state, task, *raise, caller);
  }
  return decide_guidance(state, task, std::get<GiveGuidance>(command), caller);
}

}  // namespace mandate::core
