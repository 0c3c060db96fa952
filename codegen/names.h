#pragma once

// The spellings one schema name takes in the code capnpc-mandate writes. Cap'n Proto names
// fields and enumerants in camelCase; its C++ generator and the core types spell them
// otherwise.

#include <string>
#include <string_view>

namespace mandate::codegen {

// "tokenSha256" -> "token_sha256": the core struct's member, and the JSON field.
std::string snake_case(std::string_view camel);

// "topSecret" -> "TOP_SECRET": Cap'n Proto's C++ name of an enumerant or a union member.
std::string upper_snake_case(std::string_view camel);

// "focalAgency" -> "FocalAgency": as in Cap'n Proto's getFocalAgency() and setFocalAgency().
std::string capitalized(std::string_view camel);

// "topSecret" -> "kTopSecret": the core enum's value of an enumerant.
std::string core_enumerant(std::string_view camel);

}  // namespace mandate::codegen
