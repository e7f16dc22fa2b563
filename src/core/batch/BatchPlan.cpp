#include "batch/BatchPlan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "util/Text.hpp"

namespace raadsbrief::batch {
namespace fs = std::filesystem;
namespace {

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    else out += c;
  }
  return out + "\"";
}

/// Folds the Latin-1 letters of Dutch place names to ASCII ("â" → "a", "ú" → "u").
char foldLatin1(unsigned code) {
  static const char* table =  // U+00C0 … U+00FF
      "AAAAAAACEEEEIIII"
      "DNOOOOO*OUUUUYTs"
      "aaaaaaaceeeeiiii"
      "dnooooo/ouuuuyty";
  return code >= 0xC0 && code <= 0xFF ? table[code - 0xC0] : '-';
}

std::string minutes(double seconds) {
  const auto s = static_cast<long>(std::lround(std::max(0.0, seconds)));
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Shard parseShard(const std::string& text) {
  static const std::regex pattern(R"(\s*(\d{1,6})\s*/\s*(\d{1,6})\s*)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern))
    throw Error(ErrorKind::Usage, "--shard verwacht I/N, bijvoorbeeld 2/4 (deel 2 van 4), niet '" + text + "'");
  const Shard shard{std::stoi(m[1]), std::stoi(m[2])};
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count)
    throw Error(ErrorKind::Usage, "--shard " + text + ": I moet tussen 1 en N liggen");
  return shard;
}

const char* statusName(Status status) {
  switch (status) {
    case Status::Made: return "gemaakt";
    case Status::Existing: return "al aanwezig";
    case Status::Skipped: return "overgeslagen";
    case Status::Failed: return "mislukt";
  }
  return "?";
}

Selection parseSelection(const std::string& text, const model::Dataset& dataset) {
  Selection s;
  if (util::trim(text) == "all" || util::trim(text) == "alle") {
    s.all = true;
    for (const auto& r : dataset.regions())
      if (r.kind == model::RegionKind::Municipality) s.entries.push_back(r.code);
    std::sort(s.entries.begin(), s.entries.end());
    return s;
  }
  std::error_code ec;
  if (fs::is_regular_file(text, ec)) {
    std::ifstream in(text);
    if (!in) throw Error(ErrorKind::NotFound, "Kan de lijst met gemeenten niet lezen: " + text);
    std::string line;
    while (std::getline(in, line)) {
      line = util::trim(line.substr(0, line.find('#')));
      // "GM0546<TAB>Leiden" (the output of `raadsbrief municipalities`) counts by its code.
      line = util::trim(line.substr(0, line.find('\t')));
      if (!line.empty()) s.entries.push_back(line);
    }
  } else {
    if (text.find('/') != std::string::npos)
      throw Error(ErrorKind::NotFound, "Lijst met gemeenten niet gevonden: " + text);
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find(',', start), text.size());
      if (auto entry = util::trim(text.substr(start, end - start)); !entry.empty()) s.entries.push_back(entry);
      start = end + 1;
    }
  }
  if (s.entries.empty()) throw Error(ErrorKind::Usage, "--municipalities noemt geen enkele gemeente");
  return s;
}

std::string outputStem(const std::string& code, const std::string& name) {
  std::string slug;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    char out = '-';
    if (std::isalnum(c)) {
      out = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < name.size()) {  // two-byte UTF-8 of U+00C0 … U+00FF
      out = static_cast<char>(
          std::tolower(static_cast<unsigned char>(foldLatin1(0xC0 + (static_cast<unsigned char>(name[++i]) & 0x3F)))));
    } else if (c == '\'') {
      continue;  // 's-Gravenhage → s-gravenhage
    } else if (c >= 0x80) {
      while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
    }
    if (!std::isalnum(static_cast<unsigned char>(out))) out = '-';
    if (out == '-' && (slug.empty() || slug.back() == '-')) continue;
    slug += out;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? code : code + "-" + slug;
}

std::vector<Item> planRun(const Selection& selection, const model::Dataset& dataset, const Shard& shard,
                          const fs::path& outputDir, bool pdf) {
  // Resolve and de-duplicate first, so that the shards split the same list on every machine.
  struct Entry {
    std::string given;
    const model::Region* region;
    std::string error;
  };
  std::vector<Entry> entries;
  std::set<std::string> seen;
  for (const auto& given : selection.entries) {
    try {
      const model::Region& region = dataset.municipality(given);
      if (!seen.insert(region.code).second) continue;
      entries.push_back({given, &region, {}});
    } catch (const Error& e) {
      if (!seen.insert("?" + given).second) continue;
      entries.push_back({given, nullptr, e.what()});
    }
  }
  std::vector<Item> items;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (static_cast<int>(k % static_cast<std::size_t>(shard.count)) + 1 != shard.index) continue;
    const Entry& e = entries[k];
    Item item;
    if (!e.region) {
      item.code = e.given;
      item.status = Status::Failed;
      item.errorKind = static_cast<int>(ErrorKind::NotFound);
      item.reason = e.error;
      item.pending = false;
      items.push_back(std::move(item));
      continue;
    }
    item.code = e.region->code;
    item.name = e.region->name;
    const std::string stem = outputStem(item.code, item.name);
    item.outputs.push_back(outputDir / (stem + ".odt"));
    if (pdf) item.outputs.push_back(outputDir / (stem + ".pdf"));
    if (!dataset.hasFigures(item.code)) {
      item.pending = false;
      item.reason = "geen cijfers";
      if (selection.all) {
        item.status = Status::Skipped;
      } else {
        item.status = Status::Failed;
        item.errorKind = static_cast<int>(ErrorKind::NotFound);
        item.reason = "geen cijfers voor " + item.name + " (" + item.code + ") in de bron";
      }
    } else if (std::all_of(item.outputs.begin(), item.outputs.end(), [](const fs::path& p) {
                 std::error_code ec;
                 return fs::is_regular_file(p, ec);
               })) {
      item.pending = false;
      item.status = Status::Existing;
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::string summaryJson(const std::vector<Item>& items, const RunInfo& info) {
  std::map<Status, int> counts;
  for (const auto& i : items) ++counts[i.status];
  std::string out = "{\n";
  out += "  \"template\": " + jsonString(info.templateName) + ",\n";
  out += "  \"period\": " + jsonString(info.period) + ",\n";
  out += "  \"sources\": [";
  for (std::size_t i = 0; i < info.sources.size(); ++i) out += (i ? ", " : "") + jsonString(info.sources[i]);
  out += "],\n";
  out += fmt::format("  \"shard\": {{\"index\": {}, \"count\": {}}},\n", info.shard.index, info.shard.count);
  out += fmt::format("  \"jobs\": {},\n  \"worker_restarts\": {},\n  \"seconds\": {:.3f},\n", info.jobs,
                     info.workerRestarts, info.seconds);
  out += fmt::format(
      "  \"counts\": {{\"total\": {}, \"gemaakt\": {}, \"al aanwezig\": {}, \"overgeslagen\": {}, \"mislukt\": {}}},\n",
      items.size(), counts[Status::Made], counts[Status::Existing], counts[Status::Skipped], counts[Status::Failed]);
  out += "  \"municipalities\": [";
  for (std::size_t k = 0; k < items.size(); ++k) {
    const Item& i = items[k];
    out += (k ? ",\n    " : "\n    ");
    out += "{\"code\": " + jsonString(i.code) + ", \"name\": " + jsonString(i.name) +
           ", \"status\": " + jsonString(statusName(i.status));
    if (!i.reason.empty()) out += ", \"reason\": " + jsonString(i.reason);
    if (i.errorKind) out += fmt::format(", \"exit_code\": {}", i.errorKind);
    if (!i.omitted.empty()) {
      out += ", \"weggelaten\": [";
      for (std::size_t o = 0; o < i.omitted.size(); ++o) out += (o ? ", " : "") + jsonString(i.omitted[o]);
      out += "]";
    }
    out += ", \"outputs\": [";
    for (std::size_t o = 0; o < i.outputs.size(); ++o)
      out += (o ? ", " : "") + jsonString(i.outputs[o].filename().string());
    out += "]";
    if (i.attempts) out += fmt::format(", \"attempts\": {}, \"seconds\": {:.3f}", i.attempts, i.seconds);
    out += "}";
  }
  out += "\n  ]\n}\n";
  return out;
}

std::string summaryTable(const std::vector<Item>& items, const RunInfo& info) {
  std::map<std::pair<Status, std::string>, int> rows;
  for (const auto& i : items) {
    const std::string reason = i.status == Status::Failed ? "" : i.reason;
    ++rows[{i.status, reason}];
  }
  std::string out = fmt::format("{:<14} {:>6}  {}\n", "status", "aantal", "reden");
  for (const auto& [key, n] : rows) out += fmt::format("{:<14} {:>6}  {}\n", statusName(key.first), n, key.second);
  out += fmt::format("{:<14} {:>6}  in {} met {} LibreOffice-proces(sen){}\n", "totaal", items.size(),
                     minutes(info.seconds), info.jobs,
                     info.workerRestarts ? fmt::format(", {} keer herstart", info.workerRestarts) : std::string());
  bool header = false;
  for (const auto& i : items) {
    if (i.status != Status::Failed) continue;
    if (!header) out += "\nMislukt:\n";
    header = true;
    out += fmt::format("  {}{}: {}\n", i.code, i.name.empty() ? "" : " " + i.name, i.reason);
  }
  return out;
}

std::string progressBar(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed, int width) {
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(fraction * width);
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(width - filled), '.') + "]";
  std::string eta = "nog ?";
  if (done > 0 && done < total)
    eta = "nog ~" + minutes(elapsed.count() / static_cast<double>(done) * static_cast<double>(total - done));
  else if (done >= total) eta = "klaar in " + minutes(elapsed.count());
  return fmt::format("{} {:>4}/{}  {:>3}%  {}", bar, done, total, static_cast<int>(fraction * 100), eta);
}

}  // namespace raadsbrief::batch
