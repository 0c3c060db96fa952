// `mandate import FILE...`: plan files and agencies files into a stopped server's data
// directory, or through a running server's API.

#include "tools/import.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/plan_files.h"
#include "tools/remote.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage = R"(usage: mandate import FILE... [--draft] [--data DIR | --url URL]

Imports plan files (the body of POST /v1/plans, as in plans/) and agencies files (a JSON array
of POST /v1/agencies bodies, as plans/agencies.json). Every file is read and checked first, as
the API checks a body: one bad file stops the import before anything is written, and the error
names the file and the field. The files are then written in the order given (put the agencies
first): each agency registered, each plan created and issued (left a draft with --draft).
A file the domain refuses (an unknown agency, an id already taken) is not written, nor is any
file after it; the files before it stay imported, and each is named as it lands.

Offline (the server is stopped): --data DIR (default ./data), acting as the built-in admin.
Through a running server: --url http://HOST:PORT with an admin's or coordinator's token in
--token-file FILE or MANDATE_TOKEN.
Exit 0: every file imported. Exit 1: a file was refused (nothing of it written).
Exit 2: bad flags, or a file that cannot be read or does not check. Exit 3: the data directory
or the server cannot be used.
)";

constexpr const char* kCommand = "import";

// The requests that import a file through the API, in order: (method, target, body).
struct Request {
  std::string method, target, body;
};

std::vector<Request> requests_for(const PlanFile& file, bool issue) {
  std::vector<Request> requests;
  if (file.json.is_array()) {
    for (const auto& agency : file.json) {
      requests.push_back({"POST", "/v1/agencies", agency.dump()});
    }
    return requests;
  }
  const auto& plan = std::get<core::PlanDrafted>(file.content);
  requests.push_back({"POST", "/v1/plans", file.json.dump()});
  if (issue) requests.push_back({"POST", "/v1/plans/" + plan.id + "/issue", "{}"});
  return requests;
}

int import_remote(const Args& args, const std::vector<PlanFile>& files, bool issue) {
  auto remote = Remote::from_args(args);
  if (!remote.ok()) return fail(kCommand, kExitUsage, remote.error().message);
  for (const auto& file : files) {
    for (const auto& request : requests_for(file, issue)) {
      auto reply = remote->call(request.method, request.target, request.body);
      if (!reply.ok()) return fail(kCommand, kExitUnavailable, reply.error().message);
      if (reply->status / 100 != 2) {
        return fail(kCommand, reply->status >= 500 ? kExitUnavailable : kExitFailure,
                    file.path + ": " + request.method + " " + request.target + ": " +
                        describe_failure(*reply));
      }
    }
    std::cout << "imported " << file.path << "\n";
  }
  return kExitOk;
}

int import_offline(const Args& args, const std::vector<PlanFile>& files, bool issue) {
  auto store = open_data_dir(args);
  if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
  events::CommandHandler commands(**store);
  for (const auto& file : files) {
    if (auto st = write_plan_file(commands, file, system_clock(), issue); !st.ok()) {
      const auto code = st.error().code;
      return fail(kCommand,
                  code == core::ErrorCode::kInternal || code == core::ErrorCode::kCorrupt
                      ? kExitUnavailable
                      : kExitFailure,
                  st.error().message +
                      (st.error().field.empty() ? "" : " (field " + st.error().field + ")"));
    }
    std::cout << "imported " << file.path << "\n";
  }
  return kExitOk;
}

}  // namespace

int import_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"data", "url", "token-file"}, {"help", "draft"});
  if (args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kUsage);
  if (args.positional.empty()) return fail(kCommand, kExitUsage, "name at least one file", kUsage);
  std::vector<PlanFile> files;
  for (const auto& path : args.positional) {
    auto file = read_plan_file(path);
    if (!file.ok()) {
      const auto& e = file.error();
      return fail(kCommand, kExitUsage,
                  e.message + (e.field.empty() ? "" : " (field " + e.field + ")") +
                      "; nothing was imported");
    }
    files.push_back(std::move(*file));
  }
  const bool issue = !args.has("draft");
  return args.has("url") ? import_remote(args, files, issue) : import_offline(args, files, issue);
}

}  // namespace mandate::tools
