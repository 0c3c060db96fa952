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

int fail(const std::string& command, int exit_code, const std::string& message,
         const char* usage) {
  std::cerr << "mandate " << command << ": " << message << "\n";
  if (usage != nullptr) std::cerr << usage;
  return exit_code;
}

}  // namespace mandate::tools
