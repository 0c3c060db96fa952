// The seed plans (plans/*.json) parse as POST /v1/plans bodies and hold the phases and tasks
// their source documents name. Counts are taken from the documents (shared/seeds/), section by
// section, as plans/README.md lists them.

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <catch2/catch.hpp>

#include "core/plan.h"
#include "http/json_body.h"
#include "http/plan_json.h"

namespace mandate::http {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

core::PlanDrafted load_plan(const std::string& name) {
  const std::string path = std::string(MANDATE_SOURCE_DIR) + "/plans/" + name + ".json";
  auto json = parse_json_text(read_file(path));
  REQUIRE(json.ok());
  auto plan = plan_from_json(*json);
  INFO(name << ": " << (plan.ok() ? "" : plan.error().message));
  REQUIRE(plan.ok());
  return std::move(plan).value();
}

struct Expected {
  const char* file;
  size_t phases;
  size_t tasks;
  size_t yearly;
  std::map<std::string, size_t> by_phase;  // "" for standing sections.
};

TEST_CASE("each seed plan holds the phases and duties its document names", "[http][seed]") {
  // 001 (Laos): phases I 2024, II 2025-2027, III after 2027; 15 duties.
  // 002 (Italy): phases I from entry into force 2026-01-04, II the following years; 18 duties.
  // 003 (Mongolia): phases I to end 2021, II 2022-2024, III after 2024; 17 duties (II.3.b is a
  //   rule and an on_event approval).
  // 004 (Hà Tĩnh, directive 44): no phases; 28 duties (004:25 is a duty and an on_event one).
  // The kinds of each, and their leads against the text, are checked by plans.files.
  const std::vector<std::tuple<std::string, size_t, size_t>> expected = {
      {"vn-la-2024", 3, 15}, {"vn-it-2026", 2, 18}, {"vn-mn-2021", 3, 17}, {"ht-ct44-2024", 0, 28}};
  for (const auto& [file, phases, tasks] : expected) {
    SECTION(file) {
      const auto plan = load_plan(file);
      CHECK(plan.id == file);
      CHECK(plan.phases.size() == phases);
      CHECK(plan.tasks.size() == tasks);
      CHECK_FALSE(plan.audience.empty());
      for (const auto& t : plan.tasks) {
        INFO(t.id);
        CHECK_FALSE(t.source.empty());
        CHECK_FALSE((t.recurrence.has_value() && t.due_on.has_value()));
        // No yearly duty of the four documents gives a day (fidelity: 12-15 was invented).
        if (t.recurrence) CHECK(t.recurrence->undated);
      }
    }
  }
}

TEST_CASE("phase windows are the documents' own", "[http][seed]") {
  const auto la = load_plan("vn-la-2024");
  CHECK(core::format_date(*la.phases[0].starts_on) == "2024-01-01");
  CHECK(core::format_date(*la.phases[1].ends_on) == "2027-12-31");
  CHECK_FALSE(la.phases[2].ends_on.has_value());
  const auto it = load_plan("vn-it-2026");
  CHECK(core::format_date(*it.phases[0].starts_on) == "2026-01-04");  // Entry into force.
  CHECK(it.agreement->partner == "IT");
  const auto mn = load_plan("vn-mn-2021");
  CHECK(core::format_date(*mn.phases[0].ends_on) == "2021-12-31");
  CHECK(core::format_date(*mn.phases[2].starts_on) == "2025-01-01");
  CHECK(mn.agreement->partner == "MN");
}

TEST_CASE("the agencies file parses and lists parents first", "[http][seed]") {
  auto json = parse_json_text(read_file(std::string(MANDATE_SOURCE_DIR) + "/plans/agencies.json"));
  REQUIRE(json.ok());
  REQUIRE(json->is_array());
  std::set<std::string> seen;
  for (size_t i = 0; i < json->size(); ++i) {
    auto agency = agency_from_json((*json)[i], "[" + std::to_string(i) + "]");
    REQUIRE(agency.ok());
    if (!agency->parent.empty()) CHECK(seen.count(agency->parent) == 1);
    seen.insert(agency->id);
  }
  CHECK(seen.count("cong-an-tinh") == 1);
  CHECK(seen.count("so-tu-phap") == 1);
}

// The agencies of plans/agencies.json, as the server would know them after loading it.
class SeedDirectory : public core::Directory {
 public:
  SeedDirectory() {
    auto json =
        parse_json_text(read_file(std::string(MANDATE_SOURCE_DIR) + "/plans/agencies.json"));
    for (const auto& a : *json) agencies_.push_back(a["id"].get<std::string>());
    std::sort(agencies_.begin(), agencies_.end());
  }
  bool agency_exists(std::string_view id) const override {
    return std::binary_search(agencies_.begin(), agencies_.end(), id);
  }
  std::vector<std::string> agencies() const override { return agencies_; }
  bool task_exists(std::string_view) const override { return false; }
  bool task_settled(std::string_view) const override { return false; }
  core::PlanFacts plan_facts(std::string_view) const override { return {}; }
  bool transfer_known_to(std::string_view, const core::Caller&) const override { return false; }
  std::string agency_parent(std::string_view) const override { return {}; }

 private:
  std::vector<std::string> agencies_;
};

TEST_CASE("each seed plan issues its duties to its own audience, dated only by the text",
          "[http][seed]") {
  const SeedDirectory directory;
  const core::Caller admin{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};
  const core::Instant now = *core::parse_instant("2026-11-23T08:00:00Z");
  for (const char* file : {"vn-la-2024", "vn-it-2026", "vn-mn-2021", "ht-ct44-2024"}) {
    SECTION(file) {
      const auto draft = load_plan(file);
      auto created = core::decide(core::PlanState{}, core::PlanCommand{core::CreatePlan{draft}},
                                  admin, now, directory);
      INFO(file << ": "
                << (created.ok() ? "" : created.error().message + " " + created.error().field));
      REQUIRE(created.ok());
      core::PlanState plan;
      core::RecordedEvent event;
      event.stream = core::plan_stream(draft.id);
      event.version = 1;
      event.data = created->front().events.front().data;
      core::evolve(plan, event);
      auto issued =
          core::decide(plan, core::PlanCommand{core::IssuePlan{2026}}, admin, now, directory);
      REQUIRE(issued.ok());
      REQUIRE(issued->size() > 1);
      for (size_t i = 1; i < issued->size(); ++i) {
        const auto& assigned = std::get<core::TaskAssigned>((*issued)[i].events.front().data);
        const core::TaskDefinition* def = core::find_definition(plan, assigned.definition);
        REQUIRE(def != nullptr);
        INFO(assigned.id);
        CHECK(def->kind != core::TaskKind::kRule);  // A rule holds no assignments.
        // Everyone on a task is its named lead, a named coordinator, or of the audience.
        for (const auto& c : assigned.coordinators) {
          const bool named = std::find(def->coordinators.begin(), def->coordinators.end(), c) !=
                             def->coordinators.end();
          const bool audience =
              std::find(plan.audience.begin(), plan.audience.end(), c) != plan.audience.end();
          CHECK((named || audience));
        }
        // A date only where the definition has one.
        if (assigned.due_on) CHECK(def->due_on.has_value());
        CHECK((!assigned.occurrence_year || *assigned.occurrence_year <= 2026));
      }
    }
  }
}

}  // namespace
}  // namespace mandate::http
