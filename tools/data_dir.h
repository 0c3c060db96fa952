#pragma once

// Opening the log of a stopped server's data directory (`--data DIR`, default ./data), as the
// offline subcommands do. RocksDB's lock keeps a running server's directory from being opened
// twice: that is reported, not waited for.

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "events/store.h"
#include "tools/cli.h"

namespace mandate::tools {

std::string data_dir_of(const Args& args);

// The log of a data directory: DIR/log.
std::string log_dir_of(const std::string& data_dir);

// How every subcommand, `mandate serve` included, opens a data directory's log: where it is, the
// clock, and (with `with_views`) the views' snapshot column families.
events::StoreOptions store_options(const std::string& data_dir,
                                   std::function<core::Instant()> clock, bool with_views = true);

// The store of `--data`. With `with_views`, the views' snapshot column families are opened
// too (they must be when a subcommand reads or writes snapshots). Errors say whether the
// directory is missing or in use.
core::Result<std::unique_ptr<events::EventStore>> open_data_dir(const Args& args,
                                                                bool with_views = true);

}  // namespace mandate::tools
