#include "events/backup.h"

#include <filesystem>

namespace mandate::events {
namespace {

namespace fs = std::filesystem;

core::Result<RestoreReport> copy_and_verify(const std::string& backup_dir,
                                            const std::string& target_dir) {
  std::error_code ec;
  fs::copy(backup_dir, target_dir, fs::copy_options::recursive, ec);
  if (ec) {
    return core::make_error(core::ErrorCode::kInternal,
                            "copying " + backup_dir + " to " + target_dir + ": " + ec.message());
  }
  StoreOptions options;
  options.path = target_dir;
  // Opening appends nothing; the clock is never read.
  options.clock = [] { return core::Instant{}; };
  ASSIGN_OR_RETURN(auto store, EventStore::open(options));
  const VerifyReport report = store->verify();
  if (!report.ok) {
    return core::make_error(core::ErrorCode::kCorrupt, "the backup's chain is broken at position " +
                                                           std::to_string(*report.first_bad) +
                                                           ": " + report.problem);
  }
  return RestoreReport{report.checked, store->head()};
}

}  // namespace

core::Result<ChainHead> take_backup(const EventStore& store, const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    return core::make_error(core::ErrorCode::kConflict,
                            dir + " exists; back up into a new directory");
  }
  RETURN_IF_ERROR(store.checkpoint(dir));
  // Appends went on while the copy was taken: its head is read from the copy.
  StoreOptions options;
  options.path = dir;
  options.clock = [] { return core::Instant{}; };
  ASSIGN_OR_RETURN(auto copy, EventStore::open(options));
  return copy->head();
}

core::Result<RestoreReport> restore(const std::string& backup_dir, const std::string& target_dir) {
  std::error_code ec;
  if (fs::exists(target_dir, ec)) {
    return core::make_error(core::ErrorCode::kConflict,
                            target_dir + " exists; restore into a new directory");
  }
  if (!fs::is_directory(backup_dir, ec)) {
    return core::make_error(core::ErrorCode::kNotFound, "no backup at " + backup_dir);
  }
  auto restored = copy_and_verify(backup_dir, target_dir);
  if (!restored.ok()) fs::remove_all(target_dir, ec);
  return restored;
}

}  // namespace mandate::events
