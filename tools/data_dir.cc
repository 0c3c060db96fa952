#include "tools/data_dir.h"

#include <filesystem>

#include "projections/views.h"
#include "tools/system_clock.h"

namespace mandate::tools {

std::string data_dir_of(const Args& args) { return args.get("data", "./data"); }

core::Result<std::unique_ptr<events::EventStore>> open_data_dir(const Args& args, bool with_views) {
  const std::string log_dir = (std::filesystem::path(data_dir_of(args)) / "log").string();
  if (!std::filesystem::exists(log_dir)) {
    return core::make_error(core::ErrorCode::kNotFound,
                            "no log in " + log_dir + " (`mandate serve --data` makes one)");
  }
  events::StoreOptions options;
  options.path = log_dir;
  options.clock = system_clock;
  if (with_views) options.extra_column_families = projections::Views::column_families();
  return events::EventStore::open(options);
}

}  // namespace mandate::tools
