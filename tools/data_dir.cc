#include "tools/data_dir.h"

#include <filesystem>

#include "projections/views.h"
#include "tools/system_clock.h"

namespace mandate::tools {

std::string data_dir_of(const Args& args) { return args.get("data", "./data"); }

std::string log_dir_of(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "log").string();
}

events::StoreOptions store_options(const std::string& data_dir,
                                   std::function<core::Instant()> clock, bool with_views) {
  events::StoreOptions options;
  options.path = log_dir_of(data_dir);
  options.clock = std::move(clock);
  if (with_views) options.extra_column_families = projections::Views::column_families();
  return options;
}

core::Result<std::unique_ptr<events::EventStore>> open_data_dir(const Args& args, bool with_views) {
  const std::string data_dir = data_dir_of(args);
  if (!std::filesystem::exists(log_dir_of(data_dir))) {
    return core::make_error(core::ErrorCode::kNotFound, "no log in " + log_dir_of(data_dir) +
                                                            " (`mandate serve --data` makes one)");
  }
  return events::EventStore::open(store_options(data_dir, system_clock, with_views));
}

}  // namespace mandate::tools
