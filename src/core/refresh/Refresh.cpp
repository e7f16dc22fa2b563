#include "refresh/Refresh.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include "Error.hpp"
#include "text/DutchFormat.hpp"

namespace raadsbrief::refresh {
namespace {

constexpr int kRecordVersion = 1;

/// FNV-1a, 64 bits: stable across builds and machines (std::hash is not).
class Hasher {
 public:
  void add(std::string_view s) {
    for (unsigned char c : s) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    hash_ ^= 0x1f;  // a separator, so that ("ab","c") and ("a","bc") differ
    hash_ *= 0x100000001b3ULL;
  }
  [[nodiscard]] std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

/// A chart value as shown (3 decimals: more than any indicator has, fewer than float noise), "–" for a gap.
std::string pointText(bool present, double v, int decimals = 3) {
  if (!present || !std::isfinite(v)) return "–";
  return text::formatNumber(v, decimals);
}
std::string pointText(const std::optional<double>& v, int decimals = 3) {
  return pointText(v.has_value(), v.value_or(0.0), decimals);
}

/// The words of a phrase without its numbers: "gestegen van 1,2% naar 1,4%" → "gestegen van % naar %".
std::string wording(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool digit = c >= '0' && c <= '9';
    const bool separator = (c == ',' || c == '.') && i > 0 && i + 1 < s.size() && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                           s[i + 1] >= '0' && s[i + 1] <= '9';
    if (digit || separator) continue;
    out += c;
  }
  return out;
}

std::string oneLine(const plan::Content& content) {
  if (const auto* t = std::get_if<plan::TextSpec>(&content)) return t->text;
  if (const auto* t = std::get_if<plan::TableSpec>(&content))
    return fmt::format("tabel van {} × {}", t->cells.size(), t->cells.empty() ? 0 : t->cells.front().size());
  const auto& c = std::get<plan::ChartSpec>(content);
  return fmt::format("grafiek met {} reeks(en) × {} punten", c.series.size(), c.categories.size());
}

std::vector<std::string> tableDetails(const plan::TableSpec& before, const plan::TableSpec& after) {
  std::vector<std::string> out;
  const auto& a = before.cells;
  const auto& b = after.cells;
  if (a.size() != b.size() || (a.empty() ? 0 : a.front().size()) != (b.empty() ? 0 : b.front().size())) {
    out.push_back(fmt::format("indeling: {} → {}", oneLine(before), oneLine(after)));
    return out;
  }
  if (!a.empty() && a.front() != b.front()) out.push_back("kopregel: andere kolommen (bijvoorbeeld een nieuw jaar)");
  for (std::size_t r = 1; r < a.size(); ++r)
    for (std::size_t c = 0; c < a[r].size() && c < b[r].size(); ++c)
      if (a[r][c] != b[r][c])
        out.push_back(fmt::format("{}, {}: {} → {}", b[r].front(), b.front()[c], a[r][c], b[r][c]));
  return out;
}

std::vector<std::string> chartDetails(const plan::ChartSpec& before, const plan::ChartSpec& after) {
  std::vector<std::string> out;
  if (before.categories != after.categories) {
    std::string from, to;
    for (const auto& c : before.categories) from += (from.empty() ? "" : ", ") + c;
    for (const auto& c : after.categories) to += (to.empty() ? "" : ", ") + c;
    out.push_back(fmt::format("categorieën: {} → {}", from, to));
  }
  for (const auto& s : after.series) {
    const auto old =
        std::find_if(before.series.begin(), before.series.end(), [&](const auto& o) { return o.name == s.name; });
    if (old == before.series.end()) {
      out.push_back("nieuwe reeks: " + s.name);
      continue;
    }
    for (std::size_t i = 0; i < after.categories.size() && i < s.values.size(); ++i) {
      const auto at = std::find(before.categories.begin(), before.categories.end(), after.categories[i]);
      if (at == before.categories.end()) continue;
      const auto j = static_cast<std::size_t>(at - before.categories.begin());
      // (a plain double + flag: g++ 12 warns falsely about an optional copied out of a vector here)
      const bool had = j < old->values.size() && old->values[j].has_value();
      const double was = had ? old->values[j].value_or(0.0) : 0.0;
      if (pointText(had, was) != pointText(s.values[i]))
        out.push_back(fmt::format("{}, {}: {} → {}", s.name, after.categories[i], pointText(had, was, after.decimals),
                                  pointText(s.values[i], after.decimals)));
    }
  }
  return out;
}

/// The newest period a content's figures come from, its status and its source's name.
struct Shown {
  std::string period;
  std::string status;
  std::string sourceName;
};

Shown shownOf(const plan::Content& content, const model::Dataset& dataset) {
  const plan::Provenance& p =
      std::visit([](const auto& c) -> const plan::Provenance& { return c.provenance; }, content);
  Shown out;
  int newest = -1;
  std::uint8_t origin = 0;
  for (const auto& [source, period] : p.uses)
    if (period > newest) {
      newest = period;
      origin = source;
    }
  const auto& periods = dataset.periods();
  if (newest < 0 || static_cast<std::size_t>(newest) >= periods.size()) return out;
  const model::Period& period = periods[static_cast<std::size_t>(newest)];
  out.period = period.id;
  out.status = model::toString(period.status());
  const auto& supplements = dataset.supplements();
  out.sourceName = origin == 0                    ? dataset.source.name
                   : origin <= supplements.size() ? supplements[origin - 1U].name
                                                  : std::string();
  return out;
}

/// Why the figures of a binding changed (or, unchanged, their status), from what the record
/// remembers being shown and what will be shown now; empty when there is nothing to say.
std::string revisionOf(const Binding& before, const Shown& now, bool changed, BindingKind kind) {
  if (before.shownPeriod.empty() || now.period.empty()) return {};
  const std::string who = now.sourceName.find("CBS") != std::string::npos ? "herzien door CBS" : "herzien door de bron";
  if (now.period != before.shownPeriod)
    return changed ? fmt::format("nieuwe periode: {} → {}", model::periodShortLabel(before.shownPeriod),
                                 model::periodShortLabel(now.period))
                   : std::string();
  if (!before.shownStatus.empty() && now.status != before.shownStatus)
    return fmt::format("{}: {} → {}", who, before.shownStatus, now.status);
  if (!changed) return {};
  return fmt::format("{}: {} over {} {} aangepast", who, kind == BindingKind::Text ? "het cijfer" : "de cijfers",
                     model::periodShortLabel(now.period), kind == BindingKind::Text ? "is" : "zijn");
}

/// Splits on blanks (space, tab, line breaks); a no-break space stays inside a word ("€ 1.234").
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

void noteShown(Binding& binding, const plan::Content& content, const model::Dataset& dataset) {
  const Shown shown = shownOf(content, dataset);
  binding.shownPeriod = shown.period;
  binding.shownStatus = shown.status;
}

const char* kindName(BindingKind kind) {
  switch (kind) {
    case BindingKind::Table: return "tabel";
    case BindingKind::Chart: return "grafiek";
    case BindingKind::Text: break;
  }
  return "tekst";
}

BindingKind kindFromName(std::string_view name) {
  if (name == "tekst") return BindingKind::Text;
  if (name == "tabel") return BindingKind::Table;
  if (name == "grafiek") return BindingKind::Chart;
  throw Error(ErrorKind::Data, "onbekende soort koppeling '" + std::string(name) + "'");
}

const char* statusName(Status status) {
  switch (status) {
    case Status::Updated: return "bijgewerkt";
    case Status::KeptByUser: return "handmatig";
    case Status::Missing: return "verdwenen";
    case Status::Unchanged: break;
  }
  return "ongewijzigd";
}

Status statusFromName(std::string_view name) {
  for (Status s : {Status::Unchanged, Status::Updated, Status::KeptByUser, Status::Missing})
    if (name == statusName(s)) return s;
  throw Error(ErrorKind::Internal, "onbekende status '" + std::string(name) + "'");
}

const Binding* DocumentRecord::find(std::string_view id) const {
  const auto it = std::find_if(bindings.begin(), bindings.end(), [&](const Binding& b) { return b.id == id; });
  return it == bindings.end() ? nullptr : &*it;
}

std::string DocumentRecord::newId(std::string_view prefix) const {
  int highest = 0;
  for (const auto& b : bindings) {
    if (b.id.size() <= prefix.size() || b.id.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = b.id.substr(prefix.size());
    if (rest.find_first_not_of("0123456789") == std::string::npos && rest.size() < 9)
      highest = std::max(highest, std::stoi(rest));
  }
  return std::string(prefix) + std::to_string(highest + 1);
}

std::vector<std::string> documentMunicipalities(const DocumentRecord& record) {
  std::vector<std::string> municipalities;
  for (const auto& b : record.bindings)
    if (std::find(municipalities.begin(), municipalities.end(), b.municipality) == municipalities.end())
      municipalities.push_back(b.municipality);
  return municipalities;
}

std::string toJson(const DocumentRecord& record) {
  Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("versie", kRecordVersion);
  root.set("bron", record.source);
  root.set("gemaakt", record.created);
  root.set("bijgewerkt", record.refreshed);
  root.set("bijgewerktUit", record.refreshedFrom);
  Poco::JSON::Array list;
  for (const auto& b : record.bindings) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("id", b.id);
    o.set("soort", std::string(kindName(b.kind)));
    o.set("veld", b.field);
    o.set("gemeente", b.municipality);
    o.set("periode", b.period);
    o.set("vingerafdruk", b.fingerprint);
    if (!b.previousFingerprint.empty()) o.set("vorige", b.previousFingerprint);
    if (!b.shownPeriod.empty()) o.set("getoondePeriode", b.shownPeriod);
    if (!b.shownStatus.empty()) o.set("getoondeStatus", b.shownStatus);
    list.add(o);
  }
  root.set("koppelingen", list);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

DocumentRecord parseRecord(std::string_view json) {
  const std::string damaged =
      "De Raadsbrief-gegevens in dit document zijn beschadigd (documenteigenschap 'Raadsbrief'): ";
  try {
    Poco::JSON::Parser parser;
    const auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    if (!root) throw Error(ErrorKind::Data, damaged + "geen object");
    const int version = root->optValue<int>("versie", 0);
    if (version != kRecordVersion)
      throw Error(ErrorKind::Data,
                  damaged + "onbekende versie " + std::to_string(version) + " (gemaakt met een nieuwere Raadsbrief?)");
    DocumentRecord record;
    record.source = root->optValue<std::string>("bron", "");
    record.created = root->optValue<std::string>("gemaakt", "");
    record.refreshed = root->optValue<std::string>("bijgewerkt", "");
    record.refreshedFrom = root->optValue<std::string>("bijgewerktUit", "");
    const auto list = root->getArray("koppelingen");
    if (!list) throw Error(ErrorKind::Data, damaged + "geen koppelingen");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto o = list->getObject(static_cast<unsigned>(i));
      if (!o) throw Error(ErrorKind::Data, damaged + "koppeling " + std::to_string(i + 1) + " is geen object");
      Binding b;
      b.id = o->getValue<std::string>("id");
      b.kind = kindFromName(o->optValue<std::string>("soort", "tekst"));
      b.field = o->getValue<std::string>("veld");
      b.municipality = o->getValue<std::string>("gemeente");
      b.period = o->optValue<std::string>("periode", "");
      b.fingerprint = o->optValue<std::string>("vingerafdruk", "");
      b.previousFingerprint = o->optValue<std::string>("vorige", "");
      b.shownPeriod = o->optValue<std::string>("getoondePeriode", "");  // absent in older records
      b.shownStatus = o->optValue<std::string>("getoondeStatus", "");
      if (b.id.empty() || record.find(b.id))
        throw Error(ErrorKind::Data, damaged + "lege of dubbele id '" + b.id + "'");
      record.bindings.push_back(std::move(b));
    }
    return record;
  } catch (const Error& e) {
    if (std::string_view(e.what()).rfind(damaged, 0) == 0) throw;
    throw Error(ErrorKind::Data, damaged + e.what());
  } catch (const Poco::JSON::JSONException&) {
    throw Error(ErrorKind::Data, damaged + "geen geldige JSON");
  } catch (const Poco::Exception&) {
    throw Error(ErrorKind::Data, damaged + "een onderdeel ontbreekt of heeft het verkeerde type");
  }
}

bool showsWhatWasWritten(const Binding& binding, const plan::Content& shown) {
  const std::string now = fingerprint(shown);
  return now == binding.fingerprint || (!binding.previousFingerprint.empty() && now == binding.previousFingerprint);
}

const std::vector<BookmarkShift>& bookmarkShifts() {
  static const std::vector<BookmarkShift> shifts = [] {
    constexpr int kMost = 3;
    std::vector<BookmarkShift> out;
    for (int distance = 1; distance <= 2 * kMost; ++distance)
      for (int end = kMost; end >= -kMost; --end)  // the end slipped left (seen in 7.4) first
        for (int start = -kMost; start <= kMost; ++start)
          if (std::abs(start) + std::abs(end) == distance) out.push_back({start, end});
    return out;
  }();
  return shifts;
}

std::optional<std::size_t> repairedShift(const Binding& binding,
                                         const std::vector<std::optional<std::string>>& shifted) {
  if (binding.kind != BindingKind::Text) return std::nullopt;
  for (std::size_t i = 0; i < shifted.size(); ++i)
    if (shifted[i] && !shifted[i]->empty() && showsWhatWasWritten(binding, plan::TextSpec{*shifted[i], {}})) return i;
  return std::nullopt;
}

std::string fingerprint(const plan::Content& content) {
  Hasher h;
  if (const auto* t = std::get_if<plan::TextSpec>(&content)) {
    h.add("tekst");
    h.add(t->text);
  } else if (const auto* table = std::get_if<plan::TableSpec>(&content)) {
    h.add("tabel");
    for (const auto& row : table->cells) {
      for (const auto& cell : row) h.add(cell);
      h.add("\n");
    }
  } else {
    const auto& chart = std::get<plan::ChartSpec>(content);
    h.add("grafiek");
    for (const auto& c : chart.categories) h.add(c);
    for (const auto& s : chart.series) {
      h.add(s.name);
      for (const auto& v : s.values) h.add(pointText(v));
    }
  }
  return h.hex();
}

bool isBound(const fields::Field& field) { return field.keyword != "datum"; }

BindingKind kindOf(const plan::Content& content) {
  if (std::holds_alternative<plan::TableSpec>(content)) return BindingKind::Table;
  if (std::holds_alternative<plan::ChartSpec>(content)) return BindingKind::Chart;
  return BindingKind::Text;
}

std::size_t RefreshPlan::count(Status status) const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return c.status == status; }));
}

RefreshPlan planRefresh(const DocumentRecord& record, const std::vector<std::optional<plan::Content>>& current,
                        const model::Dataset& dataset, const std::string& todayIso) {
  if (current.size() != record.bindings.size())
    throw Error(ErrorKind::Internal, "planRefresh: current/bindings differ in size");

  // Resolve everything first; collect every failure.
  std::vector<std::optional<plan::Content>> resolved(record.bindings.size());
  std::vector<std::string> failures;
  std::map<std::pair<std::string, std::string>, std::optional<plan::BriefingContext>> contexts;
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const Binding& b = record.bindings[i];
    if (!current[i]) continue;  // gone from the document: nothing to resolve
    try {
      auto& context = contexts[{b.municipality, b.period}];
      if (!context) context.emplace(dataset, b.municipality, b.period, todayIso);
      resolved[i] = plan::resolveField(fields::parseField(b.field), *context);
      if (kindOf(*resolved[i]) != b.kind)
        throw Error(ErrorKind::Template, "het veld maakt nu iets anders dan er staat");
    } catch (const Error& e) {
      failures.push_back(fmt::format("{} ({}): {}", b.field, b.id, e.what()));
    }
  }
  if (!failures.empty()) {
    std::string message = fmt::format(
        "Bijwerken kan niet: {} van de {} koppelingen zijn met de nieuwe cijfers niet te maken. "
        "Het document is niet gewijzigd.",
        failures.size(), record.bindings.size());
    for (const auto& f : failures) message += "\n" + f;
    throw Error(ErrorKind::NotFound, message);
  }

  RefreshPlan out;
  out.record = record;
  out.contents.resize(record.bindings.size());
  out.captions.resize(record.bindings.size());
  std::vector<plan::Content> present;
  for (const auto& r : resolved)
    if (r) present.push_back(*r);
  for (const auto& f : plan::sourceFootnotes(present, dataset)) out.footnotes.push_back(f.text);
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const Binding& b = record.bindings[i];
    Binding& updated = out.record.bindings[i];
    Change change{b.id, b.kind, b.field, Status::Unchanged, {}, {}, false, {}, subjectOf(b.field, dataset), {}, {}, -1};
    if (!current[i]) {
      change.status = Status::Missing;
      out.changes.push_back(std::move(change));
      continue;
    }
    const plan::Content& now = *current[i];
    const plan::Content& next = *resolved[i];
    const std::string shown = fingerprint(now);
    change.before = oneLine(now);
    change.after = oneLine(next);
    if (!showsWhatWasWritten(b, now)) {
      change.status = Status::KeptByUser;
      change.after = change.before;
      out.changes.push_back(std::move(change));
      continue;
    }
    if (const auto* table = std::get_if<plan::TableSpec>(&next))
      out.captions[i] = plan::captionText(table->note, table->source);
    if (const auto* chart = std::get_if<plan::ChartSpec>(&next))
      out.captions[i] = plan::captionText(chart->note, chart->source);
    const Shown nowShown = shownOf(next, dataset);
    change.revision = revisionOf(b, nowShown, fingerprint(next) != shown, b.kind);
    updated.shownPeriod = nowShown.period;
    updated.shownStatus = nowShown.status;
    if (fingerprint(next) == shown) {
      change.status = Status::Unchanged;
      updated.fingerprint = shown;  // e.g. after an undone refresh: what is shown is what we wrote
      updated.previousFingerprint = b.fingerprint == shown ? b.previousFingerprint : b.fingerprint;
    } else {
      change.status = Status::Updated;
      if (const auto* t = std::get_if<plan::TextSpec>(&now))
        change.wordingChanged = wording(t->text) != wording(std::get<plan::TextSpec>(next).text);
      else if (const auto* table = std::get_if<plan::TableSpec>(&now))
        change.details = tableDetails(*table, std::get<plan::TableSpec>(next));
      else change.details = chartDetails(std::get<plan::ChartSpec>(now), std::get<plan::ChartSpec>(next));
      updated.previousFingerprint = shown;
      updated.fingerprint = fingerprint(next);
      out.contents[i] = next;
    }
    out.changes.push_back(std::move(change));
  }
  out.record.refreshed = todayIso;
  if (!contexts.empty()) out.record.refreshedFrom = plan::sourceNote(*contexts.begin()->second);
  return out;
}

void locate(RefreshPlan& plan, const std::vector<Location>& locations) {
  for (std::size_t i = 0; i < plan.changes.size() && i < locations.size(); ++i) {
    plan.changes[i].position = locations[i].position;
    plan.changes[i].place = locations[i].place;
  }
}

std::string paragraphOpening(std::string_view paragraph, std::size_t maxWords) {
  constexpr std::size_t kMaxBytes = 60;
  const auto all = words(paragraph);
  std::string out;
  std::size_t used = 0;
  for (; used < all.size() && used < maxWords; ++used) {
    if (used > 0 && out.size() + 1 + all[used].size() > kMaxBytes) break;
    out += (used > 0 ? " " : "") + all[used];
  }
  if (out.empty()) return {};
  if (used < all.size()) out += " …";
  return "\"" + out + "\"";
}

std::string numberedPlace(BindingKind kind, int number) {
  return fmt::format("{} {}",
                     kind == BindingKind::Chart   ? "figuur"
                     : kind == BindingKind::Table ? "tabel"
                                                  : "tekst",
                     number);
}

std::string subjectOf(const std::string& fieldText, const model::Dataset& dataset) {
  fields::Field f;
  try {
    f = fields::parseField(fieldText);
  } catch (const Error&) {
    return fieldText;
  }
  const auto label = [&](const std::string& id) {
    if (const model::Indicator* ind = dataset.findIndicator(id)) return text::lowerFirst(ind->label);
    for (const auto& [known, name] : plan::knownIndicators())
      if (known == id) return text::lowerFirst(name);
    return id;
  };
  const auto first = [&](std::size_t i) { return i < f.words.size() ? label(f.words[i]) : std::string(); };
  const std::string& k = f.keyword;
  const auto where = [&] {
    const std::string r = f.setting("regio").value_or("gemeente");
    return r == "jeugdregio" ? " in de jeugdregio" : r == "nederland" ? " in Nederland" : "";
  };
  const auto with = [&] {
    return f.setting("met").value_or("nederland") == "jeugdregio" ? " met de jeugdregio" : " met Nederland";
  };
  if (k == "gemeente") return "de naam van de gemeente";
  if (k == "gemeentecode") return "de gemeentecode";
  if (k == "jeugdregio") return "de naam van de jeugdregio";
  if (k == "periode") return "de periode";
  if (k == "bron") return "de bronvermelding";
  if (k == "cijfer" || k == "label") return first(0) + (k == "cijfer" ? where() : "");
  if (k == "ontwikkeling") return "ontwikkeling van " + first(0) + where();
  if (k == "vergelijking" || k == "oordeel" || k == "verschil") return first(0) + ", vergeleken" + with();
  if (k == "tabel" || k == "grafiek") {
    const bool trend = !f.words.empty() && f.words[0] == "ontwikkeling";
    if (trend) return "ontwikkeling van " + first(1);
    return k == "tabel" ? "vergelijking van de cijfers" : "vergelijking van de cijfers in een grafiek";
  }
  return fieldText;
}

namespace {

/// "\"In 2023 kreeg …\" — jongeren met jeugdhulp" (the place only when known).
std::string lead(const Change& c) {
  std::string out = c.place.empty() ? std::string() : c.place + " — ";
  return out + (c.subject.empty() ? c.field : c.subject);
}

/// A shown text: bare when it is one word ("12,3%"), else in quotes.
std::string shownText(const std::string& s) { return s.find(' ') == std::string::npos ? s : "\"" + s + "\""; }

const char* thisOne(BindingKind kind) {
  return kind == BindingKind::Table ? "deze tabel" : kind == BindingKind::Chart ? "deze grafiek" : "dit cijfer";
}

}  // namespace

std::vector<std::string> describe(const std::vector<Change>& changes) {
  std::vector<std::string> lines;
  const auto count = [&](Status s) {
    return std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return c.status == s; });
  };
  std::vector<const Change*> ordered;
  ordered.reserve(changes.size());
  for (const auto& c : changes) ordered.push_back(&c);
  // By place in the document; what is gone (or of unknown place) last, in record order.
  std::stable_sort(ordered.begin(), ordered.end(), [](const Change* a, const Change* b) {
    const auto key = [](const Change* c) { return c->position < 0 ? std::numeric_limits<int>::max() : c->position; };
    return key(a) < key(b);
  });
  // Unchanged figures whose status changed: one line each when few, else one line per reason
  // (CBS making a whole year final would otherwise list every figure of the memo).
  std::map<std::string, int> sameButRevised;
  for (const auto& c : changes)
    if (c.status == Status::Unchanged && !c.revision.empty()) ++sameButRevised[c.revision];
  constexpr int kListedOneByOne = 3;
  for (const Change* c : ordered) {
    const std::string why = c->revision.empty() ? std::string() : " (" + c->revision + ")";
    switch (c->status) {
      case Status::Unchanged:
        if (!c->revision.empty() && sameButRevised[c->revision] <= kListedOneByOne)
          lines.push_back(fmt::format("{}: {} blijft gelijk{}", lead(*c), shownText(c->after), why));
        break;
      case Status::Updated:
        if (c->kind == BindingKind::Text) {
          lines.push_back(fmt::format("{}: {} → {}{}{}", lead(*c), shownText(c->before), shownText(c->after), why,
                                      c->wordingChanged ? " (de formulering verandert)" : ""));
        } else {
          lines.push_back(fmt::format("{}: bijgewerkt{}", lead(*c), why));
          for (const auto& d : c->details) lines.push_back("  " + d);
        }
        break;
      case Status::KeptByUser:
        if (c->kind == BindingKind::Text)
          lines.push_back(fmt::format("{}: {} — u heeft dit cijfer zelf aangepast; het is niet bijgewerkt", lead(*c),
                                      shownText(c->before)));
        else
          lines.push_back(
              fmt::format("{}: u heeft {} zelf aangepast; ze is niet bijgewerkt", lead(*c), thisOne(c->kind)));
        break;
      case Status::Missing:
        lines.push_back(fmt::format("{}: {} staat niet meer in het document", lead(*c), thisOne(c->kind)));
        break;
    }
  }
  for (const auto& [revision, n] : sameButRevised)
    if (n > kListedOneByOne) lines.push_back(fmt::format("{} cijfers blijven gelijk ({})", n, revision));
  lines.push_back(fmt::format("{} bijgewerkt, {} ongewijzigd, {} met de hand gewijzigd, {} verdwenen",
                              count(Status::Updated), count(Status::Unchanged), count(Status::KeptByUser),
                              count(Status::Missing)));
  return lines;
}

}  // namespace raadsbrief::refresh
