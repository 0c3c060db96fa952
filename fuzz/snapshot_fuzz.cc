// snapshot: a projection's state as a snapshot holds it (projections/snapshot_codec.h), loaded
// into one of the server's views as SnapshotStore::load does after the header: clear, load,
// every byte used, and cleared again when it fails.
//
// Asserts: no crash, UB, escaped exception or allocation beyond what the input can describe. A
// state that loads saves to bytes that load into a fresh view and save to the same bytes, and the
// loaded view answers its lookups: an aggregate view finds every state it lists (its index was
// rebuilt), the directory finds every agency, user and token it lists.
//
// Input: byte 0 picks the view (modulo 7, in the order of projections::Views::all(): directory,
// plans, tasks, difficulties, transfers, incidents, inspections), the rest is the state.

#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "projections/aggregate_view.h"
#include "projections/directory_view.h"
#include "projections/projection.h"
#include "projections/snapshot_codec.h"
#include "projections/views.h"

namespace {

using namespace mandate;
using projections::Projection;

// As load_one in projections/snapshot_store.cc, once its header has been read.
bool load(Projection& projection, std::string_view state) {
  projections::snapshot::Reader in(state);
  projection.clear();
  if (projection.load(in) && in.done()) return true;
  projection.clear();
  return false;
}

template <typename State>
void check_lookups(const projections::AggregateView<State>& view) {
  for (const auto& [id, state] : view.all()) FUZZ_CHECK(view.find(id) == &state);
}

void check_lookups(const projections::DirectoryView& view) {
  for (const auto& [id, row] : view.agencies()) FUZZ_CHECK(view.agency(id) == &row);
  for (const auto& [id, row] : view.users()) {
    FUZZ_CHECK(view.user(id) == &row);
    for (const auto& token_id : row.token_ids) (void)view.token(token_id);
  }
}

void check_lookups(const projections::Views& views, size_t which) {
  switch (which) {
    case 0:
      return check_lookups(views.directory);
    case 1:
      return check_lookups(views.plans);
    case 2:
      return check_lookups(views.tasks);
    case 3:
      return check_lookups(views.difficulties);
    case 4:
      return check_lookups(views.transfers);
    case 5:
      return check_lookups(views.incidents);
    case 6:
      return check_lookups(views.inspections);
  }
}

projections::Views& loaded() {
  static projections::Views views;
  return views;
}
projections::Views& reloaded() {
  static projections::Views views;
  return views;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t which = data[0] % loaded().all().size();
  Projection& first = *loaded().all()[which];
  Projection& second = *reloaded().all()[which];
  if (!load(first, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1))) return 0;
  check_lookups(loaded(), which);

  projections::snapshot::Writer saved;
  first.save(saved);
  FUZZ_CHECK(load(second, saved.data()));
  check_lookups(reloaded(), which);
  projections::snapshot::Writer resaved;
  second.save(resaved);
  FUZZ_CHECK(resaved.data() == saved.data());
  first.clear();
  second.clear();
  return 0;
}
