// `mandate token create|revoke`: a user's bearer tokens, offline on a stopped server's data
// directory or through a running server's API.

#include "tools/token.h"

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "core/user.h"
#include "events/command_handler.h"
#include "events/digest.h"
#include "tools/cli.h"
#include "tools/data_dir.h"
#include "tools/plan_files.h"
#include "tools/remote.h"
#include "tools/system_clock.h"

namespace mandate::tools {
namespace {

constexpr const char* kUsage =
    R"(usage: mandate token create --user ID [--out FILE] [--data DIR | --url URL]
       mandate token revoke TOKEN_ID [--data DIR | --url URL]

create: issues a new bearer token (256 random bits) for the user ID and prints
  {"token_id","token","user"}; with --out FILE the token is written to FILE (mode 0600)
  instead, and only its id is printed. The token is shown this once: the log keeps its hash.
revoke: revokes the token TOKEN_ID; it stops working at once.

Offline (the server is stopped): --data DIR (default ./data), acting as the built-in admin.
Through a running server: --url http://HOST:PORT with an admin's token in --token-file FILE
or MANDATE_TOKEN.
Exit 0: done. Exit 1: refused (no such user or token, already revoked, not allowed).
Exit 2: bad flags. Exit 3: the data directory or the server cannot be used.
)";

constexpr const char* kCommand = "token";

int refused(const core::Error& error) {
  return fail(kCommand,
              error.code == core::ErrorCode::kCorrupt || error.code == core::ErrorCode::kInternal
                  ? kExitUnavailable
                  : kExitFailure,
              error.message);
}

int remote_refused(const Reply& reply) {
  return fail(kCommand, reply.status >= 500 ? kExitUnavailable : kExitFailure,
              describe_failure(reply));
}

// Where the secret goes: a file only its owner can read, or standard output.
int hand_over(const Args& args, const nlohmann::json& issued) {
  if (!args.has("out")) {
    std::cout << issued.dump() << "\n";
    return kExitOk;
  }
  const std::string path = args.get("out", "");
  std::ofstream out(path, std::ios::trunc);
  if (!out) return fail(kCommand, kExitFailure, "cannot write " + path);
  ::chmod(path.c_str(), 0600);
  out << issued["token"].get<std::string>() << "\n";
  out.close();
  if (!out) return fail(kCommand, kExitFailure, "cannot write " + path);
  std::cout << nlohmann::json{{"token_id", issued["token_id"]},
                              {"user", issued["user"]},
                              {"token_file", path}}
                   .dump()
            << "\n";
  return kExitOk;
}

core::Result<events::Handled<core::UserState>> run(events::EventStore& store,
                                                   const std::string& user,
                                                   const core::UserCommand& command) {
  events::CommandHandler commands(store);
  const events::StoreDirectory directory(commands);
  return commands.execute<core::UserState>(
      core::user_stream(user), kOperator, {}, [&](const core::UserState& s) {
        return core::decide(s, command, kOperator, system_clock(), directory);
      });
}

// The user holding `token_id`: token ids are unique across users only by construction, so
// every user is looked at.
core::Result<std::string> holder_of(const events::EventStore& store, const std::string& token_id) {
  ASSIGN_OR_RETURN(auto streams, store.streams_with_prefix("user:"));
  for (const auto& stream : streams) {
    ASSIGN_OR_RETURN(auto user, events::load_state<core::UserState>(store, stream));
    if (core::find_token(user, token_id) != nullptr) return user.id;
  }
  return core::make_error(core::ErrorCode::kNotFound, "no token " + token_id);
}

int create(const Args& args) {
  const std::string user = args.get("user", "");
  if (args.has("url")) {
    auto remote = Remote::from_args(args);
    if (!remote.ok()) return fail(kCommand, kExitUsage, remote.error().message);
    auto reply = remote->call("POST", "/v1/users/" + user + "/tokens", "{}");
    if (!reply.ok()) return fail(kCommand, kExitUnavailable, reply.error().message);
    if (reply->status != 201) return remote_refused(*reply);
    auto body = nlohmann::json::parse(reply->body);
    return hand_over(args,
                     {{"token_id", body["token_id"]}, {"token", body["token"]}, {"user", user}});
  }
  auto store = open_data_dir(args);
  if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
  const std::string token = events::random_hex(32);  // 256 random bits.
  const core::IssueToken command{"t-" + events::random_hex(8), events::sha256_hex(token)};
  auto done = run(**store, user, command);
  if (!done.ok()) return refused(done.error());
  return hand_over(args, {{"token_id", command.token_id}, {"token", token}, {"user", user}});
}

int revoke(const Args& args, const std::string& token_id) {
  if (args.has("url")) {
    auto remote = Remote::from_args(args);
    if (!remote.ok()) return fail(kCommand, kExitUsage, remote.error().message);
    auto reply = remote->call("DELETE", "/v1/tokens/" + token_id);
    if (!reply.ok()) return fail(kCommand, kExitUnavailable, reply.error().message);
    if (reply->status != 204) return remote_refused(*reply);
  } else {
    auto store = open_data_dir(args);
    if (!store.ok()) return fail(kCommand, kExitUnavailable, store.error().message);
    auto user = holder_of(**store, token_id);
    if (!user.ok()) return refused(user.error());
    auto done = run(**store, *user, core::RevokeToken{token_id});
    if (!done.ok()) return refused(done.error());
  }
  std::cout << "revoked " << token_id << "\n";
  return kExitOk;
}

}  // namespace

int token_main(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"data", "url", "token-file", "user", "out"}, {"help"});
  const std::string action = argc > 2 ? argv[2] : "";
  if (action == "--help" || args.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.error) return fail(kCommand, kExitUsage, *args.error, kUsage);
  if (action == "create") {
    if (!args.positional.empty() || args.get("user", "").empty()) {
      return fail(kCommand, kExitUsage, "create needs --user ID and nothing else", kUsage);
    }
    return create(args);
  }
  if (action == "revoke") {
    if (args.positional.size() != 1 || args.has("user") || args.has("out")) {
      return fail(kCommand, kExitUsage, "revoke needs one TOKEN_ID", kUsage);
    }
    return revoke(args, args.positional[0]);
  }
  return fail(kCommand, kExitUsage, "say create or revoke", kUsage);
}

}  // namespace mandate::tools
