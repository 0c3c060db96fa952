#include "http/event_json.h"

#include <type_traits>

#include "events/record.h"
#include "http/plan_json.h"

namespace mandate::http {
namespace {

using nlohmann::json;

json date_or_null(const std::optional<core::Date>& d) {
  return d ? json(core::format_date(*d)) : json(nullptr);
}

json names(const std::vector<core::Role>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(core::name_of(r));
  return out;
}

json evidence_json(const std::vector<core::Evidence>& evidence) {
  json out = json::array();
  for (const auto& e : evidence) out.push_back({{"ref", e.ref}, {"title", e.title}});
  return out;
}

json document_json(const core::TransferDocument& d) {
  return {{"ref", d.ref}, {"title", d.title}, {"classification", core::name_of(d.classification)}};
}

json transfer_json(const std::string& id, const std::string& agency, const char* direction,
                   const std::string& partner, const std::string& plan,
                   const core::TransferDocument& document, core::Channel channel,
                   const std::string& purpose) {
  return {{"id", id},
          {"agency", agency},
          {"direction", direction},
          {"partner", partner},
          {"plan", plan.empty() ? json(nullptr) : json(plan)},
          {"document", document_json(document)},
          {"channel", core::name_of(channel)},
          {"purpose", purpose}};
}

template <typename T>
json data_json(const T& e) {
  using namespace core;
  if constexpr (std::is_same_v<T, AgencyRegistered>) {
    return {{"id", e.id},
            {"name", e.name},
            {"parent", e.parent.empty() ? json(nullptr) : json(e.parent)},
            {"kind", e.kind}};
  } else if constexpr (std::is_same_v<T, UserRegistered>) {
    return {{"id", e.id},
            {"name", e.name},
            {"agency", e.agency.empty() ? json(nullptr) : json(e.agency)},
            {"roles", names(e.roles)},
            {"clearance", name_of(e.clearance)}};
  } else if constexpr (std::is_same_v<T, TokenIssued>) {
    // The hash of a token is not secret, but it is nobody's business either.
    return {{"token_id", e.token_id}};
  } else if constexpr (std::is_same_v<T, TokenRevoked>) {
    return {{"token_id", e.token_id}};
  } else if constexpr (std::is_same_v<T, PlanDrafted>) {
    json phases = json::array(), tasks = json::array();
    for (const auto& p : e.phases) phases.push_back(to_json(p));
    for (const auto& t : e.tasks) tasks.push_back(to_json(t));
    return {{"id", e.id},
            {"code", e.code},
            {"title", e.title},
            {"issuer", e.issuer},
            {"issued_on", date_or_null(e.issued_on)},
            {"focal_agency", e.focal_agency},
            {"basis", e.basis},
            {"agreement", e.agreement ? to_json(*e.agreement) : json(nullptr)},
            {"phases", phases},
            {"tasks", tasks},
            {"audience", e.audience}};
  } else if constexpr (std::is_same_v<T, PlanTaskAdded>) {
    return {{"task", to_json(e.task)}};
  } else if constexpr (std::is_same_v<T, PlanIssued>) {
    return {{"task_ids", e.task_ids}, {"years", e.years}};
  } else if constexpr (std::is_same_v<T, PlanYearOpened>) {
    return {{"year", e.year}, {"task_ids", e.task_ids}};
  } else if constexpr (std::is_same_v<T, PlanAudienceWidened>) {
    return {{"agencies", e.agencies}};
  } else if constexpr (std::is_same_v<T, TaskAssigned>) {
    return {{"id", e.id},
            {"plan", e.plan},
            {"definition", e.definition},
            {"phase", e.phase ? json(*e.phase) : json(nullptr)},
            {"section", e.section},
            {"title", e.title},
            {"description", e.description},
            {"lead", e.lead},
            {"coordinators", e.coordinators},
            {"due_on", date_or_null(e.due_on)},
            {"occurrence_year", e.occurrence_year ? json(*e.occurrence_year) : json(nullptr)},
            {"kind", name_of(e.kind)},
            {"request", e.request},
            {"focal_agency", e.focal_agency.empty() ? json(nullptr) : json(e.focal_agency)}};
  } else if constexpr (std::is_same_v<T, TaskAcknowledged>) {
    return {{"agency", e.agency}, {"revision", e.revision}};
  } else if constexpr (std::is_same_v<T, TaskProgressReported>) {
    return {{"agency", e.agency},
            {"note", e.note},
            {"percent", e.percent ? json(*e.percent) : json(nullptr)}};
  } else if constexpr (std::is_same_v<T, TaskSubmitted>) {
    return {{"agency", e.agency},
            {"submission", e.submission},
            {"note", e.note},
            {"evidence", evidence_json(e.evidence)}};
  } else if constexpr (std::is_same_v<T, TaskApproved>) {
    return {{"submission", e.submission},
            {"note", e.note},
            {"agency", e.agency.empty() ? json(nullptr) : json(e.agency)}};
  } else if constexpr (std::is_same_v<T, TaskReturned>) {
    return {{"submission", e.submission},
            {"reason", e.reason},
            {"agency", e.agency.empty() ? json(nullptr) : json(e.agency)}};
  } else if constexpr (std::is_same_v<T, TaskDueSet>) {
    return {{"previous_due_on", date_or_null(e.previous_due_on)},
            {"due_on", format_date(e.due_on)}};
  } else if constexpr (std::is_same_v<T, TaskExtended>) {
    return {{"previous_due_on", format_date(e.previous_due_on)},
            {"due_on", format_date(e.due_on)},
            {"reason", e.reason}};
  } else if constexpr (std::is_same_v<T, TaskRevised>) {
    return {{"description", e.description ? json(*e.description) : json(nullptr)},
            {"coordinators_added", e.coordinators_added},
            {"coordinators_removed", e.coordinators_removed}};
  } else if constexpr (std::is_same_v<T, TaskCancelled>) {
    return {{"reason", e.reason}};
  } else if constexpr (std::is_same_v<T, DifficultyRaised>) {
    return {{"id", e.id}, {"task", e.task}, {"agency", e.agency}, {"text", e.text}};
  } else if constexpr (std::is_same_v<T, GuidanceGiven>) {
    return {{"text", e.text}};
  } else if constexpr (std::is_same_v<T, TransferRequested>) {
    return transfer_json(e.id, e.agency, "outbound", e.partner, e.plan, e.document, e.channel,
                         e.purpose);
  } else if constexpr (std::is_same_v<T, TransferReceived>) {
    json out = transfer_json(e.id, e.agency, "inbound", e.partner, e.plan, e.document, e.channel,
                             e.purpose);
    out["received_on"] = date_or_null(e.received_on);
    return out;
  } else if constexpr (std::is_same_v<T, TransferProposed>) {
    return {{"note", e.note}, {"police_opinion", e.police_opinion}};
  } else if constexpr (std::is_same_v<T, TransferApproved>) {
    return {{"approval_ref", e.approval_ref},
            {"note", e.note},
            {"approved_on", date_or_null(e.approved_on)},
            {"signed_by", e.signed_by}};
  } else if constexpr (std::is_same_v<T, TransferRejected>) {
    return {{"reason", e.reason}};
  } else if constexpr (std::is_same_v<T, TransferCompleted>) {
    return {{"completed_on", format_date(e.completed_on)}, {"cipher_protected", e.cipher_protected}};
  } else if constexpr (std::is_same_v<T, IncidentReported>) {
    json documents = json::array();
    for (const auto& d : e.documents) documents.push_back({{"ref", d.ref}, {"title", d.title}});
    return {{"id", e.id},
            {"agency", e.agency},
            {"kind", name_of(e.kind)},
            {"classification", name_of(e.classification)},
            {"partner", e.partner.empty() ? json(nullptr) : json(e.partner)},
            {"documents", documents},
            {"discovered_at", format_instant(e.discovered_at)},
            {"summary", e.summary},
            {"plan", e.plan.empty() ? json(nullptr) : json(e.plan)},
            {"transfer", e.transfer.empty() ? json(nullptr) : json(e.transfer)}};
  } else if constexpr (std::is_same_v<T, IncidentReceived>) {
    return json::object();
  } else if constexpr (std::is_same_v<T, IncidentEscalated>) {
    return {{"to", e.to}, {"note", e.note}};
  } else if constexpr (std::is_same_v<T, FindingAdded>) {
    return {{"kind", name_of(e.kind)}, {"text", e.text}};
  } else if constexpr (std::is_same_v<T, IncidentClosed>) {
    return {{"conclusion", e.conclusion}};
  } else if constexpr (std::is_same_v<T, InspectionPlanned>) {
    return {{"id", e.id},
            {"plan", e.plan.empty() ? json(nullptr) : json(e.plan)},
            {"inspecting_agency", e.inspecting_agency},
            {"agency", e.agency},
            {"kind", name_of(e.kind)},
            {"scheduled_on", format_date(e.scheduled_on)},
            {"team", e.team},
            {"scope", e.scope}};
  } else if constexpr (std::is_same_v<T, InspectionFindingRecorded>) {
    return {{"number", e.number},
            {"text", e.text},
            {"severity", name_of(e.severity)},
            {"remedy_due_on", date_or_null(e.remedy_due_on)},
            {"follow_up_task", e.follow_up_task.empty() ? json(nullptr) : json(e.follow_up_task)}};
  } else if constexpr (std::is_same_v<T, InspectionClosed>) {
    return {{"conclusion", e.conclusion}};
  } else if constexpr (std::is_same_v<T, PasswordSet>) {
    // Never the hash: an auditor learns that a password was set, not what could test one.
    return {{"must_change", e.must_change},
            {"kept_session", e.kept_session.empty() ? json(nullptr) : json(e.kept_session)}};
  } else if constexpr (std::is_same_v<T, SignedIn>) {
    // The session's id, not its secret's hash: the hash would let a reader forge nothing, but
    // it is of no use to one either.
    return {{"session_id", e.session_id},
            {"source", e.source},
            {"second_factor", e.second_factor}};
  } else if constexpr (std::is_same_v<T, SignInFailed>) {
    return {{"source", e.source}, {"reason", e.reason}};
  } else if constexpr (std::is_same_v<T, SignInLocked>) {
    return {{"source", e.source},
            {"until", format_instant(e.until)},
            {"failures", e.failures}};
  } else if constexpr (std::is_same_v<T, SignedOut>) {
    return {{"session_id", e.session_id}};
  } else if constexpr (std::is_same_v<T, SecondFactorEnrolled>) {
    return json::object();  // Never the key.
  } else if constexpr (std::is_same_v<T, SecondFactorReset>) {
    return json::object();
  } else if constexpr (std::is_same_v<T, SecondFactorPolicySet>) {
    return {{"roles", names(e.roles)}};
  } else {
    static_assert(sizeof(T) == 0, "every event type needs its JSON form");
  }
}

}  // namespace

json event_data_json(const core::EventData& data) {
  return std::visit([](const auto& e) { return data_json(e); }, data);
}

json event_json(const core::RecordedEvent& event) {
  return {{"position", event.position},
          {"stream", event.stream},
          {"version", event.version},
          {"type", core::event_type_name(event.data)},
          {"recorded_at", core::format_instant(event.recorded_at)},
          {"occurred_at", core::format_instant(event.occurred_at)},
          {"actor",
           {{"user", event.actor.user},
            {"agency", event.actor.agency.empty() ? json(nullptr) : json(event.actor.agency)}}},
          {"correlation_id", event.correlation_id},
          {"data", event_data_json(event.data)},
          {"hash", events::to_hex(event.hash)}};
}

}  // namespace mandate::http
