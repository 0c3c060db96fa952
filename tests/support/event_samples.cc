#include "tests/support/event_samples.h"

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace mandate::testing {
namespace {

using namespace mandate::core;

Date day(int year, unsigned month, unsigned d) { return date_from_civil(year, month, d); }

// 2025-03-14T09:26:53.589793Z and an hour later.
constexpr Instant kDiscovered{1741944413589793};
constexpr Instant kUntil{1741948013000000};

TaskDefinition definition() {
  TaskDefinition t;
  t.id = "tuyen-truyen";
  t.kind = TaskKind::kOnEvent;
  t.phase = "I";
  t.section = "dissemination";
  t.title = "Tuyên truyền, phổ biến nội dung Hiệp định";
  t.description = "Tổ chức hội nghị quán triệt.";
  t.lead = "so-tu-phap";
  t.coordinators = {"*", "cong-an-tinh"};
  t.due_on = day(2026, 6, 30);
  t.recurrence = YearlyRecurrence{.due_month = 12, .due_day = 15};
  t.request = true;
  t.trigger = "a breach is reported";
  t.source = "001:28-30";
  t.set_off_by = "incident";
  return t;
}

TransferDocument document() {
  return {.ref = "15/CV-SNgV", .title = "Danh sách", .classification = Classification::kSecret};
}

}  // namespace

std::vector<EventData> full_event_samples() {
  std::vector<EventData> out;
  out.push_back(AgencyRegistered{.id = "cong-an-qn",
                                 .name = "Công an tỉnh Quảng Ninh",
                                 .parent = "bo-cong-an",
                                 .kind = "công an tỉnh"});
  out.push_back(UserRegistered{.id = "nguyen-van-an",
                               .name = "Nguyễn Văn Ân",
                               .agency = "cong-an-qn",
                               .roles = {Role::kCoordinator, Role::kAuditor},
                               .clearance = Clearance::kTopSecret});
  out.push_back(TokenIssued{.token_id = "tok-01", .token_sha256 = "9f86d081884c7d65"});
  out.push_back(TokenRevoked{.token_id = "tok-01"});
  {
    PlanDrafted p;
    p.id = "ke-hoach-12";
    p.code = "12/KH-UBND";
    p.title = "Kế hoạch thực hiện Hiệp định";
    p.issuer = "Ủy ban nhân dân tỉnh";
    p.issued_on = day(2026, 3, 21);
    p.focal_agency = "so-ngoai-vu";
    p.basis = {"Luật Bảo vệ bí mật nhà nước", "Nghị định 26/2020"};
    p.agreement = Agreement{.partner = "LA",
                            .title = "Hiệp định hợp tác",
                            .signed_on = day(1962, 9, 5),
                            .effective_on = day(2024, 1, 1),
                            .term = "vô thời hạn"};
    p.phases = {Phase{.key = "I",
                      .title = "Chuẩn bị",
                      .starts_on = day(2026, 4, 1),
                      .ends_on = day(2026, 6, 30)},
                Phase{.key = "II", .title = "Triển khai", .starts_on = day(2026, 7, 1)}};
    TaskDefinition each = definition();
    each.id = "bao-cao";
    each.kind = TaskKind::kEach;
    each.recurrence = YearlyRecurrence{.due_month = 0, .due_day = 0, .undated = true};
    p.tasks = {definition(), each};
    p.audience = {"*", "so-tu-phap"};
    out.push_back(std::move(p));
  }
  out.push_back(PlanTaskAdded{.task = definition()});
  out.push_back(PlanIssued{.task_ids = {"tuyen-truyen/2026", "bao-cao"}, .years = {2026, 2027}});
  {
    TaskAssigned t;
    t.id = "tuyen-truyen/2027";
    t.plan = "ke-hoach-12";
    t.definition = "tuyen-truyen";
    t.phase = "I";
    t.section = "dissemination";
    t.title = "Tuyên truyền";
    t.description = "Tổ chức hội nghị.";
    t.lead = "so-tu-phap";
    t.coordinators = {"cong-an-tinh", "so-ngoai-vu"};
    t.due_on = day(2027, 12, 15);
    t.occurrence_year = 2027;
    t.kind = TaskKind::kEach;
    t.request = true;
    t.focal_agency = "thanh-tra";
    out.push_back(std::move(t));
  }
  out.push_back(TaskAcknowledged{.agency = "so-tu-phap", .revision = 3});
  out.push_back(TaskProgressReported{.agency = "so-tu-phap", .note = "Đã họp", .percent = 40});
  out.push_back(TaskSubmitted{.agency = "so-tu-phap",
                              .submission = 2,
                              .note = "Báo cáo",
                              .evidence = {Evidence{.ref = "BC-1", .title = "Biên bản"},
                                           Evidence{.ref = "BC-2", .title = "Ảnh"}}});
  out.push_back(TaskApproved{.submission = 2, .note = "Đạt", .agency = "so-tu-phap"});
  out.push_back(TaskReturned{.submission = 1, .reason = "Thiếu", .agency = "so-tu-phap"});
  out.push_back(TaskExtended{
      .previous_due_on = day(2026, 6, 30), .due_on = day(2026, 9, 30), .reason = "Bão"});
  out.push_back(TaskRevised{.description = "Mở rộng",
                            .coordinators_added = {"so-y-te", "so-gd"},
                            .coordinators_removed = {"cong-an-tinh", "so-ngoai-vu"}});
  out.push_back(TaskCancelled{.reason = "Trùng lặp"});
  out.push_back(DifficultyRaised{
      .id = "kk-1", .task = "tuyen-truyen/2027", .agency = "so-tu-phap", .text = "Thiếu kinh phí"});
  out.push_back(GuidanceGiven{.text = "Dùng kinh phí thường xuyên"});
  out.push_back(TransferRequested{.id = "cg-1",
                                  .agency = "cong-an-qn",
                                  .partner = "LA",
                                  .plan = "ke-hoach-12",
                                  .document = document(),
                                  .channel = Channel::kCourier,
                                  .purpose = "Phối hợp truy nã"});
  out.push_back(TransferReceived{.id = "cg-2",
                                 .agency = "cong-an-qn",
                                 .partner = "IT",
                                 .plan = "ke-hoach-12",
                                 .document = document(),
                                 .channel = Channel::kElectronic,
                                 .purpose = "Trao đổi",
                                 .received_on = day(2026, 5, 2)});
  out.push_back(TransferApproved{.approval_ref = "99/QĐ",
                                 .note = "Đồng ý",
                                 .approved_on = day(2026, 5, 3),
                                 .signed_by = "Chủ tịch"});
  out.push_back(TransferRejected{.reason = "Không đủ căn cứ"});
  out.push_back(TransferCompleted{.completed_on = day(2026, 5, 9), .cipher_protected = true});
  out.push_back(IncidentReported{.id = "sc-1",
                                 .agency = "cong-an-qn",
                                 .kind = IncidentKind::kAtRisk,
                                 .classification = Classification::kTopSecret,
                                 .partner = "MN",
                                 .documents = {IncidentDocument{.ref = "TL-1", .title = "Hồ sơ"},
                                               IncidentDocument{.ref = "TL-2", .title = "Bản đồ"}},
                                 .discovered_at = kDiscovered,
                                 .summary = "Mất tài liệu",
                                 .plan = "ke-hoach-12",
                                 .transfer = "cg-1"});
  out.push_back(IncidentReceived{});
  out.push_back(IncidentEscalated{.to = "ubnd-tinh", .note = "Vượt thẩm quyền"});
  out.push_back(FindingAdded{.kind = FindingKind::kPartnerNotified, .text = "Đã báo phía bạn"});
  out.push_back(IncidentClosed{.conclusion = "Đã khắc phục"});
  out.push_back(PlanYearOpened{.year = 2027, .task_ids = {"tuyen-truyen/2027", "bao-cao/2027"}});
  out.push_back(PlanAudienceWidened{.agencies = {"so-y-te", "so-gd"}});
  out.push_back(TaskDueSet{.previous_due_on = day(2026, 6, 30), .due_on = day(2026, 8, 31)});
  out.push_back(TransferProposed{.note = "Trình Chủ tịch", .police_opinion = "Đồng ý"});
  out.push_back(InspectionPlanned{.id = "kt-1",
                                  .plan = "ke-hoach-12",
                                  .inspecting_agency = "so-ngoai-vu",
                                  .agency = "so-tu-phap",
                                  .kind = InspectionKind::kSurprise,
                                  .scheduled_on = day(2026, 10, 1),
                                  .team = {"Trần A", "Lê B"},
                                  .scope = "Lưu trữ tài liệu mật"});
  out.push_back(InspectionFindingRecorded{.number = 2,
                                          .text = "Sổ đăng ký thiếu",
                                          .severity = FindingSeverity::kHigh,
                                          .remedy_due_on = day(2026, 11, 1),
                                          .follow_up_task = "kt-1-f2"});
  out.push_back(InspectionClosed{.conclusion = "Đạt yêu cầu"});
  out.push_back(PasswordSet{.hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$dGFn",
                            .must_change = true,
                            .kept_session = "ss-1"});
  out.push_back(SignedIn{.session_id = "ss-1",
                         .session_sha256 = "2c26b46b68ffc68f",
                         .source = "10.0.0.7",
                         .second_factor = true,
                         .totp_step = 58064813});
  out.push_back(SignInFailed{.source = "10.0.0.7", .reason = "second_factor"});
  out.push_back(SignInLocked{.source = "10.0.0.7", .until = kUntil, .failures = 5});
  out.push_back(SignedOut{.session_id = "ss-1"});
  out.push_back(SecondFactorEnrolled{.secret_base32 = "JBSWY3DPEHPK3PXP", .totp_step = 58064814});
  out.push_back(SecondFactorReset{});
  out.push_back(SecondFactorPolicySet{.roles = {Role::kAdmin, Role::kApprover}});
  return out;
}

std::vector<EventData> sparse_event_samples() {
  std::vector<EventData> out;
  for (const EventData& full : full_event_samples()) {
    // Each alternative default-constructed, but FindingAdded's kind, set so that the sample
    // does not depend on the struct's default (note until the schema generated the structs,
    // verification, the schema's first value, since).
    out.push_back(
        std::visit([](const auto& e) { return EventData(std::decay_t<decltype(e)>{}); }, full));
    if (auto* finding = std::get_if<FindingAdded>(&out.back())) {
      finding->kind = FindingKind::kNote;
    }
  }
  return out;
}

}  // namespace mandate::testing
