#pragma once

// Backups: a consistent online copy of the store taken while appends go on, and restoring one,
// which puts the copy in place and verifies its whole chain before the restore counts as done.

#include <string>

#include "core/result.h"
#include "events/store.h"

namespace mandate::events {

struct RestoreReport {
  uint64_t events = 0;  // Events verified.
  ChainHead head;
};

// Takes a checkpoint of `store` into `dir` (which must not exist; its parent must) and returns
// the head the copy holds, read back from the copy itself. Errors: kConflict when `dir` exists,
// kInternal for I/O.
core::Result<ChainHead> take_backup(const EventStore& store, const std::string& dir);

// Copies the checkpoint in `backup_dir` to `target_dir` (which must not exist), opens it and
// verifies every hash. On any failure nothing is left at `target_dir`. Errors: kConflict when
// the target exists, kNotFound when the backup is missing, kCorrupt (naming the position) when
// the chain is broken, kInternal for I/O.
core::Result<RestoreReport> restore(const std::string& backup_dir, const std::string& target_dir);

}  // namespace mandate::events
