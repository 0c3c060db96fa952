// Tests of core/transfer.h: transfers of classified information, out and in.

#include "core/transfer.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/test_support.h"

namespace mandate::core {
namespace {

using testing::admin;
using testing::day;
using testing::instant;
using testing::outcome;
using testing::person;
using testing::province;
using testing::TestAggregate;
using testing::TestDirectory;

const Instant kFiled = instant("2026-03-20T02:00:00Z");
const Instant kApproved = instant("2026-03-21T08:00:00Z");
const Instant kNow = instant("2026-03-25T10:00:00Z");

const Caller kOfficer = person("officer", "so-ngoai-vu", {Role::kOfficer});
const Caller kOtherOfficer = person("other", "so-tu-phap", {Role::kOfficer});
const Caller kApprover = person("chairman", "ubnd-tinh", {Role::kApprover});
const Caller kOfficerApprover = person("both", "so-tu-phap", {Role::kOfficer, Role::kApprover});
const Caller kOffice = person("office", "van-phong-ubnd-tinh", {Role::kOfficer});
const ProposeTransfer kProposal{"Đề nghị cho phép", "Công an tỉnh thống nhất"};
const ApproveTransfer kApproval{"35/QĐ-UBND", day("2026-03-21"), "Chủ tịch UBND tỉnh", "Đồng ý"};

RequestTransfer request() {
  return RequestTransfer{"t-la-1",
                         "so-ngoai-vu",
                         "LA",
                         "vn-la-2024",
                         {"12/CV-SNV", "Biên bản hội đàm", Classification::kSecret},
                         Channel::kDiplomatic,
                         "Trao đổi theo Hiệp định"};
}

RecordInboundTransfer inbound() {
  const RequestTransfer r = request();
  return RecordInboundTransfer{"t-la-in-1", r.agency,  r.partner, r.plan,
                               r.document,  r.channel, r.purpose};
}

using Transfer = TestAggregate<TransferState>;

Transfer requested() {
  Transfer t;
  t.given(request(), kOfficer, kFiled, province());
  return t;
}
Transfer proposed() {
  Transfer t = requested();
  t.given(kProposal, kOffice, kApproved, province());
  return t;
}
Transfer approved() {
  Transfer t = proposed();
  t.given(kApproval, kApprover, kApproved, province());
  return t;
}
Transfer rejected() {
  Transfer t = requested();
  t.given(RejectTransfer{"Chưa đủ căn cứ"}, kApprover, kApproved, province());
  return t;
}
Transfer completed() {
  Transfer t = approved();
  t.given(CompleteTransfer{day("2026-03-23")}, kOfficer, kNow, province());
  return t;
}
Transfer received() {
  Transfer t;
  t.given(inbound(), kOfficer, kFiled, province());
  return t;
}

TEST_CASE("transfer: outbound is requested, approved, then completed", "[core][transfer]") {
  const TestDirectory directory = province();
  Transfer t;
  const Result<Decision> filed = t.run(request(), kOfficer, kFiled, directory);
  REQUIRE(filed.ok());
  CHECK(filed->front().stream == "transfer:t-la-1");
  CHECK(filed->front().expected_version == 0);
  REQUIRE(std::holds_alternative<TransferRequested>(filed->front().events.at(0).data));
  CHECK(t.state().status == TransferStatus::kRequested);
  CHECK(t.state().direction == Direction::kOutbound);
  CHECK(t.state().recorded_at == kFiled);
  CHECK(t.state().recorded_by == "officer");

  // so-ngoai-vu is under the People's Committee: its Office proposes, its Chairman approves.
  REQUIRE(t.run(kProposal, kOffice, kApproved, directory).ok());
  CHECK(t.state().status == TransferStatus::kProposed);
  CHECK(t.state().police_opinion == "Công an tỉnh thống nhất");
  CHECK(t.state().proposed_by == "office");
  const Result<Decision> approval = t.run(kApproval, kApprover, kApproved, directory);
  REQUIRE(approval.ok());
  CHECK(approval->front().expected_version == 2);
  CHECK(t.state().status == TransferStatus::kApproved);
  CHECK(t.state().approval_ref == "35/QĐ-UBND");
  CHECK(t.state().approval_note == "Đồng ý");
  CHECK(t.state().approved_by == "chairman");
  CHECK(t.state().approved_at == kApproved);
  CHECK(t.state().approved_on == day("2026-03-21"));
  CHECK(t.state().signed_by == "Chủ tịch UBND tỉnh");

  t.given(CompleteTransfer{day("2026-03-21"), true}, kOfficer, kNow, directory);
  const TransferState& s = t.state();
  CHECK(s.version == 4);
  CHECK(s.cipher_protected);
  CHECK(day_of_transfer(s) == day("2026-03-21"));
  CHECK(s.status == TransferStatus::kCompleted);
  CHECK(s.completed_on == day("2026-03-21"));
  CHECK(s.completed_by == "officer");
  CHECK(s.id == "t-la-1");
  CHECK(s.agency == "so-ngoai-vu");
  CHECK(s.partner == "LA");
  CHECK(s.plan == "vn-la-2024");
  CHECK(s.document == request().document);
  CHECK(s.channel == Channel::kDiplomatic);
  CHECK(s.purpose == request().purpose);
  CHECK(t.refold() == s);
}

TEST_CASE("transfer: inbound is recorded as received and takes nothing more", "[core][transfer]") {
  Transfer t = received();
  REQUIRE(std::holds_alternative<TransferReceived>(t.events().at(0).data));
  CHECK(t.state().direction == Direction::kInbound);
  CHECK(t.state().status == TransferStatus::kReceived);
  // Received today unless the filing says otherwise; the statistics count that day.
  CHECK(t.state().received_on == date_of(kFiled));
  CHECK(day_of_transfer(t.state()) == date_of(kFiled));
  CHECK(t.refold() == t.state());
  Transfer late;
  RecordInboundTransfer earlier = inbound();
  earlier.received_on = day("2025-12-30");
  late.given(earlier, kOfficer, kFiled, province());
  CHECK(day_of_transfer(late.state()) == day("2025-12-30"));
}

TEST_CASE("transfer: the competent approver, by the requesting agency's place",
          "[core][transfer]") {
  const TestDirectory directory = province();
  // Under the Committee, and the Committee itself: its Chairman, after a proposal (003:65).
  CHECK(competent_approver("so-ngoai-vu", directory) == CompetentApprover{"ubnd-tinh", true});
  CHECK(competent_approver("ubnd-tinh", directory) == CompetentApprover{"ubnd-tinh", true});
  CHECK(competent_approver("van-phong-ubnd-tinh", directory) ==
        CompetentApprover{"ubnd-tinh", true});
  // Any other body: the body it belongs to (003:66); a root decides for itself.
  CHECK(competent_approver("bch-quan-su-tinh", directory) ==
        CompetentApprover{"bo-quoc-phong", false});
  CHECK(competent_approver("phong-anctnb", directory) == CompetentApprover{"cong-an-tinh", false});
  CHECK(competent_approver("bo-cong-an", directory) == CompetentApprover{"bo-cong-an", false});
}

TEST_CASE("transfer: a rejection records its reason", "[core][transfer]") {
  const Transfer t = rejected();
  CHECK(t.state().status == TransferStatus::kRejected);
  CHECK(t.state().rejection_reason == "Chưa đủ căn cứ");
  CHECK(t.state().rejected_by == "chairman");
  CHECK(t.state().rejected_at == kApproved);
  CHECK_FALSE(t.state().approved_at.has_value());
}

TEST_CASE("transfer: Top Secret never leaves, whatever else is wrong", "[core][transfer]") {
  const TestDirectory directory = province();
  const Caller cleared = person("officer", "so-ngoai-vu", {Role::kOfficer}, Clearance::kTopSecret);
  RequestTransfer r = request();
  r.document.classification = Classification::kTopSecret;
  CHECK(outcome(decide(TransferState{}, r, cleared, kNow, directory)) ==
        "top_secret_transfer_forbidden document.classification");
  CHECK(outcome(decide(TransferState{}, r, admin(), kNow, directory)) ==
        "top_secret_transfer_forbidden document.classification");
  // Also when the caller is not cleared for it and the document is otherwise malformed.
  r.document.ref = "";
  r.document.title = "";
  r.id = "Not A Slug";
  r.purpose = "";
  CHECK(outcome(decide(TransferState{}, r, kOfficer, kNow, directory)) ==
        "top_secret_transfer_forbidden document.classification");
  // Top Secret may be received.
  RecordInboundTransfer in = inbound();
  in.document.classification = Classification::kTopSecret;
  CHECK(outcome(decide(TransferState{}, in, cleared, kNow, directory)) == "ok");
}

TEST_CASE("transfer: every refusal to file, with its code and field", "[core][transfer]") {
  const TestDirectory directory = province();
  const TransferState taken = requested().state();
  const Caller confidential =
      person("junior", "so-ngoai-vu", {Role::kOfficer}, Clearance::kConfidential);
  auto with = [](auto change) {
    RequestTransfer c = request();
    change(c);
    return c;
  };
  struct Row {
    const char* name;
    TransferState state;
    RequestTransfer command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      {"ok", {}, request(), kOfficer, "ok"},
      {"an admin for any agency", {}, request(), admin(), "ok"},
      {"no plan", {}, with([](auto& c) { c.plan = ""; }), kOfficer, "ok"},
      {"id taken", taken, request(), kOfficer, "conflict id"},
      // The taken id is the last check: a filing refused for another reason answers as it
      // would with a fresh id, so the refusal says nothing of what holds the id.
      {"id taken, by one whose filing is refused anyway", taken, request(), confidential,
       "validation_failed document.classification"},
      {"id taken, by one who may not file", taken, request(), kApprover, "forbidden"},
      {"an approver", {}, request(), kApprover, "forbidden"},
      {"a coordinator",
       {},
       request(),
       person("c", "cong-an-tinh", {Role::kCoordinator}),
       "forbidden"},
      {"an officer of another agency", {}, request(), kOtherOfficer, "forbidden agency"},
      {"an officer without an agency",
       {},
       request(),
       person("x", "", {Role::kOfficer}),
       "forbidden agency"},
      {"id not a slug", {}, with([](auto& c) { c.id = "T-1"; }), kOfficer, "validation_failed id"},
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
      {"no partner",
       {},
       with([](auto& c) { c.partner = ""; }),
       kOfficer,
       "validation_failed partner"},
      {"lowercase partner",
       {},
       with([](auto& c) { c.partner = "la"; }),
       kOfficer,
       "validation_failed partner"},
      {"partner of three letters",
       {},
       with([](auto& c) { c.partner = "LAO"; }),
       kOfficer,
       "validation_failed partner"},
      {"plan not a slug",
       {},
       with([](auto& c) { c.plan = "801/QĐ-TTg"; }),
       kOfficer,
       "validation_failed plan"},
      {"no such plan",
       {},
       with([](auto& c) { c.plan = "vn-xx-2030"; }),
       kOfficer,
       "validation_failed plan"},
      {"a plan with another partner",
       {},
       with([](auto& c) { c.partner = "IT"; }),
       kOfficer,
       "validation_failed plan"},
      {"a plan with no agreement",
       {},
       with([](auto& c) { c.plan = "ht-ct44-2024"; }),
       kOfficer,
       "validation_failed plan"},
      {"no document ref",
       {},
       with([](auto& c) { c.document.ref = " "; }),
       kOfficer,
       "validation_failed document.ref"},
      {"no document title",
       {},
       with([](auto& c) { c.document.title = ""; }),
       kOfficer,
       "validation_failed document.title"},
      {"above the caller's clearance",
       {},
       request(),
       confidential,
       "validation_failed document.classification"},
      {"above an admin's clearance",
       {},
       request(),
       admin(Clearance::kConfidential),
       "validation_failed document.classification"},
      {"no purpose",
       {},
       with([](auto& c) { c.purpose = ""; }),
       kOfficer,
       "validation_failed purpose"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(outcome(decide(row.state, row.command, row.caller, kNow, directory)) == row.expected);
    // The inbound record obeys the same rules.
    const RequestTransfer& c = row.command;
    const RecordInboundTransfer in{c.id,       c.agency,  c.partner, c.plan,
                                   c.document, c.channel, c.purpose};
    CHECK(outcome(decide(row.state, in, row.caller, kNow, directory)) == row.expected);
  }
}

TEST_CASE("transfer: every refusal after filing, with its code and field", "[core][transfer]") {
  const TestDirectory directory = province();
  const TransferState none;
  const TransferState req = requested().state();
  const TransferState prop = proposed().state();
  const TransferState app = approved().state();
  const TransferState rej = rejected().state();
  const TransferState done = completed().state();
  const TransferState in = received().state();
  const Caller confidential_approver =
      person("a2", "ubnd-tinh", {Role::kApprover}, Clearance::kConfidential);
  const ApproveTransfer approve{"35/QĐ-UBND", day("2026-03-24"), "Chủ tịch UBND tỉnh", ""};
  auto approve_with = [&](auto change) {
    ApproveTransfer c = approve;
    change(c);
    return c;
  };
  const RejectTransfer reject{"Không cần thiết"};
  const CompleteTransfer complete{day("2026-03-24")};
  // A military command's request, which its ministry decides without a proposal (003:66).
  Transfer military;
  RequestTransfer m = request();
  m.id = "t-bqp-1";
  m.agency = "bch-quan-su-tinh";
  military.given(m, person("mo", "bch-quan-su-tinh", {Role::kOfficer}), kFiled, directory);
  const TransferState mil = military.state();
  const Caller kMinistryApprover = person("bqp", "bo-quoc-phong", {Role::kApprover});
  // The Chairman's office filing its own request: the requester never decides it.
  Transfer own;
  RequestTransfer o = request();
  o.id = "t-ubnd-1";
  o.agency = "ubnd-tinh";
  const Caller kFilingApprover = person("chairman", "ubnd-tinh", {Role::kOfficer, Role::kApprover});
  own.given(o, kFilingApprover, kFiled, directory);
  own.given(kProposal, kOffice, kApproved, directory);
  const TransferState own_prop = own.state();
  struct Row {
    const char* name;
    const TransferState& state;
    TransferCommand command;
    Caller caller;
    std::string expected;
  };
  const std::vector<Row> rows{
      // Existence and visibility.
      {"approve nothing", none, approve, kApprover, "not_found"},
      {"approve above one's clearance", prop, approve, confidential_approver, "not_found"},
      {"admin above its clearance", prop, approve, admin(Clearance::kConfidential), "not_found"},
      {"complete another agency's (confined)", app, complete, kOtherOfficer, "not_found"},
      {"complete another agency's (not confined)", app, complete, kOfficerApprover, "forbidden"},
      // Propose: the Committee Office, with the police's opinion (003:65).
      {"propose", req, kProposal, kOffice, "ok"},
      {"propose as the Office's coordinator", req, kProposal,
       person("oc", "van-phong-ubnd-tinh", {Role::kCoordinator}), "ok"},
      {"propose as an officer of another agency", req, kProposal, kOfficer, "forbidden"},
      {"propose as the Chairman", req, kProposal, kApprover, "forbidden"},
      {"propose as admin", req, kProposal, admin(), "forbidden"},
      {"propose without the police's opinion", req, ProposeTransfer{"note", " "}, kOffice,
       "validation_failed police_opinion"},
      {"propose twice", prop, kProposal, kOffice, "conflict"},
      // The Office's officers see only what they must propose; its coordinators see all.
      {"propose what the Committee does not decide", mil, kProposal, kOffice, "not_found"},
      {"propose what the Committee does not decide, as a coordinator", mil, kProposal,
       person("oc", "van-phong-ubnd-tinh", {Role::kCoordinator}), "conflict"},
      {"propose the inbound", in, kProposal, kOffice, "not_found"},
      {"propose the inbound, as a coordinator", in, kProposal,
       person("oc", "van-phong-ubnd-tinh", {Role::kCoordinator}), "conflict"},
      // Approve: the competent approver only, never the requester (003:64-66).
      {"approve", prop, approve, kApprover, "ok"},
      {"approve before the proposal", req, approve, kApprover, "conflict"},
      {"approve as admin", prop, approve, admin(), "forbidden"},
      {"approve as an officer", prop, approve, kOfficer, "forbidden"},
      {"approve as another agency's approver", prop, approve, kOfficerApprover, "forbidden"},
      {"approve as the ministry's approver", prop, approve, kMinistryApprover, "forbidden"},
      {"approve one's own request", own_prop, approve, kFilingApprover, "forbidden"},
      {"approve another's request of one's agency", own_prop, approve,
       person("vice", "ubnd-tinh", {Role::kApprover}), "ok"},
      {"approve the military command's, by its ministry", mil, approve, kMinistryApprover, "ok"},
      {"approve the military command's, by the Chairman", mil, approve, kApprover, "forbidden"},
      {"approve without a ref", prop, approve_with([](auto& c) { c.approval_ref = "  "; }),
       kApprover, "validation_failed approval_ref"},
      {"approve without a signer", prop, approve_with([](auto& c) { c.signed_by = ""; }), kApprover,
       "validation_failed signed_by"},
      {"approve dated tomorrow", prop,
       approve_with([](auto& c) { c.approved_on = day("2026-03-26"); }), kApprover,
       "validation_failed approved_on"},
      {"approve dated before the request", prop,
       approve_with([](auto& c) { c.approved_on = day("2026-03-19"); }), kApprover,
       "validation_failed approved_on"},
      {"approve dated the request's day", prop,
       approve_with([](auto& c) { c.approved_on = day("2026-03-20"); }), kApprover, "ok"},
      {"approve twice", app, approve, kApprover, "conflict"},
      {"approve the rejected", rej, approve, kApprover, "conflict"},
      {"approve the completed", done, approve, kApprover, "conflict"},
      {"approve the inbound", in, approve, kApprover, "conflict"},
      // Reject.
      {"reject", req, reject, kApprover, "ok"},
      {"reject the proposed", prop, reject, kApprover, "ok"},
      {"reject as admin", req, reject, admin(), "forbidden"},
      {"reject as another agency's approver", req, reject, kOfficerApprover, "forbidden"},
      {"reject as an officer", req, reject, kOfficer, "forbidden"},
      {"reject without a reason", req, RejectTransfer{""}, kApprover, "validation_failed reason"},
      {"reject the approved", app, reject, kApprover, "conflict"},
      {"reject twice", rej, reject, kApprover, "conflict"},
      {"reject the inbound", in, reject, kApprover, "conflict"},
      // Complete.
      {"complete", app, complete, kOfficer, "ok"},
      {"complete as admin", app, complete, admin(), "ok"},
      {"complete on the approval day", app, CompleteTransfer{day("2026-03-21")}, kOfficer, "ok"},
      {"complete today", app, CompleteTransfer{day("2026-03-25")}, kOfficer, "ok"},
      {"complete as an approver", app, complete, kApprover, "forbidden"},
      {"complete tomorrow", app, CompleteTransfer{day("2026-03-26")}, kOfficer,
       "validation_failed completed_on"},
      {"complete before the approval", app, CompleteTransfer{day("2026-03-20")}, kOfficer,
       "validation_failed completed_on"},
      {"complete the requested", req, complete, kOfficer, "approval_required"},
      {"complete the proposed", prop, complete, kOfficer, "approval_required"},
      {"complete the rejected", rej, complete, kOfficer, "approval_required"},
      {"complete twice", done, complete, kOfficer, "conflict"},
      {"complete the inbound", in, complete, kOfficer, "conflict"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Result<Decision> decided = decide(row.state, row.command, row.caller, kNow, directory);
    CHECK(outcome(decided) == row.expected);
    if (decided.ok()) {
      CHECK(decided->front().stream == "transfer:" + row.state.id);
      CHECK(decided->front().expected_version == row.state.version);
    }
  }
}

TEST_CASE("transfer: whose turn the next step is", "[core][transfer]") {
  const TestDirectory directory = province();
  const TransferState req = requested().state();
  const TransferState prop = proposed().state();
  // Requested under the Committee: the Office's turn; proposed: the Chairman's office's.
  CHECK(awaits(kOffice, req, directory));
  CHECK_FALSE(awaits(kApprover, req, directory));
  CHECK_FALSE(awaits(kOffice, prop, directory));
  CHECK(awaits(kApprover, prop, directory));
  CHECK_FALSE(awaits(kOfficerApprover, prop, directory));  // Another agency's approver.
  CHECK_FALSE(awaits(admin(), prop, directory));
  CHECK_FALSE(awaits(kApprover, approved().state(), directory));
  CHECK_FALSE(awaits(kApprover, received().state(), directory));
  // Never the requester's own.
  Transfer own;
  RequestTransfer o = request();
  o.agency = "ubnd-tinh";
  const Caller chairman = person("chairman", "ubnd-tinh", {Role::kOfficer, Role::kApprover});
  own.given(o, chairman, kFiled, directory);
  own.given(kProposal, kOffice, kApproved, directory);
  CHECK_FALSE(awaits(chairman, own.state(), directory));
  CHECK(awaits(person("vice", "ubnd-tinh", {Role::kApprover}), own.state(), directory));
}

TEST_CASE("transfer: who may see one", "[core][transfer]") {
  const TransferState s = requested().state();  // Secret, of so-ngoai-vu.
  CHECK(may_see(kOfficer, s));
  CHECK_FALSE(may_see(kOtherOfficer, s));
  CHECK(may_see(kOfficerApprover, s));
  CHECK(may_see(person("a", "van-phong", {Role::kAuditor}), s));
  CHECK_FALSE(may_see(person("a", "van-phong", {Role::kAuditor}, Clearance::kConfidential), s));
  CHECK_FALSE(may_see(person("o", "so-ngoai-vu", {Role::kOfficer}, Clearance::kNone), s));
  CHECK(may_see(admin(), s));
  CHECK_FALSE(may_see(admin(Clearance::kConfidential), s));
}

}  // namespace
}  // namespace mandate::core
