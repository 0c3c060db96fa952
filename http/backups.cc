#include "http/backups.h"

#include <filesystem>
#include <fstream>

#include "events/backup.h"

namespace mandate::http {

core::Result<nlohmann::json> back_up(const events::EventStore& store, const std::string& dir,
                                     core::Instant now) {
  namespace fs = std::filesystem;
  const fs::path path(dir);
  std::error_code ec;
  if (!path.is_absolute()) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "path must be absolute, on the server's host", "path");
  }
  if (!fs::is_directory(path.parent_path(), ec)) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "path's parent " + path.parent_path().string() + " is not a directory",
                            "path");
  }
  if (!fs::create_directory(path, ec) || ec) {
    return core::make_error(core::ErrorCode::kConflict,
                            dir + " exists or cannot be made; back up into a new directory",
                            "path");
  }
  auto head = events::take_backup(store, (path / "log").string());
  if (!head.ok()) {
    fs::remove_all(path, ec);
    return head.take_error();
  }
  nlohmann::json manifest = {{"format", kBackupFormat},
                             {"path", dir},
                             {"head_position", head->position},
                             {"head_hash", events::to_hex(head->hash)},
                             {"created_at", core::format_instant(now)}};
  std::ofstream out(path / "backup.json", std::ios::trunc);
  out << manifest.dump(2) << "\n";
  out.close();
  if (!out) {
    fs::remove_all(path, ec);
    return core::make_error(core::ErrorCode::kInternal, "cannot write " + dir + "/backup.json");
  }
  return manifest;
}

}  // namespace mandate::http
