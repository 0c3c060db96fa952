#include "http/resource_json.h"

#include "http/json_values.h"
#include "http/plan_json.h"

namespace mandate::http {
namespace {

using nlohmann::json;

json coordinators_of(const core::TaskState& task) {
  json out = json::array();
  for (const auto& a : task.assignments) {
    if (a.role == core::AgencyRoleOnTask::kCoordinator) out.push_back(a.agency);
  }
  return out;
}

}  // namespace

json plan_json(const core::PlanState& plan, const std::vector<const core::TaskState*>& tasks,
               core::Date today, const SetOffCounts& set_off) {
  json phases = json::array(), definitions = json::array(), summaries = json::array();
  for (const auto& p : plan.phases) phases.push_back(to_json(p));
  for (const auto& t : plan.tasks) {
    json d = to_json(t);
    if (t.kind == core::TaskKind::kOnEvent) {
      // How often it was set off under the plan, where Mandate records what sets it off.
      if (t.set_off_by == "incident") {
        d["triggered"] = set_off.incidents;
      } else if (t.set_off_by == "transfer") {
        d["triggered"] = set_off.transfers;
      } else {
        d["triggered"] = nullptr;
      }
    }
    definitions.push_back(std::move(d));
  }
  for (const auto* t : tasks) summaries.push_back(task_summary_json(*t, today));
  return {{"id", plan.id},
          {"code", plan.code},
          {"title", plan.title},
          {"issuer", plan.issuer},
          {"issued_on", date_or_null(plan.issued_on)},
          {"focal_agency", plan.focal_agency},
          {"basis", plan.basis},
          {"agreement", plan.agreement ? to_json(*plan.agreement) : json(nullptr)},
          {"audience", plan.audience},
          {"years", plan.years},
          {"phases", phases},
          {"status", core::name_of(plan.status)},
          {"definitions", definitions},
          {"tasks", summaries}};
}

json task_summary_json(const core::TaskState& task, core::Date today) {
  return {{"id", task.id},
          {"plan", task.plan},
          {"phase", task.phase ? json(*task.phase) : json(nullptr)},
          {"title", task.title},
          {"lead", task.lead},
          {"kind", core::name_of(task.kind)},
          {"request", task.request},
          {"occurrence_year", task.occurrence_year ? json(*task.occurrence_year) : json(nullptr)},
          {"due_on", date_or_null(task.due_on)},
          {"status", core::name_of(core::task_status(task))},
          {"overdue", core::is_overdue(task, today)}};
}

json task_json(const core::TaskState& task, core::Date today) {
  json assignments = json::array();
  for (const auto& a : task.assignments) {
    assignments.push_back(
        {{"agency", a.agency},
         {"role", core::name_of(a.role)},
         {"status", core::name_of(a.status)},
         {"acknowledged_at",
          a.acknowledged_at ? json(core::format_instant(*a.acknowledged_at)) : json(nullptr)},
         {"acknowledged_revision", a.acknowledged_revision},
         {"submission", a.submission},
         {"needs_acknowledgement", core::needs_acknowledgement(a, task)}});
  }
  return {{"id", task.id},
          {"plan", task.plan},
          {"definition", task.definition},
          {"phase", task.phase ? json(*task.phase) : json(nullptr)},
          {"section", task.section},
          {"title", task.title},
          {"description", task.description},
          {"lead", task.lead},
          {"coordinators", coordinators_of(task)},
          // Null: the plan's focal agency decides; else the task's own (an inspection's
          // follow-up names the inspecting agency).
          {"focal_agency", task.focal_agency.empty() ? json(nullptr) : json(task.focal_agency)},
          {"kind", core::name_of(task.kind)},
          {"request", task.request},
          {"due_on", date_or_null(task.due_on)},
          {"occurrence_year", task.occurrence_year ? json(*task.occurrence_year) : json(nullptr)},
          {"status", core::name_of(core::task_status(task))},
          {"revision", task.revision},
          {"submissions", task.submissions},
          {"overdue", core::is_overdue(task, today)},
          {"days_overdue", core::days_overdue(task, today)},
          {"assignments", assignments}};
}

void add_history(json& task, const core::TaskHistory& history) {
  auto text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  json changes = json::array();
  for (const auto& c : history.changes) {
    json fields = json::array();
    for (const auto& f : c.changes) {
      fields.push_back({{"field", f.field}, {"from", text(f.from)}, {"to", text(f.to)}});
    }
    changes.push_back({{"position", c.position},
                       {"version", c.version},
                       {"type", c.type},
                       {"recorded_at", core::format_instant(c.recorded_at)},
                       {"actor", {{"user", c.actor.user}, {"agency", c.actor.agency}}},
                       {"changes", std::move(fields)}});
  }
  json times = json::array();
  for (const auto& t : history.times) {
    json seconds = json::object();
    for (const auto& s : t.time_in) seconds[std::string(core::name_of(s.status))] = s.seconds;
    times.push_back({{"agency", t.agency},
                     {"status", core::name_of(t.status)},
                     {"since", core::format_instant(t.since)},
                     {"assigned", t.assigned},
                     {"seconds", std::move(seconds)}});
  }
  task["history"] = std::move(changes);
  task["time_in_state"] = std::move(times);
}

json difficulty_json(const core::DifficultyState& d) {
  json guidance = json::array();
  for (const auto& g : d.guidance) {
    guidance.push_back({{"text", g.text}, {"user", g.user}, {"at", core::format_instant(g.at)}});
  }
  return {{"id", d.id},
          {"task", d.task},
          {"agency", d.agency},
          {"text", d.text},
          {"raised_at", core::format_instant(d.raised_at)},
          {"guidance", guidance},
          {"answered", !d.guidance.empty()}};
}

json transfer_json(const core::TransferState& t) {
  auto instant = [](const std::optional<core::Instant>& i) {
    return i ? json(core::format_instant(*i)) : json(nullptr);
  };
  auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", t.id},
          {"agency", t.agency},
          {"direction", core::name_of(t.direction)},
          {"partner", t.partner},
          {"plan", text(t.plan)},
          {"document",
           {{"ref", t.document.ref},
            {"title", t.document.title},
            {"classification", core::name_of(t.document.classification)}}},
          {"channel", core::name_of(t.channel)},
          {"purpose", t.purpose},
          {"status", core::name_of(t.status)},
          {"recorded_at", core::format_instant(t.recorded_at)},
          {"recorded_by", t.recorded_by},
          {"proposal", t.proposed_at ? json({{"note", t.proposal_note},
                                             {"police_opinion", t.police_opinion},
                                             {"by", t.proposed_by},
                                             {"at", instant(t.proposed_at)}})
                                     : json(nullptr)},
          {"approval", t.approved_at ? json({{"approval_ref", t.approval_ref},
                                             {"approved_on", date_or_null(t.approved_on)},
                                             {"signed_by", t.signed_by},
                                             {"note", t.approval_note},
                                             {"by", t.approved_by},
                                             {"at", instant(t.approved_at)}})
                                     : json(nullptr)},
          {"rejection", t.rejected_at ? json({{"reason", t.rejection_reason},
                                              {"by", t.rejected_by},
                                              {"at", instant(t.rejected_at)}})
                                      : json(nullptr)},
          {"completed_on", date_or_null(t.completed_on)},
          {"cipher_protected", t.completed_on ? json(t.cipher_protected) : json(nullptr)},
          {"received_on", date_or_null(t.received_on)}};
}

json incident_json(const core::IncidentState& i, const std::vector<core::IncidentStep>& steps) {
  auto instant = [](const std::optional<core::Instant>& v) {
    return v ? json(core::format_instant(*v)) : json(nullptr);
  };
  auto seconds = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  json documents = json::array(), findings = json::array();
  for (const auto& d : i.documents) documents.push_back({{"ref", d.ref}, {"title", d.title}});
  for (const auto& f : i.findings) {
    findings.push_back({{"kind", core::name_of(f.kind)},
                        {"text", f.text},
                        {"occurred_at", core::format_instant(f.occurred_at)},
                        {"recorded_at", core::format_instant(f.recorded_at)},
                        {"by", {{"user", f.by.user}, {"agency", f.by.agency}}}});
  }
  json hops = json::array(), chain = json::array();
  for (const auto& h : i.hops) {
    hops.push_back({{"to", h.to},
                    {"note", h.note},
                    {"at", core::format_instant(h.at)},
                    {"by", {{"user", h.by.user}, {"agency", h.by.agency}}}});
  }
  for (const auto& s : steps) {
    chain.push_back(
        {{"step", s.step},
         {"at", instant(s.at)},
         {"by", s.at ? json({{"user", s.by.user}, {"agency", s.by.agency}}) : json(nullptr)},
         {"deadline", instant(s.deadline)},
         {"late", s.late}});
  }
  auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  const auto times = core::response_times(i);
  return {{"id", i.id},
          {"agency", i.agency},
          {"kind", core::name_of(i.kind)},
          {"classification", core::name_of(i.classification)},
          {"partner", i.partner.empty() ? json(nullptr) : json(i.partner)},
          {"documents", documents},
          {"discovered_at", core::format_instant(i.discovered_at)},
          {"summary", i.summary},
          {"status", core::name_of(i.status)},
          {"reported_at", core::format_instant(i.reported_at)},
          {"reported_by", {{"user", i.reported_by.user}, {"agency", i.reported_by.agency}}},
          {"received_at", instant(i.received_at)},
          {"escalated_at", instant(i.escalated_at)},
          {"escalated_to", i.escalated_to.empty() ? json(nullptr) : json(i.escalated_to)},
          {"closed_at", instant(i.closed_at)},
          {"conclusion", i.conclusion.empty() ? json(nullptr) : json(i.conclusion)},
          {"findings", findings},
          {"plan", text(i.plan)},
          {"transfer", text(i.transfer)},
          {"holder", i.holder},
          {"hops", hops},
          {"steps", chain},
          {"response_times",
           {{"to_report", times.to_report},
            {"to_receipt", seconds(times.to_receipt)},
            {"to_escalation", seconds(times.to_escalation)},
            {"to_closure", seconds(times.to_closure)},
            {"total", seconds(times.total)}}}};
}

}  // namespace mandate::http
