#include "core/search.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace mandate::core {
namespace {

// A run of consecutive code points that all fold to one ASCII letter.
struct Fold {
  char32_t first;
  char32_t last;
  char ascii;
};

// Every precomposed Vietnamese letter with a diacritic, by code point, sorted. Latin-1 and
// Latin Extended-A/B hold the letters that other languages share (à, ă, đ, ơ, ư, ...); Latin
// Extended Additional U+1EA0..U+1EF9 holds the rest and is Vietnamese through and through.
constexpr auto kFolds = std::to_array<Fold>({
    {0x00C0, 0x00C3, 'a'},  // À Á Â Ã
    {0x00C8, 0x00CA, 'e'},  // È É Ê
    {0x00CC, 0x00CD, 'i'},  // Ì Í
    {0x00D2, 0x00D5, 'o'},  // Ò Ó Ô Õ
    {0x00D9, 0x00DA, 'u'},  // Ù Ú
    {0x00DD, 0x00DD, 'y'},  // Ý
    {0x00E0, 0x00E3, 'a'},  // à á â ã
    {0x00E8, 0x00EA, 'e'},  // è é ê
    {0x00EC, 0x00ED, 'i'},  // ì í
    {0x00F2, 0x00F5, 'o'},  // ò ó ô õ
    {0x00F9, 0x00FA, 'u'},  // ù ú
    {0x00FD, 0x00FD, 'y'},  // ý
    {0x0102, 0x0103, 'a'},  // Ă ă
    {0x0110, 0x0111, 'd'},  // Đ đ
    {0x0128, 0x0129, 'i'},  // Ĩ ĩ
    {0x0168, 0x0169, 'u'},  // Ũ ũ
    {0x01A0, 0x01A1, 'o'},  // Ơ ơ
    {0x01AF, 0x01B0, 'u'},  // Ư ư
    {0x1EA0, 0x1EB7, 'a'},  // Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ
    {0x1EB8, 0x1EC7, 'e'},  // Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế Ề ề Ể ể Ễ ễ Ệ ệ
    {0x1EC8, 0x1ECB, 'i'},  // Ỉ ỉ Ị ị
    {0x1ECC, 0x1EE3, 'o'},  // Ọ ọ Ỏ ỏ Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở Ỡ ỡ Ợ ợ
    {0x1EE4, 0x1EF1, 'u'},  // Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ Ự ự
    {0x1EF2, 0x1EF9, 'y'},  // Ỳ ỳ Ỵ ỵ Ỷ ỷ Ỹ ỹ
});

constexpr char32_t kFirstCombiningMark = 0x0300;
constexpr char32_t kLastCombiningMark = 0x036F;

static_assert(std::is_sorted(kFolds.begin(), kFolds.end(),
                             [](const Fold& a, const Fold& b) { return a.last < b.first; }),
              "kFolds is sorted and its runs do not overlap");

std::optional<char> ascii_base(char32_t cp) {
  auto it = std::lower_bound(kFolds.begin(), kFolds.end(), cp,
                             [](const Fold& f, char32_t c) { return f.last < c; });
  if (it == kFolds.end() || cp < it->first) return std::nullopt;
  return it->ascii;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The code point of the well-formed UTF-8 sequence at the start of `s`, and its length; nullopt
// when the first byte does not start one (stray continuation, overlong form, surrogate, beyond
// U+10FFFF, or cut short).
struct Decoded {
  char32_t cp;
  size_t length;
};

std::optional<Decoded> decode(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) return Decoded{b0, 1};
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() < length) return std::nullopt;
  for (size_t i = 1; i < length; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (!is_continuation(b)) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return Decoded{cp, length};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  while (!utf8.empty()) {
    const std::optional<Decoded> d = decode(utf8);
    if (!d.has_value()) {  // Not UTF-8: keep the byte, resynchronise on the next one.
      out.push_back(utf8.front());
      utf8.remove_prefix(1);
      continue;
    }
    if (d->cp >= 'A' && d->cp <= 'Z') {
      out.push_back(static_cast<char>(d->cp - 'A' + 'a'));
    } else if (d->cp >= kFirstCombiningMark && d->cp <= kLastCombiningMark) {
      // A diacritic of decomposed input: dropped, leaving its base letter.
    } else if (const std::optional<char> base = ascii_base(d->cp)) {
      out.push_back(*base);
    } else {
      out.append(utf8.substr(0, d->length));
    }
    utf8.remove_prefix(d->length);
  }
  return out;
}

bool search_matches(std::string_view query, std::string_view text) {
  const std::string q = fold_for_search(query);
  const std::string t = fold_for_search(text);
  std::string_view rest = q;
  while (!rest.empty()) {
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    if (end > 0 && t.find(rest.substr(0, end)) == std::string::npos) return false;
    rest.remove_prefix(end);
  }
  return true;
}

}  // namespace mandate::core
