#pragma once

// Running the `mandate` binary as a process, the way an operator does: its exit code, its
// standard output and its standard error.

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "tests/e2e/server_process.h"
#include "tests/support/temp_dir.h"

namespace mandate::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quoted(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// `mandate ARGS...`; `env` is prepended to the command line (e.g. "MANDATE_TOKEN=...").
inline CliRun run_mandate(const std::vector<std::string>& args, const std::string& env = {}) {
  TempDir scratch;
  const std::string err_file = scratch.sub("stderr");
  std::string command = env.empty() ? "" : env + " ";
  command += shell_quoted(mandate_binary());
  for (const auto& a : args) command += " " + shell_quoted(a);
  command += " 2>" + shell_quoted(err_file);
  CliRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  run.err = text.str();
  return run;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace mandate::testing
