// The LibreOffice side of Raadsbrief's speed, measured in one run against one soffice:
//   - the limit: load the memo template and save it (ODT, PDF, both) with no filling at all;
//   - Raadsbrief: the full memo (one `generate` call; the work runs inside soffice);
//   - the usual alternative: the same filling call by call from Python over the socket bridge
//     (bench/baseline/fill_memo.py), and the same Python code as a macro inside soffice;
//   - the scaling curve: 1, 4, 16, 64 tables or charts;
//   - soffice's memory over many documents, and a pool of workers doing only load + save for
//     every municipality (the bar for `raadsbrief batch`).
// Results are Markdown tables on stdout. Run through ./scripts/bench (see docs/performance.md).
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/script/provider/XScriptProvider.hpp>
#include <com/sun/star/script/provider/theMasterScriptProviderFactory.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/XSearchDescriptor.hpp>
#include <com/sun/star/util/XSearchable.hpp>
#include <nl/raadsbrief/XBriefingGenerator.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "Convert.hxx"
#include "Office.hpp"
#include "data/DatasetReader.hpp"
#include "plan/Briefing.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using office::prop;
using office::seqOf;
using office::toOU;
using office::toUtf8;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  fs::path work;
  int runs = 15;
  fs::path dataset, scaling, baseline, cli;
  int rssDocs = 342;
  int jobs = 2;
  bool batch = true;
  bool quick = false;      ///< only the memo's limit, Raadsbrief and re-save rows, thumbnails off (for trying a change)
  int repeat = 0;          ///< only make the memo (ODT+PDF) this many times, nothing measured (for scripts/profile)
  fs::path regionDir;      ///< regio.ott and regio-correctie.json (bench/make-region-bench.py): the regional memo
  fs::path regionDataset;  ///< the figures of the regional memo (the demo data: real youth-care regions)
  bool regionOnly = false;  ///< only the regional memo
};

std::string url(const fs::path& p) { return office::fileUrl(fs::absolute(p).string()); }

double ms(Clock::time_point since) { return std::chrono::duration<double, std::milli>(Clock::now() - since).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string f1(double v) { return fmt::format("{:.1f}", v); }

cli::OfficeOptions officeOptions(const fs::path& profile, bool thumbnails = false) {
  cli::OfficeOptions o;
  o.oxt = RAADSBRIEF_BUILD_OXT;
  o.rdb = RAADSBRIEF_BUILD_RDB;
  o.profile = profile;
  o.thumbnails = thumbnails;  // the same on both sides: off is the batch's setting, on LibreOffice's default
  return o;
}

css::uno::Sequence<css::beans::PropertyValue> storeArgs(const fs::path& out) {
  if (out.extension() == ".pdf") {
    const auto pdf = seqOf<css::beans::PropertyValue>(
        {prop("UseTaggedPDF", Any(true)), prop("PDFUACompliance", Any(true)), prop("ExportBookmarks", Any(true)),
         prop("DisplayPDFDocumentTitle", Any(true)), prop("SelectPdfVersion", Any(sal_Int32(0)))});
    return seqOf<css::beans::PropertyValue>({prop("FilterName", Any(rtl::OUString("writer_pdf_Export"))),
                                             prop("Overwrite", Any(true)), prop("FilterData", Any(pdf))});
  }
  return seqOf<css::beans::PropertyValue>(
      {prop("FilterName", Any(rtl::OUString("writer8"))), prop("Overwrite", Any(true))});
}

Reference<css::lang::XComponent> load(const Reference<css::uno::XComponentContext>& ctx, const fs::path& ott) {
  auto desktop = css::frame::Desktop::create(ctx);
  return desktop->loadComponentFromURL(
      toOU(url(ott)), "_blank", 0,
      seqOf<css::beans::PropertyValue>({prop("Hidden", Any(true)), prop("AsTemplate", Any(true))}));
}

void close(const Reference<css::lang::XComponent>& doc) {
  Reference<css::util::XCloseable>(doc, UNO_QUERY_THROW)->close(true);
}

/// The limit: load the template, store it unchanged to each output, close. In generate()'s order:
/// the extra outputs (the PDF) first, the main one (`outs[0]`) last.
void loadAndSave(const Reference<css::uno::XComponentContext>& ctx, const fs::path& ott,
                 const std::vector<fs::path>& outs) {
  auto doc = load(ctx, ott);
  Reference<css::frame::XStorable> storable(doc, UNO_QUERY_THROW);
  for (std::size_t i = 1; i < outs.size(); ++i) storable->storeToURL(toOU(url(outs[i])), storeArgs(outs[i]));
  storable->storeToURL(toOU(url(outs[0])), storeArgs(outs[0]));
  close(doc);
}

Reference<nl::raadsbrief::XBriefingGenerator> generator(const cli::Office& office) {
  const auto& ctx = office.context();
  Reference<nl::raadsbrief::XBriefingGenerator> g(
      ctx->getServiceManager()->createInstanceWithContext("nl.raadsbrief.BriefingGenerator", ctx), UNO_QUERY_THROW);
  return g;
}

void generate(const Reference<nl::raadsbrief::XBriefingGenerator>& g, const std::string& templ, const std::string& code,
              const std::string& source, const std::vector<fs::path>& outs) {
  std::vector<css::beans::NamedValue> options;
  if (outs.size() > 1) options.emplace_back("ExtraOutputs", Any(seqOf<rtl::OUString>({toOU(url(outs[1]))})));
  g->generate(toOU(templ), toOU(code), "2023", toOU(source), toOU(url(outs[0])),
              css::uno::Sequence<css::beans::NamedValue>(options.data(), static_cast<sal_Int32>(options.size())));
}

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// The plan of the memo for one municipality, as the Python baseline reads it: field text → content.
void writePlan(const Reference<css::uno::XComponentContext>& ctx, const fs::path& ott, const model::Dataset& ds,
               const std::string& code, const fs::path& out) {
  auto doc = load(ctx, ott);
  Reference<css::util::XSearchable> searchable(doc, UNO_QUERY_THROW);
  auto descriptor = searchable->createSearchDescriptor();
  descriptor->setSearchString(toOU(fields::kFieldPattern));
  Reference<css::beans::XPropertySet>(descriptor, UNO_QUERY_THROW)
      ->setPropertyValue("SearchRegularExpression", Any(true));
  auto found = searchable->findAll(descriptor);
  std::vector<plan::FieldOccurrence> occurrences;
  for (sal_Int32 i = 0; i < found->getCount(); ++i)
    occurrences.push_back(
        {toUtf8(Reference<css::text::XTextRange>(found->getByIndex(i), UNO_QUERY_THROW)->getString()), ""});
  const std::string title = toUtf8(
      Reference<css::document::XDocumentPropertiesSupplier>(doc, UNO_QUERY_THROW)->getDocumentProperties()->getTitle());
  close(doc);
  const plan::BriefingContext context(ds, code, "2023", "2026-11-25");
  const auto contents = plan::resolveFields(occurrences, context);
  std::string json = "{\"fields\": {";
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    json += (i ? ",\n" : "\n") + jsonString(occurrences[i].text) + ": ";
    if (const auto* t = std::get_if<plan::TextSpec>(&contents[i])) {
      json += "{\"text\": " + jsonString(t->text) + "}";
    } else if (const auto* table = std::get_if<plan::TableSpec>(&contents[i])) {
      json += "{\"table\": {\"cells\": [";
      for (std::size_t r = 0; r < table->cells.size(); ++r) {
        json += r ? ", [" : "[";
        for (std::size_t c = 0; c < table->cells[r].size(); ++c)
          json += (c ? ", " : "") + jsonString(table->cells[r][c]);
        json += "]";
      }
      json += "], \"numeric\": [";
      for (std::size_t c = 0; c < table->numericColumns.size(); ++c)
        json += (c ? ", " : "") + std::string(table->numericColumns[c] ? "true" : "false");
      json += "], \"note\": " + jsonString(table->note) + "}}";
    } else if (const auto* chart = std::get_if<plan::ChartSpec>(&contents[i])) {
      json += "{\"chart\": {\"kind\": \"" + std::string(chart->kind == plan::ChartSpec::Kind::Line ? "line" : "bar") +
              "\", \"title\": " + jsonString(chart->title) + ", \"description\": " + jsonString(chart->description) +
              ", \"categories\": [";
      for (std::size_t c = 0; c < chart->categories.size(); ++c)
        json += (c ? ", " : "") + jsonString(chart->categories[c]);
      json += "], \"series\": [";
      for (std::size_t s = 0; s < chart->series.size(); ++s) {
        json += (s ? ", " : "") + std::string("{\"name\": ") + jsonString(chart->series[s].name) + ", \"values\": [";
        for (std::size_t v = 0; v < chart->series[s].values.size(); ++v)
          json += (v ? ", " : "") +
                  (chart->series[s].values[v] ? fmt::format("{}", *chart->series[s].values[v]) : std::string("null"));
        json += "]}";
      }
      json += "]}}";
    }
  }
  json += "\n}, \"title\": " +
          jsonString(plan::documentTitle(title.empty() ? "Raadsinformatiebrief jeugdhulp" : title, context));
  json +=
      ", \"notice\": " + jsonString(plan::needsSourceNotice(occurrences, ds) ? plan::sourceNote(context) : "") + "}\n";
  std::ofstream(out) << json;
}

/// The /proc directory of soffice.bin in an office's process group, and the fields of its stat
/// line after the command name (state, ppid, pgrp, …); empty when there is none.
std::pair<fs::path, std::vector<std::string>> sofficeProcess(pid_t group) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos || line.find("(soffice.bin)") == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::vector<std::string> f{std::istream_iterator<std::string>(rest), {}};
    if (f.size() >= 13 && std::stol(f[2]) == group) return {entry.path(), f};
  }
  return {};
}

/// soffice.bin of an office's process group: its resident memory in MiB.
double rssMiB(pid_t group) {
  const auto [dir, fields] = sofficeProcess(group);
  if (dir.empty()) return 0;
  std::ifstream status(dir / "status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

/// CPU seconds (user + system) soffice.bin of an office's process group has used so far.
double officeCpu(pid_t group) {
  const auto [dir, f] = sofficeProcess(group);
  if (dir.empty()) return 0;
  return (std::stod(f[11]) + std::stod(f[12])) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// CPU seconds of every finished (waited-for) descendant so far: soffice, python, the CLI.
double childrenCpu() {
  rusage u{};
  ::getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

std::vector<double> runPython(const Args& a, const std::string& pipe, const fs::path& planPath, const fs::path& ott,
                              const fs::path& out, const std::string& formats) {
  const std::string cmd = fmt::format("/usr/bin/python3 '{}' '{}' '{}' '{}' '{}' {} {}", a.baseline.string(), pipe,
                                      planPath.string(), url(ott), out.string(), a.runs, formats);
  std::vector<double> samples;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return samples;
  char buffer[128];
  while (std::fgets(buffer, sizeof buffer, p)) samples.push_back(std::atof(buffer));
  ::pclose(p);
  return samples;
}

double linearSlope(const std::vector<std::pair<double, double>>& points) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& [x, y] : points) sx += x, sy += y, sxx += x * x, sxy += x * y;
  const double n = static_cast<double>(points.size());
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/// Output files named `<n>-<i>`: the ODT, and with `pdf` also the PDF.
std::vector<fs::path> outputs(const fs::path& out, const std::string& n, int i, bool pdf) {
  std::vector<fs::path> files{out / fmt::format("{}-{}.odt", n, i)};
  if (pdf) files.push_back(out / fmt::format("{}-{}.pdf", n, i));
  return files;
}

/// The memo against its limit and the Python alternatives, in one soffice (`profile` is its
/// profile directory). `quick`: only the limit, Raadsbrief and the re-saved memo (no Python).
void memoSection(const Args& a, const cli::Office& office, const fs::path& profile, const model::Dataset& ds,
                 const std::string& source, const fs::path& out, bool thumbnails, bool quick) {
  const fs::path memo = RAADSBRIEF_MEMO_TEMPLATE;
  const auto& ctx = office.context();
  auto g = generator(office);

  // The Python macro lives in the profile's user scripts (copied in every run: it may have changed).
  const fs::path scripts = profile / "user" / "Scripts" / "python";
  fs::create_directories(scripts);
  fs::copy_file(a.baseline, scripts / "raadsbrief_baseline.py", fs::copy_options::overwrite_existing);
  const fs::path planPath = fs::absolute(a.work / "plan-leiden.json");
  writePlan(ctx, memo, ds, "GM0546", planPath);
  auto provider =
      css::script::provider::theMasterScriptProviderFactory::get(ctx)->createScriptProvider(Any(rtl::OUString()));
  const auto macro =
      quick ? Reference<css::script::provider::XScript>()
            : provider->getScript(
                  "vnd.sun.star.script:raadsbrief_baseline.py$fill_memo_macro?language=Python&location=user");
  auto runMacro = [&](const std::vector<fs::path>& outs) {
    css::uno::Sequence<Any> params(static_cast<sal_Int32>(2 + outs.size()));
    params.getArray()[0] <<= toOU(planPath.string());
    params.getArray()[1] <<= toOU(url(memo));
    for (std::size_t i = 0; i < outs.size(); ++i) params.getArray()[2 + i] <<= toOU(url(outs[i]));
    css::uno::Sequence<sal_Int16> outIndex;
    css::uno::Sequence<Any> outParams;
    macro->invoke(params, outIndex, outParams);
  };

  // ---- memo: the limit, Raadsbrief, the in-process macro (interleaved), then Python over the bridge
  struct Case {
    std::string name;
    std::function<void(int)> run;
    std::vector<double> samples;
    std::vector<double> cpu;  ///< soffice.bin CPU ms per document (10 ms ticks: averaged)
  };
  const auto odt = [&](const std::string& n, int i) { return outputs(out, n, i, false); };
  const auto both = [&](const std::string& n, int i) { return outputs(out, n, i, true); };
  std::vector<Case> cases{
      {"limit ODT", [&](int i) { loadAndSave(ctx, memo, odt("limit", i)); }, {}, {}},
      {"limit PDF", [&](int i) { loadAndSave(ctx, memo, {out / fmt::format("limit-{}.pdf", i)}); }, {}, {}},
      {"limit ODT+PDF", [&](int i) { loadAndSave(ctx, memo, both("limit", i)); }, {}, {}},
      {"Raadsbrief ODT", [&](int i) { generate(g, "raadsinformatiebrief", "GM0546", source, odt("rb", i)); }, {}, {}},
      {"Raadsbrief PDF",
       [&](int i) { generate(g, "raadsinformatiebrief", "GM0546", source, {out / fmt::format("rb-{}.pdf", i)}); },
       {},
       {}},
      {"Raadsbrief ODT+PDF",
       [&](int i) { generate(g, "raadsinformatiebrief", "GM0546", source, both("rb", i)); },
       {},
       {}},
      {"limit load+close", [&](int) { close(load(ctx, memo)); }, {}, {}},
      // The same content without the filling: a finished memo (made above) loaded and saved again.
      {"filled ODT", [&](int i) { loadAndSave(ctx, out / "first-0.odt", odt("filled", i)); }, {}, {}},
      {"filled PDF",
       [&](int i) { loadAndSave(ctx, out / "first-0.odt", {out / fmt::format("filled-{}.pdf", i)}); },
       {},
       {}},
      {"filled ODT+PDF", [&](int i) { loadAndSave(ctx, out / "first-0.odt", both("filled", i)); }, {}, {}},
      {"Raadsbrief fill+close",
       [&](int) { close(g->createDocument("raadsinformatiebrief", "GM0546", "2023", toOU(source), {}, true)); },
       {},
       {}},
  };
  if (!quick) {
    cases.push_back({"Python macro in soffice ODT", [&](int i) { runMacro(odt("macro", i)); }, {}, {}});
    cases.push_back({"Python macro in soffice ODT+PDF", [&](int i) { runMacro(both("macro", i)); }, {}, {}});
  }
  // The first document of a fresh soffice, for the record (it pays the warm-up).
  const auto firstStart = Clock::now();
  generate(g, "raadsinformatiebrief", "GM0546", source, odt("first", 0));
  const double firstDoc = ms(firstStart);
  for (auto& c : cases) c.run(-1);  // warm-up of every path
  for (auto& c : cases) c.run(-2);
  for (int r = 0; r < a.runs; ++r)
    for (auto& c : cases) {
      const double cpu0 = officeCpu(office.processGroup());
      const auto t = Clock::now();
      c.run(r);
      c.samples.push_back(ms(t));
      c.cpu.push_back((officeCpu(office.processGroup()) - cpu0) * 1000);
    }
  std::map<std::string, double> cpu;  // CPU ms per document: soffice.bin (+ python for the bridge)
  auto python = [&](const std::string& formats) {
    const double office0 = officeCpu(office.processGroup()), children0 = childrenCpu();
    auto samples = runPython(a, office.pipeName(), planPath, memo, out, formats);
    cpu["Python over the bridge " + std::string(formats == "odt" ? "ODT" : "ODT+PDF")] =
        (officeCpu(office.processGroup()) - office0 + childrenCpu() - children0) * 1000 / (a.runs + 2);
    return samples;
  };
  const auto pyOdt = quick ? std::vector<double>{} : python("odt");
  const auto pyBoth = quick ? std::vector<double>{} : python("both");
  std::map<std::string, double> m;
  for (const auto& c : cases) m[c.name] = median(c.samples);
  for (const auto& c : cases) cpu[c.name] = mean(c.cpu);
  m["Python over the bridge ODT"] = median(pyOdt);
  m["Python over the bridge ODT+PDF"] = median(pyBoth);

  fmt::print("## The memo (Leiden; 2 tables, 2 charts, 25 fields), one soffice, thumbnails {}\n\n",
             thumbnails ? "on (LibreOffice's default)" : "off (the batch's setting)");
  fmt::print(
      "| case | ODT ms | × limit | PDF ms | × limit | ODT+PDF ms | × limit |\n|---|---:|---:|---:|---:|---:|---:|\n");
  const double lo = m["limit ODT"], lp = m["limit PDF"], lb = m["limit ODT+PDF"];
  fmt::print("| the limit: load + save, no filling | {} | 1.00 | {} | 1.00 | {} | 1.00 |\n", f1(lo), f1(lp), f1(lb));
  fmt::print(
      "| the same content: load a finished memo (.odt) and save it again | {} | {:.2f} | {} | {:.2f} | {} | {:.2f} |\n",
      f1(m["filled ODT"]), m["filled ODT"] / lo, f1(m["filled PDF"]), m["filled PDF"] / lp, f1(m["filled ODT+PDF"]),
      m["filled ODT+PDF"] / lb);
  fmt::print("| **Raadsbrief** (`generate`, one call) | {} | {:.2f} | {} | {:.2f} | {} | {:.2f} |\n",
             f1(m["Raadsbrief ODT"]), m["Raadsbrief ODT"] / lo, f1(m["Raadsbrief PDF"]), m["Raadsbrief PDF"] / lp,
             f1(m["Raadsbrief ODT+PDF"]), m["Raadsbrief ODT+PDF"] / lb);
  if (!quick) {
    fmt::print("| Python macro inside soffice | {} | {:.2f} | – | – | {} | {:.2f} |\n",
               f1(m["Python macro in soffice ODT"]), m["Python macro in soffice ODT"] / lo,
               f1(m["Python macro in soffice ODT+PDF"]), m["Python macro in soffice ODT+PDF"] / lb);
    fmt::print("| python-uno over the socket bridge, call by call | {} | {:.2f} | – | – | {} | {:.2f} |\n",
               f1(m["Python over the bridge ODT"]), m["Python over the bridge ODT"] / lo,
               f1(m["Python over the bridge ODT+PDF"]), m["Python over the bridge ODT+PDF"] / lb);
  }
  fmt::print(
      "\nCPU time per document (soffice.bin; for python-uno also the Python process, warm-up included), "
      "less disturbed by other load on the machine than wall time:\n\n");
  fmt::print(
      "| case | ODT CPU ms | × limit | PDF CPU ms | × limit | ODT+PDF CPU ms | × limit "
      "|\n|---|---:|---:|---:|---:|---:|---:|\n");
  const double co = cpu["limit ODT"], cp = cpu["limit PDF"], cb = cpu["limit ODT+PDF"];
  auto cpuRow = [&](const std::string& label, const std::string& key, bool pdf) {
    const double x = cpu[key + " ODT"], y = pdf ? cpu[key + " PDF"] : 0, z = cpu[key + " ODT+PDF"];
    fmt::print("| {} | {} | {:.2f} | {} | {} | {} | {:.2f} |\n", label, f1(x), x / co, pdf ? f1(y) : "–",
               pdf ? fmt::format("{:.2f}", y / cp) : "–", f1(z), z / cb);
  };
  cpuRow("the limit", "limit", true);
  cpuRow("the same content (finished memo re-saved)", "filled", true);
  cpuRow("**Raadsbrief**", "Raadsbrief", true);
  if (!quick) {
    cpuRow("Python macro inside soffice", "Python macro in soffice", false);
    cpuRow("python-uno over the socket bridge", "Python over the bridge", false);
    fmt::print(
        "\nRaadsbrief vs python-uno over the bridge: {:.2f}× faster (ODT), {:.2f}× (ODT+PDF); vs the macro: {:.2f}× "
        "(ODT), {:.2f}× (ODT+PDF).\n",
        m["Python over the bridge ODT"] / m["Raadsbrief ODT"],
        m["Python over the bridge ODT+PDF"] / m["Raadsbrief ODT+PDF"],
        m["Python macro in soffice ODT"] / m["Raadsbrief ODT"],
        m["Python macro in soffice ODT+PDF"] / m["Raadsbrief ODT+PDF"]);
  }
  const double fill = m["Raadsbrief fill+close"] - m["limit load+close"];
  fmt::print(
      "\nWhere Raadsbrief's time goes (ODT): load + close the template {} ms (LibreOffice); finding and filling the "
      "fields, tables and charts {} ms (ours, inside soffice); saving the filled memo {} ms (LibreOffice, "
      "vs {} ms for the empty template: the tables and charts we add are saved and rendered too).\n",
      f1(m["limit load+close"]), f1(fill), f1(m["Raadsbrief ODT"] - m["Raadsbrief fill+close"]),
      f1(m["limit ODT"] - m["limit load+close"]));
  fmt::print("First document in this fresh soffice: {} ms (ODT); the median afterwards: {} ms.\n\n", f1(firstDoc),
             f1(m["Raadsbrief ODT"]));
}

/// The number of figures a plan binds: every value cell of its tables, every value of its charts.
std::size_t boundFigures(const Reference<css::uno::XComponentContext>& ctx, const fs::path& ott,
                         const model::Dataset& ds, const std::string& code, std::size_t& charts) {
  auto doc = load(ctx, ott);
  Reference<css::util::XSearchable> searchable(doc, UNO_QUERY_THROW);
  auto descriptor = searchable->createSearchDescriptor();
  descriptor->setSearchString(toOU(fields::kFieldPattern));
  Reference<css::beans::XPropertySet>(descriptor, UNO_QUERY_THROW)
      ->setPropertyValue("SearchRegularExpression", Any(true));
  auto found = searchable->findAll(descriptor);
  std::vector<plan::FieldOccurrence> occurrences;
  for (sal_Int32 i = 0; i < found->getCount(); ++i)
    occurrences.push_back(
        {toUtf8(Reference<css::text::XTextRange>(found->getByIndex(i), UNO_QUERY_THROW)->getString()), ""});
  close(doc);
  const plan::BriefingContext context(ds, code, "2023", "2026-11-25");
  std::size_t n = 0;
  charts = 0;
  for (const auto& content : plan::resolveFields(occurrences, context)) {
    if (const auto* t = std::get_if<plan::TableSpec>(&content)) {
      for (std::size_t r = 1; r < t->cells.size(); ++r) n += t->cells[r].size() - 1;
    } else if (const auto* c = std::get_if<plan::ChartSpec>(&content)) {
      ++charts;
      for (const auto& series : c->series) n += series.values.size();
    } else if (!std::get<plan::TextSpec>(content).provenance.empty()) {
      ++n;
    }
  }
  return n;
}

/// The regional memo (Holland Rijnland, every member × every indicator): Raadsbrief's generate
/// against LibreOffice loading and saving the same content, and Cijfers bijwerken on it in a
/// loaded (hidden) Writer document: the preview (old → new) and applying it.
void regionSection(const Args& a, const cli::Office& office, const fs::path& out) {
  const auto& ctx = office.context();
  auto g = generator(office);
  const fs::path ott = fs::absolute(a.regionDir / "regio.ott");
  const std::string source = url(a.regionDataset);
  const std::string corrected = url(fs::absolute(a.regionDir / "regio-correctie.json"));
  const model::Dataset ds = data::readDatasetFile(a.regionDataset);
  const std::string code = "GM0546";
  const auto& region = *ds.findRegion(ds.municipality(code).youthCareRegion);
  std::size_t members = 0;
  for (const auto& r : ds.regions()) members += r.youthCareRegion == region.code;
  std::size_t charts = 0;
  const std::size_t figures = boundFigures(ctx, ott, ds, code, charts);

  auto makeOne = [&](const std::string& name, int i) {
    const auto files = outputs(out, name, i, false);
    g->generate(toOU(url(ott)), toOU(code), "2023", toOU(source), toOU(url(files[0])), {});
    return files[0];
  };
  const fs::path made = makeOne("region-first", 0);
  std::vector<double> limit, raadsbrief, filled, preview, apply;
  for (int r = -2; r < a.runs; ++r) {  // two warm-up rounds, then measured
    auto t = Clock::now();
    loadAndSave(ctx, ott, outputs(out, "region-limit", r, false));
    const double l = ms(t);
    t = Clock::now();
    makeOne("region", r);
    const double rb = ms(t);
    t = Clock::now();
    loadAndSave(ctx, made, outputs(out, "region-filled", r, false));
    const double f = ms(t);
    // Cijfers bijwerken on a fresh copy of the made memo, open (hidden) as in Writer.
    const fs::path copy = out / fmt::format("region-refresh-{}.odt", r);
    fs::copy_file(made, copy, fs::copy_options::overwrite_existing);
    auto doc = css::frame::Desktop::create(ctx)->loadComponentFromURL(
        toOU(url(copy)), "_blank", 0, seqOf<css::beans::PropertyValue>({prop("Hidden", Any(true))}));
    t = Clock::now();
    const auto shown = g->refreshDocument(doc, toOU(corrected), {}, false);
    const double pv = ms(t);
    t = Clock::now();
    const auto applied = g->refreshDocument(doc, toOU(corrected), {}, true);
    const double ap = ms(t);
    close(doc);
    if (r == -2) {
      std::map<std::string, int> status;
      for (const auto& c : applied) ++status[toUtf8(c.Kind) + " " + toUtf8(c.Status)];
      std::string counts;
      for (const auto& [what, n] : status) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, what);
      fmt::print("(Cijfers bijwerken: {} bindings shown; applied: {})\n\n", shown.getLength(), counts);
    }
    if (r < 0) continue;
    limit.push_back(l);
    raadsbrief.push_back(rb);
    filled.push_back(f);
    preview.push_back(pv);
    apply.push_back(ap);
  }
  fmt::print(
      "## The regional memo ({} for {}: {} municipalities × {} indicators; {} bound figures, {} charts), ODT\n\n",
      region.name, ds.municipality(code).name, members, ds.indicators().size(), figures, charts);
  fmt::print("| case | ms (median of {}) | × re-saving |\n|---|---:|---:|\n", a.runs);
  const double resave = median(filled);
  fmt::print("| load the template and save it, no filling | {} | {:.2f} |\n", f1(median(limit)),
             median(limit) / resave);
  fmt::print("| **the same content: load the finished regional memo and save it again** | {} | 1.00 |\n", f1(resave));
  fmt::print("| **Raadsbrief** (`generate`, one call) | {} | {:.2f} |\n", f1(median(raadsbrief)),
             median(raadsbrief) / resave);
  fmt::print("| Cijfers bijwerken: old → new for every binding (the dialog) | {} | – |\n", f1(median(preview)));
  fmt::print("| Cijfers bijwerken: applying it (Toepassen) | {} | – |\n", f1(median(apply)));
  fmt::print("| Cijfers bijwerken, both | {} | – |\n\n", f1(median(preview) + median(apply)));
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--work") a.work = v;
    else if (k == "--runs") a.runs = std::stoi(v);
    else if (k == "--dataset") a.dataset = v;
    else if (k == "--scaling") a.scaling = v;
    else if (k == "--baseline") a.baseline = v;
    else if (k == "--cli") a.cli = v;
    else if (k == "--rss-docs") a.rssDocs = std::stoi(v);
    else if (k == "--jobs") a.jobs = std::stoi(v);
    else if (k == "--batch") a.batch = v != "0";
    else if (k == "--quick") a.quick = v != "0";
    else if (k == "--repeat") a.repeat = std::stoi(v);
    else if (k == "--region") a.regionDir = v;
    else if (k == "--region-dataset") a.regionDataset = v;
    else if (k == "--region-only") a.regionOnly = v != "0";
  }
  try {
    fs::create_directories(a.work / "out");
    const fs::path out = fs::absolute(a.work / "out");
    const fs::path memo = RAADSBRIEF_MEMO_TEMPLATE;
    const model::Dataset ds = data::readDatasetFile(a.dataset);
    const std::string source = url(a.dataset);
    const fs::path profile = fs::absolute(a.work / "profile");
    cli::Office office(officeOptions(profile));
    if (a.repeat > 0) {  // a profiler watches: the memo again and again, after two warm-up rounds
      auto g = generator(office);
      for (int i = -2; i < a.repeat; ++i)
        generate(g, "raadsinformatiebrief", "GM0546", source, outputs(out, "repeat", 0, true));
      return 0;
    }
    fmt::print("office_bench: {} runs per case (medians), the same save settings on both sides, dataset {}\n\n", a.runs,
               a.dataset.filename().string());
    if (!a.regionDir.empty()) regionSection(a, office, out);
    if (a.regionOnly) return 0;
    memoSection(a, office, profile, ds, source, out, false, a.quick);
    if (a.quick) return 0;
    {
      // LibreOffice's default: every ODF save renders a preview image (the reference numbers).
      const fs::path withThumbnails = fs::absolute(a.work / "profile-thumbnails");
      cli::Office thumbnailOffice(officeOptions(withThumbnails, true));
      memoSection(a, thumbnailOffice, withThumbnails, ds, source, out, true, false);
    }
    auto g = generator(office);

    // ---- scaling: K tables or charts (ODT)
    if (!a.scaling.empty()) {
      fmt::print("## Scaling: K tables or K charts in one document (Raadsbrief, ODT)\n\n");
      fmt::print("| K | tables: ms | per added table | charts: ms | per added chart |\n|---:|---:|---:|---:|---:|\n");
      std::map<std::string, std::vector<std::pair<double, double>>> points;
      std::map<std::pair<std::string, int>, double> t;
      for (const int k : {0, 1, 4, 16, 64})
        for (const std::string kind : {"tabel", "grafiek"}) {
          const fs::path ott = fs::absolute(a.scaling / fmt::format("{}-{}.ott", kind, k));
          const int runs = k >= 64 ? std::max(3, a.runs / 3) : a.runs;
          generate(g, url(ott), "GM0546", source, outputs(out, "scale", 0, false));  // warm
          std::vector<double> s;
          for (int r = 0; r < runs; ++r) {
            const auto t0 = Clock::now();
            generate(g, url(ott), "GM0546", source, outputs(out, "scale", r, false));
            s.push_back(ms(t0));
          }
          t[{kind, k}] = median(s);
          points[kind].emplace_back(k, t[{kind, k}]);
        }
      for (const int k : {0, 1, 4, 16, 64}) {
        auto per = [&](const std::string& kind) {
          return k ? f1((t[{kind, k}] - t[{kind, 0}]) / k) : std::string("–");
        };
        fmt::print("| {} | {} | {} | {} | {} |\n", k, f1(t[{"tabel", k}]), per("tabel"), f1(t[{"grafiek", k}]),
                   per("grafiek"));
      }
      fmt::print("\nLeast-squares slope over K = 0…64: {} ms per table, {} ms per chart.\n\n",
                 f1(linearSlope(points["tabel"])), f1(linearSlope(points["grafiek"])));
    }

    // ---- memory over many documents in one soffice (ODT+PDF each, every municipality)
    if (a.rssDocs > 0) {
      std::vector<std::string> codes;
      for (const auto& r : ds.regions())
        if (r.kind == model::RegionKind::Municipality && ds.hasFigures(r.code)) codes.push_back(r.code);
      fmt::print("## One soffice over {} documents (ODT+PDF each, a different municipality each)\n\n", a.rssDocs);
      fmt::print("| document | soffice.bin RSS (MiB) | ms for this document |\n|---:|---:|---:|\n");
      const auto t0 = Clock::now();
      for (int i = 1; i <= a.rssDocs; ++i) {
        const auto t = Clock::now();
        generate(g, "raadsinformatiebrief", codes[static_cast<std::size_t>(i - 1) % codes.size()], source,
                 outputs(out, "rss", i % 4, true));
        const double one = ms(t);
        if (i == 1 || i == 10 || i == 100 || i == 200 || i == a.rssDocs)
          fmt::print("| {} | {} | {} |\n", i, f1(rssMiB(office.processGroup())), f1(one));
      }
      fmt::print("\n{} documents in one soffice: {:.1f} s ({} ms each).\n\n", a.rssDocs, ms(t0) / 1000,
                 f1(ms(t0) / a.rssDocs));
    }
    g.clear();
  } catch (const css::uno::Exception& e) {
    std::cerr << "office_bench: LibreOffice: " << toUtf8(e.Message) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "office_bench: " << e.what() << "\n";
    return 1;
  }

  // ---- the batch against its bar: a pool of the same size that only loads and saves
  if (a.batch && !a.cli.empty()) {
    const std::size_t total = 342;
    fmt::print("## 342 municipalities, ODT + PDF, {} workers\n\n", a.jobs);
    for (int w = 0; w < a.jobs; ++w) {  // profiles ready before the clock starts (as the batch's are)
      const fs::path profile = fs::absolute(a.work / fmt::format("pool-profile-{}", w + 1));
      if (!cli::Office::profileReady(profile, RAADSBRIEF_BUILD_OXT)) {
        fs::remove_all(profile);
        fs::copy(fs::absolute(a.work / "profile"), profile, fs::copy_options::recursive);
      }
    }
    const fs::path batchOut = fs::absolute(a.work / "batch-out");
    const std::string batchCommand = fmt::format(
        "'{}' batch --template raadsinformatiebrief --period 2023 --source '{}' --pdf --jobs {} "
        "--output-dir '{}' --profile '{}'",
        a.cli.string(), fs::absolute(a.dataset).string(), a.jobs, batchOut.string(),
        fs::absolute(a.work / "batch-profile").string());
    fs::remove_all(batchOut);  // warm-up: prepares the batch's worker profiles, untimed
    std::string warm =
        fmt::format("{} --municipalities {} > /dev/null 2>&1", batchCommand, a.jobs > 1 ? "GM0546,GM0392" : "GM0546");
    if (std::system(warm.c_str()) != 0) std::cerr << "office_bench: the warm-up batch failed\n";
    fs::remove_all(batchOut);
    const double poolCpu0 = childrenCpu();
    const auto poolStart = Clock::now();
    {
      std::vector<std::thread> threads;
      std::atomic<std::size_t> next{0};
      for (int w = 0; w < a.jobs; ++w) {
        threads.emplace_back([&, w] {
          try {
            const fs::path profile = fs::absolute(a.work / fmt::format("pool-profile-{}", w + 1));
            cli::Office worker(officeOptions(profile));
            const fs::path dir = fs::absolute(a.work / "pool-out");
            fs::create_directories(dir);
            for (std::size_t i; (i = next++) < total;)
              loadAndSave(worker.context(), RAADSBRIEF_MEMO_TEMPLATE,
                          {dir / fmt::format("{}.odt", i), dir / fmt::format("{}.pdf", i)});
          } catch (const std::exception& e) {
            std::cerr << "office_bench: pool: " << e.what() << "\n";
          } catch (const css::uno::Exception& e) {
            std::cerr << "office_bench: pool: " << toUtf8(e.Message) << "\n";
          }
        });
      }
      for (auto& t : threads) t.join();
    }
    const double poolSeconds = ms(poolStart) / 1000;
    const double poolCpu = childrenCpu() - poolCpu0;
    const std::string cmd =
        fmt::format("{} --municipalities all > '{}' 2>&1", batchCommand, fs::absolute(a.work / "batch.log").string());
    const double batchCpu0 = childrenCpu();
    const auto batchStart = Clock::now();
    const int rc = std::system(cmd.c_str());
    const double batchSeconds = ms(batchStart) / 1000;
    const double batchCpu = childrenCpu() - batchCpu0;
    std::size_t made = 0;
    for (const auto& e : fs::directory_iterator(batchOut)) made += e.path().extension() == ".pdf";
    fmt::print("| run | wall s | × limit | CPU s (all processes) | × limit |\n|---|---:|---:|---:|---:|\n");
    fmt::print(
        "| the limit: the same pool loads the template and saves ODT + PDF 342 times | {:.1f} | 1.00 | {:.1f} | 1.00 "
        "|\n",
        poolSeconds, poolCpu);
    fmt::print(
        "| `raadsbrief batch --municipalities all --pdf --jobs {}` (exit {}, {} PDFs) | {:.1f} | {:.2f} | {:.1f} | "
        "{:.2f} |\n\n",
        a.jobs, rc == 0 ? 0 : WEXITSTATUS(rc), made, batchSeconds, batchSeconds / poolSeconds, batchCpu,
        batchCpu / poolCpu);
    fmt::print(
        "Both include starting their soffice processes; the batch also reads the dataset and writes the summary.\n");
  }
  return 0;
}
