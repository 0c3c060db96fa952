// `mandate replay --view NAME`: a view rebuilt from the log alone and printed as the API would
// answer GET /v1/views/NAME, for someone who wants the figures without trusting the server's
// running projections or their snapshots. The figures are projections/'s; http/view_answers.h
// only reads the question and spells the answer as the API does.

#include "projections/replay.h"

#include <iostream>

#include "http/view_answers.h"
#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/plan_files.h"
#include "tools/replay.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage =
    R"(usage: mandate replay --view NAME [--as-of POS|INSTANT] [--on DATE]
                      [--plan ID] [--agency ID] [--year YYYY] [--from-snapshots] [--data DIR]

Rebuilds the views of the stopped server's data directory DIR (default ./data) from position 1
up to --as-of (a position, or an instant such as 2026-03-01T00:00:00Z; default the head) and
prints the view NAME as JSON, exactly as GET /v1/views/NAME?as_of=...&on=... answers an admin.
--on is the day due dates are judged against (default the day of --as-of, or today, UTC).
--plan, --agency and --year are the view's query parameters.
--from-snapshots starts from the nearest saved snapshots instead of position 1 (faster; the
answer is the same unless a snapshot is wrong, which `mandate rebuild` detects).
Views: phase-status (needs --plan), overdue, inbox (needs --agency), transfer-stats,
annual-report.
Exit 0: printed. Exit 1: the view refused the question (e.g. no such plan) or the log could
not be replayed. Exit 2: bad flags. Exit 3: the data directory cannot be opened.
)";

constexpr const char* kCommand = "replay";

}  // namespace

int replay_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"data", "view", "as-of", "on", "plan", "agency", "year"},
                         {"help", "from-snapshots"});
  if (args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kUsage);
  if (!args.positional.empty()) {
    return fail(kCommand, kExitUsage, "unexpected argument " + args.positional[0], kUsage);
  }
  const auto* view = http::find_view(args.get("view", ""));
  if (view == nullptr) {
    return fail(kCommand, kExitUsage, "--view names one of the views", kUsage);
  }
  http::Params query;
  for (const auto& [flag, param] :
       std::vector<std::pair<std::string, std::string>>{{"as-of", "as_of"},
                                                        {"on", "on"},
                                                        {"plan", "plan"},
                                                        {"agency", "agency"},
                                                        {"year", "year"}}) {
    if (args.has(flag)) query[param] = args.get(flag, "");
  }
  auto store = open_data_dir(args);
  if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
  const core::Instant now = system_clock();
  auto moment = http::moment_of(**store, query, core::date_of(now), now);
  if (!moment.ok()) return fail(kCommand, kExitUsage, moment.error().message);

  projections::Views views;
  auto replayed = args.has("from-snapshots")
                      ? projections::replay_into(**store, moment->as_of, views)
                      : projections::rebuild_into(**store, moment->as_of, views);
  if (!replayed.ok()) return fail(kCommand, kExitFailure, replayed.error().message);
  auto body = http::answer_view(*view, views, kOperator, query, *moment);
  if (!body.ok()) return fail(kCommand, kExitFailure, body.error().message);
  std::cout << body->body.dump(2) << "\n";
  return kExitOk;
}

}  // namespace mandate::tools
