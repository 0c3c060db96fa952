@0xe1a2b3c4d5e6f708;
# An $optional with no `hasX` beside it: capnpc-mandate must refuse it.
using D = import "/events/schema/describe.capnp";

struct Dated $D.type("thing.dated") $D.stream("thing") {
  dueOn @0 :Int32 $D.date $D.optional;
}

struct Other $D.type("thing.other") $D.stream("thing") {
  note @0 :Text;
}

struct Body {
  union {
    dated @0 :Dated;
    other @1 :Other;
  }
}
