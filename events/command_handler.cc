#include "events/command_handler.h"

#include "core/task.h"
#include "core/transfer.h"

namespace mandate::events {
namespace {

bool stream_exists(const EventStore& store, const std::string& stream) {
  auto v = store.stream_version(stream);
  // An unreadable index answers "exists": a decision then fails on append, never duplicates.
  return !v.ok() || *v > 0;
}

}  // namespace

bool StoreDirectory::agency_exists(std::string_view id) const {
  return stream_exists(store(), core::agency_stream(id));
}

bool StoreDirectory::task_exists(std::string_view id) const {
  return stream_exists(store(), core::task_stream(id));
}

bool StoreDirectory::transfer_known_to(std::string_view id, const core::Caller& caller) const {
  auto events = store().read_stream(core::transfer_stream(id), 1);
  if (!events.ok() || events->empty()) return false;
  core::TransferState state;
  for (const core::RecordedEvent& e : *events) core::evolve(state, e);
  return core::may_see(caller, state, *this);
}

bool StoreDirectory::task_settled(std::string_view id) const {
  // An unreadable stream answers "not settled": a decision that needs it settled is refused,
  // never taken on a guess.
  auto state = commands_.current_state<core::TaskState>(core::task_stream(id));
  return state.ok() && core::is_settled(*state);
}

core::PlanFacts StoreDirectory::plan_facts(std::string_view plan) const {
  // The draft names the focal agency for good; the audience only widens after it.
  core::PlanFacts facts;
  auto events = store().read_stream(core::plan_stream(plan), 1);
  if (!events.ok()) return facts;
  for (const core::RecordedEvent& e : *events) {
    if (const auto* draft = std::get_if<core::PlanDrafted>(&e.data)) {
      facts.focal_agency = draft->focal_agency;
      facts.audience = draft->audience;
      if (draft->agreement) facts.partner = draft->agreement->partner;
    } else if (const auto* widened = std::get_if<core::PlanAudienceWidened>(&e.data)) {
      facts.audience.insert(facts.audience.end(), widened->agencies.begin(),
                            widened->agencies.end());
    }
  }
  return facts;
}

std::string StoreDirectory::agency_parent(std::string_view id) const {
  // Registration is the stream's first event and the only one that names the parent.
  auto events = store().read_stream(core::agency_stream(id), 1, 1);
  if (!events.ok() || events->empty()) return {};
  const auto* registered = std::get_if<core::AgencyRegistered>(&events->front().data);
  return registered ? registered->parent : std::string();
}

std::vector<std::string> StoreDirectory::agencies() const {
  const std::string prefix = core::agency_stream("");
  std::vector<std::string> ids;
  auto streams = store().streams_with_prefix(prefix);
  if (!streams.ok()) return ids;
  for (auto& stream : *streams) ids.push_back(stream.substr(prefix.size()));
  return ids;
}

}  // namespace mandate::events
