#pragma once

// Small helpers shared by the subcommands: flags and exit codes.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mandate::tools {

// Exit codes, the same for every subcommand (docs/operations.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // The operation ran and failed (e.g. a broken chain).
inline constexpr int kExitUsage = 2;        // Bad flags or arguments.
inline constexpr int kExitUnavailable = 3;  // The data directory or server could not be used.

// `--name value` and `--name=value` flags, and positional arguments. A flag listed in
// `switches` takes no value. `--data` with `--url` is an error.
struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  std::optional<std::string> error;

  std::string get(const std::string& name, const std::string& fallback) const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
  bool has(const std::string& name) const { return flags.count(name) > 0; }
};

Args parse_args(int argc, char** argv, int first, const std::vector<std::string>& known,
                const std::vector<std::string>& switches = {});

// `text` as a plain decimal (digits only: no sign, space or suffix) from `min` to `max`, or
// nullopt. Every numeric flag goes through it before anything starts.
std::optional<uint64_t> parse_number(const std::string& text, uint64_t min, uint64_t max);

// The number in flag `--name` (or `fallback` when absent), or nullopt after setting
// `args.error` to say what the flag takes.
std::optional<uint64_t> number_flag(Args& args, const std::string& name, uint64_t fallback,
                                    uint64_t min, uint64_t max);

// Prints "mandate <command>: <message>" to stderr and returns `exit_code`; with `usage`, the
// usage text follows.
int fail(const std::string& command, int exit_code, const std::string& message,
         const char* usage = nullptr);

}  // namespace mandate::tools
