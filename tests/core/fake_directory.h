#pragma once

// The agency, user, transfer and incident tests' name for the one test Directory.

#include "tests/core/test_directory.h"

namespace mandate::core::testkit {

using FakeDirectory = testing::TestDirectory;

// The agencies most tests know, in the tree of plans/agencies.json: the departments and the
// Committee Office under the People's Committee, the police divisions under their ministry, and
// the provincial military command, which is not under the Committee. The Laos plan's agreement
// is with LA; the Hà Tĩnh plan has none.
inline FakeDirectory province() {
  FakeDirectory d;
  d.add_agency("bo-cong-an", "");
  d.add_agency("bo-quoc-phong", "");
  d.add_agency("ubnd-tinh", "");
  d.add_agency("van-phong-ubnd-tinh", "ubnd-tinh");
  d.add_agency("so-ngoai-vu", "ubnd-tinh");
  d.add_agency("so-tu-phap", "ubnd-tinh");
  d.add_agency("cong-an-tinh", "bo-cong-an");
  d.add_agency("phong-anctnb", "cong-an-tinh");
  d.add_agency("cuc-anctnb", "bo-cong-an");
  d.add_agency("bch-quan-su-tinh", "bo-quoc-phong");
  d.add_plan("vn-la-2024", "cong-an-tinh", {}, "LA");
  d.add_plan("ht-ct44-2024", "cong-an-tinh");
  return d;
}

}  // namespace mandate::core::testkit
