// Inspections: POST /v1/inspections, findings, close, GET /v1/inspections,
// GET /v1/inspections/{id}.

#include "core/inspection.h"
#include "events/digest.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/command_route.h"
#include "http/inspection_json.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

// How many random bytes name an inspection whose id the client did not choose.
constexpr size_t kGeneratedIdBytes = 6;

core::Error invalid(const std::string& field, const std::string& message) {
  return core::make_error(core::ErrorCode::kValidationFailed, field + " " + message, field);
}

core::Result<core::InspectionCommand> parse_plan(const json& body) {
  FieldReader r(body);
  core::PlanInspection c;
  ASSIGN_OR_RETURN(auto id, r.optional_string("id"));
  ASSIGN_OR_RETURN(c.plan, r.string_or_empty("plan"));
  ASSIGN_OR_RETURN(c.agency, r.required_string("agency"));
  ASSIGN_OR_RETURN(std::string kind, r.required_string("kind"));
  ASSIGN_OR_RETURN(c.scheduled_on, r.required_date("scheduled_on"));
  ASSIGN_OR_RETURN(c.team, r.string_list("team", true));
  ASSIGN_OR_RETURN(c.scope, r.required_string("scope"));
  RETURN_IF_ERROR(r.finish());
  const auto k = core::parse_inspection_kind(kind);
  if (!k) return invalid("kind", "is periodic or surprise");
  c.kind = *k;
  c.id = id.value_or("insp-" + events::random_hex(kGeneratedIdBytes));
  return core::InspectionCommand{std::move(c)};
}

core::Result<core::InspectionCommand> parse_finding(FieldReader& r) {
  core::RecordInspectionFinding c;
  ASSIGN_OR_RETURN(c.text, r.required_string("text"));
  ASSIGN_OR_RETURN(std::string severity, r.required_string("severity"));
  ASSIGN_OR_RETURN(c.remedy_due_on, r.optional_date("remedy_due_on"));
  const auto s = core::parse_finding_severity(severity);
  if (!s) return invalid("severity", "is low, medium or high");
  c.severity = *s;
  return core::InspectionCommand{std::move(c)};
}

core::Result<core::InspectionCommand> parse_close(FieldReader& r) {
  core::CloseInspection c;
  ASSIGN_OR_RETURN(c.conclusion, r.required_string("conclusion"));
  return core::InspectionCommand{std::move(c)};
}

// The follow-up tasks' statuses come from the tasks view, which the command's answer waits for
// (run_command awaits the views before it renders).
json render_inspection(const App& app, const core::InspectionState& state) {
  return app.runner().read([&] { return inspection_json(state, app.views()); });
}

void plan_inspection(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto command = parse_plan(*body);
  if (!command.ok()) return respond(problem(command.error()));
  const std::string stream = core::inspection_stream(std::get<core::PlanInspection>(*command).id);
  run_command<core::InspectionState>(
      app, call, std::move(respond), stream,
      [&app, command = std::move(command).value()](const core::InspectionState& state,
                                                   const core::Caller& caller, core::Instant now) {
        return core::decide(state, command, caller, now, app.store_directory());
      },
      [&app](const core::InspectionState& state) { return render_inspection(app, state); }, 201);
}

RouteFn inspection_command(core::Result<core::InspectionCommand> (*parse)(FieldReader&)) {
  return aggregate_command<core::InspectionState, core::InspectionCommand>(
      parse, core::inspection_stream, render_inspection);
}

bool matches(const Call& call, const std::string& name, std::string_view value) {
  auto it = call.query.find(name);
  return it == call.query.end() || it->second.empty() || it->second == value;
}

void list_inspections(App& app, Call& call, Respond respond) {
  // The year is checked for every route by App::handle; here it only selects.
  auto year = query_year(call.query, "year", 0);
  if (!year.ok()) return respond(problem(year.error()));
  json list = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, i] : app.views().inspections.all()) {
      if (!core::may_see(*call.caller, i)) continue;
      if (!matches(call, "plan", i.plan) || !matches(call, "agency", i.agency) ||
          !matches(call, "inspecting_agency", i.inspecting_agency) ||
          !matches(call, "kind", core::name_of(i.kind)) ||
          !matches(call, "status", core::name_of(i.status))) {
        continue;
      }
      if (*year != 0 && core::year_of(i.scheduled_on) != *year) continue;
      out.push_back(inspection_json(i, app.views()));
    }
    return out;
  });
  respond(json_response(200, {{"inspections", list}}));
}

void get_inspection(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    const auto* i = app.views().inspections.find(id);
    if (i && core::may_see(*call.caller, *i))
      out.emplace(inspection_json(*i, app.views()), i->version);
    return out;
  });
  if (!found) {
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no inspection " + id)));
  }
  respond(resource_response(200, std::move(found->first), found->second));
}

}  // namespace

void add_inspection_routes(App& app) {
  app.add(verb::post, "/v1/inspections", plan_inspection);
  app.add(verb::get, "/v1/inspections", list_inspections);
  app.add(verb::get, "/v1/inspections/{id}", get_inspection);
  app.add(verb::post, "/v1/inspections/{id}/findings", inspection_command(parse_finding));
  app.add(verb::post, "/v1/inspections/{id}/close", inspection_command(parse_close));
}

std::vector<BodyReader> inspection_body_readers() {
  return {
      {"POST /v1/inspections", accepts_body<parse_plan>},
      {"POST /v1/inspections/{id}/findings", accepts_fields<parse_finding>},
      {"POST /v1/inspections/{id}/close", accepts_fields<parse_close>},
  };
}

}  // namespace mandate::http
