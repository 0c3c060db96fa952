// Tasks and difficulties: GET /v1/tasks, GET /v1/tasks/{id}, the task commands
// (acknowledge, progress, submit, approve, return, extend, cancel, and PATCH for a revision),
// POST /v1/tasks/{id}/difficulties, GET /v1/difficulties[/{id}],
// POST /v1/difficulties/{id}/guidance.

#include "core/access.h"
#include "core/difficulty.h"
#include "core/task.h"
#include "events/digest.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/command_route.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/resource_json.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

core::Error not_found(const std::string& what) {
  return core::make_error(core::ErrorCode::kNotFound, "no " + what);
}

core::Result<core::TaskCommand> parse_acknowledge(FieldReader&) {
  return core::TaskCommand{core::AcknowledgeTask{}};
}

core::Result<core::TaskCommand> parse_progress(FieldReader& r) {
  core::ReportProgress c;
  ASSIGN_OR_RETURN(c.note, r.required_string("note"));
  ASSIGN_OR_RETURN(auto percent, r.optional_integer("percent", 0, 100));
  if (percent) c.percent = static_cast<uint32_t>(*percent);
  return core::TaskCommand{std::move(c)};
}

core::Result<core::TaskCommand> parse_submit(FieldReader& r) {
  core::SubmitTask c;
  ASSIGN_OR_RETURN(c.note, r.string_or_empty("note"));
  ASSIGN_OR_RETURN(const json* evidence, r.optional_array("evidence"));
  if (evidence != nullptr) {
    for (size_t i = 0; i < evidence->size(); ++i) {
      ASSIGN_OR_RETURN(FieldReader e,
                       object_reader((*evidence)[i], "evidence[" + std::to_string(i) + "]"));
      core::Evidence item;
      ASSIGN_OR_RETURN(item.ref, e.required_string("ref"));
      ASSIGN_OR_RETURN(item.title, e.string_or_empty("title"));
      RETURN_IF_ERROR(e.finish());
      c.evidence.push_back(std::move(item));
    }
  }
  return core::TaskCommand{std::move(c)};
}

core::Result<core::TaskCommand> parse_approve(FieldReader& r) {
  core::ApproveTask c;
  ASSIGN_OR_RETURN(c.note, r.string_or_empty("note"));
  ASSIGN_OR_RETURN(c.agency, r.string_or_empty("agency"));
  return core::TaskCommand{std::move(c)};
}

core::Result<core::TaskCommand> parse_return(FieldReader& r) {
  core::ReturnTask c;
  ASSIGN_OR_RETURN(c.reason, r.required_string("reason"));
  ASSIGN_OR_RETURN(c.agency, r.string_or_empty("agency"));
  return core::TaskCommand{std::move(c)};
}

core::Result<core::TaskCommand> parse_extend(FieldReader& r) {
  core::ExtendTask c;
  ASSIGN_OR_RETURN(c.due_on, r.required_date("due_on"));
  ASSIGN_OR_RETURN(c.reason, r.required_string("reason"));
  return core::TaskCommand{std::move(c)};
}

core::Result<core::TaskCommand> parse_cancel(FieldReader& r) {
  core::CancelTask c;
  ASSIGN_OR_RETURN(c.reason, r.required_string("reason"));
  return core::TaskCommand{std::move(c)};
}

// PATCH: {"due_on"} sets the due date (alone); otherwise a revision of what the task asks.
core::Result<core::TaskCommand> parse_revise(FieldReader& r) {
  ASSIGN_OR_RETURN(std::optional<core::Date> due_on, r.optional_date("due_on"));
  if (due_on.has_value()) {
    RETURN_IF_ERROR(r.finish());
    return core::TaskCommand{core::SetTaskDue{*due_on}};
  }
  core::ReviseTask c;
  ASSIGN_OR_RETURN(c.description, r.optional_string("description"));
  ASSIGN_OR_RETURN(const json* coordinators, r.optional_array("coordinators"));
  if (coordinators != nullptr) {
    ASSIGN_OR_RETURN(auto list, r.string_list("coordinators", true));
    c.coordinators = std::move(list);
  }
  return core::TaskCommand{std::move(c)};
}

// A difficulty raised, or guidance given: {"text"}.
core::Result<std::string> parse_text(FieldReader& r) { return r.required_string("text"); }

nlohmann::json render_task(const App& app, const core::TaskState& task) {
  return task_json(task, app.today());
}

RouteFn task_command(core::Result<core::TaskCommand> (*parse)(FieldReader&)) {
  return aggregate_command<core::TaskState, core::TaskCommand>(parse, core::task_stream,
                                                               render_task);
}

bool matches_filter(const Call& call, const std::string& name, std::string_view value) {
  auto it = call.query.find(name);
  return it == call.query.end() || it->second.empty() || it->second == value;
}

void list_tasks(App& app, Call& call, Respond respond) {
  const core::Date today = app.today();
  json tasks = app.runner().read([&] {
    json out = json::array();
    const auto& tasks = app.views().tasks;
    // A plan or an agency asked for narrows the walk to its own tasks (in the same id order).
    std::vector<const core::TaskState*> candidates;
    auto plan = call.query.find("plan");
    auto agency = call.query.find("agency");
    if (plan != call.query.end() && !plan->second.empty()) {
      for (const std::string_view id : tasks.of_plan(plan->second))
        candidates.push_back(tasks.find(id));
    } else if (agency != call.query.end() && !agency->second.empty()) {
      for (const std::string_view id : tasks.of_agency(agency->second))
        candidates.push_back(tasks.find(id));
    } else {
      for (const auto& [id, task] : tasks.all()) candidates.push_back(&task);
    }
    for (const core::TaskState* candidate : candidates) {
      const core::TaskState& task = *candidate;
      if (!core::may_see_task(*call.caller, task)) continue;
      if (!matches_filter(call, "plan", task.plan)) continue;
      if (!matches_filter(call, "phase", task.phase.value_or(""))) continue;
      if (!matches_filter(call, "status", core::name_of(core::task_status(task)))) continue;
      if (auto it = call.query.find("agency"); it != call.query.end() && !it->second.empty() &&
                                               !core::find_assignment(task, it->second)) {
        continue;
      }
      out.push_back(task_summary_json(task, today));
    }
    return out;
  });
  respond(json_response(200, {{"tasks", tasks}}));
}

// The task with its history (old -> new per event, time in each status), read from its
// stream up to the version the view holds, so both describe the same task.
Response task_answer(App& app, const Call& call) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    const auto* task = app.views().tasks.find(id);
    if (task && core::may_see_task(*call.caller, *task)) {
      out.emplace(task_json(*task, app.today()), task->version);
    }
    return out;
  });
  if (!found) return problem(not_found("task " + id));
  auto stream = app.store().read_stream(core::task_stream(id), 1, found->second);
  if (!stream.ok()) return problem(stream.error());
  add_history(found->first, core::task_history(*stream));
  return resource_response(200, std::move(found->first), found->second);
}

void get_task(App& app, Call& call, Respond respond) {
  auto shared = std::make_shared<Call>(call);
  app.on_command_pool([&app, shared] { return task_answer(app, *shared); }, std::move(respond));
}

void raise_difficulty(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto text = read_fields(parse_text, *body);
  if (!text.ok()) return respond(problem(text.error()));
  core::RaiseDifficulty command;
  command.id = "d-" + events::random_hex(8);
  command.task = call.params.at("id");
  command.text = std::move(text).value();
  run_command<core::DifficultyState>(
      app, call, std::move(respond), core::difficulty_stream(command.id),
      [&app, command](const core::DifficultyState& state, const core::Caller& caller,
                      core::Instant now) -> core::Result<core::Decision> {
        ASSIGN_OR_RETURN(auto task, events::load_state<core::TaskState>(
                                        app.store(), core::task_stream(command.task)));
        return core::decide(state, task, core::DifficultyCommand{command}, caller, now,
                            app.store_directory());
      },
      [](const core::DifficultyState& d) { return difficulty_json(d); }, 201);
}

void give_guidance(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto text = read_fields(parse_text, *body);
  if (!text.ok()) return respond(problem(text.error()));
  const core::GiveGuidance command{std::move(text).value()};
  run_command<core::DifficultyState>(
      app, call, std::move(respond), core::difficulty_stream(call.params.at("id")),
      [&app, command](const core::DifficultyState& state, const core::Caller& caller,
                      core::Instant now) -> core::Result<core::Decision> {
        ASSIGN_OR_RETURN(auto task, events::load_state<core::TaskState>(
                                        app.store(), core::task_stream(state.task)));
        return core::decide(state, task, core::DifficultyCommand{command}, caller, now,
                            app.store_directory());
      },
      [](const core::DifficultyState& d) { return difficulty_json(d); });
}

// Call inside runner().read().
bool may_see_difficulty(const App& app, const core::Caller& caller,
                        const core::DifficultyState& d) {
  const auto* task = app.views().tasks.find(d.task);
  return core::may_see_difficulty(caller, d, task ? *task : core::TaskState{});
}

void list_difficulties(App& app, Call& call, Respond respond) {
  json list = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, d] : app.views().difficulties.all()) {
      if (!may_see_difficulty(app, *call.caller, d)) continue;
      if (!matches_filter(call, "task", d.task) || !matches_filter(call, "agency", d.agency)) {
        continue;
      }
      if (auto it = call.query.find("answered"); it != call.query.end() && !it->second.empty() &&
                                                 (it->second == "true") == d.guidance.empty()) {
        continue;
      }
      out.push_back(difficulty_json(d));
    }
    return out;
  });
  respond(json_response(200, {{"difficulties", list}}));
}

void get_difficulty(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    const auto* d = app.views().difficulties.find(id);
    if (d && may_see_difficulty(app, *call.caller, *d))
      out.emplace(difficulty_json(*d), d->version);
    return out;
  });
  if (!found) return respond(problem(not_found("difficulty " + id)));
  respond(resource_response(200, std::move(found->first), found->second));
}

}  // namespace

void add_task_routes(App& app) {
  app.add(verb::get, "/v1/tasks", list_tasks);
  app.add(verb::get, "/v1/tasks/{id+}", get_task);
  app.add(verb::patch, "/v1/tasks/{id+}", task_command(parse_revise));
  app.add(verb::post, "/v1/tasks/{id+}/acknowledge", task_command(parse_acknowledge));
  app.add(verb::post, "/v1/tasks/{id+}/progress", task_command(parse_progress));
  app.add(verb::post, "/v1/tasks/{id+}/submit", task_command(parse_submit));
  app.add(verb::post, "/v1/tasks/{id+}/approve", task_command(parse_approve));
  app.add(verb::post, "/v1/tasks/{id+}/return", task_command(parse_return));
  app.add(verb::post, "/v1/tasks/{id+}/extend", task_command(parse_extend));
  app.add(verb::post, "/v1/tasks/{id+}/cancel", task_command(parse_cancel));
  app.add(verb::post, "/v1/tasks/{id+}/difficulties", raise_difficulty);
  app.add(verb::get, "/v1/difficulties", list_difficulties);
  app.add(verb::get, "/v1/difficulties/{id}", get_difficulty);
  app.add(verb::post, "/v1/difficulties/{id}/guidance", give_guidance);
}

std::vector<BodyReader> task_body_readers() {
  return {
      {"PATCH /v1/tasks/{id+}", accepts_fields<parse_revise>},
      {"POST /v1/tasks/{id+}/acknowledge", accepts_fields<parse_acknowledge>},
      {"POST /v1/tasks/{id+}/progress", accepts_fields<parse_progress>},
      {"POST /v1/tasks/{id+}/submit", accepts_fields<parse_submit>},
      {"POST /v1/tasks/{id+}/approve", accepts_fields<parse_approve>},
      {"POST /v1/tasks/{id+}/return", accepts_fields<parse_return>},
      {"POST /v1/tasks/{id+}/extend", accepts_fields<parse_extend>},
      {"POST /v1/tasks/{id+}/cancel", accepts_fields<parse_cancel>},
      {"POST /v1/tasks/{id+}/difficulties", accepts_fields<parse_text>},
      {"POST /v1/difficulties/{id}/guidance", accepts_fields<parse_text>},
  };
}

}  // namespace mandate::http
