// `raadsbrief batch`: the command line turned into BatchOptions; the run itself is in Batch.cpp.
#include <algorithm>

#include "Batch.hpp"
#include "commands/Commands.hpp"
#include "commands/Common.hxx"

namespace raadsbrief::cli {

namespace {

BatchOptions batchOptions(const Arguments& a) {
  BatchOptions b;
  b.templateName = templateArgument(a);
  b.period = a.get("period").value_or("");
  for (const auto& s : a.sources) b.sources.push_back(sourceValue(s));
  for (const auto& url : a.insecureTls)
    if (std::find(a.sources.begin(), a.sources.end(), url) == a.sources.end())
      throw Error(ErrorKind::Usage, "--insecure-tls " + url + " is geen van de --source-adressen");
  b.insecureTls = a.insecureTls;
  b.allowStale = a.allowStale;
  b.pdfA = a.pdfA;
  b.strict = a.strict;
  b.municipalities = a.require("municipalities");
  b.outputDir = fs::absolute(a.require("output-dir"));
  b.pdf = a.pdf || a.pdfA;
  b.jobs = intArgument(a, "jobs", 0, 1);
  b.timeoutSeconds = intArgument(a, "timeout", 300, 1);
  if (const auto shard = a.get("shard")) b.shard = raadsbrief::batch::parseShard(*shard);
  b.bundledDataset = locate("RAADSBRIEF_DEMO_DATASET", "demo-dataset.json", RAADSBRIEF_BUILD_DEMO_DATASET);
  b.office = officeOptions(a);
  if (!b.office.connectPipe.empty())
    throw Error(ErrorKind::Usage, "batch start zijn eigen LibreOffice-processen; --connect kan hier niet");
  return b;
}

}  // namespace

int batch(const Arguments& a) { return runBatch(batchOptions(a)); }

}  // namespace raadsbrief::cli
