#pragma once

// The agency, user, transfer and incident tests' name for the one test Directory.

#include "tests/core/test_directory.h"

namespace mandate::core::testkit {

using FakeDirectory = testing::TestDirectory;

// The agencies most tests know.
inline FakeDirectory province() {
  return FakeDirectory{"bo-cong-an", "cong-an-tinh", "so-ngoai-vu", "so-tu-phap", "ubnd-tinh"};
}

}  // namespace mandate::core::testkit
