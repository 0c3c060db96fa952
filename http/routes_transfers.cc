// Transfers of classified information: POST /v1/transfers, approve, reject, complete,
// GET /v1/transfers, GET /v1/transfers/{id}.

#include "core/transfer.h"
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

core::Error invalid(const std::string& field, const std::string& message) {
  return core::make_error(core::ErrorCode::kValidationFailed, field + " " + message, field);
}

core::Result<core::TransferCommand> parse_new_transfer(const json& body) {
  FieldReader r(body);
  ASSIGN_OR_RETURN(auto id, r.optional_string("id"));
  ASSIGN_OR_RETURN(std::string agency, r.required_string("agency"));
  ASSIGN_OR_RETURN(std::string direction_text, r.required_string("direction"));
  ASSIGN_OR_RETURN(std::string partner, r.required_string("partner"));
  ASSIGN_OR_RETURN(std::string plan, r.string_or_empty("plan"));
  ASSIGN_OR_RETURN(const json* document_body, r.optional_object("document"));
  ASSIGN_OR_RETURN(std::string channel_text, r.required_string("channel"));
  ASSIGN_OR_RETURN(std::string purpose, r.required_string("purpose"));
  ASSIGN_OR_RETURN(std::optional<core::Date> received_on, r.optional_date("received_on"));
  RETURN_IF_ERROR(r.finish());
  const auto direction = core::parse_direction(direction_text);
  if (!direction) return invalid("direction", "is outbound or inbound");
  if (received_on && *direction == core::Direction::kOutbound) {
    return invalid("received_on", "is for inbound transfers; an outbound one is completed");
  }
  const auto channel = core::parse_channel(channel_text);
  if (!channel) return invalid("channel", "is diplomatic, telecom, electronic or courier");
  if (document_body == nullptr) return invalid("document", "is required");
  FieldReader d(*document_body, "document");
  core::TransferDocument document;
  ASSIGN_OR_RETURN(document.ref, d.required_string("ref"));
  ASSIGN_OR_RETURN(document.title, d.required_string("title"));
  ASSIGN_OR_RETURN(std::string level, d.required_string("classification"));
  RETURN_IF_ERROR(d.finish());
  const auto classification = core::parse_classification(level);
  if (!classification) {
    return invalid("document.classification", "is confidential, secret or top_secret");
  }
  document.classification = *classification;
  const std::string chosen = id.value_or("tr-" + events::random_hex(6));
  if (*direction == core::Direction::kOutbound) {
    return core::TransferCommand{
        core::RequestTransfer{chosen, agency, partner, plan, document, *channel, purpose}};
  }
  return core::TransferCommand{core::RecordInboundTransfer{chosen, agency, partner, plan, document,
                                                           *channel, purpose, received_on}};
}

std::string id_of(const core::TransferCommand& c) {
  if (const auto* out = std::get_if<core::RequestTransfer>(&c)) return out->id;
  return std::get<core::RecordInboundTransfer>(c).id;
}

auto decider(App& app, core::TransferCommand command) {
  return [&app, command = std::move(command)](const core::TransferState& state,
                                              const core::Caller& caller, core::Instant now) {
    return core::decide(state, command, caller, now, app.store_directory());
  };
}

void create_transfer(App& app, Call& call, Respond respond) {
  auto body = parse_command_body(call.request);
  if (!body.ok()) return respond(problem(body.error()));
  auto command = parse_new_transfer(*body);
  if (!command.ok()) return respond(problem(command.error()));
  const std::string stream = core::transfer_stream(id_of(*command));
  run_command<core::TransferState>(app, call, std::move(respond), stream,
                                   decider(app, std::move(command).value()), transfer_json, 201);
}

nlohmann::json render_transfer(const App&, const core::TransferState& t) {
  return transfer_json(t);
}

RouteFn transfer_command(core::Result<core::TransferCommand> (*parse)(FieldReader&)) {
  return aggregate_command<core::TransferState, core::TransferCommand>(parse, core::transfer_stream,
                                                                       render_transfer);
}

core::Result<core::TransferCommand> parse_propose(FieldReader& r) {
  core::ProposeTransfer c;
  ASSIGN_OR_RETURN(c.note, r.string_or_empty("note"));
  ASSIGN_OR_RETURN(c.police_opinion, r.required_string("police_opinion"));
  return core::TransferCommand{std::move(c)};
}

core::Result<core::TransferCommand> parse_approve(FieldReader& r) {
  core::ApproveTransfer c;
  ASSIGN_OR_RETURN(c.approval_ref, r.required_string("approval_ref"));
  ASSIGN_OR_RETURN(c.approved_on, r.required_date("approved_on"));
  ASSIGN_OR_RETURN(c.signed_by, r.required_string("signed_by"));
  ASSIGN_OR_RETURN(c.note, r.string_or_empty("note"));
  return core::TransferCommand{std::move(c)};
}

core::Result<core::TransferCommand> parse_reject(FieldReader& r) {
  core::RejectTransfer c;
  ASSIGN_OR_RETURN(c.reason, r.required_string("reason"));
  return core::TransferCommand{std::move(c)};
}

core::Result<core::TransferCommand> parse_complete(FieldReader& r) {
  core::CompleteTransfer c;
  ASSIGN_OR_RETURN(c.completed_on, r.required_date("completed_on"));
  ASSIGN_OR_RETURN(c.cipher_protected, r.bool_or("cipher_protected", false));
  return core::TransferCommand{std::move(c)};
}

// The year a transfer counts in: the year it happened (completed or received); one still
// awaiting its decision or completion, the year it was requested.
int year_of_transfer(const App& app, const core::TransferState& t) {
  const auto day = core::day_of_transfer(t);
  return core::year_of(day ? *day : core::local_date_of(t.recorded_at, app.utc_offset_minutes()));
}

void list_transfers(App& app, Call& call, Respond respond) {
  auto year = query_year(call.query, "year", 0);
  if (!year.ok()) return respond(problem(year.error()));
  auto filter = [&](const std::string& name, std::string_view value) {
    auto it = call.query.find(name);
    return it == call.query.end() || it->second.empty() || it->second == value;
  };
  // ?awaiting=me: only those whose next step is the caller's (an approver's or the Office's
  // screen).
  const auto awaiting = call.query.find("awaiting");
  const bool mine = awaiting != call.query.end() && awaiting->second == "me";
  if (awaiting != call.query.end() && !awaiting->second.empty() && !mine) {
    return respond(problem(invalid("awaiting", "is me")));
  }
  json list = app.runner().read([&] {
    json out = json::array();
    for (const auto& [id, t] : app.views().transfers.all()) {
      if (!core::may_see(*call.caller, t, app.store_directory())) continue;
      if (mine && !core::awaits(*call.caller, t, app.store_directory())) continue;
      if (!filter("partner", t.partner) || !filter("direction", core::name_of(t.direction)) ||
          !filter("status", core::name_of(t.status)) || !filter("agency", t.agency)) {
        continue;
      }
      if (*year != 0 && year_of_transfer(app, t) != *year) continue;
      out.push_back(transfer_json(t));
    }
    return out;
  });
  respond(json_response(200, {{"transfers", list}}));
}

void get_transfer(App& app, Call& call, Respond respond) {
  const std::string& id = call.params.at("id");
  auto found = app.runner().read([&] {
    std::optional<std::pair<json, uint64_t>> out;
    const auto* t = app.views().transfers.find(id);
    if (t && core::may_see(*call.caller, *t, app.store_directory())) {
      out.emplace(transfer_json(*t), t->version);
    }
    return out;
  });
  if (!found) {
    return respond(problem(core::make_error(core::ErrorCode::kNotFound, "no transfer " + id)));
  }
  respond(resource_response(200, std::move(found->first), found->second));
}

}  // namespace

void add_transfer_routes(App& app) {
  app.add(verb::post, "/v1/transfers", create_transfer);
  app.add(verb::get, "/v1/transfers", list_transfers);
  app.add(verb::get, "/v1/transfers/{id}", get_transfer);
  app.add(verb::post, "/v1/transfers/{id}/propose", transfer_command(parse_propose));
  app.add(verb::post, "/v1/transfers/{id}/approve", transfer_command(parse_approve));
  app.add(verb::post, "/v1/transfers/{id}/reject", transfer_command(parse_reject));
  app.add(verb::post, "/v1/transfers/{id}/complete", transfer_command(parse_complete));
}

std::vector<BodyReader> transfer_body_readers() {
  return {
      {"POST /v1/transfers", accepts_body<parse_new_transfer>},
      {"POST /v1/transfers/{id}/propose", accepts_fields<parse_propose>},
      {"POST /v1/transfers/{id}/approve", accepts_fields<parse_approve>},
      {"POST /v1/transfers/{id}/reject", accepts_fields<parse_reject>},
      {"POST /v1/transfers/{id}/complete", accepts_fields<parse_complete>},
  };
}

}  // namespace mandate::http
