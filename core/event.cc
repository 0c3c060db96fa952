#include "core/event.h"

#include <string_view>
#include <type_traits>

namespace mandate::core {
namespace {

std::string stream(std::string_view kind, std::string_view id) {
  std::string s;
  s.reserve(kind.size() + 1 + id.size());
  s.append(kind).append(":").append(id);
  return s;
}

}  // namespace

const char* event_type_name(const EventData& data) {
  // EventTraits has a specialization for every alternative: the schema's $type, without which
  // the generator fails.
  return std::visit([](const auto& e) { return EventTraits<std::decay_t<decltype(e)>>::kType; },
                    data);
}

std::string agency_stream(std::string_view id) { return stream("agency", id); }
std::string user_stream(std::string_view id) { return stream("user", id); }
std::string plan_stream(std::string_view id) { return stream("plan", id); }
std::string task_stream(std::string_view id) { return stream("task", id); }
std::string difficulty_stream(std::string_view id) { return stream("difficulty", id); }
std::string transfer_stream(std::string_view id) { return stream("transfer", id); }
std::string incident_stream(std::string_view id) { return stream("incident", id); }
std::string inspection_stream(std::string_view id) { return stream("inspection", id); }
std::string access_stream(std::string_view id) { return stream("access", id); }

}  // namespace mandate::core
