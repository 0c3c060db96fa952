@0xd6b1c1f0a4e3b2c1;
# An event type without $type: capnpc-mandate must refuse it.
using D = import "/events/schema/describe.capnp";

struct Named $D.type("thing.named") $D.stream("thing") {
  name @0 :Text;
}

struct Nameless $D.stream("thing") {
  name @0 :Text;
}

struct Body {
  union {
    named @0 :Named;
    nameless @1 :Nameless;
  }
}
