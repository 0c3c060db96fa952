#pragma once

// Restoring a backup taken with EventStore::checkpoint(): the copy is put in place and its
// whole chain verified before the restore counts as done.

#include <string>

#include "core/result.h"
#include "events/store.h"

namespace mandate::events {

struct RestoreReport {
  uint64_t events = 0;  // Events verified.
  ChainHead head;
};

// Copies the checkpoint in `backup_dir` to `target_dir` (which must not exist), opens it and
// verifies every hash. On any failure nothing is left at `target_dir`. Errors: kConflict when
// the target exists, kNotFound when the backup is missing, kCorrupt (naming the position) when
// the chain is broken, kInternal for I/O.
core::Result<RestoreReport> restore(const std::string& backup_dir, const std::string& target_dir);

}  // namespace mandate::events
