#include "codegen/model.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>

#include <capnp/dynamic.h>
#include <capnp/schema-loader.h>

#include "codegen/names.h"

namespace mandate::codegen {
namespace {

using capnp::schema::Node;
using capnp::schema::Type;

// The annotations of describe.capnp, found by name in the file capnp compiled with the payload.
struct Annotations {
  uint64_t type = 0, stream = 0, json = 0, optional = 0, absent_when = 0, date = 0, instant = 0,
           json_by = 0, json_constant = 0, unknown_as = 0;
  uint64_t json_constant_struct = 0;
};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class ModelReader {
 public:
  ModelReader(capnp::schema::CodeGeneratorRequest::Reader request, std::vector<std::string>& errors)
      : request_(request), errors_(errors) {}

  Model read();

 private:
  void fail(const std::string& what) { errors_.push_back(what); }
  std::string short_name(uint64_t id) {
    auto proto = loader_.get(id).getProto();
    return proto.getDisplayName().slice(proto.getDisplayNamePrefixLength()).cStr();
  }
  void find_annotations();
  void read_enum(const capnp::Schema& schema);
  void read_struct(const capnp::Schema& schema);
  bool read_field(const std::string& where, capnp::schema::Field::Reader field, FieldModel& out);
  void read_events(const capnp::Schema& body);

  capnp::schema::CodeGeneratorRequest::Reader request_;
  std::vector<std::string>& errors_;
  capnp::SchemaLoader loader_;
  std::map<uint64_t, std::string> docs_;
  std::map<uint64_t, std::vector<std::string>> member_docs_;
  uint64_t file_ = 0;
  Annotations ids_;
  Model model_;
};

void ModelReader::find_annotations() {
  for (auto node : request_.getNodes()) {
    if (!node.isFile()) continue;
    std::string name = node.getDisplayName().cStr();
    if (name.size() < 14 || name.substr(name.size() - 14) != "describe.capnp") continue;
    for (auto nested : node.getNestedNodes()) {
      const std::string n = nested.getName().cStr();
      const uint64_t id = nested.getId();
      if (n == "type") ids_.type = id;
      if (n == "stream") ids_.stream = id;
      if (n == "json") ids_.json = id;
      if (n == "optional") ids_.optional = id;
      if (n == "absentWhen") ids_.absent_when = id;
      if (n == "date") ids_.date = id;
      if (n == "instant") ids_.instant = id;
      if (n == "jsonBy") ids_.json_by = id;
      if (n == "jsonConstant") ids_.json_constant = id;
      if (n == "unknownAs") ids_.unknown_as = id;
      if (n == "JsonConstant") ids_.json_constant_struct = id;
    }
  }
  if (ids_.type == 0) fail("payload.capnp does not import events/schema/describe.capnp");
}

void ModelReader::read_enum(const capnp::Schema& schema) {
  EnumModel e;
  e.name = short_name(schema.getProto().getId());
  for (auto enumerant : schema.getProto().getEnum().getEnumerants()) {
    e.enumerants.push_back(enumerant.getName().cStr());
  }
  for (auto annotation : schema.getProto().getAnnotations()) {
    if (annotation.getId() == ids_.unknown_as) {
      e.unknown_as = annotation.getValue().getText().cStr();
      if (std::find(e.enumerants.begin(), e.enumerants.end(), e.unknown_as) == e.enumerants.end()) {
        fail(e.name + ": $unknownAs(\"" + e.unknown_as + "\") names no enumerant");
      }
    }
  }
  model_.enums.push_back(std::move(e));
}

std::string integer_type(Type::Which which) {
  switch (which) {
    case Type::INT8:
      return "int8_t";
    case Type::INT16:
      return "int16_t";
    case Type::INT32:
      return "int32_t";
    case Type::INT64:
      return "int64_t";
    case Type::UINT8:
      return "uint8_t";
    case Type::UINT16:
      return "uint16_t";
    case Type::UINT32:
      return "uint32_t";
    case Type::UINT64:
      return "uint64_t";
    default:
      return "";
  }
}

std::string integer_default(capnp::schema::Value::Reader value) {
  switch (value.which()) {
    case capnp::schema::Value::INT8:
      return std::to_string(value.getInt8());
    case capnp::schema::Value::INT16:
      return std::to_string(value.getInt16());
    case capnp::schema::Value::INT32:
      return std::to_string(value.getInt32());
    case capnp::schema::Value::INT64:
      return std::to_string(value.getInt64());
    case capnp::schema::Value::UINT8:
      return std::to_string(value.getUint8());
    case capnp::schema::Value::UINT16:
      return std::to_string(value.getUint16());
    case capnp::schema::Value::UINT32:
      return std::to_string(value.getUint32());
    case capnp::schema::Value::UINT64:
      return std::to_string(value.getUint64());
    default:
      return "0";
  }
}

bool ModelReader::read_field(const std::string& where, capnp::schema::Field::Reader field,
                             FieldModel& out) {
  out.name = field.getName().cStr();
  out.member = snake_case(out.name);
  out.accessor = capitalized(out.name);
  if (!field.isSlot()) {
    fail(where + "." + out.name + ": a group; core has no form for it");
    return false;
  }
  auto type = field.getSlot().getType();
  auto set_named = [&](uint64_t id) {
    out.type_name = short_name(id);
    if (loader_.get(id).getProto().getScopeId() != file_) {
      fail(where + "." + out.name + ": " + out.type_name + " is not declared in payload.capnp");
    }
  };
  auto scalar = [&](Type::Reader t, FieldKind& kind) -> bool {
    switch (t.which()) {
      case Type::TEXT:
        kind = FieldKind::kText;
        return true;
      case Type::BOOL:
        kind = FieldKind::kBool;
        return true;
      case Type::ENUM:
        kind = FieldKind::kEnum;
        set_named(t.getEnum().getTypeId());
        return true;
      case Type::STRUCT:
        kind = FieldKind::kStruct;
        set_named(t.getStruct().getTypeId());
        return true;
      default:
        out.integer_type = integer_type(t.which());
        kind = FieldKind::kInteger;
        return !out.integer_type.empty();
    }
  };
  bool supported = true;
  if (type.isList()) {
    out.kind = FieldKind::kList;
    auto element = type.getList().getElementType();
    supported = scalar(element, out.element) && out.element != FieldKind::kBool;
  } else {
    supported = scalar(type, out.kind);
  }
  if (!supported) {
    fail(where + "." + out.name + ": a type core has no form for");
    return false;
  }

  bool date = false, instant = false;
  for (auto annotation : field.getAnnotations()) {
    const uint64_t id = annotation.getId();
    if (id == ids_.json) {
      out.json =
          annotation.getValue().getEnum() == 0 ? JsonRule::kNullWhenEmpty : JsonRule::kHidden;
    } else if (id == ids_.optional) {
      out.optional = true;
      out.flag_accessor = "Has" + out.accessor;
    } else if (id == ids_.absent_when) {
      out.optional = true;
      out.flag_accessor = capitalized(annotation.getValue().getText().cStr());
      out.flag_inverted = true;
    } else if (id == ids_.date) {
      date = true;
    } else if (id == ids_.instant) {
      instant = true;
    }
  }
  if (date) {
    if (out.kind != FieldKind::kInteger || out.integer_type != "int32_t") {
      fail(where + "." + out.name + ": $date needs an Int32 (days since 1970-01-01)");
    }
    out.kind = FieldKind::kDate;
  }
  if (instant) {
    if (out.kind != FieldKind::kInteger || out.integer_type != "int64_t") {
      fail(where + "." + out.name + ": $instant needs an Int64 (microseconds since 1970)");
    }
    out.kind = FieldKind::kInstant;
  }
  if (out.json == JsonRule::kNullWhenEmpty && (out.kind != FieldKind::kText || out.optional)) {
    fail(where + "." + out.name + ": $json(nullWhenEmpty) is for a Text that is not $optional");
  }
  if (out.optional && (out.kind == FieldKind::kList || out.kind == FieldKind::kEnum ||
                       out.kind == FieldKind::kBool)) {
    fail(where + "." + out.name + ": $optional is for a text, a number, a date or a struct");
  }

  auto value = field.getSlot().getDefaultValue();
  if (!out.optional) {
    switch (out.kind) {
      case FieldKind::kBool:
        out.default_value = value.getBool() ? "true" : "false";
        break;
      case FieldKind::kInteger:
        out.default_value = integer_default(value);
        break;
      case FieldKind::kDate:
      case FieldKind::kInstant:
        if (integer_default(value) != "0") out.default_value = "{" + integer_default(value) + "}";
        break;
      case FieldKind::kEnum: {
        auto enumerants =
            loader_.get(type.getEnum().getTypeId()).getProto().getEnum().getEnumerants();
        out.default_value =
            out.type_name + "::" + core_enumerant(enumerants[value.getEnum()].getName().cStr());
        break;
      }
      default:
        break;
    }
  }
  return true;
}

void ModelReader::read_struct(const capnp::Schema& schema) {
  auto proto = schema.getProto();
  StructModel s;
  s.name = short_name(proto.getId());
  s.doc = docs_[proto.getId()];
  auto fields = proto.getStruct().getFields();
  const auto& member_docs = member_docs_[proto.getId()];

  std::vector<std::pair<uint16_t, FieldModel>> raw;
  for (unsigned i = 0; i < fields.size(); ++i) {
    FieldModel f;
    if (fields[i].getDiscriminantValue() != capnp::schema::Field::NO_DISCRIMINANT) {
      fail(s.name + ": a union; core has no form for it");
      continue;
    }
    if (!read_field(s.name, fields[i], f)) continue;
    if (i < member_docs.size()) f.doc = member_docs[i];
    raw.emplace_back(fields[i].getCodeOrder(), std::move(f));
  }
  std::sort(raw.begin(), raw.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  // Fold each optional's flag into it.
  std::set<std::string> flags;
  for (const auto& entry : raw) {
    const FieldModel& f = entry.second;  // Not a structured binding: clang 14 cannot capture one.
    if (!f.optional) continue;
    auto flag = std::find_if(raw.begin(), raw.end(), [&](const auto& other) {
      return other.second.accessor == f.flag_accessor;
    });
    if (flag == raw.end() || flag->second.kind != FieldKind::kBool) {
      fail(s.name + "." + f.name + ": $optional needs a Bool " + f.flag_accessor + " beside it");
      continue;
    }
    flags.insert(f.flag_accessor);
  }
  for (auto& [order, f] : raw) {
    if (flags.count(f.accessor)) continue;
    if (f.kind == FieldKind::kBool && f.name.size() > 3 && f.name.rfind("has", 0) == 0 &&
        std::isupper(static_cast<unsigned char>(f.name[3]))) {
      fail(s.name + "." + f.name + ": a presence flag whose value is not $optional");
    }
    s.fields.push_back(std::move(f));
  }

  for (auto annotation : proto.getAnnotations()) {
    const uint64_t id = annotation.getId();
    if (id == ids_.type) s.wire_type = annotation.getValue().getText().cStr();
    if (id == ids_.stream) s.stream = annotation.getValue().getText().cStr();
    if (id == ids_.json_by) s.json_by = annotation.getValue().getText().cStr();
    if (id == ids_.json_constant) {
      auto value = annotation.getValue().getStruct().getAs<capnp::DynamicStruct>(
          loader_.get(ids_.json_constant_struct).asStruct());
      s.json_constants.emplace_back(value.get("name").as<capnp::Text>().cStr(),
                                    value.get("value").as<capnp::Text>().cStr());
    }
  }

  // Nested structs must come first, so that the header declares them before use.
  for (const auto& f : s.fields) {
    const bool nested = f.kind == FieldKind::kStruct ||
                        (f.kind == FieldKind::kList && f.element == FieldKind::kStruct);
    const bool enumerated =
        f.kind == FieldKind::kEnum || (f.kind == FieldKind::kList && f.element == FieldKind::kEnum);
    if (nested) {
      auto known = std::find_if(model_.structs.begin(), model_.structs.end(),
                                [&](const StructModel& o) { return o.name == f.type_name; });
      if (known == model_.structs.end()) {
        fail(s.name + "." + f.name + ": declare " + f.type_name + " above " + s.name);
      } else if (known->decode_can_fail) {
        if (f.kind == FieldKind::kList) {
          fail(s.name + "." + f.name + ": a list of structs that hold enums is not supported");
        }
        s.decode_can_fail = true;
      }
    }
    if (enumerated) {
      for (auto& e : model_.enums) {
        if (e.name != f.type_name) continue;
        e.used = true;
        if (e.unknown_as.empty() || f.kind == FieldKind::kList) s.decode_can_fail = true;
      }
    }
  }
  model_.structs.push_back(std::move(s));
}

void ModelReader::read_events(const capnp::Schema& body) {
  std::vector<std::pair<uint16_t, std::string>> members;
  for (auto field : body.getProto().getStruct().getFields()) {
    const uint16_t discriminant = field.getDiscriminantValue();
    const std::string name = field.getName().cStr();
    if (discriminant == capnp::schema::Field::NO_DISCRIMINANT || !field.isSlot() ||
        !field.getSlot().getType().isStruct()) {
      fail("Body." + name + ": every member of Body is in its union and is a struct");
      continue;
    }
    members.emplace_back(discriminant, name);
    const std::string type = short_name(field.getSlot().getType().getStruct().getTypeId());
    for (auto& s : model_.structs) {
      if (s.name != type) continue;
      if (s.is_event) fail("Body." + name + ": " + type + " is already another member's");
      s.is_event = true;
      s.member = name;
      if (s.wire_type.empty()) fail(type + " is an event type without $type");
      if (s.stream.empty()) fail(type + " is an event type without $stream");
    }
  }
  std::sort(members.begin(), members.end());
  for (const auto& [discriminant, name] : members) {
    for (const auto& s : model_.structs) {
      if (s.member == name) model_.events.push_back(s.name);
    }
  }
  std::set<std::string> types;
  for (const auto& s : model_.structs) {
    if (!s.is_event && (!s.wire_type.empty() || !s.stream.empty())) {
      fail(s.name + " has $type or $stream but is not a member of Body");
    }
    if (s.is_event && !types.insert(s.wire_type).second) {
      fail(s.name + ": $type(\"" + s.wire_type + "\") is another event's");
    }
  }
}

Model ModelReader::read() {
  for (auto node : request_.getNodes()) loader_.load(node);
  for (auto info : request_.getSourceInfo()) {
    docs_[info.getId()] = trimmed(info.getDocComment().cStr());
    auto& members = member_docs_[info.getId()];
    for (auto member : info.getMembers()) members.push_back(trimmed(member.getDocComment().cStr()));
  }
  find_annotations();
  if (request_.getRequestedFiles().size() != 1) {
    fail("capnpc-mandate compiles one file, events/schema/payload.capnp");
    return {};
  }
  file_ = request_.getRequestedFiles()[0].getId();
  std::optional<capnp::Schema> body;
  for (auto nested : loader_.get(file_).getProto().getNestedNodes()) {
    auto schema = loader_.get(nested.getId());
    auto proto = schema.getProto();
    if (proto.isEnum()) read_enum(schema);
    if (proto.isStruct() && std::string(nested.getName().cStr()) == "Body")
      body = schema;
    else if (proto.isStruct())
      read_struct(schema);
  }
  if (!body) {
    fail("payload.capnp has no struct Body");
    return {};
  }
  read_events(*body);
  return std::move(model_);
}

}  // namespace

const StructModel& Model::find_struct(const std::string& name) const {
  for (const auto& s : structs) {
    if (s.name == name) return s;
  }
  throw std::logic_error("no struct " + name);
}

const EnumModel& Model::find_enum(const std::string& name) const {
  for (const auto& e : enums) {
    if (e.name == name) return e;
  }
  throw std::logic_error("no enum " + name);
}

Model read_model(capnp::schema::CodeGeneratorRequest::Reader request,
                 std::vector<std::string>& errors) {
  return ModelReader(request, errors).read();
}

}  // namespace mandate::codegen
