#include "text/Search.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

namespace raadsbrief::text {
namespace {

/// The base letter of a Latin-1 Supplement / Latin Extended-A code point, or 0.
char baseLetter(std::uint32_t cp) {
  static constexpr const char* latin1 =  // U+00C0 … U+00FF
      "aaaaaaaceeeeiiii"                 // ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
      "dnooooo\0ouuuuy\0s"               // ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
      "aaaaaaaceeeeiiii"                 // àáâãäåæçèéêëìíîï
      "dnooooo\0ouuuuy\0y";              // ðñòóôõö÷øùúûüýþÿ
  if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: pairs of upper/lower case
    static constexpr const char* extA =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const std::size_t i = cp - 0x100;
    return i < 128 ? extA[i] : 0;
  }
  return 0;
}

/// Official name → other names. Common names first, then the Dutch names of Frisian municipalities,
/// then former municipalities merged into it (2011 and later).
const std::map<std::string_view, std::vector<std::string_view>>& aliasTable() {
  static const std::map<std::string_view, std::vector<std::string_view>> table{
      {"'s-Gravenhage", {"Den Haag", "The Hague"}},
      {"'s-Hertogenbosch", {"Den Bosch"}},
      {"Tytsjerksteradiel", {"Tietjerksteradeel"}},
      {"Dantumadiel", {"Dantumadeel"}},
      {"Súdwest-Fryslân", {"Zuidwest-Friesland", "Sneek", "Bolsward", "Wymbritseradiel", "Wûnseradiel", "Nijefurd"}},
      {"Noardeast-Fryslân", {"Noordoost-Friesland", "Dongeradeel", "Ferwerderadiel", "Kollumerland en Nieuwkruisland"}},
      {"De Fryske Marren", {"De Friese Meren", "Gaasterlân-Sleat", "Lemsterland", "Skarsterlân"}},
      {"Voorne aan Zee", {"Brielle", "Hellevoetsluis", "Westvoorne"}},
      {"Dijk en Waard", {"Heerhugowaard", "Langedijk"}},
      {"Land van Cuijk", {"Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis"}},
      {"Maashorst", {"Landerd", "Uden"}},
      {"Het Hogeland", {"Bedum", "De Marne", "Eemsmond", "Winsum"}},
      {"Westerkwartier", {"Grootegast", "Leek", "Marum", "Zuidhorn"}},
      {"West Betuwe", {"Geldermalsen", "Lingewaal", "Neerijnen"}},
      {"Hoeksche Waard", {"Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"}},
      {"Molenlanden", {"Giessenlanden", "Molenwaard"}},
      {"Altena", {"Aalburg", "Werkendam", "Woudrichem"}},
      {"Vijfheerenlanden", {"Leerdam", "Zederik", "Vianen"}},
      {"Beekdaelen", {"Nuth", "Onderbanken", "Schinnen"}},
      {"Eemsdelta", {"Appingedam", "Delfzijl", "Loppersum"}},
      {"Midden-Groningen", {"Hoogezand-Sappemeer", "Menterwolde", "Slochteren"}},
      {"Gooise Meren", {"Bussum", "Muiden", "Naarden"}},
      {"Hollands Kroon", {"Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer"}},
  };
  return table;
}

}  // namespace

const std::vector<std::string_view>& aliasesOf(std::string_view officialName) {
  static const std::vector<std::string_view> none;
  const auto& table = aliasTable();
  const auto it = table.find(officialName);
  return it == table.end() ? none : it->second;
}

std::string_view officialNameFor(std::string_view alias) {
  const std::string wanted = foldForSearch(alias);
  for (const auto& [official, aliases] : aliasTable())
    for (const auto a : aliases)
      if (foldForSearch(a) == wanted) return official;
  return {};
}

std::string foldForSearch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = 1;
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && i + 3 < s.size()) {
      len = 4;
    }
    if (const char b = baseLetter(cp)) out += b;
    else out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

bool matchesSearch(std::string_view query, std::string_view name, std::string_view code) {
  const std::string q = foldForSearch(query);
  std::string haystack = foldForSearch(name) + " " + foldForSearch(code);
  for (const auto alias : aliasesOf(name)) haystack += " " + foldForSearch(alias);
  std::size_t start = 0;
  while (start < q.size()) {
    const std::size_t end = std::min(q.find(' ', start), q.size());
    if (end > start && haystack.find(q.substr(start, end - start)) == std::string::npos) return false;
    start = end + 1;
  }
  return true;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates, std::size_t maxDistance) {
  const std::string folded = foldForSearch(word);
  std::string best;
  std::size_t bestDistance = maxDistance + 1;
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(folded, foldForSearch(c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace raadsbrief::text
