#include "projections/directory_view.h"

#include <algorithm>
#include <type_traits>

#include "core/sign_in.h"

namespace mandate::projections {

void DirectoryView::apply(const core::RecordedEvent& event) {
  std::visit(
      [&](const auto& data) {
        using T = std::decay_t<decltype(data)>;
        if constexpr (std::is_same_v<T, core::AgencyRegistered>) {
          s_.agencies[data.id] = AgencyRow{data, event.version, event.recorded_at};
        } else if constexpr (std::is_same_v<T, core::UserRegistered>) {
          UserRow row;
          row.user = data;
          row.version = event.version;
          row.created_at = event.recorded_at;
          s_.users[data.id] = std::move(row);
        } else if constexpr (std::is_same_v<T, core::TokenIssued>) {
          // The stream is "user:<id>".
          const std::string user = event.stream.substr(event.stream.find(':') + 1);
          s_.tokens_by_id[data.token_id] = TokenRow{data.token_id, user, false, event.recorded_at};
          s_.token_id_by_hash[data.token_sha256] = data.token_id;
          if (auto it = s_.users.find(user); it != s_.users.end()) {
            it->second.token_ids.push_back(data.token_id);
            it->second.version = event.version;
          }
        } else if constexpr (std::is_same_v<T, core::PasswordSet>) {
          if (UserRow* row = user_of(event)) {
            row->password_hash = data.hash;
            row->must_change_password = data.must_change;
            row->password_set_at = event.recorded_at;
            end_sessions(row->user.id, data.kept_session);
          }
        } else if constexpr (std::is_same_v<T, core::SignedIn>) {
          if (UserRow* row = user_of(event)) {
            s_.sessions_by_hash[data.session_sha256] =
                SessionRow{data.session_id, row->user.id, event.recorded_at, data.second_factor};
            if (data.second_factor) {
              row->last_totp_step = std::max(row->last_totp_step, data.totp_step);
            }
          }
        } else if constexpr (std::is_same_v<T, core::SignedOut>) {
          user_of(event);
          std::erase_if(s_.sessions_by_hash, [&](const auto& entry) {
            return entry.second.session_id == data.session_id;
          });
        } else if constexpr (std::is_same_v<T, core::SecondFactorEnrolled>) {
          if (UserRow* row = user_of(event)) {
            row->second_factor_secret = data.secret_base32;
            row->last_totp_step = std::max(row->last_totp_step, data.totp_step);
          }
        } else if constexpr (std::is_same_v<T, core::SecondFactorReset>) {
          if (UserRow* row = user_of(event)) row->second_factor_secret.clear();
        } else if constexpr (std::is_same_v<T, core::SignInFailed> ||
                             std::is_same_v<T, core::SignInLocked>) {
          user_of(event);  // Only the version moves.
        } else if constexpr (std::is_same_v<T, core::SecondFactorPolicySet>) {
          s_.second_factor_roles = data.roles;
        } else if constexpr (std::is_same_v<T, core::TokenRevoked>) {
          if (auto it = s_.tokens_by_id.find(data.token_id); it != s_.tokens_by_id.end()) {
            it->second.revoked = true;
          }
          const std::string user = event.stream.substr(event.stream.find(':') + 1);
          if (auto it = s_.users.find(user); it != s_.users.end())
            it->second.version = event.version;
        }
      },
      event.data);
}

// The row of the user whose stream holds `event`, its version moved to the event's.
UserRow* DirectoryView::user_of(const core::RecordedEvent& event) {
  if (!event.stream.starts_with("user:")) return nullptr;
  auto it = s_.users.find(std::string_view(event.stream).substr(5));
  if (it == s_.users.end()) return nullptr;
  it->second.version = event.version;
  return &it->second;
}

void DirectoryView::end_sessions(const std::string& user, const std::string& kept_session) {
  std::erase_if(s_.sessions_by_hash, [&](const auto& entry) {
    return entry.second.user == user && entry.second.session_id != kept_session;
  });
}

bool DirectoryView::owes_second_factor(const UserRow& row) const {
  return row.second_factor_secret.empty() &&
         core::needs_second_factor(s_.second_factor_roles, row.user.roles);
}

const SessionRow* DirectoryView::session(std::string_view session_sha256) const {
  auto it = s_.sessions_by_hash.find(std::string(session_sha256));
  return it == s_.sessions_by_hash.end() ? nullptr : &it->second;
}

const AgencyRow* DirectoryView::agency(std::string_view id) const {
  auto it = s_.agencies.find(id);
  return it == s_.agencies.end() ? nullptr : &it->second;
}

const UserRow* DirectoryView::user(std::string_view id) const {
  auto it = s_.users.find(id);
  return it == s_.users.end() ? nullptr : &it->second;
}

const TokenRow* DirectoryView::token(std::string_view token_id) const {
  auto it = s_.tokens_by_id.find(token_id);
  return it == s_.tokens_by_id.end() ? nullptr : &it->second;
}

std::optional<core::Caller> DirectoryView::caller_for_token(std::string_view token_sha256) const {
  auto id = s_.token_id_by_hash.find(std::string(token_sha256));
  if (id == s_.token_id_by_hash.end()) return std::nullopt;
  const TokenRow* token = this->token(id->second);
  if (token == nullptr || token->revoked) return std::nullopt;
  const UserRow* row = user(token->user);
  if (row == nullptr) return std::nullopt;
  return core::Caller{row->user.id, row->user.agency, row->user.roles, row->user.clearance};
}

void DirectoryView::clear() { s_ = State(); }

void DirectoryView::save(snapshot::Writer& out) const { snapshot::put(out, s_); }

bool DirectoryView::load(snapshot::Reader& in) { return snapshot::get(in, s_); }

uint64_t DirectoryView::shape() const { return snapshot::shape_fingerprint<State>(); }

}  // namespace mandate::projections
