@0xe88c4d67620b891e;
# The payload of every event type: one union member per struct of core/event.h.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mandate::events::schema");

struct Body {
  union {
    unknown @0 :Void;
    placeholder @1 :Void;
  }
}
