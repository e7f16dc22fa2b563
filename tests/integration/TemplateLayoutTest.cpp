// The shipped templates as a reader gets them:
// - the nieuwsbericht at language level B1: mean sentence length, the Flesch-Douma score and no
//   forbidden words, measured on the running text of the generated documents (docs/template-authoring.md,
//   "Language level B1");
// - page layout in the PDF the real soffice exports: "Kernboodschap" (or the first figure) on page 1,
//   every page but the last at least half full, every table and chart title on the page of its caption.
// The PDF is read with poppler's pdftotext (-bbox for the position of every word).
#include <catch2/catch.hpp>

#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief::test;
using Poco::XML::Element;
using Poco::XML::Node;

namespace {

const std::string kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

/// "Raadsbrief_20_Tekst", "Raadsbrief Tekst", "Raadsbrief_Tekst" all become "RaadsbriefTekst".
std::string plainStyle(std::string name) {
  for (auto at = name.find("_20_"); at != std::string::npos; at = name.find("_20_")) name.erase(at, 4);
  name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == '_' || c == ' '; }), name.end());
  return name;
}

/// The named paragraph style of a paragraph (through its automatic style, if any).
class Styles {
 public:
  explicit Styles(const std::string& contentXml) : doc_(parseXml(contentXml)) {
    auto styles = doc_->getElementsByTagNameNS(kStyleNs, "style");
    for (unsigned long i = 0; i < styles->length(); ++i) {
      const auto* e = static_cast<const Element*>(styles->item(i));
      const std::string parent = e->getAttributeNS(kStyleNs, "parent-style-name");
      if (!parent.empty()) parent_[e->getAttributeNS(kStyleNs, "name")] = parent;
    }
  }
  [[nodiscard]] std::string of(const Element* paragraph) const {
    std::string name = paragraph->getAttributeNS(ns::text, "style-name");
    if (const auto it = parent_.find(name); it != parent_.end()) name = it->second;
    return plainStyle(name);
  }
  [[nodiscard]] const Poco::XML::Document& doc() const { return *doc_; }

 private:
  Poco::AutoPtr<Poco::XML::Document> doc_;
  std::map<std::string, std::string> parent_;
};

/// (style, text) of every paragraph and heading of the body, in document order, table cells excluded.
std::vector<std::pair<std::string, std::string>> paragraphs(const OdfDocument& doc) {
  const Styles styles(doc.contentXml());
  std::vector<std::pair<std::string, std::string>> out;
  auto bodies = styles.doc().getElementsByTagNameNS(ns::office, "text");
  REQUIRE(bodies->length() > 0);
  for (Node* n = bodies->item(0)->firstChild(); n; n = n->nextSibling()) {
    if (n->nodeType() != Node::ELEMENT_NODE || n->namespaceURI() != ns::text) continue;
    if (n->localName() != "p" && n->localName() != "h") continue;
    std::string t = odfText(n);
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    out.emplace_back(styles.of(static_cast<const Element*>(n)), t);
  }
  return out;
}

/// The running text of a news item: lead, body paragraphs and "Meer informatie" (not headings,
/// titles, table/chart captions or the source note).
std::vector<std::string> runningText(const OdfDocument& doc) {
  std::vector<std::string> out;
  for (const auto& [style, text] : paragraphs(doc))
    if ((style == "RaadsbriefIntro" || style == "RaadsbriefTekst" || style == "RaadsbriefMeer") && !text.empty())
      out.push_back(text);
  return out;
}

struct Readability {
  std::size_t sentences = 0, words = 0, syllables = 0;
  [[nodiscard]] double wordsPerSentence() const { return double(words) / double(sentences); }
  /// Flesch-Douma: 206,835 − 0,93 · (words/sentences) − 77 · (syllables/words).
  [[nodiscard]] double douma() const {
    return 206.835 - 0.93 * wordsPerSentence() - 77.0 * double(syllables) / double(words);
  }
};

bool isVowel(unsigned char c) { return std::string_view("aeiouyAEIOUY").find(char(c)) != std::string_view::npos; }

/// Syllables of a word as vowel groups (a UTF-8 letter with an accent, such as é or ë, counts as a
/// vowel: its lead byte 0xC3); at least one, so that "12" or "€" counts as a word of one syllable.
std::size_t syllablesOf(const std::string& word) {
  std::size_t groups = 0;
  bool inGroup = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    bool vowel = isVowel(c);
    bool trema = false;
    if (c == 0xC3 && i + 1 < word.size()) {  // à..ü: vowels in Dutch text
      vowel = true;
      const auto next = static_cast<unsigned char>(word[++i]);
      trema = next == 0xAB || next == 0xAF || next == 0xB6 || next == 0xBC;  // ë ï ö ü start a syllable
    }
    if (vowel && (!inGroup || trema)) ++groups;
    inGroup = vowel;
  }
  return std::max<std::size_t>(groups, 1);
}

Readability measure(const std::vector<std::string>& paragraphs) {
  Readability r;
  for (const auto& p : paragraphs) {
    bool open = false;  // a sentence has words not yet closed by . ! ?
    std::string word;
    const auto flush = [&] {
      // A word has a letter or a digit; "–" or "·" alone is not a word.
      if (std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c) || c >= 0xC3; })) {
        ++r.words;
        r.syllables += syllablesOf(word);
        open = true;
      }
      word.clear();
    };
    for (std::size_t i = 0; i < p.size(); ++i) {
      const char c = p[i];
      const bool end = c == '.' || c == '!' || c == '?';
      const bool next = i + 1 == p.size() || p[i + 1] == ' ' || p[i + 1] == '\n';
      if (c == ' ' || c == '\n' || (end && next)) {
        flush();
        if (end && next && open) {
          ++r.sentences;
          open = false;
        }
      } else {
        word += c;  // "1.200" and "12,5" stay one word
      }
    }
    flush();
    if (open) ++r.sentences;  // a paragraph ends a sentence too
  }
  return r;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

/// The B1 rules, checked on one generated news item.
void checkB1(const OdfDocument& doc, const std::string& what) {
  INFO(what);
  const auto text = runningText(doc);
  REQUIRE(text.size() >= 5);
  const Readability r = measure(text);
  std::string all;
  for (const auto& p : text) all += p + "\n";
  INFO(all);
  INFO("sentences " << r.sentences << ", words " << r.words << ", syllables " << r.syllables << ": "
                    << r.wordsPerSentence() << " words a sentence, Flesch-Douma " << r.douma());
  WARN(what << ": " << r.wordsPerSentence() << " words a sentence, Flesch-Douma " << r.douma());
  CHECK(r.wordsPerSentence() <= 15.0);
  CHECK(r.douma() >= 75.0);  // docs/template-authoring.md, "Language level B1": why 75
  // Forbidden words anywhere in the body (also table heads and captions) and the footnotes.
  std::string everything = doc.bodyText();
  for (const auto& f : doc.footnotes()) everything += "\n" + f;
  everything = lower(everything);
  CHECK(everything.find("in natura") == std::string::npos);
  CHECK(everything.find("procentpunt") == std::string::npos);
  CHECK_FALSE(std::regex_search(everything, std::regex("(^|[^a-z])pp([^a-z]|$)")));
  CHECK(all.find("%") == std::string::npos);  // running text says "procent"
}

/// One page of a PDF as pdftotext -bbox sees it.
struct Page {
  double height = 0;
  double lastY = 0;  ///< bottom of the lowest word above the footer
  std::string text;  ///< the words above the footer, separated by spaces
};

std::vector<Page> readPdf(const fs::path& pdf) {
  const RunResult info = run(PDFINFO, {pdf.string()});
  REQUIRE(info.exitCode == 0);
  std::smatch m;
  REQUIRE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
  const int pages = std::stoi(m[1]);
  std::vector<Page> out;
  const std::regex pageRe("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
  const std::regex wordRe(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  for (int n = 1; n <= pages; ++n) {
    const RunResult box =
        run(PDFTOTEXT, {"-bbox", "-f", std::to_string(n), "-l", std::to_string(n), pdf.string(), "-"});
    REQUIRE(box.exitCode == 0);
    Page page;
    REQUIRE(std::regex_search(box.out, m, pageRe));
    page.height = std::stod(m[2]);
    struct Word {
      double yMin, yMax;
      std::string text;
    };
    std::vector<Word> words;
    for (auto it = std::sregex_iterator(box.out.begin(), box.out.end(), wordRe); it != std::sregex_iterator(); ++it)
      words.push_back({std::stod((*it)[2]), std::stod((*it)[4]), (*it)[5]});
    // Every shipped template has a footer on every page ("… — pagina 2 van 3", "Column jeugdhulp —
    // gemeente Leiden"): the lowest line of the page, in its lowest 3 cm. It is not body text.
    double lowest = 0;
    for (const auto& w : words) lowest = std::max(lowest, w.yMin);
    double footerTop = page.height;
    if (lowest > page.height - 85.0)
      for (const auto& w : words)
        if (w.yMin >= lowest - 3.0) footerTop = std::min(footerTop, w.yMin - 1.0);
    for (const auto& w : words) {
      if (w.yMin >= footerTop) continue;
      page.lastY = std::max(page.lastY, w.yMax);
      page.text += w.text + " ";
    }
    out.push_back(page);
  }
  return out;
}

/// XML entities as pdftotext -bbox writes them, back to text.
std::string unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

/// Whitespace collapsed to single spaces.
std::string words(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// The page (0-based) on which `needle` starts, searching from character `from` of the joined pages.
struct Located {
  int page = -1;
  std::size_t at = std::string::npos;
};
Located locate(const std::vector<std::string>& pages, const std::string& needle, std::size_t from) {
  std::string all;
  std::vector<std::size_t> starts;
  for (const auto& p : pages) {
    starts.push_back(all.size());
    all += p + " ";
  }
  const std::size_t at = all.find(needle, from);
  if (at == std::string::npos) return {};
  int page = 0;
  while (page + 1 < int(starts.size()) && starts[std::size_t(page) + 1] <= at) ++page;
  return {page, at};
}

/// The layout rules on one generated document: its ODT (for the titles and captions it holds)
/// and its PDF (where they ended up).
int checkLayout(const fs::path& odt, const fs::path& pdf, const std::string& firstPageText) {
  INFO(pdf.filename().string());
  const OdfDocument doc(odt);
  const std::vector<Page> pages = readPdf(pdf);
  REQUIRE(!pages.empty());
  std::vector<std::string> texts;
  for (const auto& p : pages) texts.push_back(words(unescape(p.text)));
  INFO("page 1: " << texts[0]);
  CHECK_THAT(texts[0], Catch::Contains(firstPageText));
  CHECK_THAT(texts[0], Catch::Contains("In 2023 kreeg"));  // the first figure of the core message
  for (std::size_t n = 0; n + 1 < pages.size(); ++n) {
    INFO("page " << n + 1 << " of " << pages.size() << ": last text at y = " << pages[n].lastY << " of "
                 << pages[n].height);
    CHECK(pages[n].lastY >= 0.5 * pages[n].height);
  }
  // Every title above a table or chart, and the caption Raadsbrief wrote under it, in order.
  const auto paras = paragraphs(doc);
  std::size_t from = 0;
  int titles = 0;
  for (std::size_t i = 0; i < paras.size(); ++i) {
    if (paras[i].first != "RaadsbriefTabeltitel") continue;
    std::string caption;
    for (std::size_t j = i + 1; j < paras.size() && caption.empty(); ++j)
      if (paras[j].first == "RaadsbriefBronregel") caption = words(paras[j].second);
    const std::string title = words(paras[i].second);
    INFO("title '" << title << "', caption '" << caption << "'");
    REQUIRE_FALSE(caption.empty());
    const Located t = locate(texts, title.substr(0, 40), from);
    REQUIRE(t.page >= 0);
    const Located c = locate(texts, caption.substr(0, 60), t.at);
    REQUIRE(c.page >= 0);
    CHECK(t.page == c.page);
    from = c.at;
    ++titles;
  }
  return titles;
}

std::map<std::string, std::string> cacheEnv(const fs::path& dir) {
  return {{"XDG_CACHE_HOME", (dir / "cache").string()}};
}

/// Makes a template's document as ODT and as PDF (same figures, same day).
void makeBoth(const std::string& templ, const std::string& municipality, const std::vector<std::string>& source,
              const fs::path& odt, const fs::path& pdf, const fs::path& dir) {
  for (const auto& out : {odt, pdf}) {
    std::vector<std::string> args{"generate", "--template", templ,      "--municipality", municipality,
                                  "--period", "2023",       "--output", out.string()};
    args.insert(args.end(), source.begin(), source.end());
    const RunResult r = cli(args, cacheEnv(dir));
    INFO(templ << " → " << out.filename().string() << "; stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
  }
}

}  // namespace

TEST_CASE("Readability: the word and syllable counts of the B1 check", "[templates][readability]") {
  CHECK(syllablesOf("jeugdhulp") == 2);
  CHECK(syllablesOf("gemeente") == 3);
  CHECK(syllablesOf("beëindigd") == 3);  // be-ëin-digd: the trema splits the vowels
  CHECK(syllablesOf("cliënttevredenheid") == 6);
  CHECK(syllablesOf("12") == 1);
  const Readability r = measure({"In 2023 kreeg 12 procent van de jongeren jeugdhulp. Dat is 1.200 keer.", "Kort"});
  CHECK(r.sentences == 3);
  CHECK(r.words == 14);
}

TEST_CASE("Readability: the nieuwsbericht is B1 for a municipality of each region (CBS replay) and the demo data",
          "[templates][readability]") {
  const fs::path dir = outputDir("readability");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  for (const char* place : {"Leiden", "Voorschoten", "Haarlem", "Amsterdam", "Zaanstad"}) {
    const fs::path odt = dir / (std::string(place) + ".odt");
    const RunResult r = cli({"generate", "--template", "nieuwsbericht", "--municipality", place, "--period", "2023",
                             "--source", cbs.url(), "--output", odt.string()},
                            cacheEnv(dir));
    INFO(place << ": " << r.err);
    REQUIRE(r.exitCode == 0);
    checkB1(OdfDocument(odt), std::string(place) + " from the CBS replay");
  }
  const fs::path demo = dir / "leiden-demo.odt";
  const RunResult r = cli({"generate", "--template", "nieuwsbericht", "--municipality", "Leiden", "--period", "2023",
                           "--output", demo.string()},
                          cacheEnv(dir));
  REQUIRE(r.exitCode == 0);
  checkB1(OdfDocument(demo), "Leiden from the demo data");
}

TEST_CASE("Layout: every template's PDF has its message on page 1, no half-empty page, titles with their captions",
          "[templates][layout]") {
  const fs::path dir = outputDir("layout");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const std::vector<std::pair<std::string, std::vector<std::string>>> sources{{"cbs", {"--source", cbs.url()}},
                                                                              {"demo", {}}};
  struct Expectation {
    std::string templ, firstPage;
    int titles;  ///< titles above tables and charts (the column's chart has only its own title)
  };
  const std::vector<Expectation> templates{{"raadsinformatiebrief", "Kernboodschap", 5},
                                           {"raadsbrief", "Geachte leden van de raad,", 1},
                                           {"column", "Eerst het gebruik.", 0},
                                           {"nieuwsbericht", "Jeugdhulp in Leiden", 2}};
  for (const auto& [name, source] : sources)
    for (const auto& t : templates) {
      const fs::path odt = dir / (t.templ + "-" + name + ".odt");
      const fs::path pdf = dir / (t.templ + "-" + name + ".pdf");
      makeBoth(t.templ, "Leiden", source, odt, pdf, dir);
      CHECK(checkLayout(odt, pdf, t.firstPage) >= t.titles);
    }
  // The memo: table 1 and figures 1 and 2, then the region table and chart (5); from CBS it has its
  // second table too (the trajectories), each on one page with its title.
  CHECK(checkLayout(dir / "raadsinformatiebrief-cbs.odt", dir / "raadsinformatiebrief-cbs.pdf", "Kernboodschap") == 6);
}
