@0xe900cdd5e4fe0b21;
# The envelope of every event in the log. See docs/schema.md for how this file may change:
# new fields take the next ordinal and a default that means "absent"; nothing is renumbered,
# renamed in meaning, or removed.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mandate::events::schema");

using Payload = import "payload.capnp";

struct Actor {
  user @0 :Text;
  agency @1 :Text;
}

struct Envelope {
  position @0 :UInt64;       # global, gapless, from 1
  stream @1 :Text;           # "<kind>:<id>"
  version @2 :UInt64;        # within the stream, from 1
  type @3 :Text;             # e.g. "task.acknowledged"; mirrors the body's union member
  recordedAt @4 :Int64;      # microseconds since 1970-01-01T00:00:00Z, from the server clock
  occurredAt @5 :Int64;      # microseconds; equals recordedAt unless the client gave a time
  actor @6 :Actor;
  correlationId @7 :Text;
  causationId @8 :Text;
  body @9 :Payload.Body;
}
