#include "projections/inspection_follow_ups.h"

#include "core/task.h"

namespace mandate::projections {

int open_follow_ups(const core::InspectionState& inspection, const Views& views) {
  int open = 0;
  for (const std::string& id : core::follow_up_tasks(inspection)) {
    const core::TaskState* task = views.tasks.find(id);
    if (task == nullptr || !core::is_settled(*task)) ++open;
  }
  return open;
}

}  // namespace mandate::projections
