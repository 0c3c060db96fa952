#include <sstream>
#include <string>

#include "codegen/emit.h"
#include "codegen/names.h"

// events/payload_codec_generated.cc: Cap'n Proto's generated accessors only (no DynamicStruct),
// so that the codec costs what the hand-kept one did.

namespace mandate::codegen {
namespace {

// The expression that reads the field's value (not its presence) from `from`.
std::string get(const FieldModel& f) { return "from.get" + f.accessor + "()"; }

std::string presence(const FieldModel& f) {
  return std::string(f.flag_inverted ? "!" : "") + "from.get" + f.flag_accessor + "()";
}

void write_field(std::ostringstream& out, const FieldModel& f) {
  const std::string value = f.optional ? "*from." + f.member : "from." + f.member;
  const std::string set = "to.set" + f.accessor;
  std::string line;
  switch (f.kind) {
    case FieldKind::kText:
      line = set + "(to_wire(" + value + "));";
      break;
    case FieldKind::kBool:
    case FieldKind::kInteger:
      line = set + "(" + value + ");";
      break;
    case FieldKind::kDate:
    case FieldKind::kInstant: {
      const char* unit = f.kind == FieldKind::kDate ? "days" : "micros";
      line = set + "(from." + f.member + (f.optional ? "->" : ".") + unit + ");";
      break;
    }
    case FieldKind::kEnum:
      line = set + "(to_wire(" + value + "));";
      break;
    case FieldKind::kStruct:
      line = "write(" + value + ", to.init" + f.accessor + "());";
      break;
    case FieldKind::kList: {
      const std::string init = "to.init" + f.accessor + "(from." + f.member + ".size())";
      if (f.element == FieldKind::kText) {
        line = "write_texts(from." + f.member + ", " + init + ");";
      } else if (f.element == FieldKind::kInteger) {
        line = "write_numbers(from." + f.member + ", " + init + ");";
      } else {
        line = "write_list(from." + f.member + ", " + init + ");";
      }
      break;
    }
  }
  if (f.optional) {
    out << "  to.set" << f.flag_accessor << "(" << (f.flag_inverted ? "!" : "") << "from."
        << f.member << ".has_value());\n";
    out << "  if (from." << f.member << ") " << line << "\n";
  } else {
    out << "  " << line << "\n";
  }
}

// Whether reading the field returns a Result.
bool can_fail(const Model& model, const FieldModel& f) {
  if (f.kind == FieldKind::kEnum) return model.find_enum(f.type_name).unknown_as.empty();
  if (f.kind == FieldKind::kStruct) return model.find_struct(f.type_name).decode_can_fail;
  if (f.kind == FieldKind::kList && f.element == FieldKind::kEnum) return true;
  return false;
}

// The expression of the field's value for a struct's designated initializer.
std::string read_value(const Model& model, const FieldModel& f) {
  std::string value;
  switch (f.kind) {
    case FieldKind::kText:
      value = "from_wire(" + get(f) + ")";
      break;
    case FieldKind::kBool:
    case FieldKind::kInteger:
      value = get(f);
      break;
    case FieldKind::kDate:
      value = "core::Date{" + get(f) + "}";
      break;
    case FieldKind::kInstant:
      value = "core::Instant{" + get(f) + "}";
      break;
    case FieldKind::kEnum: {
      const auto& e = model.find_enum(f.type_name);
      value = "from_wire(" + get(f) + ").value_or(core::" + e.name +
              "::" + core_enumerant(e.unknown_as) + ")";
      break;
    }
    case FieldKind::kStruct:
      value = "read(" + get(f) + ")";
      break;
    case FieldKind::kList:
      if (f.element == FieldKind::kText)
        value = "read_texts(" + get(f) + ")";
      else if (f.element == FieldKind::kInteger)
        value = "read_numbers<" + f.integer_type + ">(" + get(f) + ")";
      else
        value = "read_list(" + get(f) + ")";
      break;
  }
  if (f.optional) value = "present_if(" + presence(f) + ", " + value + ")";
  return value;
}

std::string core_name(const std::string& name) { return "core::" + name; }
std::string wire_name(const std::string& name) { return "schema::" + name; }

std::string read_signature(const StructModel& s) {
  const std::string type = core_name(s.name);
  return (s.decode_can_fail ? "core::Result<" + type + ">" : type) + " read(" + wire_name(s.name) +
         "::Reader from)";
}

// One enum spelling to another: `from`'s enumerants (spelt by `from_case`) each return `to`'s.
using Spelling = std::string (*)(std::string_view);
void emit_cases(std::ostringstream& out, const EnumModel& e, const std::string& from,
                Spelling from_case, const std::string& to, Spelling to_case) {
  for (const auto& n : e.enumerants) {
    out << "    case " << from << "::" << from_case(n) << ":\n      return " << to
        << "::" << to_case(n) << ";\n";
  }
}

void emit_enum(std::ostringstream& out, const EnumModel& e) {
  const std::string core = core_name(e.name), wire = wire_name(e.name);
  out << "\n" << wire << " to_wire(" << core << " value) {\n  switch (value) {\n";
  emit_cases(out, e, core, core_enumerant, wire, upper_snake_case);
  out << "  }\n  core::check_failed(\"to_wire\", __FILE__, __LINE__, \"a core " << e.name
      << " value has no schema value\");\n}\n";
  out << "\ncore::Result<" << core << "> from_wire(" << wire << " value) {\n  switch (value) {\n";
  emit_cases(out, e, wire, upper_snake_case, core, core_enumerant);
  out << "  }\n  return unknown_enumerant(\"" << e.name
      << "\", static_cast<uint16_t>(value));\n}\n";
  // [[maybe_unused]]: an enum held only as a single value has no list.
  out << "\n[[maybe_unused]] void write_list(const std::vector<" << core << ">& from, capnp::List<"
      << wire
      << ">::Builder to) {\n  for (unsigned i = 0; i < from.size(); ++i) to.set(i, "
         "to_wire(from[i]));\n}\n";
  out << "\n[[maybe_unused]] core::Result<std::vector<" << core << ">> read_list(capnp::List<"
      << wire << ">::Reader from) {\n  std::vector<" << core << "> values;\n"
      << "  values.reserve(from.size());\n  for (" << wire << " wire : from) {\n"
      << "    ASSIGN_OR_RETURN(" << core << " value, from_wire(wire));\n"
      << "    values.push_back(value);\n  }\n  return values;\n}\n";
}

void emit_struct(std::ostringstream& out, const Model& model, const StructModel& s) {
  out << "\nvoid write(const " << core_name(s.name) << "& from, " << wire_name(s.name)
      << "::Builder to) {\n";
  for (const auto& f : s.fields) write_field(out, f);
  out << "}\n\n" << read_signature(s) << " {\n";
  // Values that can fail first, then one designated initializer in the struct's order.
  for (const auto& f : s.fields) {
    if (!can_fail(model, f)) continue;
    if (f.optional) {
      out << "  std::optional<" << core_name(f.type_name) << "> " << f.member << ";\n"
          << "  if (" << presence(f) << ") {\n    ASSIGN_OR_RETURN(" << f.member << ", read("
          << get(f) << "));\n  }\n";
      continue;
    }
    std::string expr = f.kind == FieldKind::kEnum   ? "from_wire(" + get(f) + ")"
                       : f.kind == FieldKind::kList ? "read_list(" + get(f) + ")"
                                                    : "read(" + get(f) + ")";
    out << "  ASSIGN_OR_RETURN(auto " << f.member << ", " << expr << ");\n";
  }
  out << "  return " << core_name(s.name) << "{";
  for (size_t i = 0; i < s.fields.size(); ++i) {
    const auto& f = s.fields[i];
    out << (i ? "," : "") << "\n      ." << f.member << " = "
        << (can_fail(model, f) ? "std::move(" + f.member + ")" : read_value(model, f));
  }
  out << "};\n}\n";
  if (s.is_event) return;
  // As the element of a list.
  out << "\n[[maybe_unused]] void write_list(const std::vector<" << core_name(s.name)
      << ">& from, capnp::List<" << wire_name(s.name) << ">::Builder to) {\n"
      << "  for (unsigned i = 0; i < from.size(); ++i) write(from[i], to[i]);\n}\n";
  if (s.decode_can_fail) return;  // The model refuses lists of these.
  out << "\n[[maybe_unused]] std::vector<" << core_name(s.name) << "> read_list(capnp::List<"
      << wire_name(s.name) << ">::Reader from) {\n  require_elements_hold_words(from);\n"
      << "  std::vector<" << core_name(s.name) << "> values;\n"
      << "  values.reserve(from.size());\n"
      << "  for (auto element : from) values.push_back(read(element));\n  return values;\n}\n";
}

}  // namespace

std::string emit_codec(const Model& model) {
  std::ostringstream out;
  out << "// Generated by capnpc-mandate from events/schema/payload.capnp; do not edit.\n"
         "// events/payload_codec_generated.h states the contract.\n\n"
         "#include \"events/payload_codec_generated.h\"\n\n"
         "#include <cstdint>\n#include <optional>\n#include <string>\n#include <utility>\n"
         "#include <variant>\n#include <vector>\n\n"
         "#include \"events/payload_codec_values.h\"\n\n"
         "namespace mandate::events::codec {\nnamespace {\n\n"
         "// The texts' overloads, beside the enums' below (which would otherwise hide them).\n"
         "using codec::from_wire;\nusing codec::to_wire;\n";
  out << "\n// ---- Every function below, so that each can call any other ----\n\n";
  for (const auto& s : model.structs) {
    out << "void write(const " << core_name(s.name) << "& from, " << wire_name(s.name)
        << "::Builder to);\n"
        << read_signature(s) << ";\n";
  }
  out << "\n// ---- Enums, mapped by enumerant name ----\n";
  for (const auto& e : model.enums) {
    if (e.used) emit_enum(out, e);
  }
  out << "\n// ---- Structs ----\n";
  for (const auto& s : model.structs) emit_struct(out, model, s);

  out << "\ntemplate <typename Event>\ncore::Result<core::EventData> as_event(Event event) {\n"
         "  return core::EventData(std::move(event));\n}\n\n"
         "template <typename Event>\n"
         "core::Result<core::EventData> as_event(core::Result<Event> event) {\n"
         "  if (!event.ok()) return event.take_error();\n"
         "  return core::EventData(std::move(event).value());\n}\n";
  for (const auto& name : model.events) {
    const auto& s = model.find_struct(name);
    out << "\nvoid encode_member(const " << core_name(name) << "& from, schema::Body::Builder "
        << "body) {\n  write(from, body.init" << capitalized(s.member) << "());\n}\n";
  }
  out << "\n}  // namespace\n\n"
         "void encode_body(const core::EventData& data, schema::Body::Builder body) {\n"
         "  std::visit([&body](const auto& event) { encode_member(event, body); }, data);\n}\n\n"
         "core::Result<core::EventData> decode_body(schema::Body::Reader body) {\n"
         "  // No `default:`, so that -Wswitch names a member this switch lacks. A discriminant\n"
         "  // no case knows was written by a newer schema and falls through to the error.\n"
         "  switch (body.which()) {\n";
  for (const auto& name : model.events) {
    const auto& s = model.find_struct(name);
    out << "    case schema::Body::" << upper_snake_case(s.member) << ":\n"
        << "      return as_event(read(body.get" << capitalized(s.member) << "()));\n";
  }
  out << "  }\n  return core::make_error(core::ErrorCode::kCorrupt,\n"
         "                          \"union member @\" +\n"
         "                              std::to_string(static_cast<uint16_t>(body.which())) +\n"
         "                              \" is not one this build knows (written by a newer "
         "schema?)\");\n}\n\n"
         "}  // namespace mandate::events::codec\n";
  return out.str();
}

}  // namespace mandate::codegen
