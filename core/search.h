#pragma once

// Search that ignores case and Vietnamese diacritics: "cong an tinh" finds "Công an tỉnh", and
// "da nang" finds "Đà Nẵng". Used by the agency directory's `?q=`.
//
// Thread-compatible: pure functions.

#include <string>
#include <string_view>

namespace mandate::core {

// `utf8` folded for comparison: ASCII letters lowercased; every Vietnamese letter with a
// diacritic, precomposed, in either case (à ạ ẫ ơ ờ ư ự đ Đ ...) replaced by its ASCII base
// letter in lowercase; combining marks U+0300..U+036F (decomposed input) dropped. Any other code
// point is kept as it is (so "ß" or "Ä" stay), and so is every byte that is not part of
// well-formed UTF-8: folding never fails.
std::string fold_for_search(std::string_view utf8);

// True when every whitespace-separated word of the folded `query` occurs somewhere in the folded
// `text`. A query with no words matches everything.
bool search_matches(std::string_view query, std::string_view text);

}  // namespace mandate::core
