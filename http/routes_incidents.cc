// Breach reports: POST /v1/incidents, receive, escalate, findings, close, GET /v1/incidents,
// GET /v1/incidents/{id}, GET /v1/incidents/{id}/timeline?as_of=.

#include "core/incident.h"
#include "events/command_handler.h"
#include "events/digest.h"
#include "events/record.h"
#include "http/app.h"
#include "http/body_readers.h"
#include "http/command_route.h"
#include "http/event_json.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/resource_json.h"
#include "http/routes.h"

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using nlohmann::json;

core::Error invalid(const std::string& field, const std::string& message) {
  return core::make_error(core::ErrorCode::kValidationFailed, field + " " + message, field);
}

core::Result<core::IncidentCommand> parse_report(const json& body) {
  FieldReader r(body);
  core::ReportIncident c;
  ASSIGN_OR_RETURN(auto id, r.optional_string("id"));
  ASSIGN_OR_RETURN(c.agency, r.required_string("agency"));
  ASSIGN_OR_RETURN(std::string kind, r.required_string("kind"));
  ASSIGN_OR_RETURN(std::string level, r.required_string("classification"));
  ASSIGN_OR_RETURN(c.partner, r.string_or_empty("partner"));
  ASSIGN_OR_RETURN(const json* documents, r.optional_array("documents"));
  ASSIGN_OR_RETURN(c.discovered_at, r.required_instant("discovered_at"));
  ASSIGN_OR_RETURN(c.summary, r.required_string("summary"));
  ASSIGN_OR_RETURN(c.plan, r.string_or_empty("plan"));
  ASSIGN_OR_RETURN(c.transfer, r.string_or_empty("transfer"));
  RETURN_IF_ERROR(r.finish());
  const auto k = core::parse_incident_kind(kind);
  if (!k) return invalid("kind", "is leak, loss or at_risk");
  c.kind = *k;
  const auto classification = core::parse_classification(level);
  if (!classification) return invalid("classification", "is confidential, secret or top_secret");
  c.classification = *classification;
  if (documents != nullptr) {
    for (size_t i = 0; i < documents->size(); ++i) {
      ASSIGN_OR_RETURN(FieldReader d,
                       object_reader((*documents)[i], "documents[" + std::to_string(i) + "]"));
      core::IncidentDocument doc;
      ASSIGN_OR_RETURN(doc.ref, d.required_string("ref"));
      ASSIGN_OR_RETURN(doc.title, d.string_or_empty("title"));
      RETURN_IF_ERROR(d.finish());
      c.documents.push_back(std::move(doc));
    }
  }
  c.id = id.value_or("inc-" + events::random_hex(6));
  return core::IncidentCommand{std::move(c)};
}

auto decider(App& app, core::IncidentCommand command) {
  return [&app, command = std::move(command)](const core::IncidentState& state,
                                              const core::Caller& caller, core::Instant now) {
    return core::decide(state, command, caller, now, app.store_directory());
  };
}

void report_incident(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto command = parse_report(*body);
  if (!command.ok()) return respond(problem(command.error()));
  const std::string stream = core::incident_stream(std::get<core::ReportIncident>(*command).id);
  run_command<core::IncidentState>(
      app, call, std::move(respond), stream, decider(app, std::move(command).value()),
      [&app](const core::IncidentState& i) { return incident_json(i, app.incident_steps(i)); },
      201);
}

nlohmann::json render_incident(const App& app, const core::IncidentState& i) {
  return incident_json(i, app.incident_steps(i));
}

RouteFn incident_command(core::Result<core::IncidentCommand> (*parse)(FieldReader&)) {
  return aggregate_command<core::IncidentState, core::IncidentCommand>(parse, core::incident_stream,
                                                                       render_incident);
}

core::Result<core::IncidentCommand> parse_receive(FieldReader&) {
  return core::IncidentCommand{core::ReceiveIncident{}};
}

core::Result<core::IncidentCommand> parse_escalate(FieldReader& r) {
  core::EscalateIncident c;
  ASSIGN_OR_RETURN(c.to, r.required_string("to"));
  ASSIGN_OR_RETURN(c.note, r.string_or_empty("note"));
  return core::IncidentCommand{std::move(c)};
}

core::Result<core::IncidentCommand> parse_finding(FieldReader& r) {
  core::AddFinding c;
  ASSIGN_OR_RETURN(std::string kind, r.required_string("kind"));
  ASSIGN_OR_RETURN(c.text, r.required_string("text"));
  ASSIGN_OR_RETURN(c.occurred_at, r.optional_instant("occurred_at"));
  const auto k = core::parse_finding_kind(kind);
  if (!k) {
    return invalid("kind", "is verification, cause, remediation, partner_notified or note");
  }
  c.kind = *k;
  return core::IncidentCommand{std::move(c)};
}

core::Result<core::IncidentCommand> parse_close(FieldReader& r) {
  core::CloseIncident c;
  ASSIGN_OR_RETURN(c.conclusion, r.required_string("conclusion"));
  return core::IncidentCommand{std::move(c)};
}

// Any role may read an incident it may know of: within its clearance, and its own agency's
// when confined to it.
bool may_read(const core::Caller& caller, const core::IncidentState& i) {
  return core::may_see(caller, i);
}

void list_incidents(App& app, Call& call, Respond respond) {
  json list = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, i] : app.views().incidents.all()) {
      if (!may_read(*call.caller, i)) continue;
      if (auto it = call.query.find("status");
          it != call.query.end() && !it->second.empty() && it->second != core::name_of(i.status)) {
        continue;
      }
      out.push_back(incident_json(i, app.incident_steps(i)));
    }
    return out;
  });
  respond(json_response(200, {{"incidents", list}}));
}

void get_incident(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    const auto* i = app.views().incidents.find(id);
    if (i && may_read(*call.caller, *i)) {
      out.emplace(incident_json(*i, app.incident_steps(*i)), i->version);
    }
    return out;
  });
  if (!found) {
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no incident " + id)));
  }
  respond(resource_response(200, std::move(found->first), found->second));
}

// `as_of`: a global position, or an RFC 3339 instant (the last position recorded by then).
core::Result<uint64_t> as_of_position(App& app, const Call& call) {
  auto it = call.query.find("as_of");
  if (it == call.query.end() || it->second.empty()) return app.store().head().position;
  if (auto instant = core::parse_instant(it->second)) return app.store().position_at(*instant);
  return query_uint(call, "as_of", 0);
}

Response timeline(App& app, Call& call) {
  const std::string id = call.params.at("id");
  auto visible = app.runner().read([&] {
    const auto* i = app.views().incidents.find(id);
    return i != nullptr && may_read(*call.caller, *i);
  });
  if (!visible) return problem(core::make_error(core::ErrorCode::kNotFound, "no incident " + id));
  auto as_of = as_of_position(app, call);
  if (!as_of.ok()) return problem(as_of.error());
  auto events = app.store().read_stream(core::incident_stream(id), 1);
  if (!events.ok()) return problem(events.error());
  json entries = json::array();
  uint64_t last = 0;
  for (const auto& e : *events) {
    if (e.position > *as_of) break;
    json entry = event_json(e);
    entry.erase("stream");
    entry.erase("version");
    entry.erase("correlation_id");
    entries.push_back(std::move(entry));
    last = e.position;
  }
  if (entries.empty()) {
    return problem(core::make_error(core::ErrorCode::kNotFound,
                                    "incident " + id + " was not recorded by then"));
  }
  // The verdict covers the chain from the start up to the last entry shown.
  // TODO(perf): remember the verified prefix instead of recomputing it for every request.
  const auto report = app.store().verify(1, last);
  json chain = {{"verified", report.ok}, {"checked", report.checked}};
  auto head = app.store().read_all(last, 1);
  if (head.ok() && !head->empty()) chain["head"] = events::to_hex(head->front().hash);
  if (report.first_bad) chain["first_bad"] = *report.first_bad;
  return json_response(
      200, {{"incident", id}, {"as_of", *as_of}, {"entries", entries}, {"chain", chain}});
}

}  // namespace

void add_incident_routes(App& app) {
  app.add(verb::post, "/v1/incidents", report_incident);
  app.add(verb::get, "/v1/incidents", list_incidents);
  app.add(verb::get, "/v1/incidents/{id}", get_incident);
  app.add(verb::get, "/v1/incidents/{id}/timeline", [](App& app, Call& call, Respond respond) {
    auto shared = std::make_shared<Call>(call);
    app.on_command_pool([&app, shared] { return timeline(app, *shared); }, std::move(respond));
  });
  app.add(verb::post, "/v1/incidents/{id}/receive", incident_command(parse_receive));
  app.add(verb::post, "/v1/incidents/{id}/escalate", incident_command(parse_escalate));
  app.add(verb::post, "/v1/incidents/{id}/findings", incident_command(parse_finding));
  app.add(verb::post, "/v1/incidents/{id}/close", incident_command(parse_close));
}

std::vector<BodyReader> incident_body_readers() {
  return {
      {"POST /v1/incidents", accepts_body<parse_report>},
      {"POST /v1/incidents/{id}/receive", accepts_fields<parse_receive>},
      {"POST /v1/incidents/{id}/escalate", accepts_fields<parse_escalate>},
      {"POST /v1/incidents/{id}/findings", accepts_fields<parse_finding>},
      {"POST /v1/incidents/{id}/close", accepts_fields<parse_close>},
  };
}

}  // namespace mandate::http
