#pragma once

// What a command decides: events to append, grouped by stream, each group guarded by the
// version its stream had when the decision was made. The store appends a whole Decision
// atomically or not at all (a stale expected version anywhere appends nothing).

#include <cstdint>
#include <string>
#include <vector>

#include "core/event.h"

namespace mandate::core {

struct StreamWrite {
  std::string stream;
  uint64_t expected_version = 0;  // 0: the stream must not exist yet.
  std::vector<NewEvent> events;
};

using Decision = std::vector<StreamWrite>;

// A decision that appends `events` to one stream.
inline Decision single_stream(std::string stream, uint64_t expected_version,
                              std::vector<NewEvent> events) {
  Decision d;
  d.push_back(StreamWrite{std::move(stream), expected_version, std::move(events)});
  return d;
}

}  // namespace mandate::core
