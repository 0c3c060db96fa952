#pragma once

// The core tests' harness, in one include: dates and instants from text (test_time.h), callers
// of each role (test_callers.h), an in-memory log that appends Decisions as the store would
// (test_log.h), an aggregate driven through its commands on such a log (test_aggregate.h),
// one-line descriptions of events and results (test_descriptions.h) and a Directory the test
// fills (test_directory.h).

#include "tests/core/test_aggregate.h"
#include "tests/core/test_callers.h"
#include "tests/core/test_descriptions.h"
#include "tests/core/test_directory.h"
#include "tests/core/test_log.h"
#include "tests/core/test_time.h"
