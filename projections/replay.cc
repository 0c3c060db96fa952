#include "projections/replay.h"

namespace mandate::projections {

core::Status replay_into(const events::EventStore& store, uint64_t to, Views& views) {
  if (to == 0) return core::Status();
  auto projections = views.all();
  std::optional<core::Error> failed;
  auto scanned = store.scan(1, to, [&](const events::EventView& view) {
    auto event = view.decode();
    if (!event.ok()) {
      failed = event.error();
      return false;
    }
    for (auto* p : projections) p->apply(*event);
    return true;
  });
  if (failed) return *failed;
  return scanned;
}

}  // namespace mandate::projections
