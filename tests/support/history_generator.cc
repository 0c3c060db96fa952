#include "tests/support/history_generator.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/difficulty.h"
#include "core/incident.h"
#include "core/plan.h"
#include "core/task.h"
#include "core/transfer.h"
#include "events/command_handler.h"
#include "http/json_body.h"
#include "http/plan_json.h"
#include "tools/seed.h"

namespace mandate::testing {
namespace {

namespace fs = std::filesystem;

const core::Caller kAdmin{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};
constexpr int64_t kTick = 90'000'000;  // The clock's step: 90 s.
const std::vector<std::string> kPartners{"LA", "IT", "MN"};

template <typename T>
void drop(std::vector<T>& items, const T& item) {
  items.erase(std::remove(items.begin(), items.end(), item), items.end());
}

core::Result<core::PlanDrafted> read_plan(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  ASSIGN_OR_RETURN(auto json, http::parse_json_text(text.str()));
  return http::plan_from_json(json);
}

}  // namespace

HistoryGenerator::HistoryGenerator(events::EventStore& store, uint32_t seed, std::string plans_dir)
    : store_(store), commands_(store), rng_(seed), plans_dir_(std::move(plans_dir)) {}

std::function<core::Instant()> HistoryGenerator::clock() {
  auto next =
      std::make_shared<std::atomic<int64_t>>(core::parse_instant("2025-01-06T01:00:00Z")->micros);
  return [next] { return core::Instant{next->fetch_add(kTick)}; };
}

core::Instant HistoryGenerator::now() const {
  return fed_ == 0 ? *core::parse_instant("2025-01-06T01:00:00Z") : last_recorded_;
}

core::Caller HistoryGenerator::officer_of(const std::string& agency) const {
  return core::Caller{
      "officer-" + agency, agency, {core::Role::kOfficer}, core::Clearance::kSecret};
}

core::Status HistoryGenerator::feed() {
  const uint64_t head = store_.head().position;
  while (fed_ < head) {
    ASSIGN_OR_RETURN(auto events, store_.read_all(fed_ + 1, 4096));
    if (events.empty()) break;
    for (const auto& event : events) {
      for (auto* projection : views_.all()) projection->apply(event);
      last_recorded_ = event.recorded_at;
      fed_ = event.position;
    }
  }
  if (after_append) after_append(fed_);
  return core::ok_status();
}

core::Status HistoryGenerator::append(const core::Decision& decision, const core::Caller& caller) {
  auto appended = store_.append(decision, events::AppendContext{caller.actor(), "", ""});
  if (!appended.ok()) return appended.take_error();
  return feed();
}

core::Status HistoryGenerator::seed() {
  RETURN_IF_ERROR(tools::load_seed(commands_, plans_dir_, now()));
  RETURN_IF_ERROR(feed());
  for (const auto& [id, row] : views_.directory.agencies()) agencies_.push_back(id);
  for (const auto& entry : fs::directory_iterator(plans_dir_)) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "agencies.json") {
      continue;
    }
    ASSIGN_OR_RETURN(auto draft, read_plan(entry.path()));
    seed_drafts_.push_back(std::move(draft));
  }
  std::sort(seed_drafts_.begin(), seed_drafts_.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& [id, task] : views_.tasks.all()) open_tasks_.push_back(id);
  return core::ok_status();
}

core::Status HistoryGenerator::run(uint64_t events) {
  if (!seeded_) {
    RETURN_IF_ERROR(seed());
    seeded_ = true;
  }
  while (store_.head().position < events) RETURN_IF_ERROR(step());
  return core::ok_status();
}

core::Status HistoryGenerator::step() {
  // A province issues a plan now and then; most of its log is the work on the plans it has.
  if (open_tasks_.size() < 40 || below(4000) == 0) return new_plan();
  const int roll = below(100);
  if (roll < 70) return work_on_task();
  if (roll < 82) return transfer();
  if (roll < 92) return incident();
  return difficulty();
}

core::Status HistoryGenerator::new_plan() {
  core::PlanDrafted draft =
      seed_drafts_[static_cast<size_t>(below(static_cast<int>(seed_drafts_.size())))];
  const std::string suffix = "-g" + std::to_string(++copies_);
  draft.id += suffix;
  draft.code += suffix;
  for (auto& task : draft.tasks) task.id += suffix;
  const events::StoreDirectory directory(commands_);
  const std::string stream = core::plan_stream(draft.id);
  for (const core::PlanCommand& command :
       {core::PlanCommand{core::CreatePlan{draft}}, core::PlanCommand{core::IssuePlan{}}}) {
    const auto* plan = views_.plans.find(draft.id);
    const core::PlanState state = plan != nullptr ? *plan : core::PlanState{};
    ASSIGN_OR_RETURN(auto decision, core::decide(state, command, kAdmin, now(), directory));
    RETURN_IF_ERROR(append(decision, kAdmin));
  }
  for (const std::string_view id : views_.tasks.of_plan(draft.id)) open_tasks_.emplace_back(id);
  return core::ok_status();
}

core::Status HistoryGenerator::work_on_task() {
  const std::string id =
      open_tasks_[static_cast<size_t>(below(static_cast<int>(open_tasks_.size())))];
  const core::TaskState& task = *views_.tasks.find(id);
  const auto status = core::task_status(task);
  if (task.cancelled || status == core::AssignmentStatus::kApproved) {
    drop(open_tasks_, id);
    return core::ok_status();
  }
  core::TaskCommand command = core::AcknowledgeTask{};
  core::Caller caller = kAdmin;
  const core::Assignment& lead = task.assignments.front();
  std::vector<const core::Assignment*> unacknowledged;
  for (const auto& a : task.assignments) {
    if (core::needs_acknowledgement(a, task)) unacknowledged.push_back(&a);
  }
  const int roll = below(100);
  if (!unacknowledged.empty() && roll < 50) {
    caller = officer_of(
        unacknowledged[static_cast<size_t>(below(static_cast<int>(unacknowledged.size())))]
            ->agency);
  } else if (roll < 53) {
    command = core::ExtendTask{
        core::Date{task.due_on.value_or(core::Date{20000}).days + 30 + below(60)}, "gia hạn"};
  } else if (roll < 55) {
    command = core::ReviseTask{"mô tả sửa lần " + std::to_string(++counter_), std::nullopt};
  } else if (roll < 56) {
    command = core::CancelTask{"không còn phù hợp"};
  } else if (status == core::AssignmentStatus::kSubmitted) {
    if (chance(50)) {
      command = core::ApproveTask{"đạt yêu cầu", ""};
    } else {
      command = core::ReturnTask{"bổ sung hồ sơ", ""};
    }
  } else {
    caller = officer_of(lead.agency);
    if (lead.status == core::AssignmentStatus::kAssigned) {
      command = core::AcknowledgeTask{};
    } else if (chance(92)) {
      // Any agency on the task reports its progress, again and again over the years.
      const auto& by =
          task.assignments[static_cast<size_t>(below(static_cast<int>(task.assignments.size())))];
      caller = officer_of(by.agency);
      command = core::ReportProgress{"đã triển khai " + std::to_string(below(10)),
                                     static_cast<uint32_t>(below(101))};
    } else {
      command = core::SubmitTask{"báo cáo kết quả",
                                 {core::Evidence{"BC-" + std::to_string(++counter_), "Báo cáo"}}};
    }
  }
  const events::StoreDirectory directory(commands_);
  auto decision = core::decide(task, command, caller, now(), directory);
  if (!decision.ok()) return core::ok_status();  // Refused: the log is unchanged.
  return append(*decision, caller);
}

core::Status HistoryGenerator::transfer() {
  const events::StoreDirectory directory(commands_);
  if (open_transfers_.empty() || chance(35)) {
    const std::string id = "tr-" + std::to_string(++counter_);
    const std::string agency =
        agencies_[static_cast<size_t>(below(static_cast<int>(agencies_.size())))];
    const core::TransferDocument document{
        "CV-" + std::to_string(counter_), "Tài liệu trao đổi " + std::to_string(counter_),
        chance(50) ? core::Classification::kSecret : core::Classification::kConfidential};
    const std::string partner = kPartners[static_cast<size_t>(below(3))];
    core::TransferCommand command =
        chance(75) ? core::TransferCommand{core::RequestTransfer{
                         id, agency, partner, "", document, core::Channel::kDiplomatic, "hợp tác"}}
                   : core::TransferCommand{core::RecordInboundTransfer{
                         id, agency, partner, "", document, core::Channel::kCourier, "hợp tác",
                         std::nullopt}};
    const auto caller = officer_of(agency);
    auto decision = core::decide(core::TransferState{}, command, caller, now(), directory);
    if (!decision.ok()) return core::ok_status();
    RETURN_IF_ERROR(append(*decision, caller));
    if (std::holds_alternative<core::RequestTransfer>(command)) open_transfers_.push_back(id);
    return core::ok_status();
  }
  const std::string id =
      open_transfers_[static_cast<size_t>(below(static_cast<int>(open_transfers_.size())))];
  const core::TransferState& state = *views_.transfers.find(id);
  // The competent approver decides; under the People's Committee, after its Office proposes.
  const core::CompetentApprover competent = core::competent_approver(state.agency, directory);
  const core::Date today = core::local_date_of(now(), directory.utc_offset_minutes());
  core::TransferCommand command =
      core::ApproveTransfer{"PD-" + std::to_string(++counter_), today, "Chủ tịch", ""};
  core::Caller caller{"approver-" + competent.agency,
                      competent.agency,
                      {core::Role::kApprover},
                      core::Clearance::kTopSecret};
  if (state.status == core::TransferStatus::kApproved) {
    command = core::CompleteTransfer{today, chance(80)};
    caller = officer_of(state.agency);
  } else if (state.status != core::TransferStatus::kRequested &&
             state.status != core::TransferStatus::kProposed) {
    drop(open_transfers_, id);
    return core::ok_status();
  } else if (chance(20)) {
    command = core::RejectTransfer{"chưa đủ căn cứ"};
  } else if (competent.needs_proposal && state.status == core::TransferStatus::kRequested) {
    const std::string office = directory.authorities().committee_office;
    command = core::ProposeTransfer{"đề nghị", "Công an tỉnh đồng ý"};
    caller = core::Caller{
        "officer-" + office, office, {core::Role::kOfficer}, core::Clearance::kTopSecret};
  }
  auto decision = core::decide(state, command, caller, now(), directory);
  if (!decision.ok()) return core::ok_status();
  return append(*decision, caller);
}

core::Status HistoryGenerator::incident() {
  const events::StoreDirectory directory(commands_);
  if (open_incidents_.empty() || chance(25)) {
    const std::string id = "sc-" + std::to_string(++counter_);
    const std::string agency =
        agencies_[static_cast<size_t>(below(static_cast<int>(agencies_.size())))];
    core::ReportIncident report;
    report.id = id;
    report.agency = agency;
    report.kind = chance(60) ? core::IncidentKind::kLeak : core::IncidentKind::kLoss;
    report.classification =
        chance(30) ? core::Classification::kSecret : core::Classification::kConfidential;
    report.documents = {core::IncidentDocument{"TL-" + std::to_string(counter_), "Tài liệu mật"}};
    report.discovered_at = core::Instant{now().micros - 3600LL * 1'000'000 * (1 + below(48))};
    report.summary = "Phát hiện lộ tài liệu " + std::to_string(counter_);
    const auto caller = officer_of(agency);
    auto decision = core::decide(core::IncidentState{}, report, caller, now(), directory);
    if (!decision.ok()) return core::ok_status();
    RETURN_IF_ERROR(append(*decision, caller));
    open_incidents_.push_back(id);
    return core::ok_status();
  }
  const std::string id =
      open_incidents_[static_cast<size_t>(below(static_cast<int>(open_incidents_.size())))];
  const core::IncidentState& state = *views_.incidents.find(id);
  // Each step by the office whose turn it is (core/incident.h): the police division receives,
  // finds and closes; each holder escalates to the next.
  const core::Authorities offices = directory.authorities();
  auto staff_of = [](const std::string& agency) {
    return core::Caller{"staff-" + agency,
                        agency,
                        {core::Role::kCoordinator, core::Role::kInvestigator},
                        core::Clearance::kTopSecret};
  };
  const core::Caller police = staff_of(offices.police_division);
  core::Caller caller = police;
  static constexpr core::FindingKind kKinds[] = {
      core::FindingKind::kVerification, core::FindingKind::kCause, core::FindingKind::kRemediation};
  core::IncidentCommand command =
      core::AddFinding{kKinds[below(3)], "xác minh " + std::to_string(++counter_), std::nullopt};
  switch (state.status) {
    case core::IncidentStatus::kReported:
      command = core::ReceiveIncident{};
      break;
    case core::IncidentStatus::kReceived:
    case core::IncidentStatus::kEscalated:
      if (chance(30) && state.holder != offices.ministry_division) {
        caller = staff_of(state.holder);
        command = core::EscalateIncident{
            state.holder == offices.police_division ? offices.committee : offices.ministry_division,
            "báo cáo"};
      } else if (chance(20)) {
        command = core::CloseIncident{"đã khắc phục"};
      }
      break;
    case core::IncidentStatus::kClosed:
      drop(open_incidents_, id);
      return core::ok_status();
  }
  auto decision = core::decide(state, command, caller, now(), directory);
  if (!decision.ok()) return core::ok_status();
  return append(*decision, caller);
}

core::Status HistoryGenerator::difficulty() {
  const events::StoreDirectory directory(commands_);
  if (difficulties_.empty() || chance(50)) {
    const std::string task_id =
        open_tasks_[static_cast<size_t>(below(static_cast<int>(open_tasks_.size())))];
    const core::TaskState& task = *views_.tasks.find(task_id);
    const std::string id = "kk-" + std::to_string(++counter_);
    const auto caller = officer_of(task.assignments.front().agency);
    auto decision = core::decide(core::DifficultyState{}, task,
                                 core::RaiseDifficulty{id, task_id, "thiếu kinh phí"}, caller,
                                 now(), directory);
    if (!decision.ok()) return core::ok_status();
    RETURN_IF_ERROR(append(*decision, caller));
    difficulties_.push_back(id);
    return core::ok_status();
  }
  const std::string id =
      difficulties_[static_cast<size_t>(below(static_cast<int>(difficulties_.size())))];
  const core::DifficultyState& state = *views_.difficulties.find(id);
  const core::TaskState& task = *views_.tasks.find(state.task);
  auto decision =
      core::decide(state, task, core::GiveGuidance{"hướng dẫn bổ sung"}, kAdmin, now(), directory);
  if (!decision.ok()) return core::ok_status();
  return append(*decision, kAdmin);
}

}  // namespace mandate::testing
