@0xc3ecf582be0c7cce;
# What events/schema/payload.capnp says of an event beyond its bytes: its names, how core holds
# a field and how the API shows it. capnpc-mandate (codegen/) reads these annotations to write
# the core structs, the codec and the JSON; Cap'n Proto itself ignores them, so adding or
# changing one never changes a byte of the log.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mandate::events::schema::describe");

# ---- Event types (the structs that are members of Body) ----

annotation type(struct) :Text;
# The wire name, e.g. "user.signed_in": the API's `type` and the envelope's. Every event type
# has one (the generator fails without it), and no two share one. Stable: it is in the API.

annotation stream(struct) :Text;
# The kind of stream the event is appended to, e.g. "user" for "user:<id>"; kinds separated by
# "|" where it goes to more than one.

# ---- Fields ----

annotation optional(field) :Void;
# On `x`, beside a `hasX :Bool`: core holds a std::optional, absent when hasX is false. The
# flag, not the value, says whether it is present (payload.capnp, "Values").

annotation absentWhen(field) :Text;
# As $optional, with the named Bool field of the struct saying "absent" when true (a flag
# written before the optionals got their `hasX` form).

annotation date(field) :Void;
# An Int32 of days since 1970-01-01: a core::Date, "YYYY-MM-DD" in the API.

annotation instant(field) :Void;
# An Int64 of microseconds since 1970-01-01T00:00:00Z: a core::Instant, RFC 3339 in the API.

enum JsonRule {
  nullWhenEmpty @0;  # An empty text means absent, and the API shows null.
  hidden @1;         # A secret, or nobody's business: the API never shows it.
}

annotation json(field) :JsonRule;

# ---- The API's JSON of a struct ----

annotation jsonBy(struct) :Text;
# The header that declares `nlohmann::json mandate::http::to_json(const core::<Struct>&)`, whose
# JSON is used instead of the generated one: a value with a format of its own (a task
# definition is rendered as in a plan file).

struct JsonConstant {
  name @0 :Text;
  value @1 :Text;
}

annotation jsonConstant(struct) :JsonConstant;
# A JSON field the struct does not hold: one value for every event of the type (a transfer's
# direction).

# ---- Enums ----

annotation unknownAs(enum) :Text;
# The enumerant a value this build does not know (written by a newer one) is read as, instead
# of the record being refused as corrupt.
