#include "tools/bootstrap.h"

#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <unistd.h>

#include "core/user.h"
#include "events/digest.h"
#include "http/passwords.h"

namespace mandate::tools {
namespace {

// Writes `secret` and a newline to DIR/`name`, readable by the owner only, durably.
core::Status write_secret_file(const std::string& data_dir, const char* name,
                               const std::string& secret) {
  const std::string path = (std::filesystem::path(data_dir) / name).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    return core::make_error(core::ErrorCode::kInternal, "cannot write " + path);
  }
  const std::string line = secret + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::fsync(fd);
  ::close(fd);
  if (!written) return core::make_error(core::ErrorCode::kInternal, "cannot write " + path);
  return core::ok_status();
}

}  // namespace

core::Status bootstrap_admin(events::EventStore& store, const std::string& data_dir) {
  const std::string token = events::random_hex(32);     // 256 random bits.
  const std::string password = events::random_hex(12);  // 96 random bits, 24 characters.
  core::StreamWrite w{core::user_stream("admin"), 0, {}};
  w.events.push_back(core::NewEvent{
      core::UserRegistered{
          "admin", "Administrator", "", {core::Role::kAdmin}, core::Clearance::kTopSecret},
      {}});
  w.events.push_back(
      core::NewEvent{core::TokenIssued{"admin-initial", events::sha256_hex(token)}, {}});
  w.events.push_back(
      core::NewEvent{core::PasswordSet{http::hash_password(password), true, ""}, {}});
  RETURN_IF_ERROR(write_secret_file(data_dir, "admin.token", token));
  RETURN_IF_ERROR(write_secret_file(data_dir, "admin.password", password));
  auto appended = store.append({w}, events::AppendContext{{"system", ""}, "bootstrap", ""});
  if (!appended.ok()) return appended.take_error();
  std::cerr << R"({"level":"info","msg":"created user admin; its token and first password are in )"
            << data_dir << R"(/admin.token and admin.password"})"
            << "\n";
  return core::ok_status();
}

}  // namespace mandate::tools
