#include "tools/cli.h"

#include <algorithm>
#include <iostream>

namespace mandate::tools {

Args parse_args(int argc, char** argv, int first, const std::vector<std::string>& known,
                const std::vector<std::string>& switches) {
  Args args;
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      args.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (!listed(known, name) && !listed(switches, name)) {
      args.error = "unknown flag --" + name;
      return args;
    }
    if (listed(switches, name)) {
      args.flags[name] = "true";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) {
        args.error = "--" + name + " needs a value";
        return args;
      }
      value = argv[++i];
    }
    args.flags[name] = value;
  }
  // A subcommand works on a data directory or through a server, never both at once.
  if (args.has("data") && args.has("url")) args.error = "--data and --url exclude each other";
  return args;
}

std::optional<uint64_t> parse_number(const std::string& text, uint64_t min, uint64_t max) {
  // 19 digits always fit in 64 bits.
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<uint64_t> number_flag(Args& args, const std::string& name, uint64_t fallback,
                                    uint64_t min, uint64_t max) {
  if (!args.has(name)) return fallback;
  auto value = parse_number(args.get(name, ""), min, max);
  if (!value && !args.error) {
    args.error = "--" + name + " takes a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max) + ", not \"" + args.get(name, "") + "\"";
  }
  return value;
}

int fail(const std::string& command, int exit_code, const std::string& message, const char* usage) {
  std::cerr << "mandate " << command << ": " << message << "\n";
  if (usage != nullptr) std::cerr << usage;
  return exit_code;
}

}  // namespace mandate::tools
