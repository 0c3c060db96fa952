#include "core/user.h"

#include <algorithm>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"

namespace mandate::core {
namespace {

constexpr size_t kSha256HexLength = 64;

void apply(UserState& state, const UserRegistered& e, const RecordedEvent&) {
  state.id = e.id;
  state.name = e.name;
  state.agency = e.agency;
  state.roles = e.roles;
  state.clearance = e.clearance;
}

void apply(UserState& state, const TokenIssued& e, const RecordedEvent& event) {
  state.tokens[e.token_id] = Token{e.token_sha256, event.recorded_at, false, std::nullopt};
}

void apply(UserState& state, const TokenRevoked& e, const RecordedEvent& event) {
  auto it = state.tokens.find(e.token_id);
  if (it == state.tokens.end()) return;
  it->second.revoked = true;
  it->second.revoked_at = event.recorded_at;
}

void apply(UserState& state, const PasswordSet& e, const RecordedEvent&) {
  state.password_hash = e.hash;
  state.must_change_password = e.must_change;
  std::erase_if(state.sessions, [&](const auto& s) { return s.first != e.kept_session; });
}

void apply(UserState& state, const SignedIn& e, const RecordedEvent& event) {
  state.sessions[e.session_id] = Session{e.session_sha256, event.recorded_at, e.second_factor};
  if (e.second_factor) state.last_totp_step = std::max(state.last_totp_step, e.totp_step);
}

void apply(UserState& state, const SignedOut& e, const RecordedEvent&) {
  state.sessions.erase(e.session_id);
}

void apply(UserState& state, const SecondFactorEnrolled& e, const RecordedEvent&) {
  state.second_factor_secret = e.secret_base32;
  state.last_totp_step = std::max(state.last_totp_step, e.totp_step);
}

void apply(UserState& state, const SecondFactorReset&, const RecordedEvent&) {
  state.second_factor_secret.clear();
}

template <typename Other>
void apply(UserState&, const Other&, const RecordedEvent&) {}

Decision one_event(const UserState& state, std::string_view id, EventData event) {
  return single_stream(user_stream(id), state.version, {NewEvent{std::move(event), std::nullopt}});
}

Status require_admin(const Caller& caller, std::string_view what) {
  if (may(caller, Action::kManageDirectory)) return ok_status();
  return make_error(ErrorCode::kForbidden, "only an admin " + std::string(what));
}

Status check_exists(const UserState& state) {
  if (state.version != 0) return ok_status();
  return make_error(ErrorCode::kNotFound, "no such user");
}

bool admin_only(const std::vector<Role>& roles) {
  return roles.size() == 1 && roles.front() == Role::kAdmin;
}

Result<Decision> decide_one(const UserState& state, const RegisterUser& c, const Caller& caller,
                            const Directory& directory) {
  if (state.version != 0) return id_taken("user", c.id);
  RETURN_IF_ERROR(require_admin(caller, "registers users"));
  RETURN_IF_ERROR(require_slug(c.id, "id"));
  RETURN_IF_ERROR(require_text(c.name, "name"));
  if (c.roles.empty()) {
    return make_error(ErrorCode::kValidationFailed, "a user needs at least one role", "roles");
  }
  for (size_t i = 1; i < c.roles.size(); ++i) {
    if (std::find(c.roles.begin(), c.roles.begin() + i, c.roles[i]) != c.roles.begin() + i) {
      return make_error(ErrorCode::kValidationFailed,
                        "role " + std::string(name_of(c.roles[i])) + " is listed twice",
                        "roles[" + std::to_string(i) + "]");
    }
  }
  // The agency rule reads the roles, so it comes after them.
  if (!c.agency.empty() || !admin_only(c.roles)) {
    RETURN_IF_ERROR(require_agency(directory, c.agency, "agency"));
  }
  return one_event(state, c.id, UserRegistered{c.id, c.name, c.agency, c.roles, c.clearance});
}

Result<Decision> decide_one(const UserState& state, const IssueToken& c, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_admin(caller, "issues tokens"));
  RETURN_IF_ERROR(require_slug(c.token_id, "token_id"));
  if (!is_sha256_hex(c.token_sha256)) {
    return make_error(ErrorCode::kValidationFailed,
                      "token_sha256 must be 64 lowercase hexadecimal digits", "token_sha256");
  }
  if (find_token(state, c.token_id) != nullptr) {
    return make_error(ErrorCode::kConflict,
                      "user " + state.id + " already had a token " + c.token_id);
  }
  return one_event(state, state.id, TokenIssued{c.token_id, c.token_sha256});
}

Result<Decision> decide_one(const UserState& state, const RevokeToken& c, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_admin(caller, "revokes tokens"));
  const Token* token = find_token(state, c.token_id);
  if (token == nullptr) return make_error(ErrorCode::kNotFound, "no such token");
  if (token->revoked) {
    return make_error(ErrorCode::kConflict, "token " + c.token_id + " is already revoked");
  }
  return one_event(state, state.id, TokenRevoked{c.token_id});
}

Status require_self(const UserState& state, const Caller& caller, std::string_view what) {
  if (caller.user == state.id) return ok_status();
  return make_error(ErrorCode::kForbidden, "only the user itself " + std::string(what));
}

Status check_step(const UserState& state, uint64_t step) {
  if (step > state.last_totp_step) return ok_status();
  return make_error(ErrorCode::kSignInFailed, "that one-time code was already used");
}

Result<Decision> decide_one(const UserState& state, const SetPassword& c, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  if (c.must_change) {
    RETURN_IF_ERROR(require_admin(caller, "sets a first password"));
  } else {
    RETURN_IF_ERROR(require_self(state, caller, "changes its password"));
  }
  if (!c.hash.starts_with("$argon2id$")) {
    return make_error(ErrorCode::kValidationFailed, "not an Argon2id hash", "password");
  }
  return one_event(state, state.id, PasswordSet{c.hash, c.must_change, c.kept_session});
}

Result<Decision> decide_one(const UserState& state, const RecordSignIn& c, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_self(state, caller, "signs in"));
  RETURN_IF_ERROR(require_slug(c.session.session_id, "session_id"));
  if (!is_sha256_hex(c.session.session_sha256)) {
    return make_error(ErrorCode::kValidationFailed, "not a SHA-256 in hex", "session_sha256");
  }
  if (state.sessions.contains(c.session.session_id)) {
    return make_error(ErrorCode::kConflict, "session " + c.session.session_id + " is open");
  }
  if (!state.second_factor_secret.empty()) {
    if (!c.session.second_factor) {
      return make_error(ErrorCode::kSecondFactorRequired, "send the one-time code too", "code");
    }
    RETURN_IF_ERROR(check_step(state, c.session.totp_step));
  }
  return one_event(state, state.id, c.session);
}

Result<Decision> decide_one(const UserState& state, const RecordSignInFailure& c, const Caller&,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  if (c.reason != "password" && c.reason != "second_factor") {
    return make_error(ErrorCode::kValidationFailed, "no such reason", "reason");
  }
  return one_event(state, state.id, SignInFailed{c.source, c.reason});
}

Result<Decision> decide_one(const UserState& state, const RecordAccountLock& c, const Caller&,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  return one_event(state, state.id, c.lock);
}

Result<Decision> decide_one(const UserState& state, const SignOut& c, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_self(state, caller, "signs out"));
  if (!state.sessions.contains(c.session_id)) {
    return make_error(ErrorCode::kNotFound, "no such session is open");
  }
  return one_event(state, state.id, SignedOut{c.session_id});
}

Result<Decision> decide_one(const UserState& state, const EnrolSecondFactor& c,
                            const Caller& caller, const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_self(state, caller, "enrols its second factor"));
  if (!state.second_factor_secret.empty()) {
    return make_error(ErrorCode::kConflict, "a second factor is enrolled; an admin resets it");
  }
  RETURN_IF_ERROR(require_text(c.secret_base32, "secret"));
  RETURN_IF_ERROR(check_step(state, c.totp_step));
  return one_event(state, state.id, SecondFactorEnrolled{c.secret_base32, c.totp_step});
}

Result<Decision> decide_one(const UserState& state, const ResetSecondFactor&, const Caller& caller,
                            const Directory&) {
  RETURN_IF_ERROR(check_exists(state));
  RETURN_IF_ERROR(require_admin(caller, "resets a second factor"));
  if (state.second_factor_secret.empty()) {
    return make_error(ErrorCode::kConflict, "user " + state.id + " has no second factor");
  }
  return one_event(state, state.id, SecondFactorReset{});
}

}  // namespace

void evolve(UserState& state, const RecordedEvent& event) {
  std::visit([&](const auto& e) { apply(state, e, event); }, event.data);
  state.version = event.version;
}

const Token* find_token(const UserState& state, std::string_view token_id) {
  auto it = state.tokens.find(token_id);
  return it == state.tokens.end() ? nullptr : &it->second;
}

std::optional<std::string> find_active_token(const UserState& state, std::string_view sha256) {
  if (!is_sha256_hex(sha256)) return std::nullopt;
  for (const auto& [id, token] : state.tokens) {
    if (!token.revoked && token.sha256 == sha256) return id;
  }
  return std::nullopt;
}

Caller caller_of(const UserState& state) {
  return Caller{state.id, state.agency, state.roles, state.clearance};
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == kSha256HexLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<Decision> decide(const UserState& state, const UserCommand& command, const Caller& caller,
                        Instant /*now*/, const Directory& directory) {
  return std::visit([&](const auto& c) { return decide_one(state, c, caller, directory); },
                    command);
}

}  // namespace mandate::core
