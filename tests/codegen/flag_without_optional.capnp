@0xf1e2d3c4b5a69788;
# A `hasX` flag whose `x` is not $optional: capnpc-mandate must refuse it (core would hold the
# flag and the value apart, and the JSON would show the value when absent).
using D = import "/events/schema/describe.capnp";

struct Dated $D.type("thing.dated") $D.stream("thing") {
  hasDueOn @0 :Bool;
  dueOn @1 :Int32 $D.date;
}

struct Other $D.type("thing.other") $D.stream("thing") {
  note @0 :Text;
}

struct Body {
  union {
    dated @0 :Dated;
    again @1 :Other;
  }
}
