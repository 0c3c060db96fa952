#pragma once

// Who and why, shared by every event of one append.

#include <string>

#include "core/event.h"

namespace mandate::events {

struct AppendContext {
  core::Actor actor;
  std::string correlation_id;
  std::string causation_id;
};

}  // namespace mandate::events
