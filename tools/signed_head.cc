#include "tools/signed_head.h"

#include "tools/signing.h"

namespace mandate::tools {
namespace {

constexpr const char* kFormat = "mandate-signed-head/1";

// The exact bytes signed: every field on its own line, so none can bleed into another.
std::string message_of(const SignedHead& head) {
  return std::string(kFormat) + "\n" + std::to_string(head.position) + "\n" + head.hash + "\n" +
         head.signed_at + "\n" + head.subject + "\n";
}

}  // namespace

core::Result<SignedHead> sign_head(const std::string& key_path, uint64_t position,
                                   const std::string& hash, core::Instant now,
                                   const std::string& subject) {
  SignedHead head{position, hash, core::format_instant(now), subject, {}, {}};
  ASSIGN_OR_RETURN(head.public_key, public_key_hex(key_path));
  ASSIGN_OR_RETURN(head.signature, sign(key_path, message_of(head)));
  return head;
}

bool signature_holds(const SignedHead& head) {
  return verify_signature(head.public_key, message_of(head), head.signature);
}

nlohmann::json to_json(const SignedHead& head) {
  return {{"format", kFormat},          {"position", head.position},
          {"hash", head.hash},          {"signed_at", head.signed_at},
          {"subject", head.subject},    {"public_key", head.public_key},
          {"signature", head.signature}};
}

core::Result<SignedHead> signed_head_from_json(const nlohmann::json& json) {
  try {
    if (json.at("format").get<std::string>() != kFormat) {
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "not a signed head of format " + std::string(kFormat));
    }
    return SignedHead{
        json.at("position").get<uint64_t>(),      json.at("hash").get<std::string>(),
        json.at("signed_at").get<std::string>(),  json.at("subject").get<std::string>(),
        json.at("public_key").get<std::string>(), json.at("signature").get<std::string>()};
  } catch (const nlohmann::json::exception& e) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            std::string("not a signed head: ") + e.what());
  }
}

}  // namespace mandate::tools
