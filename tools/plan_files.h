#pragma once

// Plan files (plans/*.json, the body of POST /v1/plans) and the agencies file (an array of
// POST /v1/agencies bodies): read and checked as the API checks them, then written to a
// stopped server's log as the built-in admin would through the API.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/caller.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "events/command_handler.h"

namespace mandate::tools {

// The caller that offline subcommands act as: the built-in admin.
extern const core::Caller kOperator;

struct PlanFile {
  std::string path;
  // An agencies file, or one plan.
  std::variant<std::vector<core::AgencyRegistered>, core::PlanDrafted> content;
  // The file's JSON as read: the body sent when importing through the API.
  nlohmann::json json;
};

// Reads and shape-checks a file. An array is an agencies file; an object, a plan. Errors name
// the file and the field ("laos.json: tasks[3].due_on is not a date").
core::Result<PlanFile> read_plan_file(const std::string& path);

// The same checks on a file's text already read (the fuzzer feeds it; fuzz/plan_file_fuzz.cc).
core::Result<PlanFile> parse_plan_file(const std::string& path, std::string_view text);

// Appends what the file holds: each agency registered, or the plan created and (with `issue`)
// issued. The domain's rules are checked here (agencies known, ids free); an error names the
// file, and what the failing command would have appended is not appended.
core::Status write_plan_file(events::CommandHandler& commands, const PlanFile& file,
                             core::Instant now, bool issue);

}  // namespace mandate::tools
