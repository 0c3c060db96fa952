#pragma once

// A user and the bearer tokens that authenticate as it, stream "user:<id>". A user belongs to
// one agency (the built-in admin to none), holds roles and a clearance; core/access.h says what
// those allow.
//
// A token is random and shown once; generating it is I/O and happens outside core. Core sees
// only its id and the lowercase hex SHA-256 of its secret, and decides whether it may be issued
// or revoked. Authenticating a request is find_active_token() over the users' states.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

struct Token {
  std::string sha256;  // Lowercase hex of SHA-256 of the secret.
  Instant issued_at;   // recorded_at of TokenIssued.
  bool revoked = false;
  std::optional<Instant> revoked_at;

  bool operator==(const Token&) const = default;
};

// A signed-in session, open until its user signs out or a password change ends it. Expiry by
// time is the server's rule (core/sign_in.h, session_expiry), not the log's.
struct Session {
  std::string sha256;  // Of the cookie's secret.
  Instant signed_in_at;
  bool second_factor = false;

  bool operator==(const Session&) const = default;
};

struct UserState {
  uint64_t version = 0;  // Events folded; 0: the user does not exist.
  std::string id;
  std::string name;
  std::string agency;  // Empty for an admin with no agency.
  std::vector<Role> roles;
  Clearance clearance = Clearance::kNone;
  std::map<std::string, Token, std::less<>> tokens;  // By token id, revoked ones included.
  std::string password_hash;  // Argon2id, encoded; empty: the user cannot sign in by password.
  bool must_change_password = false;
  std::string second_factor_secret;  // Base32 TOTP key; empty: none enrolled.
  uint64_t last_totp_step = 0;       // The last code's time step: no code counts twice.
  std::map<std::string, Session, std::less<>> sessions;  // Open sessions by id.

  bool operator==(const UserState&) const = default;
};

// Folds one event of the user's stream into `state` and sets state.version = event.version.
// Events of other aggregates, and a revocation of a token the user does not hold, change
// nothing else.
void evolve(UserState& state, const RecordedEvent& event);

// The token with id `token_id`, or nullptr. Valid while `state` is unchanged.
const Token* find_token(const UserState& state, std::string_view token_id);

// The id of the user's unrevoked token whose hash is `sha256`, or nullopt.
std::optional<std::string> find_active_token(const UserState& state, std::string_view sha256);

// The user as the Caller of a request it authenticated.
Caller caller_of(const UserState& state);

// True for 64 lowercase hex digits: the only spelling of a hash that find_active_token matches.
bool is_sha256_hex(std::string_view text);

// POST /v1/users.
struct RegisterUser {
  std::string id;
  std::string name;
  std::string agency;  // May be empty only when the sole role is admin.
  std::vector<Role> roles;
  Clearance clearance = Clearance::kNone;
};

// POST /v1/users/{id}/tokens, once the secret is drawn and hashed.
struct IssueToken {
  std::string token_id;
  std::string token_sha256;
};

// DELETE /v1/tokens/{token_id}, addressed to the user holding the token.
struct RevokeToken {
  std::string token_id;
};

// POST /v1/users/{id}/password (an admin's first password: must_change) or
// POST /v1/me/password (the user's own change, made in `kept_session` when by cookie), once
// the password passed check_password_policy and was hashed.
struct SetPassword {
  std::string hash;
  bool must_change = false;
  std::string kept_session;
};

// What POST /v1/sign-in records, after the server checked the password (and the code).
struct RecordSignIn {
  SignedIn session;
};
struct RecordSignInFailure {
  std::string source;
  std::string reason;  // "password" or "second_factor".
};
struct RecordAccountLock {
  SignInLocked lock;
};

// POST /v1/sign-out.
struct SignOut {
  std::string session_id;
};

// POST /v1/me/second-factor/confirm, once the code was checked against the key.
struct EnrolSecondFactor {
  std::string secret_base32;
  uint64_t totp_step = 0;
};

// DELETE /v1/users/{id}/second-factor.
struct ResetSecondFactor {};

using UserCommand = std::variant<RegisterUser, IssueToken, RevokeToken, SetPassword, RecordSignIn,
                                 RecordSignInFailure, RecordAccountLock, SignOut, EnrolSecondFactor,
                                 ResetSecondFactor>;

// Decides `command` against the user `state`; events go to "user:<id>" with the state's
// version expected. Every command needs may(kManageDirectory) (kForbidden).
//
// RegisterUser -> UserRegistered. kConflict (field "id") when the user exists; then
// kValidationFailed for "id" (not a slug), "name" (blank), "roles" (empty) or "roles[i]" (the
// second mention of a role already listed); for "agency": kValidationFailed when empty and the
// roles are not exactly [admin], kUnknownAgency when given and unknown to `directory`.
//
// IssueToken -> TokenIssued. kNotFound when the user does not exist; kValidationFailed for
// "token_id" (not a slug) or "token_sha256" (not is_sha256_hex); kConflict when the user has
// held a token with that id, revoked or not.
//
// RevokeToken -> TokenRevoked. kNotFound when the user does not exist or holds no such token;
// kConflict when the token is already revoked.
//
// SetPassword -> PasswordSet. kNotFound when the user does not exist; kForbidden unless an
// admin sets a first password (must_change) or the user changes its own (not must_change);
// kValidationFailed on "password" when the hash is not an Argon2id encoding.
//
// RecordSignIn -> SignedIn, by the user itself: kValidationFailed for a session id that is not
// a slug or a hash that is not is_sha256_hex; kConflict for a session id already open;
// kSecondFactorRequired without a code when a key is enrolled; kSignInFailed for a code whose
// step is not after the last one used. RecordSignInFailure -> SignInFailed (kValidationFailed
// for another reason), RecordAccountLock -> SignInLocked: both recorded by the server.
//
// SignOut -> SignedOut, by the user: kNotFound when no such session is open.
//
// EnrolSecondFactor -> SecondFactorEnrolled, by the user: kConflict when one is enrolled;
// kSignInFailed for a step not after the last used. ResetSecondFactor ->
// SecondFactorReset: admin only; kConflict when none is enrolled.
//
// `now` is not consulted.
Result<Decision> decide(const UserState& state, const UserCommand& command, const Caller& caller,
                        Instant now, const Directory& directory);

}  // namespace mandate::core
