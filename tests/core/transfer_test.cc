// Tests of core/transfer.h: transfers of classified information, out and in.

#include "core/transfer.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/core/fake_directory.h"
#include "tests/core/recorded_stream.h"

namespace mandate::core {
namespace {

using testkit::at;
using testkit::on;
using testkit::outcome;
using testkit::person;
using testkit::root;

const Instant kFiled = at("2026-03-20T02:00:00Z");
const Instant kApproved = at("2026-03-21T08:00:00Z");
const Instant kNow = at("2026-03-25T10:00:00Z");

const Caller kOfficer = person("officer", "so-ngoai-vu", {Role::kOfficer});
const Caller kOtherOfficer = person("other", "so-tu-phap", {Role::kOfficer});
const Caller kApprover = person("chairman", "ubnd-tinh", {Role::kApprover});
const Caller kOfficerApprover = person("both", "so-tu-phap", {Role::kOfficer, Role::kApprover});

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

using Transfer = testkit::Stream<TransferState>;

Transfer requested() {
  Transfer t;
  t.given(request(), kOfficer, kFiled, testkit::province());
  return t;
}
Transfer approved() {
  Transfer t = requested();
  t.given(ApproveTransfer{"35/QĐ-UBND", "Đồng ý"}, kApprover, kApproved, testkit::province());
  return t;
}
Transfer rejected() {
  Transfer t = requested();
  t.given(RejectTransfer{"Chưa đủ căn cứ"}, kApprover, kApproved, testkit::province());
  return t;
}
Transfer completed() {
  Transfer t = approved();
  t.given(CompleteTransfer{on("2026-03-23")}, kOfficer, kNow, testkit::province());
  return t;
}
Transfer received() {
  Transfer t;
  t.given(inbound(), kOfficer, kFiled, testkit::province());
  return t;
}

TEST_CASE("transfer: outbound is requested, approved, then completed", "[core][transfer]") {
  const testkit::FakeDirectory directory = testkit::province();
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

  const Result<Decision> approval =
      t.run(ApproveTransfer{"35/QĐ-UBND", "Đồng ý"}, kApprover, kApproved, directory);
  REQUIRE(approval.ok());
  CHECK(approval->front().expected_version == 1);
  CHECK(t.state().status == TransferStatus::kApproved);
  CHECK(t.state().approval_ref == "35/QĐ-UBND");
  CHECK(t.state().approval_note == "Đồng ý");
  CHECK(t.state().approved_by == "chairman");
  CHECK(t.state().approved_at == kApproved);

  t.given(CompleteTransfer{on("2026-03-21")}, kOfficer, kNow, directory);
  const TransferState& s = t.state();
  CHECK(s.version == 3);
  CHECK(s.status == TransferStatus::kCompleted);
  CHECK(s.completed_on == on("2026-03-21"));
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
  CHECK(t.refold() == t.state());
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
  const testkit::FakeDirectory directory = testkit::province();
  const Caller cleared = person("officer", "so-ngoai-vu", {Role::kOfficer}, Clearance::kTopSecret);
  RequestTransfer r = request();
  r.document.classification = Classification::kTopSecret;
  CHECK(outcome(decide(TransferState{}, r, cleared, kNow, directory)) ==
        "top_secret_transfer_forbidden document.classification");
  CHECK(outcome(decide(TransferState{}, r, root(), kNow, directory)) ==
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
  const testkit::FakeDirectory directory = testkit::province();
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
      {"an admin for any agency", {}, request(), root(), "ok"},
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
       root(),
       "validation_failed agency"},
      {"unknown agency (admin)",
       {},
       with([](auto& c) { c.agency = "so-y-te"; }),
       root(),
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
       root(Clearance::kConfidential),
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
  const testkit::FakeDirectory directory = testkit::province();
  const TransferState none;
  const TransferState req = requested().state();
  const TransferState app = approved().state();
  const TransferState rej = rejected().state();
  const TransferState done = completed().state();
  const TransferState in = received().state();
  const Caller confidential_approver =
      person("a2", "ubnd-tinh", {Role::kApprover}, Clearance::kConfidential);
  const ApproveTransfer approve{"35/QĐ-UBND", ""};
  const RejectTransfer reject{"Không cần thiết"};
  const CompleteTransfer complete{on("2026-03-24")};
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
      {"approve above one's clearance", req, approve, confidential_approver, "not_found"},
      {"admin above its clearance", req, approve, root(Clearance::kConfidential), "not_found"},
      {"complete another agency's (confined)", app, complete, kOtherOfficer, "not_found"},
      {"complete another agency's (not confined)", app, complete, kOfficerApprover, "forbidden"},
      // Approve.
      {"approve", req, approve, kApprover, "ok"},
      {"approve as admin", req, approve, root(), "ok"},
      {"approve as an officer", req, approve, kOfficer, "forbidden"},
      {"approve without a ref", req, ApproveTransfer{"  ", "note"}, kApprover,
       "validation_failed approval_ref"},
      {"approve twice", app, approve, kApprover, "conflict"},
      {"approve the rejected", rej, approve, kApprover, "conflict"},
      {"approve the completed", done, approve, kApprover, "conflict"},
      {"approve the inbound", in, approve, kApprover, "conflict"},
      // Reject.
      {"reject", req, reject, kApprover, "ok"},
      {"reject as an officer", req, reject, kOfficer, "forbidden"},
      {"reject without a reason", req, RejectTransfer{""}, kApprover, "validation_failed reason"},
      {"reject the approved", app, reject, kApprover, "conflict"},
      {"reject twice", rej, reject, kApprover, "conflict"},
      {"reject the inbound", in, reject, kApprover, "conflict"},
      // Complete.
      {"complete", app, complete, kOfficer, "ok"},
      {"complete as admin", app, complete, root(), "ok"},
      {"complete on the approval day", app, CompleteTransfer{on("2026-03-21")}, kOfficer, "ok"},
      {"complete today", app, CompleteTransfer{on("2026-03-25")}, kOfficer, "ok"},
      {"complete as an approver", app, complete, kApprover, "forbidden"},
      {"complete tomorrow", app, CompleteTransfer{on("2026-03-26")}, kOfficer,
       "validation_failed completed_on"},
      {"complete before the approval", app, CompleteTransfer{on("2026-03-20")}, kOfficer,
       "validation_failed completed_on"},
      {"complete the requested", req, complete, kOfficer, "approval_required"},
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

TEST_CASE("transfer: who may see one", "[core][transfer]") {
  const TransferState s = requested().state();  // Secret, of so-ngoai-vu.
  CHECK(may_see(kOfficer, s));
  CHECK_FALSE(may_see(kOtherOfficer, s));
  CHECK(may_see(kOfficerApprover, s));
  CHECK(may_see(person("a", "van-phong", {Role::kAuditor}), s));
  CHECK_FALSE(may_see(person("a", "van-phong", {Role::kAuditor}, Clearance::kConfidential), s));
  CHECK_FALSE(may_see(person("o", "so-ngoai-vu", {Role::kOfficer}, Clearance::kNone), s));
  CHECK(may_see(root(), s));
  CHECK_FALSE(may_see(root(Clearance::kConfidential), s));
}

}  // namespace
}  // namespace mandate::core
