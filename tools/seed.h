#pragma once

// Loading the seed plans into a new data directory: agencies.json first, then every other
// plan file of the folder in name order, each created and issued as the admin would.

#include <string>

#include "core/result.h"
#include "core/time.h"
#include "events/command_handler.h"

namespace mandate::tools {

core::Status load_seed(events::CommandHandler& commands, const std::string& dir, core::Instant now);

}  // namespace mandate::tools
