#include "tools/seed.h"

#include <algorithm>
#include <filesystem>

#include "tools/plan_files.h"

namespace mandate::tools {

core::Status load_seed(events::CommandHandler& commands, const std::string& dir,
                       core::Instant now) {
  namespace fs = std::filesystem;
  const fs::path folder(dir);
  const fs::path agencies = folder / "agencies.json";
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".json" && entry.path() != agencies) {
      files.push_back(entry.path());
    }
  }
  if (ec) return core::make_error(core::ErrorCode::kNotFound, "cannot list " + dir);
  std::sort(files.begin(), files.end());
  // The agencies first: the plans name them.
  if (fs::exists(agencies)) files.insert(files.begin(), agencies);
  for (const auto& path : files) {
    ASSIGN_OR_RETURN(PlanFile file, read_plan_file(path.string()));
    RETURN_IF_ERROR(write_plan_file(commands, file, now, /*issue=*/true));
  }
  return core::ok_status();
}

}  // namespace mandate::tools
