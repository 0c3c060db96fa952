#include "codegen/names.h"

#include <cctype>

namespace mandate::codegen {
namespace {

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string snake_case(std::string_view camel) {
  std::string out;
  out.reserve(camel.size() + 4);
  for (char c : camel) {
    if (is_upper(c)) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

std::string upper_snake_case(std::string_view camel) {
  std::string out = snake_case(camel);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string capitalized(std::string_view camel) {
  std::string out(camel);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string core_enumerant(std::string_view camel) { return "k" + capitalized(camel); }

}  // namespace mandate::codegen
