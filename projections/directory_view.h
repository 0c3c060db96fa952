#pragma once

// Who exists: agencies, users, their tokens and sessions, and the sign-in policy, as the log
// says. It answers authentication (a token's or a session's hash to its user, a password's
// hash, a second factor's key) and the agency directory with diacritic-insensitive search.
//
// Thread-safety: none of its own; the ProjectionRunner's lock guards it.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/caller.h"
#include "core/event.h"
#include "projections/projection.h"

namespace mandate::projections {

struct AgencyRow {
  core::AgencyRegistered agency;
  uint64_t version = 0;
  core::Instant created_at;
};

struct TokenRow {
  std::string token_id;
  std::string user;
  bool revoked = false;
  core::Instant issued_at;
};

struct UserRow {
  core::UserRegistered user;
  uint64_t version = 0;
  core::Instant created_at;
  std::vector<std::string> token_ids;
  std::string password_hash;  // Empty: no password; the user signs in only by token.
  bool must_change_password = false;
  std::string second_factor_secret;  // Empty: none enrolled.
  uint64_t last_totp_step = 0;
  core::Instant password_set_at;
};

// An open session: signed in and neither signed out nor ended by a password change. Whether it
// has expired is the server's rule (core::session_expiry).
struct SessionRow {
  std::string session_id;
  std::string user;
  core::Instant signed_in_at;
  bool second_factor = false;
};

class DirectoryView : public Projection {
 public:
  std::string_view name() const override { return "directory"; }
  bool follows(std::string_view stream) const override {
    return stream.starts_with("agency:") || stream.starts_with("user:") ||
           stream == "access:policy";
  }
  void apply(const core::RecordedEvent& event) override;
  void clear() override;
  void save(snapshot::Writer& out) const override;
  bool load(snapshot::Reader& in) override;
  uint64_t shape() const override;

  const AgencyRow* agency(std::string_view id) const;
  // Every agency in id order.
  const std::map<std::string, AgencyRow, std::less<>>& agencies() const { return s_.agencies; }
  const UserRow* user(std::string_view id) const;
  const std::map<std::string, UserRow, std::less<>>& users() const { return s_.users; }
  // The caller holding an active token with this SHA-256 (lowercase hex), if any.
  std::optional<core::Caller> caller_for_token(std::string_view token_sha256) const;
  // The token with this id, revoked or not.
  const TokenRow* token(std::string_view token_id) const;
  // The open session whose secret has this SHA-256, if any.
  const SessionRow* session(std::string_view session_sha256) const;
  // The roles that must sign in with a second factor (PUT /v1/policy/sign-in).
  const std::vector<core::Role>& second_factor_roles() const { return s_.second_factor_roles; }
  // Whether the user's roles need a second factor and none is enrolled: what its session owes
  // before anything else.
  bool owes_second_factor(const UserRow& row) const;

 private:
  // Everything the view holds, as one value for snapshots.
  struct State {
    std::map<std::string, AgencyRow, std::less<>> agencies;
    std::map<std::string, UserRow, std::less<>> users;
    std::map<std::string, TokenRow, std::less<>> tokens_by_id;
    std::unordered_map<std::string, std::string> token_id_by_hash;
    std::unordered_map<std::string, SessionRow> sessions_by_hash;
    std::vector<core::Role> second_factor_roles;
  };

  UserRow* user_of(const core::RecordedEvent& event);
  void end_sessions(const std::string& user, const std::string& kept_session);

  State s_;
};

}  // namespace mandate::projections
