#include "projections/directory_view.h"

#include <type_traits>

namespace mandate::projections {

void DirectoryView::apply(const core::RecordedEvent& event) {
  std::visit(
      [&](const auto& data) {
        using T = std::decay_t<decltype(data)>;
        if constexpr (std::is_same_v<T, core::AgencyRegistered>) {
          agencies_[data.id] = AgencyRow{data, event.version, event.recorded_at};
        } else if constexpr (std::is_same_v<T, core::UserRegistered>) {
          users_[data.id] = UserRow{data, event.version, event.recorded_at, {}};
        } else if constexpr (std::is_same_v<T, core::TokenIssued>) {
          // The stream is "user:<id>".
          const std::string user = event.stream.substr(event.stream.find(':') + 1);
          tokens_by_id_[data.token_id] = TokenRow{data.token_id, user, false, event.recorded_at};
          token_id_by_hash_[data.token_sha256] = data.token_id;
          if (auto it = users_.find(user); it != users_.end()) {
            it->second.token_ids.push_back(data.token_id);
            it->second.version = event.version;
          }
        } else if constexpr (std::is_same_v<T, core::TokenRevoked>) {
          if (auto it = tokens_by_id_.find(data.token_id); it != tokens_by_id_.end()) {
            it->second.revoked = true;
          }
          const std::string user = event.stream.substr(event.stream.find(':') + 1);
          if (auto it = users_.find(user); it != users_.end()) it->second.version = event.version;
        }
      },
      event.data);
}

const AgencyRow* DirectoryView::agency(std::string_view id) const {
  auto it = agencies_.find(id);
  return it == agencies_.end() ? nullptr : &it->second;
}

const UserRow* DirectoryView::user(std::string_view id) const {
  auto it = users_.find(id);
  return it == users_.end() ? nullptr : &it->second;
}

const TokenRow* DirectoryView::token(std::string_view token_id) const {
  auto it = tokens_by_id_.find(token_id);
  return it == tokens_by_id_.end() ? nullptr : &it->second;
}

std::optional<core::Caller> DirectoryView::caller_for_token(std::string_view token_sha256) const {
  auto id = token_id_by_hash_.find(std::string(token_sha256));
  if (id == token_id_by_hash_.end()) return std::nullopt;
  const TokenRow* token = this->token(id->second);
  if (token == nullptr || token->revoked) return std::nullopt;
  const UserRow* row = user(token->user);
  if (row == nullptr) return std::nullopt;
  return core::Caller{row->user.id, row->user.agency, row->user.roles, row->user.clearance};
}

}  // namespace mandate::projections
