#include "tools/plan_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/agency.h"
#include "core/plan.h"
#include "events/command_handler.h"
#include "http/json_body.h"
#include "http/plan_json.h"

namespace mandate::tools {

const core::Caller kOperator{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};

namespace {

core::Error in_file(const std::string& path, core::Error error) {
  error.message = std::filesystem::path(path).filename().string() + ": " + error.message;
  return error;
}

core::Status write_agencies(events::CommandHandler& commands,
                            const std::vector<core::AgencyRegistered>& agencies,
                            core::Instant now) {
  const events::StoreDirectory directory(commands);
  for (const auto& agency : agencies) {
    const core::RegisterAgency command{agency.id, agency.name, agency.parent, agency.kind};
    auto done = commands.execute<core::AgencyState>(
        core::agency_stream(agency.id), kOperator, {}, [&](const core::AgencyState& s) {
          return core::decide(s, core::AgencyCommand{command}, kOperator, now, directory);
        });
    if (!done.ok()) return done.take_error();
  }
  return core::ok_status();
}

core::Status write_plan(events::CommandHandler& handler, const core::PlanDrafted& draft,
                        core::Instant now, bool issue) {
  const events::StoreDirectory directory(handler);
  const std::string stream = core::plan_stream(draft.id);
  const core::PlanCommand create{core::CreatePlan{draft}};
  const core::PlanCommand issue_it{core::IssuePlan{}};
  std::vector<const core::PlanCommand*> commands{&create};
  if (issue) commands.push_back(&issue_it);
  for (const auto* command : commands) {
    auto done =
        handler.execute<core::PlanState>(stream, kOperator, {}, [&](const core::PlanState& s) {
          return core::decide(s, *command, kOperator, now, directory);
        });
    if (!done.ok()) return done.take_error();
  }
  return core::ok_status();
}

}  // namespace

core::Result<PlanFile> read_plan_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::make_error(core::ErrorCode::kNotFound, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return parse_plan_file(path, text.str());
}

core::Result<PlanFile> parse_plan_file(const std::string& path, std::string_view text) {
  auto json = http::parse_json_text(text);
  if (!json.ok()) return in_file(path, json.take_error());
  PlanFile file{path, {}, *json};
  if (json->is_array()) {
    std::vector<core::AgencyRegistered> agencies;
    for (size_t i = 0; i < json->size(); ++i) {
      auto agency = http::agency_from_json((*json)[i], "[" + std::to_string(i) + "]");
      if (!agency.ok()) return in_file(path, agency.take_error());
      agencies.push_back(std::move(*agency));
    }
    file.content = std::move(agencies);
    return file;
  }
  auto draft = http::plan_from_json(*json);
  if (!draft.ok()) return in_file(path, draft.take_error());
  file.content = std::move(*draft);
  return file;
}

core::Status write_plan_file(events::CommandHandler& commands, const PlanFile& file,
                             core::Instant now, bool issue) {
  core::Status written =
      std::holds_alternative<core::PlanDrafted>(file.content)
          ? write_plan(commands, std::get<core::PlanDrafted>(file.content), now, issue)
          : write_agencies(commands, std::get<std::vector<core::AgencyRegistered>>(file.content),
                           now);
  if (!written.ok()) return in_file(file.path, written.take_error());
  return written;
}

}  // namespace mandate::tools
