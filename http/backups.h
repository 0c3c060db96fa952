#pragma once

// A backup is a directory holding `log/`, a consistent copy of the store taken while appends
// go on, and `backup.json`, which says what the copy holds:
//   {"format":"mandate-backup/1","path","head_position","head_hash","created_at"}.
// Taken by POST /v1/backups on a running server, or by `mandate backup` on a stopped one.

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/time.h"
#include "events/store.h"

namespace mandate::http {

inline constexpr const char* kBackupFormat = "mandate-backup/1";

// Backs `store` up into `dir`: an absolute path that must not exist, whose parent must.
// Returns backup.json's content. kValidationFailed (field "path") for a relative path or a
// missing parent, kConflict when `dir` exists, kInternal for I/O.
core::Result<nlohmann::json> back_up(const events::EventStore& store, const std::string& dir,
                                     core::Instant now);

}  // namespace mandate::http
