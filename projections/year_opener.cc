#include "projections/year_opener.h"

#include <utility>
#include <vector>

#include "core/plan.h"
#include "events/command_handler.h"

namespace mandate::projections {

int open_due_years(events::CommandHandler& commands, const ProjectionRunner& runner,
                   const Views& views, int32_t current_year,
                   const std::function<void(const std::string&)>& log) {
  // (plan, first year to open): read under the lock, written outside it.
  std::vector<std::pair<std::string, int32_t>> due = runner.read([&] {
    std::vector<std::pair<std::string, int32_t>> out;
    for (const auto& [id, plan] : views.plans.all()) {
      if (plan.status != core::PlanStatus::kActive) continue;
      const int32_t next = plan.years.empty() ? current_year : plan.years.back() + 1;
      if (next <= current_year) out.emplace_back(id, next);
    }
    return out;
  });
  const core::Caller server{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};
  const events::StoreDirectory directory(commands);
  int opened = 0;
  for (const auto& [plan, first] : due) {
    for (int32_t year = first; year <= current_year; ++year) {
      events::CommandOptions options;
      options.correlation_id = "year-" + std::to_string(year);
      auto done = commands.execute<core::PlanState>(
          core::plan_stream(plan), server, options, [&](const core::PlanState& state) {
            return core::decide(state, core::PlanCommand{core::OpenPlanYear{year}}, server,
                                core::Instant{}, directory);
          });
      if (done.ok()) {
        ++opened;
      } else if (done.error().code != core::ErrorCode::kConflict) {
        // A conflict is a year another opener got to first; anything else is worth telling.
        log("plan " + plan + " year " + std::to_string(year) + ": " + done.error().message);
        break;
      }
    }
  }
  return opened;
}

}  // namespace mandate::projections
