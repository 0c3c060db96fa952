#pragma once

// The views as the API asks and answers them: the question parsed from a query string, the
// view computed in projections/, rendered as JSON. Shared by the HTTP routes and
// `mandate replay`, so both answer the same way.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/caller.h"
#include "core/result.h"
#include "core/time.h"
#include "events/store.h"
#include "http/router.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::http {

// `as_of` (a position or an instant) and `on` (a date) from the query.
core::Result<projections::MomentQuery> moment_query(const Params& query);
// `plan`, `agency` and `year` (1900 to 9999) from the query.
core::Result<projections::ViewQuery> view_query(const Params& query);

// The moment the query names: moment_of(store, moment_query(query), today, now).
core::Result<projections::Moment> moment_of(const events::EventStore& store, const Params& query,
                                            core::Date today, core::Instant now);

// A view's answer as JSON, and the instant before which it holds however the clock moves (the
// next deadline an incident's lateness turns on; absent: as long as the views and the day stay).
struct RenderedView {
  nlohmann::json body;
  std::optional<core::Instant> until;
};

using ViewFn = core::Result<RenderedView> (*)(const projections::Views&, const core::Caller&,
                                              const projections::ViewQuery&,
                                              const projections::Moment&);

struct ViewSpec {
  std::string_view name;  // As in /v1/views/<name>.
  ViewFn answer;          // The view, rendered.
  const char* required;   // A query parameter the view cannot do without, or nullptr.
  unsigned needs;         // The projections it reads (projections::Views::Need bits).
};

std::span<const ViewSpec> view_specs();
// The view called `name`, or nullptr.
const ViewSpec* find_view(std::string_view name);

// The whole answer: the view's body with `as_of` and `on`, or the error to report.
core::Result<RenderedView> answer_view(const ViewSpec& view, const projections::Views& views,
                                       const core::Caller& caller, const Params& query,
                                       const projections::Moment& moment);

// The question as the answer depends on it: the view's parameters and the day judged on (for
// ViewCache::key).
std::string question_key(const projections::ViewQuery& query, core::Date on);

}  // namespace mandate::http
