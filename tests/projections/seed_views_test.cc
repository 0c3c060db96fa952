// The views' figures checked by hand on the Laos plan (plans/vn-la-2024.json) issued on
// 2026-11-23: counts that partition the assignments, days overdue, yearly occurrences and
// transfer statistics, as the API answers them (http/view_answers.h).
//
// The plan, as its file holds it: phase I (2024) has four tasks due 2024-12-31: la-training
// (led by cong-an-tinh alone), la-notify-entry-into-force (so-ngoai-vu alone), la-media
// (so-thong-tin-truyen-thong alone) and la-brief-staff (cong-an-tinh with "*": the other 22
// agencies of agencies.json). Eight standing tasks recur yearly (due 12-15) from 2024, so on
// 2026-11-23 each has occurrences 2024, 2025 and 2026.

#include <atomic>

#include <catch2/catch.hpp>

#include "core/task.h"
#include "core/transfer.h"
#include "events/command_handler.h"
#include "http/view_answers.h"
#include "projections/replay.h"
#include "tests/support/temp_dir.h"
#include "tools/seed.h"

namespace mandate::projections {
namespace {

using nlohmann::json;

const core::Caller kAdmin{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};
// The Laos plan's audience (plans/README.md): the bodies of the province that 001 addresses.
constexpr size_t kLaosAudience = 10;

core::Caller officer(const std::string& agency) {
  return core::Caller{"officer", agency, {core::Role::kOfficer}, core::Clearance::kSecret};
}

class SeededProvince {
 public:
  SeededProvince() {
    events::StoreOptions options;
    options.path = dir_.sub("log");
    options.clock = [this] { return core::Instant{now_.fetch_add(1'000'000)}; };
    auto store = events::EventStore::open(options);
    REQUIRE(store.ok());
    store_ = std::move(store).value();
    commands_ = std::make_unique<events::CommandHandler>(*store_);
    REQUIRE(tools::load_seed(*commands_, MANDATE_PLANS_DIR, now()).ok());
  }

  core::Instant now() const { return core::Instant{now_.load()}; }

  void task(const std::string& id, const core::Caller& caller, const core::TaskCommand& command) {
    const events::StoreDirectory directory(*commands_);
    auto done = commands_->execute<core::TaskState>(
        core::task_stream(id), caller, {}, [&](const core::TaskState& s) {
          return core::decide(s, command, caller, now(), directory);
        });
    INFO(id << ": " << (done.ok() ? "" : done.error().message));
    REQUIRE(done.ok());
  }

  void transfer(const std::string& id, const core::Caller& caller,
                const core::TransferCommand& command) {
    const events::StoreDirectory directory(*commands_);
    auto done = commands_->execute<core::TransferState>(
        core::transfer_stream(id), caller, {}, [&](const core::TransferState& s) {
          return core::decide(s, command, caller, now(), directory);
        });
    INFO(id << ": " << (done.ok() ? "" : done.error().message));
    REQUIRE(done.ok());
  }

  // The view's answer as GET /v1/views/<name>?<query> gives it to the admin, judged on `on`.
  json view(const std::string& name, http::Params query, const std::string& on) {
    Views views;
    const uint64_t head = store_->head().position;
    REQUIRE(rebuild_into(*store_, head, views).ok());
    const auto* spec = http::find_view(name);
    REQUIRE(spec != nullptr);
    auto answer =
        http::answer_view(*spec, views, kAdmin, query, Moment{head, *core::parse_date(on), false});
    REQUIRE(answer.ok());
    return answer->body;
  }

 private:
  testing::TempDir dir_;
  std::atomic<int64_t> now_{core::parse_instant("2026-11-23T02:00:00Z")->micros};
  std::unique_ptr<events::EventStore> store_;
  std::unique_ptr<events::CommandHandler> commands_;
};

const json& row_of(const json& phase, const std::string& agency) {
  for (const auto& row : phase["agencies"]) {
    if (row["agency"] == agency) return row;
  }
  FAIL("no row for " << agency);
  throw std::logic_error("unreachable");
}

const json& phase_of(const json& status, const std::string& key) {
  for (const auto& phase : status["phases"]) {
    if (phase["key"] == key) return phase;
  }
  FAIL("no phase " << key);
  throw std::logic_error("unreachable");
}

TEST_CASE("phase status partitions each agency's assignments", "[projections][seed][views]") {
  SeededProvince province;
  // The lead works la-training to approval; Foreign Affairs acknowledges the briefing.
  province.task("la-training", officer("cong-an-tinh"), core::AcknowledgeTask{});
  province.task("la-training", officer("cong-an-tinh"), core::ReportProgress{"2 lớp", 50u});
  province.task("la-training", officer("cong-an-tinh"),
                core::SubmitTask{"xong", {core::Evidence{"12/BC", "Báo cáo"}}});
  province.task("la-training", kAdmin, core::ApproveTask{"đạt"});
  province.task("la-brief-staff", officer("so-ngoai-vu"), core::AcknowledgeTask{});

  const json status = province.view("phase-status", {{"plan", "vn-la-2024"}}, "2026-11-23");
  const json& one = phase_of(status, "I");
  // Phase I's duties reach the Laos plan's audience (its ten bodies), not the whole server.
  CHECK(one["agencies"].size() == kLaosAudience);

  const json& police = row_of(one, "cong-an-tinh");
  CHECK(police["assigned"] == 2);  // la-training and its own part of la-brief-staff
  CHECK(police["approved"] == 1);
  CHECK(police["unacknowledged"] == 1);
  CHECK(police["overdue"] == 1);  // The approved task is no longer overdue; its brief is.
  CHECK(police["percent_done"] == 50.0);

  const json& foreign = row_of(one, "so-ngoai-vu");
  CHECK(foreign["assigned"] == 2);  // la-notify-entry-into-force and la-brief-staff
  CHECK(foreign["acknowledged"] == 1);
  CHECK(foreign["unacknowledged"] == 1);
  CHECK(foreign["overdue"] == 2);

  const json& justice = row_of(one, "so-tu-phap");
  CHECK(justice["assigned"] == 1);  // la-brief-staff only
  CHECK(justice["unacknowledged"] == 1);

  // In every phase and for every agency, the states partition the assignments.
  for (const auto& phase : status["phases"]) {
    for (const auto& row : phase["agencies"]) {
      const int parts = row["unacknowledged"].get<int>() + row["acknowledged"].get<int>() +
                        row["in_progress"].get<int>() + row["submitted"].get<int>() +
                        row["approved"].get<int>() + row["cancelled"].get<int>();
      CAPTURE(phase["key"], row["agency"]);
      CHECK(parts == row["assigned"].get<int>());
    }
  }
}

TEST_CASE("overdue lists what is late on a day, most overdue first", "[projections][seed][views]") {
  SeededProvince province;
  province.task("la-training", officer("cong-an-tinh"), core::AcknowledgeTask{});
  province.task("la-training", officer("cong-an-tinh"),
                core::SubmitTask{"xong", {core::Evidence{"12/BC", "Báo cáo"}}});
  province.task("la-training", kAdmin, core::ApproveTask{"đạt"});

  const json overdue = province.view("overdue", {{"plan", "vn-la-2024"}}, "2026-11-23");
  const json& tasks = overdue["tasks"];
  // Only phase I's dated duties are late (la-training is approved): the yearly ones are
  // undated (001 gives no day), the request to the Front and the courts is never overdue, and
  // the breach report is set off by a breach. 2024-12-31 to 2026-11-23: 692 days.
  REQUIRE(tasks.size() == 3);
  for (const auto& t : tasks) {
    CHECK(t["task"] != "la-training");
    CHECK(t["days_overdue"] == 692);
    CHECK(t["phase"] == "I");
  }

  // On the due day nothing is late yet: late is due before the day.
  const json early = province.view("overdue", {{"plan", "vn-la-2024"}}, "2024-12-31");
  CHECK(early["tasks"].empty());
}

TEST_CASE("the annual report has one occurrence a year, each agency's status in it",
          "[projections][seed][views]") {
  SeededProvince province;
  province.task("la-annual-report/2025", officer("so-tu-phap"), core::AcknowledgeTask{});

  const json y2025 =
      province.view("annual-report", {{"plan", "vn-la-2024"}, {"year", "2025"}}, "2026-11-23");
  CHECK(y2025["task"] == "la-annual-report/2025");
  CHECK(y2025["due_on"].is_null());  // 001 gives no day; the police set one.
  REQUIRE(y2025["agencies"].size() == kLaosAudience);
  for (const auto& a : y2025["agencies"]) {
    CHECK(a["overdue"] == false);
    CHECK(a["status"] == (a["agency"] == "so-tu-phap" ? "acknowledged" : "assigned"));
  }
  const json y2026 =
      province.view("annual-report", {{"plan", "vn-la-2024"}, {"year", "2026"}}, "2026-11-23");
  CHECK(y2026["task"] == "la-annual-report/2026");
  CHECK(y2026["agencies"][0]["overdue"] == false);
  // 2027 has not come: no occurrence yet.
  const json y2027 =
      province.view("annual-report", {{"plan", "vn-la-2024"}, {"year", "2027"}}, "2026-11-23");
  CHECK(y2027["task"].is_null());
  CHECK(y2027["agencies"].empty());
}

TEST_CASE(
    "transfer statistics count by partner, direction, level and agency, in the year each happened",
    "[projections][seed][views]") {
  SeededProvince province;
  const core::TransferDocument secret{"15/CV-CA", "Danh mục tài liệu",
                                      core::Classification::kSecret};
  const core::TransferDocument confidential{"3/TB", "Thông báo",
                                            core::Classification::kConfidential};
  const auto police = officer("cong-an-tinh");
  province.transfer("t1", police,
                    core::RequestTransfer{"t1", "cong-an-tinh", "LA", "vn-la-2024", secret,
                                          core::Channel::kDiplomatic, "trao đổi"});
  // The provincial police belong to the Ministry, whose competent person decides (003:66).
  const core::Caller ministry{
      "bca", "bo-cong-an", {core::Role::kApprover}, core::Clearance::kTopSecret};
  province.transfer("t1", ministry,
                    core::ApproveTransfer{"88/QĐ", *core::parse_date("2026-11-23"), "Bộ trưởng"});
  province.transfer("t1", police, core::CompleteTransfer{*core::parse_date("2026-11-23"), true});
  province.transfer("t2", police,
                    core::RequestTransfer{"t2", "cong-an-tinh", "LA", "", secret,
                                          core::Channel::kCourier, "trao đổi"});
  province.transfer("t2", ministry, core::RejectTransfer{"chưa đủ căn cứ"});
  province.transfer("t3", police,
                    core::RequestTransfer{"t3", "cong-an-tinh", "IT", "", confidential,
                                          core::Channel::kDiplomatic, "trao đổi"});
  province.transfer("t4", police,
                    core::RecordInboundTransfer{"t4", "cong-an-tinh", "LA", "", confidential,
                                                core::Channel::kDiplomatic, "nhận"});
  // Received in the last days of 2025, recorded in 2026: it counts in 2025.
  province.transfer("t5", police,
                    core::RecordInboundTransfer{"t5", "cong-an-tinh", "LA", "", confidential,
                                                core::Channel::kDiplomatic, "nhận",
                                                *core::parse_date("2025-12-30")});

  const json stats = province.view("transfer-stats", {{"year", "2026"}}, "2026-11-23");
  // Counted: the completed outbound t1 and the inbound t4. Not: rejected t2, pending t3.
  CHECK(stats["rows"] == json::array({
                             {{"partner", "LA"},
                              {"direction", "inbound"},
                              {"classification", "confidential"},
                              {"agency", "cong-an-tinh"},
                              {"count", 1}},
                             {{"partner", "LA"},
                              {"direction", "outbound"},
                              {"classification", "secret"},
                              {"agency", "cong-an-tinh"},
                              {"count", 1}},
                         }));
  CHECK(province.view("transfer-stats", {{"year", "2025"}}, "2026-11-23")["rows"] ==
        json::array({{{"partner", "LA"},
                      {"direction", "inbound"},
                      {"classification", "confidential"},
                      {"agency", "cong-an-tinh"},
                      {"count", 1}}}));
}

}  // namespace
}  // namespace mandate::projections
