#include "tools/seed.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/agency.h"
#include "core/plan.h"
#include "events/command_handler.h"
#include "http/json_body.h"
#include "http/plan_json.h"

namespace mandate::tools {
namespace {

namespace fs = std::filesystem;

// The seed is loaded as the built-in admin would load it through the API.
const core::Caller kAdmin{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};

core::Result<nlohmann::json> read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    return core::make_error(core::ErrorCode::kNotFound, "cannot read " + path.string());
  }
  std::stringstream text;
  text << in.rdbuf();
  auto json = http::parse_json_text(text.str());
  if (!json.ok()) {
    return core::make_error(json.error().code, path.string() + ": " + json.error().message);
  }
  return json;
}

core::Error in_file(const fs::path& path, core::Error error) {
  error.message = path.filename().string() + ": " + error.message;
  return error;
}

core::Status load_agencies(events::EventStore& store, const fs::path& path, core::Instant now) {
  ASSIGN_OR_RETURN(nlohmann::json list, read_json(path));
  if (!list.is_array()) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            path.string() + " must hold an array of agencies");
  }
  events::StoreDirectory directory(store);
  for (size_t i = 0; i < list.size(); ++i) {
    auto agency = http::agency_from_json(list[i], "[" + std::to_string(i) + "]");
    if (!agency.ok()) return in_file(path, agency.take_error());
    const core::RegisterAgency command{agency->id, agency->name, agency->parent, agency->kind};
    auto done = events::execute<core::AgencyState>(
        store, core::agency_stream(agency->id), kAdmin, {}, [&](const core::AgencyState& s) {
          return core::decide(s, core::AgencyCommand{command}, kAdmin, now, directory);
        });
    if (!done.ok()) return in_file(path, done.take_error());
  }
  return core::ok_status();
}

core::Status load_plan(events::EventStore& store, const fs::path& path, core::Instant now) {
  ASSIGN_OR_RETURN(nlohmann::json body, read_json(path));
  auto draft = http::plan_from_json(body);
  if (!draft.ok()) return in_file(path, draft.take_error());
  events::StoreDirectory directory(store);
  const std::string stream = core::plan_stream(draft->id);
  const core::PlanCommand create{core::CreatePlan{*draft}};
  const core::PlanCommand issue{core::IssuePlan{}};
  for (const auto* command : {&create, &issue}) {
    auto done = events::execute<core::PlanState>(
        store, stream, kAdmin, {}, [&](const core::PlanState& s) {
          return core::decide(s, *command, kAdmin, now, directory);
        });
    if (!done.ok()) return in_file(path, done.take_error());
  }
  return core::ok_status();
}

}  // namespace

core::Status load_seed(events::EventStore& store, const std::string& dir, core::Instant now) {
  const fs::path folder(dir);
  const fs::path agencies = folder / "agencies.json";
  if (fs::exists(agencies)) RETURN_IF_ERROR(load_agencies(store, agencies, now));
  std::vector<fs::path> plans;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".json" && entry.path() != agencies) {
      plans.push_back(entry.path());
    }
  }
  if (ec) return core::make_error(core::ErrorCode::kNotFound, "cannot list " + dir);
  std::sort(plans.begin(), plans.end());
  for (const auto& plan : plans) RETURN_IF_ERROR(load_plan(store, plan, now));
  return core::ok_status();
}

}  // namespace mandate::tools
