// Plans: POST /v1/plans, GET /v1/plans, GET /v1/plans/{id}, POST /v1/plans/{id}/issue,
// POST /v1/plans/{id}/tasks.

#include "core/access.h"
#include "core/incident.h"
#include "core/task.h"
#include "core/transfer.h"
#include "events/digest.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/command_route.h"
#include "http/json_body.h"
#include "http/plan_json.h"
#include "http/problem.h"
#include "http/resource_json.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

// The plan as `caller` may see it: task summaries only of tasks visible to it.
// Call inside runner().read().
json render_plan(const App& app, const core::PlanState& plan, const core::Caller& caller) {
  std::vector<const core::TaskState*> tasks;
  for (const std::string_view id : app.views().tasks.of_plan(plan.id)) {
    const core::TaskState& task = *app.views().tasks.find(id);
    if (core::may_see_task(caller, task)) tasks.push_back(&task);
  }
  SetOffCounts set_off;
  for (const auto& [id, incident] : app.views().incidents.all()) {
    if (incident.plan == plan.id && core::may_see(caller, incident)) ++set_off.incidents;
  }
  for (const auto& [id, transfer] : app.views().transfers.all()) {
    if (transfer.plan == plan.id && transfer.direction == core::Direction::kOutbound &&
        core::may_see(caller, transfer)) {
      ++set_off.transfers;
    }
  }
  return plan_json(plan, tasks, app.today(), set_off);
}

auto plan_renderer(App& app, const core::Caller& caller) {
  return [&app, caller](const core::PlanState& plan) {
    return app.runner().read([&] { return render_plan(app, plan, caller); });
  };
}

template <typename Command>
auto plan_decider(App& app, Command command) {
  return [&app, command = std::move(command)](const core::PlanState& state,
                                              const core::Caller& caller, core::Instant now) {
    return core::decide(state, core::PlanCommand{command}, caller, now, app.store_directory());
  };
}

// A new plan: the plan file format, with an id chosen when the body names none.
core::Result<core::PlanDrafted> parse_new_plan(const json& body) {
  if (body.contains("id")) return plan_from_json(body);
  json named = body;
  named["id"] = "plan-" + events::random_hex(6);
  return plan_from_json(named);
}

core::Result<core::TaskDefinition> parse_new_task(const json& body) {
  return task_definition_from_json(body, "");
}

// {"add": [agency, ...]}
core::Result<std::vector<std::string>> parse_audience(FieldReader& r) {
  return r.string_list("add", true);
}

void create_plan(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto draft = parse_new_plan(*body);
  if (!draft.ok()) return respond(problem(draft.error()));
  const std::string stream = core::plan_stream(draft->id);
  run_command<core::PlanState>(app, call, std::move(respond), stream,
                               plan_decider(app, core::CreatePlan{std::move(draft).value()}),
                               plan_renderer(app, *call.caller), 201);
}

void issue_plan(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  if (auto st = FieldReader(*body).finish(); !st.ok()) return respond(problem(st.error()));
  run_command<core::PlanState>(
      app, call, std::move(respond), core::plan_stream(call.params.at("id")),
      plan_decider(app, core::IssuePlan{app.current_year()}), plan_renderer(app, *call.caller));
}

void add_task(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto task = parse_new_task(*body);
  if (!task.ok()) return respond(problem(task.error()));
  run_command<core::PlanState>(
      app, call, std::move(respond), core::plan_stream(call.params.at("id")),
      plan_decider(app, core::AddTask{std::move(task).value(), app.current_year()}),
      plan_renderer(app, *call.caller), 201);
}

// POST /v1/plans/{id}/audience {"add":[...]}: the plan's event, then each open task that
// addresses the audience ("*") revised to assign the newcomers, one command per task, so that
// every task's own history says when the agency joined it.
void widen_audience(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto add = read_fields(parse_audience, *body);
  if (!add.ok()) return respond(problem(add.error()));
  const std::string id = call.params.at("id");
  const core::Caller caller = *call.caller;
  app.on_command_pool(
      [&app, id, caller, agencies = std::move(add).value()]() -> Response {
        auto widened = app.commands().execute<core::PlanState>(
            core::plan_stream(id), caller, {}, [&](const core::PlanState& state) {
              return core::decide(state, core::PlanCommand{core::WidenAudience{agencies}}, caller,
                                  app.now(), app.store_directory());
            });
        if (!widened.ok()) return problem(widened.error());
        uint64_t position = widened->append.last_position;
        ViewsWait views = app.await_applied(position);
        // The open tasks that address the audience, with their current coordinators.
        std::vector<std::pair<std::string, std::vector<std::string>>> open = app.runner().read([&] {
          std::vector<std::pair<std::string, std::vector<std::string>>> out;
          for (const std::string_view task_id : app.views().tasks.of_plan(id)) {
            const core::TaskState& task = *app.views().tasks.find(task_id);
            if (task.cancelled || core::task_status(task) == core::AssignmentStatus::kApproved) {
              continue;
            }
            const core::TaskDefinition* def =
                core::find_definition(widened->state, task.definition);
            if (def == nullptr || !core::addresses_audience(*def)) continue;
            std::vector<std::string> coordinators;
            for (const auto& a : task.assignments) {
              if (a.role == core::AgencyRoleOnTask::kCoordinator) coordinators.push_back(a.agency);
            }
            out.emplace_back(task_id, std::move(coordinators));
          }
          return out;
        });
        for (auto& task_and_coordinators : open) {
          // Named, not a structured binding: clang 14 cannot capture one in the lambda below.
          const std::string& task_id = task_and_coordinators.first;
          std::vector<std::string>& coordinators = task_and_coordinators.second;
          coordinators.insert(coordinators.end(), agencies.begin(), agencies.end());
          auto revised = app.commands().execute<core::TaskState>(
              core::task_stream(task_id), caller, {}, [&](const core::TaskState& state) {
                return core::decide(state,
                                    core::TaskCommand{core::ReviseTask{std::nullopt, coordinators}},
                                    caller, app.now(), app.store_directory());
              });
          if (revised.ok()) {
            position = std::max(position, revised->append.last_position);
          } else if (revised.error().code != core::ErrorCode::kConflict) {
            return problem(revised.error());
          }
        }
        views = app.await_applied(position);
        json answer = app.runner().read([&] {
          const auto* plan = app.views().plans.find(id);
          return plan == nullptr ? json::object() : render_plan(app, *plan, caller);
        });
        Response r = command_response(200, std::move(answer), widened->state.version, position);
        views.mark(r);
        return r;
      },
      std::move(respond));
}

void list_plans(App& app, Call& call, Respond respond) {
  json plans = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, plan] : app.views().plans.all()) {
      out.push_back({{"id", plan.id},
                     {"code", plan.code},
                     {"title", plan.title},
                     {"status", core::name_of(plan.status)},
                     {"focal_agency", plan.focal_agency},
                     {"partner", plan.agreement ? json(plan.agreement->partner) : json(nullptr)},
                     {"version", plan.version}});
    }
    return out;
  });
  respond(json_response(200, {{"plans", plans}}));
}

void get_plan(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  std::optional<std::pair<json, uint64_t>> found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    if (const auto* plan = app.views().plans.find(id)) {
      out.emplace(render_plan(app, *plan, *call.caller), plan->version);
    }
    return out;
  });
  if (!found)
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no plan " + id)));
  respond(resource_response(200, std::move(found->first), found->second));
}

}  // namespace

void add_plan_routes(App& app) {
  app.add(verb::post, "/v1/plans", create_plan);
  app.add(verb::get, "/v1/plans", list_plans);
  app.add(verb::get, "/v1/plans/{id}", get_plan);
  app.add(verb::post, "/v1/plans/{id}/issue", issue_plan);
  app.add(verb::post, "/v1/plans/{id}/tasks", add_task);
  app.add(verb::post, "/v1/plans/{id}/audience", widen_audience);
}

std::vector<BodyReader> plan_body_readers() {
  return {
      {"POST /v1/plans", accepts_body<parse_new_plan>},
      {"POST /v1/plans/{id}/tasks", accepts_body<parse_new_task>},
      {"POST /v1/plans/{id}/audience", accepts_fields<parse_audience>},
  };
}

}  // namespace mandate::http
