// Every event type survives encode_payload then decode_payload unchanged, read back three ways:
// straight from the builder, from flat bytes (a message on disk or the wire) and from canonical
// bytes (what the store hashes and keeps). What this build cannot read is kCorrupt, never an
// exception.

#include "events/payload_codec.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include <capnp/any.h>
#include <capnp/message.h>
#include <capnp/schema.h>
#include <capnp/serialize.h>
#include <catch2/catch.hpp>

namespace mandate::events {
namespace {

using Catch::Matchers::Contains;

core::Date day(int year, unsigned month, unsigned day) {
  return core::date_from_civil(year, month, day);
}

std::string describe(const core::Result<core::EventData>& result) {
  return result.ok() ? std::string("decoded") : result.error().message;
}

void check_decoded(const core::Result<core::EventData>& decoded, const core::EventData& original,
                   const char* read_from) {
  INFO("read from " << read_from << ": " << describe(decoded));
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == original);
}

void check_round_trip(const core::EventData& original) {
  INFO("event type " << core::event_type_name(original));
  capnp::MallocMessageBuilder builder;
  encode_payload(original, builder.initRoot<schema::Body>());
  auto body = builder.getRoot<schema::Body>().asReader();
  // Body's members are numbered in the order of EventData's alternatives.
  CHECK(static_cast<size_t>(body.which()) == original.index());

  check_decoded(decode_payload(body), original, "the builder");

  kj::Array<capnp::word> flat = capnp::messageToFlatArray(builder);
  capnp::FlatArrayMessageReader flat_reader(flat);
  check_decoded(decode_payload(flat_reader.getRoot<schema::Body>()), original, "flat bytes");

  kj::Array<capnp::word> canonical = capnp::canonicalize(body);
  kj::ArrayPtr<const capnp::word> segments[1] = {canonical.asPtr()};
  capnp::SegmentArrayMessageReader canonical_reader(kj::arrayPtr(segments, 1));
  check_decoded(decode_payload(canonical_reader.getRoot<schema::Body>()), original,
                "canonical bytes");
}

template <size_t... kIndex>
void check_every_alternative_default_constructed(std::index_sequence<kIndex...>) {
  (check_round_trip(core::EventData(std::in_place_index<kIndex>)), ...);
}

// Both kinds of task definition a plan holds: every optional present, and every one absent.
core::TaskDefinition full_definition() {
  return {.id = "tuyen-truyen",
          .phase = "I",
          .section = "dissemination",
          .title = "Tuyên truyền, phổ biến nội dung Hiệp định",
          .description = "Tổ chức hội nghị quán triệt đến cán bộ, công chức và nhân dân.",
          .lead = "so-tu-phap",
          .coordinators = {"*", "cong-an-tinh"},
          .due_on = day(2026, 6, 30),
          .recurrence = core::YearlyRecurrence{.due_month = 12, .due_day = 15}};
}

core::TaskDefinition minimal_definition() {
  return {.id = "bao-cao",
          .phase = std::nullopt,
          .section = "summary",
          .title = "Báo cáo tổng kết",
          .description = "",
          .lead = "so-ngoai-vu",
          .coordinators = {},
          .due_on = std::nullopt,
          .recurrence = std::nullopt};
}

core::TransferDocument secret_document() {
  return {.ref = "15/CV-SNgV",
          .title = "Danh sách đối tượng truy nã đặc biệt",
          .classification = core::Classification::kSecret};
}

// ---- Agencies, users, tokens ----

TEST_CASE("agency.registered round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::AgencyRegistered{.id = "cong-an-quang-ninh",
                                            .name = "Công an tỉnh Quảng Ninh",
                                            .parent = "bo-cong-an",
                                            .kind = "công an tỉnh"});
  }
  SECTION("minimal") { check_round_trip(core::AgencyRegistered{}); }
}

TEST_CASE("user.registered round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::UserRegistered{
        .id = "nguyen-van-an",
        .name = "Nguyễn Văn Ân",
        .agency = "cong-an-quang-ninh",
        .roles = {core::Role::kAdmin, core::Role::kCoordinator, core::Role::kOfficer,
                  core::Role::kApprover, core::Role::kInvestigator, core::Role::kAuditor},
        .clearance = core::Clearance::kTopSecret});
  }
  SECTION("minimal") { check_round_trip(core::UserRegistered{}); }
}

TEST_CASE("token.issued round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TokenIssued{
        .token_id = "tok-01",
        .token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"});
  }
  SECTION("minimal") { check_round_trip(core::TokenIssued{}); }
}

TEST_CASE("token.revoked round-trips", "[events][codec]") {
  SECTION("fully populated") { check_round_trip(core::TokenRevoked{.token_id = "tok-01"}); }
  SECTION("minimal") { check_round_trip(core::TokenRevoked{}); }
}

// ---- Plans ----

TEST_CASE("plan.drafted round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::PlanDrafted{
        .id = "ke-hoach-12",
        .code = "12/KH-UBND",
        .title = "Kế hoạch thực hiện Hiệp định hợp tác phòng, chống tội phạm giữa Việt Nam và Lào",
        .issuer = "Ủy ban nhân dân tỉnh",
        .issued_on = day(2026, 3, 21),
        .focal_agency = "so-ngoai-vu",
        .basis = {"Luật Bảo vệ bí mật nhà nước năm 2018", "Nghị định số 26/2020/NĐ-CP"},
        // Signed before 1970: a negative day count.
        .agreement = core::Agreement{.partner = "LA",
                                     .title = "Hiệp định hợp tác về phòng, chống tội phạm",
                                     .signed_on = day(1962, 9, 5),
                                     .effective_on = day(2024, 1, 1),
                                     .term = "vô thời hạn"},
        .phases = {core::Phase{.key = "I",
                               .title = "Giai đoạn chuẩn bị",
                               .starts_on = day(2026, 4, 1),
                               .ends_on = day(2026, 6, 30)},
                   core::Phase{.key = "II",
                               .title = "Giai đoạn triển khai thường xuyên",
                               .starts_on = day(2026, 7, 1),
                               .ends_on = std::nullopt}},
        .tasks = {full_definition(), minimal_definition()}});
  }
  SECTION("optionals absent") {
    check_round_trip(core::PlanDrafted{.id = "ke-hoach-13",
                                       .code = "13/KH-UBND",
                                       .title = "Kế hoạch tổng kết",
                                       .issuer = "Ủy ban nhân dân tỉnh",
                                       .issued_on = std::nullopt,
                                       .focal_agency = "so-ngoai-vu",
                                       .basis = {},
                                       .agreement = std::nullopt,
                                       .phases = {},
                                       .tasks = {}});
  }
}

TEST_CASE("plan.task_added round-trips", "[events][codec]") {
  SECTION("fully populated") { check_round_trip(core::PlanTaskAdded{full_definition()}); }
  SECTION("optionals absent") { check_round_trip(core::PlanTaskAdded{minimal_definition()}); }
}

TEST_CASE("plan.issued round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::PlanIssued{{"tuyen-truyen/2026", "tuyen-truyen/2027", "bao-cao"}});
  }
  SECTION("minimal") { check_round_trip(core::PlanIssued{}); }
}

// ---- Tasks ----

TEST_CASE("task.assigned round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(
        core::TaskAssigned{.id = "tuyen-truyen/2027",
                           .plan = "ke-hoach-12",
                           .definition = "tuyen-truyen",
                           .phase = "I",
                           .section = "dissemination",
                           .title = "Tuyên truyền, phổ biến nội dung Hiệp định",
                           .description = "Tổ chức hội nghị quán triệt ở các huyện biên giới.",
                           .lead = "so-tu-phap",
                           .coordinators = {"cong-an-tinh", "bo-chi-huy-bien-phong"},
                           .due_on = day(2027, 12, 15),
                           .occurrence_year = 2027});
  }
  SECTION("an inspection's follow-up, with its own focal agency") {
    check_round_trip(core::TaskAssigned{.id = "insp-1-f2",
                                        .plan = "",
                                        .definition = "insp-1-f2",
                                        .section = "inspection",
                                        .title = "Khắc phục phát hiện 2 của đợt kiểm tra insp-1",
                                        .description = "Máy tính có kết nối Internet",
                                        .lead = "cong-an-tinh",
                                        .due_on = day(2026, 7, 31),
                                        .focal_agency = "bo-cong-an"});
  }
  SECTION("optionals absent") {
    check_round_trip(core::TaskAssigned{.id = "bao-cao",
                                        .plan = "ke-hoach-12",
                                        .definition = "bao-cao",
                                        .phase = std::nullopt,
                                        .section = "summary",
                                        .title = "Báo cáo tổng kết",
                                        .description = "",
                                        .lead = "so-ngoai-vu",
                                        .coordinators = {},
                                        .due_on = day(2026, 12, 31),
                                        .occurrence_year = std::nullopt});
  }
}

TEST_CASE("task.acknowledged round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskAcknowledged{.agency = "cong-an-tinh", .revision = 3});
  }
  SECTION("minimal") { check_round_trip(core::TaskAcknowledged{}); }
}

TEST_CASE("task.progress_reported round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskProgressReported{
        .agency = "so-tu-phap", .note = "Đã tổ chức 3 hội nghị ở các xã vùng cao.", .percent = 60});
  }
  SECTION("optionals absent") {
    check_round_trip(core::TaskProgressReported{
        .agency = "so-tu-phap", .note = "Đang chuẩn bị tài liệu.", .percent = std::nullopt});
  }
}

TEST_CASE("task.submitted round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskSubmitted{
        .agency = "so-tu-phap",
        .submission = 2,
        .note = "Nộp lại sau khi bổ sung số liệu.",
        .evidence = {core::Evidence{"245/BC-STP", "Báo cáo kết quả tuyên truyền"},
                     core::Evidence{"246/BC-STP", "Danh sách đại biểu dự hội nghị"}}});
  }
  SECTION("minimal") { check_round_trip(core::TaskSubmitted{}); }
  SECTION("evidence of empty texts") {
    check_round_trip(core::TaskSubmitted{.evidence = {core::Evidence{}, core::Evidence{}}});
  }
}

TEST_CASE("task.approved round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskApproved{.submission = 2, .note = "Đạt yêu cầu."});
  }
  SECTION("minimal") { check_round_trip(core::TaskApproved{}); }
}

TEST_CASE("task.returned round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(
        core::TaskReturned{.submission = 1, .reason = "Thiếu số liệu của huyện Bình Liêu."});
  }
  SECTION("minimal") { check_round_trip(core::TaskReturned{}); }
}

TEST_CASE("task.extended round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskExtended{.previous_due_on = day(2026, 6, 30),
                                        .due_on = day(2026, 9, 30),
                                        .reason = "Chờ ý kiến của Bộ Ngoại giao."});
  }
  SECTION("minimal") { check_round_trip(core::TaskExtended{}); }
}

TEST_CASE("task.revised round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskRevised{.description = "Bổ sung nội dung về bảo vệ bí mật nhà nước.",
                                       .coordinators_added = {"so-thong-tin-truyen-thong"},
                                       .coordinators_removed = {"cong-an-tinh", "so-noi-vu"}});
  }
  SECTION("optionals absent") {
    check_round_trip(core::TaskRevised{.description = std::nullopt,
                                       .coordinators_added = {"so-y-te"},
                                       .coordinators_removed = {}});
  }
}

TEST_CASE("task.cancelled round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TaskCancelled{"Nhiệm vụ đã được lồng ghép vào kế hoạch khác."});
  }
  SECTION("minimal") { check_round_trip(core::TaskCancelled{}); }
}

// ---- Difficulties ----

TEST_CASE("difficulty.raised round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::DifficultyRaised{.id = "vuong-mac-1",
                                            .task = "tuyen-truyen/2026",
                                            .agency = "so-tu-phap",
                                            .text = "Chưa có kinh phí tổ chức hội nghị cấp xã."});
  }
  SECTION("minimal") { check_round_trip(core::DifficultyRaised{}); }
}

TEST_CASE("difficulty.guidance_given round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::GuidanceGiven{"Sử dụng nguồn chi thường xuyên năm 2026."});
  }
  SECTION("minimal") { check_round_trip(core::GuidanceGiven{}); }
}

// ---- Transfers ----

TEST_CASE("transfer.requested round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TransferRequested{.id = "chuyen-giao-7",
                                             .agency = "so-ngoai-vu",
                                             .partner = "LA",
                                             .plan = "ke-hoach-12",
                                             .document = secret_document(),
                                             .channel = core::Channel::kCourier,
                                             .purpose = "Phối hợp truy bắt đối tượng."});
  }
  SECTION("minimal") { check_round_trip(core::TransferRequested{}); }
}

TEST_CASE("transfer.received round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TransferReceived{
        .id = "tiep-nhan-2",
        .agency = "cong-an-tinh",
        .partner = "MN",
        .plan = "ke-hoach-12",
        .document = core::TransferDocument{.ref = "07/TM",
                                           .title = "Kết quả xác minh nhân thân",
                                           .classification = core::Classification::kTopSecret},
        .channel = core::Channel::kElectronic,
        .purpose = "Trả lời yêu cầu tương trợ tư pháp."});
  }
  SECTION("minimal") { check_round_trip(core::TransferReceived{}); }
}

TEST_CASE("transfer.approved round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TransferApproved{.approval_ref = "88/QĐ-UBND",
                                            .note = "Đồng ý chuyển giao qua giao liên."});
  }
  SECTION("minimal") { check_round_trip(core::TransferApproved{}); }
}

TEST_CASE("transfer.rejected round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::TransferRejected{"Tài liệu thuộc độ Tuyệt mật, không được chuyển."});
  }
  SECTION("minimal") { check_round_trip(core::TransferRejected{}); }
}

TEST_CASE("transfer.completed round-trips", "[events][codec]") {
  SECTION("fully populated") { check_round_trip(core::TransferCompleted{day(2026, 5, 5)}); }
  SECTION("minimal") { check_round_trip(core::TransferCompleted{}); }
}

// ---- Incidents ----

TEST_CASE("incident.reported round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::IncidentReported{
        .id = "su-co-3",
        .agency = "so-ngoai-vu",
        .kind = core::IncidentKind::kLoss,
        .classification = core::Classification::kTopSecret,
        .partner = "LA",
        .documents = {core::IncidentDocument{"03/TM", "Biên bản hội đàm cấp Bộ trưởng"},
                      core::IncidentDocument{"04/M", "Phụ lục danh sách đoàn"}},
        .discovered_at = core::Instant{1'774'080'000'123'456},
        .summary = "Thất lạc tài liệu trên đường vận chuyển về trụ sở."});
  }
  SECTION("minimal") { check_round_trip(core::IncidentReported{}); }
}

TEST_CASE("incident.received round-trips", "[events][codec]") {
  check_round_trip(core::IncidentReceived{});
}

TEST_CASE("incident.escalated round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(
        core::IncidentEscalated{.to = "bo-cong-an", .note = "Vượt thẩm quyền xử lý của tỉnh."});
  }
  SECTION("minimal") { check_round_trip(core::IncidentEscalated{}); }
}

TEST_CASE("incident.finding_added round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::FindingAdded{.kind = core::FindingKind::kPartnerNotified,
                                        .text = "Đã thông báo cho phía Lào qua kênh ngoại giao."});
  }
  SECTION("minimal") { check_round_trip(core::FindingAdded{}); }
}

TEST_CASE("incident.closed round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(
        core::IncidentClosed{"Đã thu hồi đủ tài liệu; không có thông tin bị lộ ra ngoài."});
  }
  SECTION("minimal") { check_round_trip(core::IncidentClosed{}); }
}

// ---- Inspections ----

TEST_CASE("inspection.planned round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(
        core::InspectionPlanned{.id = "insp-2026-stp",
                                .plan = "ht-ct44-2024",
                                .inspecting_agency = "cong-an-tinh",
                                .agency = "so-tu-phap",
                                .kind = core::InspectionKind::kSurprise,
                                .scheduled_on = day(2026, 5, 20),
                                .team = {"Nguyễn Văn A", "Trần Thị B"},
                                .scope = "An ninh, an toàn máy tính soạn thảo tài liệu mật"});
  }
  SECTION("minimal") { check_round_trip(core::InspectionPlanned{}); }
}

TEST_CASE("inspection.finding_recorded round-trips", "[events][codec]") {
  SECTION("with a remedy due") {
    check_round_trip(core::InspectionFindingRecorded{.number = 2,
                                                     .text = "Máy tính có kết nối Internet",
                                                     .severity = core::FindingSeverity::kHigh,
                                                     .remedy_due_on = day(2026, 7, 31),
                                                     .follow_up_task = "insp-2026-stp-f2"});
  }
  SECTION("a remedy due on the epoch stays present") {
    core::InspectionFindingRecorded finding;
    finding.remedy_due_on = core::Date{0};
    check_round_trip(finding);
  }
  SECTION("minimal") { check_round_trip(core::InspectionFindingRecorded{}); }
}

TEST_CASE("inspection.closed round-trips", "[events][codec]") {
  SECTION("fully populated") {
    check_round_trip(core::InspectionClosed{"Đơn vị đã khắc phục các thiếu sót"});
  }
  SECTION("minimal") { check_round_trip(core::InspectionClosed{}); }
}

// ---- Signing in ----

TEST_CASE("the sign-in events round-trip, every field set", "[events][codec]") {
  check_round_trip(
      core::PasswordSet{"$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$dGFn", true, "s-0123456789abcdef"});
  check_round_trip(
      core::SignedIn{"s-0123456789abcdef", std::string(64, 'a'), "2001:db8::7", true, 60000001});
  check_round_trip(core::SignInFailed{"10.0.0.1", "second_factor"});
  check_round_trip(core::SignInLocked{"10.0.0.1", core::Instant{1'800'000'000'000'000}, 10});
  check_round_trip(core::SignedOut{"s-0123456789abcdef"});
  check_round_trip(core::SecondFactorEnrolled{"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 41152263});
  check_round_trip(core::SecondFactorReset{});
  check_round_trip(core::SecondFactorPolicySet{{core::Role::kApprover, core::Role::kAdmin}});
}

// ---- Across event types ----

TEST_CASE("Body has one member per event type, in the variant's order", "[events][codec]") {
  CHECK(capnp::Schema::from<schema::Body>().getUnionFields().size() ==
        std::variant_size_v<core::EventData>);
  // Also catches an alternative added to EventData that the codec reads back as another.
  check_every_alternative_default_constructed(
      std::make_index_sequence<std::variant_size_v<core::EventData>>());
}

TEST_CASE("a present zero, empty text or epoch date stays present", "[events][codec]") {
  const core::Date epoch{0};
  core::TaskDefinition definition;
  definition.phase = "";
  definition.due_on = epoch;
  definition.recurrence = core::YearlyRecurrence{0, 0};
  core::PlanDrafted plan;
  plan.issued_on = epoch;
  plan.agreement = core::Agreement{"", "", epoch, epoch, ""};
  plan.phases = {core::Phase{"", "", epoch, epoch}};
  plan.tasks = {definition};
  check_round_trip(plan);

  core::TaskAssigned assigned;
  assigned.phase = "";
  assigned.occurrence_year = 0;
  check_round_trip(assigned);

  core::TaskProgressReported progress;
  progress.percent = 0;
  check_round_trip(progress);

  core::TaskRevised revised;
  revised.description = "";
  check_round_trip(revised);
}

TEST_CASE("texts keep every byte, an embedded NUL included", "[events][codec]") {
  constexpr char kBytes[] = "trước\0sau";
  check_round_trip(core::GuidanceGiven{std::string(kBytes, sizeof(kBytes) - 1)});
}

TEST_CASE("every value of every enum round-trips", "[events][codec]") {
  for (auto clearance : {core::Clearance::kNone, core::Clearance::kConfidential,
                         core::Clearance::kSecret, core::Clearance::kTopSecret}) {
    core::UserRegistered user;
    user.clearance = clearance;
    check_round_trip(user);
  }
  for (auto classification : {core::Classification::kConfidential, core::Classification::kSecret,
                              core::Classification::kTopSecret}) {
    for (auto channel : {core::Channel::kDiplomatic, core::Channel::kTelecom,
                         core::Channel::kElectronic, core::Channel::kCourier}) {
      core::TransferRequested transfer;
      transfer.document.classification = classification;
      transfer.channel = channel;
      check_round_trip(transfer);
    }
  }
  for (auto kind :
       {core::IncidentKind::kLeak, core::IncidentKind::kLoss, core::IncidentKind::kAtRisk}) {
    for (auto classification : {core::Classification::kConfidential, core::Classification::kSecret,
                                core::Classification::kTopSecret}) {
      core::IncidentReported incident;
      incident.kind = kind;
      incident.classification = classification;
      check_round_trip(incident);
    }
  }
  for (auto kind : {core::FindingKind::kVerification, core::FindingKind::kCause,
                    core::FindingKind::kRemediation, core::FindingKind::kPartnerNotified,
                    core::FindingKind::kNote}) {
    core::FindingAdded finding;
    finding.kind = kind;
    check_round_trip(finding);
  }
  for (auto kind : {core::InspectionKind::kPeriodic, core::InspectionKind::kSurprise}) {
    core::InspectionPlanned inspection;
    inspection.kind = kind;
    check_round_trip(inspection);
  }
  for (auto severity : {core::FindingSeverity::kLow, core::FindingSeverity::kMedium,
                        core::FindingSeverity::kHigh}) {
    core::InspectionFindingRecorded finding;
    finding.severity = severity;
    check_round_trip(finding);
  }
  // Every Role is in the fully populated user.registered above.
}

// ---- What this build cannot read ----

void check_corrupt(const core::Result<core::EventData>& decoded, const std::string& mentions) {
  INFO(describe(decoded));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().code == core::ErrorCode::kCorrupt);
  CHECK_THAT(decoded.error().message, Contains(mentions));
}

core::Result<core::EventData> decode_flat(capnp::MessageBuilder& builder) {
  kj::Array<capnp::word> flat = capnp::messageToFlatArray(builder);
  capnp::FlatArrayMessageReader reader(flat);
  return decode_payload(reader.getRoot<schema::Body>());
}

TEST_CASE("a union member newer than this build is corrupt, named by its ordinal",
          "[events][codec]") {
  capnp::MallocMessageBuilder builder;
  auto body = builder.initRoot<schema::Body>();
  encode_payload(core::TokenRevoked{"tok-01"}, body);

  // A newer writer's first new member: the ordinal after the last this build knows. The
  // discriminant is a little-endian UInt16 in Body's data section, at an offset the schema gives
  // in 16-bit units.
  const uint16_t newer = std::variant_size_v<core::EventData>;
  const uint32_t offset =
      capnp::Schema::from<schema::Body>().getProto().getStruct().getDiscriminantOffset();
  kj::ArrayPtr<kj::byte> data =
      capnp::AnyStruct::Builder(schema::Body::Builder(body)).getDataSection();
  REQUIRE(data.size() >= (offset + 1) * sizeof(uint16_t));
  data[offset * 2] = static_cast<kj::byte>(newer & 0xff);
  data[offset * 2 + 1] = static_cast<kj::byte>(newer >> 8);
  REQUIRE(static_cast<uint16_t>(body.which()) == newer);

  const std::string named = "@" + std::to_string(newer);
  check_corrupt(decode_payload(body.asReader()), named);
  check_corrupt(decode_flat(builder), named);
}

TEST_CASE("an enum value newer than this build is corrupt", "[events][codec]") {
  capnp::MallocMessageBuilder builder;
  auto body = builder.initRoot<schema::Body>();

  SECTION("Role, in a list") {
    core::UserRegistered user;
    user.roles = {core::Role::kOfficer, core::Role::kAuditor};
    encode_payload(user, body);
    body.getUserRegistered().getRoles().set(1, static_cast<schema::Role>(6));
    check_corrupt(decode_payload(body.asReader()), "Role value 6");
  }
  SECTION("Clearance") {
    encode_payload(core::UserRegistered{}, body);
    body.getUserRegistered().setClearance(static_cast<schema::Clearance>(4));
    check_corrupt(decode_payload(body.asReader()), "Clearance value 4");
  }
  SECTION("Classification, in a nested document") {
    encode_payload(core::TransferReceived{}, body);
    body.getTransferReceived().getDocument().setClassification(
        static_cast<schema::Classification>(3));
    check_corrupt(decode_payload(body.asReader()), "Classification value 3");
  }
  SECTION("Channel") {
    encode_payload(core::TransferRequested{}, body);
    body.getTransferRequested().setChannel(static_cast<schema::Channel>(4));
    check_corrupt(decode_payload(body.asReader()), "Channel value 4");
  }
  SECTION("IncidentKind") {
    encode_payload(core::IncidentReported{}, body);
    body.getIncidentReported().setKind(static_cast<schema::IncidentKind>(3));
    check_corrupt(decode_payload(body.asReader()), "IncidentKind value 3");
  }
  SECTION("FindingKind") {
    encode_payload(core::FindingAdded{}, body);
    body.getFindingAdded().setKind(static_cast<schema::FindingKind>(99));
    check_corrupt(decode_payload(body.asReader()), "FindingKind value 99");
    check_corrupt(decode_flat(builder), "FindingKind value 99");
  }
}

TEST_CASE("a body that holds no event is corrupt", "[events][codec]") {
  // Cap'n Proto would read the missing member as an AgencyRegistered of empty fields.
  capnp::MallocMessageBuilder builder;
  builder.initRoot<schema::Body>();
  check_corrupt(decode_payload(builder.getRoot<schema::Body>().asReader()), "no event");
  check_corrupt(decode_flat(builder), "no event");
}

TEST_CASE("a malformed message is corrupt, not an exception", "[events][codec]") {
  capnp::MallocMessageBuilder builder;
  auto body = builder.initRoot<schema::Body>();
  encode_payload(core::TokenRevoked{"tok-01"}, body);

  // Point Body's member far past the end of the segment: a struct pointer (tag 0) with an offset
  // of 2^20 words and one pointer. The pointer section follows the data section. Written as a
  // native integer: Cap'n Proto is little-endian, as is every machine Mandate builds on.
  constexpr uint64_t kOutOfBounds = (uint64_t{1} << 48) | (uint64_t{1} << 20 << 2);
  kj::ArrayPtr<kj::byte> data =
      capnp::AnyStruct::Builder(schema::Body::Builder(body)).getDataSection();
  std::memcpy(data.end(), &kOutOfBounds, sizeof(kOutOfBounds));

  check_corrupt(decode_flat(builder), "malformed message");
}

// Found by fuzz/envelope_fuzz.cc: a 408-byte envelope read as a submission with 2.8 million
// empty evidence items (a list of structs of no words each, 1 word of traversal per element),
// which could not even be written back within Cap'n Proto's limits.
TEST_CASE("a list of values whose elements hold nothing is corrupt", "[events][codec]") {
  capnp::MallocMessageBuilder builder;
  auto body = builder.initRoot<schema::Body>();
  encode_payload(core::TaskSubmitted{.agency = "so-tu-phap"}, body);
  const uint32_t slot = capnp::Schema::from<schema::TaskSubmitted>()
                            .getFieldByName("evidence")
                            .getProto()
                            .getSlot()
                            .getOffset();
  auto pointers = capnp::AnyStruct::Builder(body.getTaskSubmitted()).getPointerSection();
  REQUIRE(slot < pointers.size());
  pointers[slot].initAsAnyList(capnp::ElementSize::VOID, 1'000'000);
  check_corrupt(decode_payload(body.asReader()), "hold nothing");
  check_corrupt(decode_flat(builder), "hold nothing");
}

}  // namespace
}  // namespace mandate::events
