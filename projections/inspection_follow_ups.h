#pragma once

// An inspection's follow-up tasks as the tasks view holds them.

#include "core/inspection.h"
#include "projections/views.h"

namespace mandate::projections {

// Follow-up tasks of `inspection` that are not settled; one the views do not know yet counts as
// open, as the close rule would count it.
int open_follow_ups(const core::InspectionState& inspection, const Views& views);

}  // namespace mandate::projections
