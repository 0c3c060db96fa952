// Tests of core/incident.h: breach reports, their handling and their timeline.

#include "core/incident.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/test_support.h"

namespace mandate::core {
namespace {

using testing::admin;
using testing::instant;
using testing::outcome;
using testing::person;
using testing::province;
using testing::TestAggregate;
using testing::TestDirectory;

const Instant kDiscovered = instant("2026-03-19T15:00:00Z");
const Instant kReported = instant("2026-03-20T01:00:00Z");
const Instant kReceived = instant("2026-03-20T03:00:00Z");
const Instant kEscalated = instant("2026-03-21T08:00:00Z");
const Instant kClosed = instant("2026-03-25T10:00:00Z");
const Instant kNow = kClosed;

const Caller kReporter = person("reporter", "so-tu-phap", {Role::kOfficer});
const Caller kOtherOfficer = person("other", "so-ngoai-vu", {Role::kOfficer});
// The chain's offices (core::Authorities' defaults).
const Caller kPolice = person("pa03", "phong-anctnb", {Role::kCoordinator});
const Caller kInvestigator = person("inv", "phong-anctnb", {Role::kInvestigator});
const Caller kCommittee = person("ubnd", "ubnd-tinh", {Role::kCoordinator});
const Caller kMinistry = person("a03", "cuc-anctnb", {Role::kCoordinator});
const Caller kMinistryInvestigator = person("a03-inv", "cuc-anctnb", {Role::kInvestigator});
// A coordinator of the provincial police, not of its internal-security division.
const Caller kCoordinator = person("coord", "cong-an-tinh", {Role::kCoordinator});
const Caller kAuditor = person("aud", "ubnd-tinh", {Role::kAuditor});

ReportIncident report() {
  return ReportIncident{"inc-1",
                        "so-tu-phap",
                        IncidentKind::kLoss,
                        Classification::kSecret,
                        "LA",
                        {{"12/CV-STP", "Công văn trao đổi"}},
                        kDiscovered,
                        "Mất tài liệu mật khi đi công tác"};
}

using Incident = TestAggregate<IncidentState>;

Incident reported() {
  Incident i;
  i.given(report(), kReporter, kReported, province());
  return i;
}
Incident received() {
  Incident i = reported();
  i.given(ReceiveIncident{}, kPolice, kReceived, province());
  return i;
}
Incident at_committee() {
  Incident i = received();
  i.given(EscalateIncident{"ubnd-tinh", "Tham mưu UBND tỉnh"}, kPolice, kEscalated, province());
  return i;
}
Incident at_ministry() {
  Incident i = at_committee();
  i.given(EscalateIncident{"cuc-anctnb", "Báo cáo Bộ Công an"}, kCommittee, kEscalated, province());
  return i;
}
Incident explained() {
  Incident i = at_ministry();
  i.given(AddFinding{FindingKind::kCause, "Nguyên nhân", std::nullopt}, kInvestigator, kEscalated,
          province());
  i.given(AddFinding{FindingKind::kRemediation, "Thu hồi", std::nullopt}, kInvestigator, kEscalated,
          province());
  return i;
}
Incident closed() {
  Incident i = explained();
  i.given(CloseIncident{"Đã khắc phục"}, kInvestigator, kClosed, province());
  return i;
}

TEST_CASE("incident: up the chain, explained, closed", "[core][incident]") {
  const TestDirectory directory = province();
  Incident i;
  const Result<Decision> filed = i.run(report(), kReporter, kReported, directory);
  REQUIRE(filed.ok());
  CHECK(filed->front().stream == "incident:inc-1");
  CHECK(filed->front().expected_version == 0);
  // The report happened when the loss was discovered; it is recorded when reported.
  CHECK(filed->front().events.at(0).occurred_at == kDiscovered);
  CHECK(i.events().at(0).occurred_at == kDiscovered);
  CHECK(i.events().at(0).recorded_at == kReported);
  CHECK(i.state().status == IncidentStatus::kReported);
  CHECK(i.state().holder == "so-tu-phap");
  CHECK(i.state().reported_by == Actor{"reporter", "so-tu-phap"});

  i.given(ReceiveIncident{}, kPolice, kReceived, directory);
  CHECK(i.state().status == IncidentStatus::kReceived);
  CHECK(i.state().received_at == kReceived);
  CHECK(i.state().received_by == "pa03");
  CHECK(i.state().holder == "phong-anctnb");

  const Instant verified = instant("2026-03-20T09:30:00Z");
  const Result<Decision> finding =
      i.run(AddFinding{FindingKind::kVerification, "Xác minh tại chỗ", verified}, kInvestigator,
            instant("2026-03-21T01:00:00Z"), directory);
  REQUIRE(finding.ok());
  CHECK(finding->front().events.at(0).occurred_at == verified);
  i.given(AddFinding{FindingKind::kCause, "Nguyên nhân", std::nullopt}, kPolice, kReceived,
          directory);

  i.given(EscalateIncident{"ubnd-tinh", "Tham mưu"}, kPolice, kEscalated, directory);
  CHECK(i.state().status == IncidentStatus::kEscalated);
  CHECK(i.state().holder == "ubnd-tinh");
  i.given(EscalateIncident{"cuc-anctnb", "Báo cáo A03"}, kCommittee, kEscalated, directory);
  CHECK(i.state().holder == "cuc-anctnb");
  CHECK(i.state().escalated_to == "cuc-anctnb");
  CHECK(i.state().escalation_note == "Báo cáo A03");
  REQUIRE(i.state().hops.size() == 2);
  CHECK(i.state().hops[0] == Hop{"ubnd-tinh", "Tham mưu", kEscalated, kPolice.actor()});
  CHECK(i.state().hops[1].by == kCommittee.actor());
  i.given(AddFinding{FindingKind::kPartnerNotified, "Đã thông báo phía Lào", std::nullopt},
          kMinistry, kEscalated, directory);

  i.given(AddFinding{FindingKind::kRemediation, "Thu hồi", std::nullopt}, kInvestigator, kEscalated,
          directory);
  i.given(CloseIncident{"Đã khắc phục"}, kMinistryInvestigator, kClosed, directory);

  const IncidentState& s = i.state();
  CHECK(s.version == 9);
  CHECK(s.status == IncidentStatus::kClosed);
  CHECK(s.closed_at == kClosed);
  CHECK(s.closed_by == "a03-inv");
  CHECK(s.conclusion == "Đã khắc phục");
  REQUIRE(s.findings.size() == 4);
  CHECK(s.findings[0] == Finding{FindingKind::kVerification, "Xác minh tại chỗ", verified,
                                 instant("2026-03-21T01:00:00Z"), Actor{"inv", "phong-anctnb"}});
  CHECK(s.findings[1].occurred_at == kReceived);  // None given: when it was recorded.
  CHECK(s.findings[3].kind == FindingKind::kRemediation);
  CHECK(s.id == "inc-1");
  CHECK(s.agency == "so-tu-phap");
  CHECK(s.kind == IncidentKind::kLoss);
  CHECK(s.classification == Classification::kSecret);
  CHECK(s.partner == "LA");
  CHECK(s.documents == report().documents);
  CHECK(s.summary == report().summary);
  CHECK(i.refold() == s);

  const IncidentResponseTimes t = response_times(s);
  CHECK(t.to_report == 10 * 3600);
  CHECK(t.to_receipt == 2 * 3600);
  CHECK(t.to_escalation == 29 * 3600);
  CHECK(t.to_closure == (4 * 24 + 2) * 3600);
  CHECK(t.total == (5 * 24 + 19) * 3600);
}

TEST_CASE("incident: response times of steps not taken are absent", "[core][incident]") {
  CHECK(response_times(reported().state()) ==
        IncidentResponseTimes{10 * 3600, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  const IncidentResponseTimes t = response_times(at_committee().state());
  CHECK(t.to_receipt == 2 * 3600);
  CHECK(t.to_escalation == 29 * 3600);
  CHECK_FALSE(t.to_closure.has_value());
  CHECK_FALSE(t.total.has_value());
}

TEST_CASE("incident: each step has a deadline from the one before, and late is late",
          "[core][incident]") {
  const IncidentDeadlines deadlines;  // 24h, 24h, 48h, 48h, 72h.
  const Authorities authorities;
  auto names = [](const std::vector<IncidentStep>& steps) {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(s.step + (s.late ? "!" : ""));
    return out;
  };
  // Reported 10 hours after discovery: on time. Pending receipt, due a day after the report.
  const IncidentState rep = reported().state();
  auto steps = incident_steps(rep, deadlines, authorities, instant("2026-03-20T12:00:00Z"));
  CHECK(names(steps) ==
        std::vector<std::string>{"report", "receive", "committee", "ministry", "partner"});
  CHECK(steps[0].at == kReported);
  CHECK(steps[0].deadline == instant("2026-03-20T15:00:00Z"));
  CHECK(steps[1].deadline == instant("2026-03-21T01:00:00Z"));
  CHECK_FALSE(steps[2].deadline.has_value());  // Nothing to count from until receipt.
  CHECK_FALSE(is_incident_late(rep, deadlines, authorities, instant("2026-03-21T01:00:00Z")));
  // A microsecond past the receipt's deadline, it is late.
  steps = incident_steps(rep, deadlines, authorities, instant("2026-03-21T01:00:00.000001Z"));
  CHECK(names(steps) ==
        std::vector<std::string>{"report", "receive!", "committee", "ministry", "partner"});
  CHECK(is_incident_late(rep, deadlines, authorities, instant("2026-03-21T01:00:01Z")));
  // Received two hours after the report, escalated 29 hours after: all on time; the Committee
  // has 48 hours from then.
  const IncidentState com = at_committee().state();
  steps = incident_steps(com, deadlines, authorities, instant("2026-03-23T08:00:00Z"));
  CHECK(names(steps) ==
        std::vector<std::string>{"report", "receive", "committee", "ministry", "partner"});
  CHECK(steps[2].by == kPolice.actor());
  CHECK(steps[3].deadline == instant("2026-03-23T08:00:00Z"));
  CHECK(is_incident_late(com, deadlines, authorities, instant("2026-03-23T08:00:01Z")));
  // A shorter setting makes the same history late, and says which step.
  IncidentDeadlines strict = deadlines;
  strict.report_seconds = 3600;
  steps = incident_steps(com, strict, authorities, instant("2026-03-21T09:00:00Z"));
  CHECK(names(steps) ==
        std::vector<std::string>{"report!", "receive", "committee", "ministry", "partner"});
  // No partner named: no partner step.
  Incident local;
  ReportIncident r = report();
  r.partner = "";
  local.given(r, kReporter, kReported, province());
  CHECK(incident_steps(local.state(), deadlines, authorities, kNow).size() == 4);
  // Closed: never late afterwards, whatever was pending.
  const IncidentState done = closed().state();
  CHECK_FALSE(is_incident_late(done, deadlines, authorities, instant("2027-01-01T00:00:00Z")));
}

TEST_CASE("incident: every refusal to report, with its code and field", "[core][incident]") {
  TestDirectory directory = province();
  directory.add_transfer("t-la-1");
  directory.add_transfer("t-nv-1", "so-ngoai-vu");
  const IncidentState taken = reported().state();
  auto with = [](auto change) {
    ReportIncident c = report();
    change(c);
    return c;
  };
  struct Row {
    const char* name;
    IncidentState state;
    ReportIncident command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      {"ok", {}, report(), kReporter, "ok"},
      {"an admin for any agency", {}, report(), admin(), "ok"},
      {"no partner", {}, with([](auto& c) { c.partner = ""; }), kReporter, "ok"},
      {"discovered now", {}, with([](auto& c) { c.discovered_at = kNow; }), kReporter, "ok"},
      {"no document title", {}, with([](auto& c) { c.documents[0].title = ""; }), kReporter, "ok"},
      {"id taken", taken, report(), kReporter, "conflict id"},
      {"a coordinator", {}, report(), kPolice, "forbidden"},
      {"an investigator", {}, report(), kInvestigator, "forbidden"},
      {"an officer of another agency", {}, report(), kOtherOfficer, "forbidden agency"},
      {"id not a slug",
       {},
       with([](auto& c) { c.id = "inc 1"; }),
       kReporter,
       "validation_failed id"},
      {"no agency (admin)",
       {},
       with([](auto& c) { c.agency = ""; }),
       admin(),
       "validation_failed agency"},
      {"unknown agency (admin)",
       {},
       with([](auto& c) { c.agency = "so-y-te"; }),
       admin(),
       "unknown_agency agency"},
      {"above the caller's clearance",
       {},
       with([](auto& c) { c.classification = Classification::kTopSecret; }),
       kReporter,
       "validation_failed classification"},
      {"partner not a code",
       {},
       with([](auto& c) { c.partner = "Lào"; }),
       kReporter,
       "validation_failed partner"},
      {"no documents",
       {},
       with([](auto& c) { c.documents.clear(); }),
       kReporter,
       "validation_failed documents"},
      {"a document without a ref",
       {},
       with([](auto& c) {
         c.documents.push_back({"", "Phụ lục"});
       }),
       kReporter,
       "validation_failed documents[1].ref"},
      {"discovered in the future",
       {},
       with([](auto& c) { c.discovered_at = Instant{kNow.micros + 1}; }),
       kReporter,
       "validation_failed discovered_at"},
      {"no summary",
       {},
       with([](auto& c) { c.summary = "\n"; }),
       kReporter,
       "validation_failed summary"},
      {"under a plan", {}, with([](auto& c) { c.plan = "vn-la-2024"; }), kReporter, "ok"},
      {"under no such plan",
       {},
       with([](auto& c) { c.plan = "vn-xx-2030"; }),
       kReporter,
       "validation_failed plan"},
      {"of a transfer", {}, with([](auto& c) { c.transfer = "t-la-1"; }), kReporter, "ok"},
      {"of no such transfer",
       {},
       with([](auto& c) { c.transfer = "t-none"; }),
       kReporter,
       "validation_failed transfer"},
      // What the reporter may not see answers as what does not exist.
      {"of another agency's transfer",
       {},
       with([](auto& c) { c.transfer = "t-nv-1"; }),
       kReporter,
       "validation_failed transfer"},
      {"of another agency's transfer, by an admin",
       {},
       with([](auto& c) { c.transfer = "t-nv-1"; }),
       admin(),
       "ok"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("incident: every refusal after the report, with its code and field", "[core][incident]") {
  const TestDirectory directory = province();
  const IncidentState none;
  const IncidentState rep = reported().state();
  const IncidentState rec = received().state();
  const IncidentState com = at_committee().state();
  const IncidentState min = at_ministry().state();
  const IncidentState exp = explained().state();
  const IncidentState done = closed().state();
  const Caller confidential =
      person("c2", "phong-anctnb", {Role::kCoordinator}, Clearance::kConfidential);
  const EscalateIncident to_committee{"ubnd-tinh", ""};
  const EscalateIncident to_ministry{"cuc-anctnb", ""};
  const AddFinding finding{FindingKind::kCause, "Nguyên nhân", std::nullopt};
  const AddFinding notified{FindingKind::kPartnerNotified, "Đã thông báo", std::nullopt};
  const CloseIncident close{"Kết luận"};
  // With cause and remedy, but still with the police division.
  Incident explained_early = received();
  explained_early.given(finding, kPolice, kReceived, directory);
  explained_early.given(AddFinding{FindingKind::kRemediation, "Thu hồi", std::nullopt}, kPolice,
                        kReceived, directory);
  const IncidentState early = explained_early.state();
  // Only a cause.
  Incident half_incident = received();
  half_incident.given(finding, kPolice, kReceived, directory);
  const IncidentState half = half_incident.state();
  // Explained by the police division before anyone received it.
  Incident unreceived_incident = reported();
  unreceived_incident.given(finding, kPolice, kReported, directory);
  unreceived_incident.given(AddFinding{FindingKind::kRemediation, "Thu hồi", std::nullopt}, kPolice,
                            kReported, directory);
  const IncidentState unreceived = unreceived_incident.state();
  struct Row {
    const char* name;
    const IncidentState& state;
    IncidentCommand command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      // Existence and visibility.
      {"receive nothing", none, ReceiveIncident{}, kPolice, "not_found"},
      {"above one's clearance", rep, ReceiveIncident{}, confidential, "not_found"},
      {"admin above its clearance", rep, ReceiveIncident{}, admin(Clearance::kConfidential),
       "not_found"},
      {"another agency's, confined", rep, finding, kOtherOfficer, "not_found"},
      // Receive: the police's internal-security division (001:14, 003:70).
      {"receive", rep, ReceiveIncident{}, kPolice, "ok"},
      {"receive as its investigator", rep, ReceiveIncident{}, kInvestigator, "ok"},
      {"receive as admin", rep, ReceiveIncident{}, admin(), "forbidden"},
      {"receive as another police coordinator", rep, ReceiveIncident{}, kCoordinator, "forbidden"},
      {"receive as the Committee", rep, ReceiveIncident{}, kCommittee, "forbidden"},
      {"receive as the reporter", rep, ReceiveIncident{}, kReporter, "forbidden"},
      {"receive twice", rec, ReceiveIncident{}, kPolice, "conflict"},
      {"receive the escalated", com, ReceiveIncident{}, kPolice, "conflict"},
      // Escalate: each hop by the holder, to the next.
      {"police to the Committee", rec, to_committee, kPolice, "ok"},
      {"Committee to the Ministry", com, to_ministry, kCommittee, "ok"},
      {"escalate before receipt", rep, to_committee, kReporter, "forbidden"},
      {"escalate before receipt, as admin", rep, to_committee, admin(), "conflict"},
      {"police straight to the Ministry", rec, to_ministry, kPolice, "validation_failed to"},
      {"police to itself", rec, EscalateIncident{"phong-anctnb", ""}, kPolice,
       "validation_failed to"},
      {"the Committee's hop, by the police", com, to_ministry, kPolice, "forbidden"},
      {"the police's hop, by the Committee", rec, to_committee, kCommittee, "forbidden"},
      {"escalate as an investigator", rec, to_committee, kInvestigator, "forbidden"},
      {"escalate to nobody", rec, EscalateIncident{"", "x"}, kPolice, "validation_failed to"},
      {"escalate to an unknown agency", rec, EscalateIncident{"a03", "x"}, kPolice,
       "unknown_agency to"},
      {"past the top of the chain", min, EscalateIncident{"bo-cong-an", ""}, kMinistry, "conflict"},
      // Findings: the police division, or the agency holding it; the partner by the Ministry.
      {"finding by the police division", rep, finding, kPolice, "ok"},
      {"finding by its investigator", com, finding, kInvestigator, "ok"},
      {"finding by the holder", com, finding, kCommittee, "ok"},
      {"finding by the Committee before it holds it", rec, finding, kCommittee, "forbidden"},
      {"finding by the reporting agency, before receipt", rep, finding,
       person("tp-coord", "so-tu-phap", {Role::kCoordinator}), "forbidden"},
      {"finding by another police coordinator", rec, finding, kCoordinator, "forbidden"},
      {"finding that occurred now", rec, AddFinding{FindingKind::kNote, "x", kNow}, kInvestigator,
       "ok"},
      {"finding by the reporter", rep, finding, kReporter, "forbidden"},
      {"finding by an auditor", rep, finding, kAuditor, "forbidden"},
      {"finding without text", rep, AddFinding{FindingKind::kNote, " ", std::nullopt},
       kInvestigator, "validation_failed text"},
      {"finding in the future", rep, AddFinding{FindingKind::kNote, "x", Instant{kNow.micros + 1}},
       kInvestigator, "validation_failed occurred_at"},
      {"partner notified by the Ministry", min, notified, kMinistry, "ok"},
      {"partner notified before the Ministry holds it", com, notified, kMinistry, "conflict"},
      {"partner notified by the police", min, notified, kPolice, "forbidden"},
      // Close: an investigator, once cause and remedy are recorded.
      {"close", exp, close, kInvestigator, "ok"},
      {"close at the Ministry", exp, close, kMinistryInvestigator, "ok"},
      {"close with the police division", early, close, kInvestigator, "ok"},
      {"close with only a cause", half, close, kInvestigator, "conflict"},
      {"close, explained but never received", unreceived, close, kInvestigator, "conflict"},
      {"close with neither", min, close, kInvestigator, "conflict"},
      {"close the reported", rep, close, kInvestigator, "conflict"},
      {"close as a coordinator", exp, close, kPolice, "forbidden"},
      {"close as another agency's investigator", exp, close,
       person("x", "cong-an-tinh", {Role::kInvestigator}), "forbidden"},
      {"close without a conclusion", exp, CloseIncident{""}, kInvestigator,
       "validation_failed conclusion"},
      // A closed incident takes nothing more.
      {"receive the closed", done, ReceiveIncident{}, kPolice, "conflict"},
      {"escalate the closed", done, to_ministry, kMinistry, "conflict"},
      {"finding on the closed", done, finding, kInvestigator, "conflict"},
      {"close twice", done, close, kInvestigator, "conflict"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Decision> decided = decide(row.state, row.command, row.caller, kNow, directory);
    CHECK(outcome(decided) == row.expected);
    if (decided.ok()) {
      CHECK(decided->front().stream == "incident:" + row.state.id);
      CHECK(decided->front().expected_version == row.state.version);
    }
  }
  const Result<Decision> refused = decide(done, finding, kInvestigator, kNow, directory);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "incident inc-1 is closed");
}

TEST_CASE("incident: who may see one", "[core][incident]") {
  const IncidentState s = reported().state();  // Secret, of so-tu-phap.
  CHECK(may_see(kReporter, s));
  CHECK_FALSE(may_see(kOtherOfficer, s));
  CHECK(may_see(person("x", "so-ngoai-vu", {Role::kOfficer, Role::kInvestigator}), s));
  CHECK(may_see(kPolice, s));
  CHECK(may_see(kAuditor, s));
  CHECK_FALSE(
      may_see(person("x", "cong-an-tinh", {Role::kInvestigator}, Clearance::kConfidential), s));
  CHECK(may_see(admin(), s));
  CHECK_FALSE(may_see(admin(Clearance::kNone), s));
}

}  // namespace
}  // namespace mandate::core
