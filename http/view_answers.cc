#include "http/view_answers.h"

#include <array>

#include "http/view_json.h"

namespace mandate::http {
namespace {

using nlohmann::json;
using projections::Views;

std::string param(const Params& query, const std::string& name) {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

// A view of projections/ as a ViewFn: computed, then rendered.
template <auto view>
core::Result<RenderedView> rendered(const Views& views, const core::Caller& caller,
                                    const projections::ViewQuery& query,
                                    const projections::Moment& m) {
  auto answer = view(views, caller, query, m);
  if (!answer.ok()) return answer.error();
  RenderedView out{to_json(*answer), std::nullopt};
  if constexpr (requires { answer->changes_at; }) out.until = answer->changes_at;
  return out;
}

constexpr std::array<ViewSpec, 5> kViews{{
    {"phase-status", rendered<projections::phase_status>, "plan", Views::kPlans | Views::kTasks},
    {"overdue", rendered<projections::overdue>, nullptr, Views::kTasks | Views::kIncidents},
    {"inbox", rendered<projections::inbox>, nullptr, Views::kTasks | Views::kInspections},
    {"transfer-stats", rendered<projections::transfer_stats>, nullptr, Views::kTransfers},
    {"annual-report", rendered<projections::annual_report>, "plan",
     Views::kPlans | Views::kTasks | Views::kInspections},
}};

}  // namespace

core::Result<projections::MomentQuery> moment_query(const Params& query) {
  projections::MomentQuery q;
  if (const std::string as_of = param(query, "as_of"); !as_of.empty()) {
    if (auto instant = core::parse_instant(as_of)) {
      q.as_of = *instant;
    } else {
      ASSIGN_OR_RETURN(const uint64_t position, query_uint(query, "as_of", 0));
      q.as_of = position;
    }
  }
  if (const std::string on = param(query, "on"); !on.empty()) {
    q.on = core::parse_date(on);
    if (!q.on) {
      return core::make_error(core::ErrorCode::kValidationFailed, "on must be a date YYYY-MM-DD",
                              "on");
    }
  }
  return q;
}

core::Result<projections::ViewQuery> view_query(const Params& query) {
  projections::ViewQuery q{param(query, "plan"), param(query, "agency"), std::nullopt};
  ASSIGN_OR_RETURN(const int year, query_year(query, "year", 0));
  if (year != 0) q.year = year;
  return q;
}

core::Result<projections::Moment> moment_of(const events::EventStore& store, const Params& query,
                                            core::Date today, core::Instant now) {
  ASSIGN_OR_RETURN(const auto asked, moment_query(query));
  return projections::moment_of(store, asked, today, now);
}

std::span<const ViewSpec> view_specs() { return kViews; }

const ViewSpec* find_view(std::string_view name) {
  for (const auto& v : kViews) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

core::Result<RenderedView> answer_view(const ViewSpec& view, const Views& views,
                                       const core::Caller& caller, const Params& query,
                                       const projections::Moment& moment) {
  if (view.required != nullptr && param(query, view.required).empty()) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            std::string(view.required) + " is required", view.required);
  }
  ASSIGN_OR_RETURN(const auto asked, view_query(query));
  auto answer = view.answer(views, caller, asked, moment);
  if (!answer.ok()) return answer;
  answer->body["as_of"] = moment.as_of;
  answer->body["on"] = core::format_date(moment.on);
  return answer;
}

std::string question_key(const projections::ViewQuery& query, core::Date on) {
  // The unit separator cannot be in an id or a date.
  return query.plan + '\x1f' + query.agency + '\x1f' +
         (query.year ? std::to_string(*query.year) : std::string()) + '\x1f' +
         core::format_date(on);
}

}  // namespace mandate::http
