// Tests of core/search.h: folding case and Vietnamese diacritics for search.

#include "core/search.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace mandate::core {
namespace {

TEST_CASE("search: folding lowercases and strips Vietnamese diacritics", "[core][search]") {
  struct Row {
    std::string in;
    std::string out;
  };
  const std::vector<Row> rows{
      {"", ""},
      {"Công an tỉnh", "cong an tinh"},
      {"CÔNG AN TỈNH", "cong an tinh"},
      {"Sở Tư pháp Đà Nẵng", "so tu phap da nang"},
      {"đ Đ", "d d"},
      {"Ủy ban MTTQ tỉnh", "uy ban mttq tinh"},
      {"Bộ Chỉ huy Bộ đội Biên phòng", "bo chi huy bo doi bien phong"},
      {"Tuyệt mật, Tối mật, Mật", "tuyet mat, toi mat, mat"},
      {"801/QĐ-TTg", "801/qd-ttg"},
      // Every vowel with every mark, lower and upper case.
      {"àáảãạăằắẳẵặâầấẩẫậ", std::string(17, 'a')},
      {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", std::string(17, 'a')},
      {"èéẻẽẹêềếểễệ", std::string(11, 'e')},
      {"ÈÉẺẼẸÊỀẾỂỄỆ", std::string(11, 'e')},
      {"ìíỉĩị", "iiiii"},
      {"ÌÍỈĨỊ", "iiiii"},
      {"òóỏõọôồốổỗộơờớởỡợ", std::string(17, 'o')},
      {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", std::string(17, 'o')},
      {"ùúủũụưừứửữự", std::string(11, 'u')},
      {"ÙÚỦŨỤƯỪỨỬỮỰ", std::string(11, 'u')},
      {"ỳýỷỹỵ", "yyyyy"},
      {"ỲÝỶỸỴ", "yyyyy"},
      // Decomposed: base letter and combining marks (U+0300..U+036F).
      {"Co\xCC\x82ng an ti\xCC\x89nh", "cong an tinh"},
      {"e\xCC\x82\xCC\xA3", "e"},  // ệ as e + circumflex + dot below
      {"u\xCC\x9B\xCC\x80", "u"},  // ừ as u + horn + grave
      {"\xCC\x81", ""},            // a lone combining mark
      // Other code points stay as they are.
      {"Ä ß 中文 😀", "Ä ß 中文 😀"},
      {"ABC xyz 123", "abc xyz 123"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(fold_for_search(row.in) == row.out);
  }
}

TEST_CASE("search: malformed UTF-8 is kept byte for byte", "[core][search]") {
  struct Row {
    std::string in;
    std::string out;
  };
  const std::vector<Row> rows{
      {"\xFF", "\xFF"},
      {"A\x80"
       "B",
       "a\x80"
       "b"},             // stray continuation byte
      {"\xC3", "\xC3"},  // cut short at the end
      {"\xC3"
       "A",
       "\xC3"
       "a"},                                     // cut short before ASCII
      {"\xC0\xAF", "\xC0\xAF"},                  // overlong '/'
      {"\xE0\x80\x81", "\xE0\x80\x81"},          // overlong
      {"\xED\xA0\x80", "\xED\xA0\x80"},          // a surrogate
      {"\xF4\x90\x80\x80", "\xF4\x90\x80\x80"},  // beyond U+10FFFF
      {"\xE1\xBB"
       "\xC3\xB4",
       "\xE1\xBB"
       "o"},                                                    // broken ệ prefix, then ô
      {std::string("T\0\xC3\x94", 4), std::string("t\0o", 3)},  // NUL kept
  };
  for (const Row& row : rows) {
    CHECK(fold_for_search(row.in) == row.out);
  }
}

TEST_CASE("search: random bytes fold without fault and never grow", "[core][search]") {
  constexpr uint32_t kSeed = 7;
  CAPTURE(kSeed);
  std::mt19937 rng(kSeed);
  // Bytes drawn mostly from those that start or continue multi-byte sequences.
  const std::string alphabet = "aZ \x80\xBF\xC3\xCC\xC4\xE1\xBB\xBA\xF0\xF4\x90\xFF\xED\xA0";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  for (int i = 0; i < 5000; ++i) {
    std::string in;
    for (int n = length(rng); n > 0; --n) in.push_back(alphabet[pick(rng)]);
    const std::string out = fold_for_search(in);
    CHECK(out.size() <= in.size());
    CHECK(search_matches(in, in));
  }
}

TEST_CASE("search: every word of the query occurs in the text", "[core][search]") {
  struct Row {
    const char* query;
    const char* text;
    bool matches;
  };
  const std::vector<Row> rows{
      {"cong an tinh", "Công an tỉnh", true},
      {"CÔNG AN", "Công an tỉnh", true},
      {"công   an\ttỉnh ", "Công an tỉnh", true},
      {"tinh cong", "Công an tỉnh", true},  // Any order.
      {"da nang", "Sở Tư pháp Đà Nẵng", true},
      {"đà nẵng", "So Tu phap Da Nang", true},
      {"d", "Đà Nẵng", true},
      {"đ", "Dân", true},
      {"tu phap", "Sở Tư pháp", true},
      {"phap", "Sở Tư pháp", true},
      {"ngoai vu", "Sở Tư pháp", false},
      {"cong an huyen", "Công an tỉnh", false},
      {"", "Công an tỉnh", true},
      {"   ", "Công an tỉnh", true},
      {"", "", true},
      {"a", "", false},
      {"co\xCC\x82ng", "Công an tỉnh", true},  // Decomposed query.
      {"cong", "Co\xCC\x82ng an", true},       // Decomposed text.
      {"\xFF", "abc\xFF", true},
      {"\xFF", "abc", false},
  };
  for (const Row& row : rows) {
    INFO(row.query << " in " << row.text);
    CHECK(search_matches(row.query, row.text) == row.matches);
  }
}

}  // namespace
}  // namespace mandate::core
