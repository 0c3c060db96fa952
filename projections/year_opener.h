#pragma once

// Plan years that open as they come. Issuing a plan opens its years up to the current one;
// after that, each new year's occurrences are opened by the server itself on that year's first
// day (in the users' calendar), exactly once per plan and year, and on start for a year missed
// while the server was stopped. "Exactly once" is the plan stream's: OpenPlanYear is decided
// against the plan's state with its expected version, and refused for a year already open, so
// two openers (or a restart mid-way) cannot open a year twice.
//
// Thread-safety: open_due_years may run on any thread; it reads the views under the runner's
// lock and writes through the store like any command.

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "events/command_handler.h"
#include "projections/runner.h"
#include "projections/views.h"

namespace mandate::projections {

// Opens, for every active plan whose last open year is before `current_year`, each year after
// it up to `current_year`, acting as the built-in admin. Returns how many plan years opened; a
// failure of one plan is reported through `log` and the others go on.
int open_due_years(events::CommandHandler& commands, const ProjectionRunner& runner,
                   const Views& views, int32_t current_year,
                   const std::function<void(const std::string&)>& log);

}  // namespace mandate::projections
