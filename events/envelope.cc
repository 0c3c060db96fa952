#include "events/envelope.h"

#include <cstring>

#include <capnp/serialize.h>

#include "events/payload_codec.h"

namespace mandate::events {
namespace {

// Most envelopes fit in one small first segment; a larger one grows as needed.
constexpr unsigned kFirstSegmentWords = 128;

std::string_view view_of(capnp::Text::Reader text) { return {text.begin(), text.size()}; }

// With its length: a std::string passed as it is becomes a Text through c_str(), which would cut
// it at its first zero byte.
capnp::Text::Reader text_of(std::string_view s) { return capnp::Text::Reader(s.data(), s.size()); }

}  // namespace

PendingEnvelope::PendingEnvelope(std::string_view stream, const core::NewEvent& event,
                                 const AppendContext& context)
    : message_(kFirstSegmentWords) {
  auto env = message_.initRoot<schema::Envelope>();
  env.setStream(text_of(stream));
  env.setType(core::event_type_name(event.data));
  auto actor = env.initActor();
  actor.setUser(text_of(context.actor.user));
  actor.setAgency(text_of(context.actor.agency));
  env.setCorrelationId(text_of(context.correlation_id));
  env.setCausationId(text_of(context.causation_id));
  if (event.occurred_at) {
    env.setOccurredAt(event.occurred_at->micros);
    has_occurred_at_ = true;
  }
  encode_payload(event.data, env.initBody());
}

kj::Array<capnp::word> PendingEnvelope::seal(uint64_t position, uint64_t version,
                                             core::Instant recorded_at) {
  auto env = message_.getRoot<schema::Envelope>();
  env.setPosition(position);
  env.setVersion(version);
  env.setRecordedAt(recorded_at.micros);
  if (!has_occurred_at_) env.setOccurredAt(recorded_at.micros);
  return capnp::canonicalize(env.asReader());
}

EnvelopeView::EnvelopeView(const Hash& hash, kj::ArrayPtr<const capnp::word> envelope)
    : hash_(hash),
      words_(envelope),
      segments_{envelope},
      reader_(kj::arrayPtr(segments_, 1)),
      root_(reader_.getRoot<schema::Envelope>()) {}

std::string_view EnvelopeView::stream() const { return view_of(root_.getStream()); }
std::string_view EnvelopeView::type() const { return view_of(root_.getType()); }

core::Result<core::RecordedEvent> EnvelopeView::decode() const {
  try {
    core::RecordedEvent e;
    e.position = root_.getPosition();
    e.stream = std::string(stream());
    e.version = root_.getVersion();
    e.recorded_at = core::Instant{root_.getRecordedAt()};
    e.occurred_at = core::Instant{root_.getOccurredAt()};
    auto actor = root_.getActor();
    e.actor.user = std::string(view_of(actor.getUser()));
    e.actor.agency = std::string(view_of(actor.getAgency()));
    e.correlation_id = std::string(view_of(root_.getCorrelationId()));
    e.causation_id = std::string(view_of(root_.getCausationId()));
    auto body = decode_payload(root_.getBody());
    if (!body.ok()) return corrupt_at(e.position, body.error().message);
    e.data = std::move(body).value();
    e.hash.assign(reinterpret_cast<const char*>(hash_.data()), hash_.size());
    return e;
  } catch (const kj::Exception& ex) {
    return corrupt_at(root_.getPosition(), ex.getDescription().cStr());
  }
}

kj::ArrayPtr<const capnp::word> AlignedScratch::align(std::string_view bytes) {
  const size_t n = bytes.size() / sizeof(capnp::word);
  if (reinterpret_cast<uintptr_t>(bytes.data()) % alignof(capnp::word) == 0) {
    return {reinterpret_cast<const capnp::word*>(bytes.data()), n};
  }
  if (n == 0) return {};
  if (words_.size() < n) words_ = kj::heapArray<capnp::word>(n);
  std::memcpy(words_.begin(), bytes.data(), n * sizeof(capnp::word));
  return {words_.begin(), n};
}

core::Error corrupt_at(uint64_t position, std::string_view what) {
  return core::make_error(
      core::ErrorCode::kCorrupt,
      "event at position " + std::to_string(position) + ": " + std::string(what));
}

}  // namespace mandate::events
