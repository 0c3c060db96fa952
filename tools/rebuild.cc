// `mandate rebuild`: rebuild every view from position 1, hold it against the view its newest
// snapshot gives once caught up, and save the rebuilt views as the snapshot the next start
// loads. A snapshot that disagrees is discarded: snapshots are derived data, the log is the
// record.

#include "tools/rebuild.h"

#include <iostream>

#include "projections/replay.h"
#include "projections/snapshot_store.h"
#include "projections/views.h"
#include "tools/cli.h"
#include "tools/data_dir.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage = R"(usage: mandate rebuild [--data DIR]

Rebuilds every view of the stopped server's data directory DIR (default ./data) from position 1,
compares each with the view its newest snapshot gives once caught up to the head, and saves
the rebuilt views as a snapshot at the head. One line per view:
  <view>: agrees with its snapshot at P | has no snapshot | differs from its snapshot at P
A snapshot that differs is discarded (the log itself is never changed).
Exit 0: rebuilt, and every snapshot agreed. Exit 1: a snapshot differed, or the log could not
be replayed. Exit 2: bad flags. Exit 3: the data directory cannot be opened (missing, or in
use by a running server).
)";

std::string bytes_of(const projections::Projection& projection) {
  projections::snapshot::Writer out;
  projection.save(out);
  return out.take();
}

}  // namespace

int rebuild_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"data"}, {"help"});
  if (args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.error || !args.positional.empty()) {
    std::cerr << "mandate rebuild: " << args.error.value_or("unexpected argument") << "\n"
              << kUsage;
    return kExitUsage;
  }
  auto store = open_data_dir(args, /*with_views=*/true);
  if (!store.ok()) {
    std::cerr << "mandate rebuild: " << store.error().message << "\n";
    return kExitUnavailable;
  }
  const uint64_t head = (*store)->head().position;

  projections::Views rebuilt, snapshotted;
  auto replayed = projections::rebuild_into(**store, head, rebuilt);
  if (!replayed.ok()) {
    std::cerr << "mandate rebuild: " << replayed.error().message << "\n";
    return kExitFailure;
  }
  const projections::SnapshotStore snapshots(**store);
  std::vector<uint64_t> snapshot_at;
  for (auto* projection : snapshotted.all()) {
    snapshot_at.push_back(snapshots.checkpoint(*projection).value_or(0));
  }
  if (auto caught_up = projections::replay_into(**store, head, snapshotted); !caught_up.ok()) {
    std::cerr << "mandate rebuild: " << caught_up.error().message << "\n";
    return kExitFailure;
  }

  bool all_agree = true;
  const auto fresh = rebuilt.all();
  const auto old = snapshotted.all();
  for (size_t i = 0; i < fresh.size(); ++i) {
    const std::string name(fresh[i]->name());
    if (snapshot_at[i] == 0) {
      std::cout << name << ": has no snapshot\n";
    } else if (bytes_of(*fresh[i]) == bytes_of(*old[i])) {
      std::cout << name << ": agrees with its snapshot at " << snapshot_at[i] << "\n";
    } else {
      all_agree = false;
      std::cout << name << ": differs from its snapshot at " << snapshot_at[i] << "\n";
      if (auto st = snapshots.discard(*fresh[i]); !st.ok()) {
        std::cerr << "mandate rebuild: " << st.error().message << "\n";
        return kExitFailure;
      }
    }
    if (auto st = snapshots.save(*fresh[i], head); !st.ok()) {
      std::cerr << "mandate rebuild: " << st.error().message << "\n";
      return kExitFailure;
    }
  }
  std::cout << "rebuilt " << replayed->events << " events; views saved at " << head << "\n";
  return all_agree ? kExitOk : kExitFailure;
}

}  // namespace mandate::tools
