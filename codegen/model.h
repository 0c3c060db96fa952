#pragma once

// What capnpc-mandate knows of events/schema/payload.capnp once it has read the compiled
// schema: the event types in the order of Body's union, the value structs they nest, the enums,
// and for each field how core holds it and how the API shows it (the annotations of
// events/schema/describe.capnp). The emitters (emit.h) write code from this alone.

#include <optional>
#include <string>
#include <vector>

#include <capnp/schema.capnp.h>

namespace mandate::codegen {

// How a field is held in core. Lists hold Text, integers, enums or structs.
enum class FieldKind { kText, kBool, kInteger, kDate, kInstant, kEnum, kStruct, kList };

// How a field shows in the API's JSON.
enum class JsonRule {
  kPlain,
  kNullWhenEmpty,  // An empty text is null.
  kHidden,         // Never shown.
};

struct FieldModel {
  std::string name;      // As the schema spells it: "focalAgency".
  std::string member;    // The core member and the JSON field: "focal_agency".
  std::string accessor;  // As in get<accessor>(): "FocalAgency".
  FieldKind kind = FieldKind::kText;
  FieldKind element = FieldKind::kText;  // kList only: the kind of each element.
  std::string integer_type;              // kInteger (or a list of them): "int32_t", ...
  std::string type_name;      // kEnum and kStruct (or a list of them): the schema's name.
  std::string default_value;  // The core member's initializer, or empty for none.
  // Optional: held as std::optional; its presence is the Bool field `flag_accessor`, which is
  // true when the value is present (a `hasX` beside `x`) or, if `flag_inverted`, absent.
  bool optional = false;
  std::string flag_accessor;
  bool flag_inverted = false;
  JsonRule json = JsonRule::kPlain;
  std::string doc;  // The schema's doc comment, may be empty.
};

struct StructModel {
  std::string name;  // The schema's and the core struct's name.
  std::string doc;
  std::vector<FieldModel> fields;  // In the order of declaration; flags folded into optionals.
  // An event type: a member of Body's union.
  bool is_event = false;
  std::string wire_type;  // $type, e.g. "user.signed_in".
  std::string stream;     // $stream, e.g. "user".
  std::string member;     // The union member: "signedIn".
  // $jsonBy: the header that declares http::to_json(const core::<name>&), used for its JSON.
  std::string json_by;
  // $jsonConstant: fields of the JSON that the struct does not hold.
  std::vector<std::pair<std::string, std::string>> json_constants;
  bool decode_can_fail = false;  // It holds (maybe nested) an enum that can be unknown.
};

struct EnumModel {
  std::string name;
  std::vector<std::string> enumerants;  // In the schema's order, camelCase.
  std::string unknown_as;  // $unknownAs: read an unknown value as this one; empty: kCorrupt.
  bool used = false;       // Some field holds it.
};

struct Model {
  std::vector<EnumModel> enums;
  std::vector<StructModel> structs;  // Every struct before the structs that hold it.
  std::vector<std::string> events;   // The event types' names, in the union's order.

  const StructModel& find_struct(const std::string& name) const;
  const EnumModel& find_enum(const std::string& name) const;
};

// Reads the requested payload.capnp out of a compiler plugin's request. Every problem (an event
// without $type, a type core cannot hold, a `$optional` without its flag, ...) is one line of
// `errors`, and the model is then not to be used.
Model read_model(capnp::schema::CodeGeneratorRequest::Reader request,
                 std::vector<std::string>& errors);

}  // namespace mandate::codegen
