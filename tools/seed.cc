#include "tools/seed.h"

namespace mandate::tools {

core::Status load_seed(events::EventStore&, const std::string&, core::Instant) {
  return core::ok_status();
}

}  // namespace mandate::tools
