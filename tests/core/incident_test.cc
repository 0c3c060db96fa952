// Tests of core/incident.h: breach reports, their handling and their timeline.

#include "core/incident.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/fake_directory.h"
#include "tests/core/recorded_stream.h"

namespace mandate::core {
namespace {

using testkit::at;
using testkit::outcome;
using testkit::person;
using testkit::root;

const Instant kDiscovered = at("2026-03-19T15:00:00Z");
const Instant kReported = at("2026-03-20T01:00:00Z");
const Instant kReceived = at("2026-03-20T03:00:00Z");
const Instant kEscalated = at("2026-03-21T08:00:00Z");
const Instant kClosed = at("2026-03-25T10:00:00Z");
const Instant kNow = kClosed;

const Caller kReporter = person("reporter", "so-tu-phap", {Role::kOfficer});
const Caller kOtherOfficer = person("other", "so-ngoai-vu", {Role::kOfficer});
const Caller kCoordinator = person("pa03", "cong-an-tinh", {Role::kCoordinator});
const Caller kInvestigator = person("inv", "cong-an-tinh", {Role::kInvestigator});
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

using Incident = testkit::Stream<IncidentState>;

Incident reported() {
  Incident i;
  i.given(report(), kReporter, kReported, testkit::province());
  return i;
}
Incident received() {
  Incident i = reported();
  i.given(ReceiveIncident{}, kCoordinator, kReceived, testkit::province());
  return i;
}
Incident escalated() {
  Incident i = received();
  i.given(EscalateIncident{"bo-cong-an", "Báo cáo A03"}, kCoordinator, kEscalated,
          testkit::province());
  return i;
}
Incident closed() {
  Incident i = escalated();
  i.given(CloseIncident{"Đã khắc phục"}, kInvestigator, kClosed, testkit::province());
  return i;
}

TEST_CASE("incident: reported, received, escalated, findings added, closed", "[core][incident]") {
  const testkit::FakeDirectory directory = testkit::province();
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
  CHECK(i.state().discovered_at == kDiscovered);
  CHECK(i.state().reported_at == kReported);
  CHECK(i.state().reported_by == Actor{"reporter", "so-tu-phap"});

  i.given(ReceiveIncident{}, kCoordinator, kReceived, directory);
  CHECK(i.state().status == IncidentStatus::kReceived);
  CHECK(i.state().received_at == kReceived);
  CHECK(i.state().received_by == "pa03");

  const Instant verified = at("2026-03-20T09:30:00Z");
  const Result<Decision> finding =
      i.run(AddFinding{FindingKind::kVerification, "Xác minh tại chỗ", verified}, kInvestigator,
            at("2026-03-21T01:00:00Z"), directory);
  REQUIRE(finding.ok());
  CHECK(finding->front().events.at(0).occurred_at == verified);
  i.given(AddFinding{FindingKind::kNote, "Ghi chú", std::nullopt}, kCoordinator, kReceived,
          directory);

  i.given(EscalateIncident{"bo-cong-an", "Báo cáo A03"}, kCoordinator, kEscalated, directory);
  CHECK(i.state().status == IncidentStatus::kEscalated);
  CHECK(i.state().escalated_to == "bo-cong-an");
  CHECK(i.state().escalation_note == "Báo cáo A03");
  CHECK(i.state().escalated_at == kEscalated);

  i.given(AddFinding{FindingKind::kRemediation, "Thu hồi", std::nullopt}, kInvestigator, kEscalated,
          directory);
  i.given(CloseIncident{"Đã khắc phục"}, kInvestigator, kClosed, directory);

  const IncidentState& s = i.state();
  CHECK(s.version == 7);
  CHECK(s.status == IncidentStatus::kClosed);
  CHECK(s.closed_at == kClosed);
  CHECK(s.closed_by == "inv");
  CHECK(s.conclusion == "Đã khắc phục");
  REQUIRE(s.findings.size() == 3);
  CHECK(s.findings[0] == Finding{FindingKind::kVerification, "Xác minh tại chỗ", verified,
                                 at("2026-03-21T01:00:00Z"), Actor{"inv", "cong-an-tinh"}});
  CHECK(s.findings[1].occurred_at == kReceived);  // None given: when it was recorded.
  CHECK(s.findings[2].kind == FindingKind::kRemediation);
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
  // Escalated straight from the report: the escalation counts from the report.
  Incident i = reported();
  i.given(EscalateIncident{"bo-cong-an", ""}, kCoordinator, kEscalated, testkit::province());
  const IncidentResponseTimes t = response_times(i.state());
  CHECK_FALSE(t.to_receipt.has_value());
  CHECK(t.to_escalation == 31 * 3600);
  CHECK_FALSE(t.to_closure.has_value());
  CHECK_FALSE(t.total.has_value());
  // Closed straight from the report.
  Incident j = reported();
  j.given(CloseIncident{"Không phải vụ việc"}, kInvestigator, kReceived, testkit::province());
  CHECK(response_times(j.state()) ==
        IncidentResponseTimes{10 * 3600, std::nullopt, std::nullopt, 2 * 3600, 12 * 3600});
}

TEST_CASE("incident: every refusal to report, with its code and field", "[core][incident]") {
  const testkit::FakeDirectory directory = testkit::province();
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
      {"an admin for any agency", {}, report(), root(), "ok"},
      {"no partner", {}, with([](auto& c) { c.partner = ""; }), kReporter, "ok"},
      {"discovered now", {}, with([](auto& c) { c.discovered_at = kNow; }), kReporter, "ok"},
      {"no document title", {}, with([](auto& c) { c.documents[0].title = ""; }), kReporter, "ok"},
      {"id taken", taken, report(), kReporter, "conflict id"},
      {"a coordinator", {}, report(), kCoordinator, "forbidden"},
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
       root(),
       "validation_failed agency"},
      {"unknown agency (admin)",
       {},
       with([](auto& c) { c.agency = "so-y-te"; }),
       root(),
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
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("incident: every refusal after the report, with its code and field", "[core][incident]") {
  const testkit::FakeDirectory directory = testkit::province();
  const IncidentState none;
  const IncidentState rep = reported().state();
  const IncidentState rec = received().state();
  const IncidentState esc = escalated().state();
  const IncidentState done = closed().state();
  const Caller confidential =
      person("c2", "cong-an-tinh", {Role::kCoordinator}, Clearance::kConfidential);
  const EscalateIncident escalate{"bo-cong-an", ""};
  const AddFinding finding{FindingKind::kCause, "Nguyên nhân", std::nullopt};
  const CloseIncident close{"Kết luận"};
  struct Row {
    const char* name;
    const IncidentState& state;
    IncidentCommand command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      // Existence and visibility.
      {"receive nothing", none, ReceiveIncident{}, kCoordinator, "not_found"},
      {"above one's clearance", rep, ReceiveIncident{}, confidential, "not_found"},
      {"admin above its clearance", rep, ReceiveIncident{}, root(Clearance::kConfidential),
       "not_found"},
      {"another agency's, confined", rep, finding, kOtherOfficer, "not_found"},
      // Receive.
      {"receive", rep, ReceiveIncident{}, kCoordinator, "ok"},
      {"receive as the reporter", rep, ReceiveIncident{}, kReporter, "forbidden"},
      {"receive as an investigator", rep, ReceiveIncident{}, kInvestigator, "forbidden"},
      {"receive twice", rec, ReceiveIncident{}, kCoordinator, "conflict"},
      {"receive the escalated", esc, ReceiveIncident{}, kCoordinator, "conflict"},
      // Escalate.
      {"escalate the reported", rep, escalate, kCoordinator, "ok"},
      {"escalate the received", rec, escalate, kCoordinator, "ok"},
      {"escalate as an investigator", rec, escalate, kInvestigator, "forbidden"},
      {"escalate to nobody", rec, EscalateIncident{"", "x"}, kCoordinator, "validation_failed to"},
      {"escalate to an unknown agency", rec, EscalateIncident{"a03", "x"}, kCoordinator,
       "unknown_agency to"},
      {"escalate twice", esc, escalate, kCoordinator, "conflict"},
      // Findings.
      {"finding by a coordinator", rep, finding, kCoordinator, "ok"},
      {"finding by an investigator", esc, finding, kInvestigator, "ok"},
      {"finding that occurred now", rec, AddFinding{FindingKind::kNote, "x", kNow}, kInvestigator,
       "ok"},
      {"finding by the reporter", rep, finding, kReporter, "forbidden"},
      {"finding by an auditor", rep, finding, kAuditor, "forbidden"},
      {"finding without text", rep, AddFinding{FindingKind::kNote, " ", std::nullopt},
       kInvestigator, "validation_failed text"},
      {"finding in the future", rep, AddFinding{FindingKind::kNote, "x", Instant{kNow.micros + 1}},
       kInvestigator, "validation_failed occurred_at"},
      // Close.
      {"close the reported", rep, close, kInvestigator, "ok"},
      {"close the escalated", esc, close, kInvestigator, "ok"},
      {"close as a coordinator", esc, close, kCoordinator, "forbidden"},
      {"close without a conclusion", esc, CloseIncident{""}, kInvestigator,
       "validation_failed conclusion"},
      // A closed incident takes nothing more.
      {"receive the closed", done, ReceiveIncident{}, kCoordinator, "conflict"},
      {"escalate the closed", done, escalate, kCoordinator, "conflict"},
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
  CHECK(may_see(kCoordinator, s));
  CHECK(may_see(kAuditor, s));
  CHECK_FALSE(
      may_see(person("x", "cong-an-tinh", {Role::kInvestigator}, Clearance::kConfidential), s));
  CHECK(may_see(root(), s));
  CHECK_FALSE(may_see(root(Clearance::kNone), s));
}

}  // namespace
}  // namespace mandate::core
