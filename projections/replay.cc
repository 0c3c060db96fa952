#include "projections/replay.h"

#include <algorithm>

#include "projections/snapshot_store.h"

namespace mandate::projections {
namespace {

core::Result<Replayed> replay(const events::EventStore& store, uint64_t to, Views& views,
                              bool use_snapshots) {
  auto projections = views.all();
  std::vector<uint64_t> loaded_at(projections.size(), 0);
  if (use_snapshots) {
    const SnapshotStore snapshots(store);
    for (size_t i = 0; i < projections.size(); ++i) {
      if (store.column_family(snapshot_family(projections[i]->name())) == nullptr) continue;
      ASSIGN_OR_RETURN(loaded_at[i], snapshots.load(*projections[i], to));
    }
  }
  Replayed replayed;
  replayed.from_snapshot = *std::min_element(loaded_at.begin(), loaded_at.end());
  if (to <= replayed.from_snapshot) return replayed;
  std::optional<core::Error> failed;
  auto scanned = store.scan(replayed.from_snapshot + 1, to, [&](const events::EventView& view) {
    auto event = view.decode();
    if (!event.ok()) {
      failed = event.error();
      return false;
    }
    for (size_t i = 0; i < projections.size(); ++i) {
      if (event->position > loaded_at[i]) projections[i]->apply(*event);
    }
    ++replayed.events;
    return true;
  });
  if (failed) return *failed;
  RETURN_IF_ERROR(scanned);
  return replayed;
}

}  // namespace

core::Result<Replayed> replay_into(const events::EventStore& store, uint64_t to, Views& views) {
  return replay(store, to, views, true);
}

core::Result<Replayed> rebuild_into(const events::EventStore& store, uint64_t to, Views& views) {
  return replay(store, to, views, false);
}

}  // namespace mandate::projections
