#include "projections/view_question.h"

#include <algorithm>

namespace mandate::projections {

core::Result<Moment> moment_of(const events::EventStore& store, const MomentQuery& query,
                               core::Date today, core::Instant now) {
  Moment m;
  const uint64_t head = store.head().position;
  m.as_of = head;
  m.at = now;
  std::optional<core::Date> as_of_day;
  if (query.as_of) {
    if (const auto* instant = std::get_if<core::Instant>(&*query.as_of)) {
      ASSIGN_OR_RETURN(m.as_of, store.position_at(*instant));
      as_of_day = core::date_of(*instant);
      m.at = std::min(*instant, now);
    } else {
      m.as_of = std::min(std::get<uint64_t>(*query.as_of), head);
      // A position is judged on the day, and at the instant, its event was recorded.
      auto events = store.read_all(std::max<uint64_t>(m.as_of, 1), 1);
      if (events.ok() && !events->empty() && m.as_of > 0) {
        as_of_day = core::date_of(events->front().recorded_at);
        if (m.as_of < head) m.at = events->front().recorded_at;
      }
    }
    m.past = m.as_of < head;
  }
  m.on = query.on.value_or(as_of_day.value_or(today));
  return m;
}

core::Result<const core::PlanState*> asked_plan(const Views& views, const ViewQuery& query) {
  const auto* plan = views.plans.find(query.plan);
  if (plan == nullptr) {
    return core::make_error(core::ErrorCode::kNotFound, "no plan " + query.plan, "plan");
  }
  return plan;
}

}  // namespace mandate::projections
