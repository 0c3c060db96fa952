#include "events/chain_segment.h"

#include <kj/exception.h>

#include "events/envelope.h"

namespace mandate::events {

core::Result<Hash> walk_chain_segment(const Hash& previous, uint64_t first,
                                      std::span<const std::string> envelopes,
                                      const std::function<core::Status(const EventView&)>& fn) {
  Hash hash = previous;
  AlignedScratch scratch;
  for (size_t i = 0; i < envelopes.size(); ++i) {
    const uint64_t position = first + i;
    const std::string& bytes = envelopes[i];
    if (bytes.size() % sizeof(capnp::word) != 0) {
      return core::make_error(
          core::ErrorCode::kCorrupt,
          "the envelope of position " + std::to_string(position) + " is damaged");
    }
    hash = chain_hash(hash, bytes);
    try {
      EnvelopeView view(hash, scratch.align(bytes));
      if (view.position() != position) {
        return core::make_error(core::ErrorCode::kCorrupt, "the envelope in place of position " +
                                                               std::to_string(position) +
                                                               " is another event's");
      }
      RETURN_IF_ERROR(fn(view));
    } catch (const kj::Exception& e) {
      // Cap'n Proto refuses to read a damaged envelope.
      return core::make_error(
          core::ErrorCode::kCorrupt,
          "an envelope does not read: " + std::string(e.getDescription().cStr()));
    }
  }
  return hash;
}

}  // namespace mandate::events
