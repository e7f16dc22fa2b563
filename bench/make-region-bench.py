#!/usr/bin/python3
"""The regional memo of the benchmark: the memo template's styles with a body that puts every
municipality of the youth-care region side by side for every indicator of the dataset — per
indicator a region table for the period, one for the period a year earlier, and a region bar
chart (for Holland Rijnland: 6 indicators x 3 x 14 rows = 252 bound figures, 6 charts). Also the
same dataset with every figure of PERIOD corrected (x 1.03), for timing Cijfers bijwerken.

    /usr/bin/python3 bench/make-region-bench.py templates/raadsinformatiebrief DATASET OUTDIR [PERIOD]

Writes OUTDIR/regio.ott and OUTDIR/regio-correctie.json.
"""
import json
import os
import re
import sys
import zipfile


def main():
    src, dataset, out = sys.argv[1], sys.argv[2], sys.argv[3]
    period = sys.argv[4] if len(sys.argv) > 4 else "2023"
    os.makedirs(out, exist_ok=True)
    with open(dataset, encoding="utf-8") as f:
        ds = json.load(f)

    parts = {}
    for root, _, files in os.walk(src):
        for name in files:
            path = os.path.join(root, name)
            parts[os.path.relpath(path, src)] = open(path, "rb").read()
    content = parts["content.xml"].decode("utf-8")

    def p(text):
        return f'<text:p text:style-name="Raadsbrief_Tekst">{text}</text:p>'

    body = p("De jeugdregio {{jeugdregio}}: alle gemeenten naast elkaar, {{periode vorm=zin}}.")
    for ind in ds["indicators"]:
        i = ind["id"]
        body += f'<text:h text:style-name="Raadsbrief_Kop" text:outline-level="1">{ind["label"]}</text:h>'
        body += p(f"{{{{tabel regio {i}}}}}") + p(f"{{{{tabel regio {i} periode=vorige}}}}")
        body += p(f"{{{{grafiek regio {i} volgorde=waarde}}}}")
    body += p("{{bron}}")
    text = re.sub(r"<office:text>.*</office:text>", "<office:text>" + body + "</office:text>", content, flags=re.S)
    with zipfile.ZipFile(os.path.join(out, "regio.ott"), "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"], compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            if name != "mimetype":
                z.writestr(name, text.encode("utf-8") if name == "content.xml" else data,
                           compress_type=zipfile.ZIP_DEFLATED)

    # A correction of every figure of the period: Cijfers bijwerken then changes every bound figure.
    for values in ds["observations"].values():
        for periods in values.values():
            if periods.get(period) is not None:
                periods[period] = round(periods[period] * 1.03, 4)
    ds["source"]["name"] += " (gecorrigeerd)"
    with open(os.path.join(out, "regio-correctie.json"), "w", encoding="utf-8") as f:
        json.dump(ds, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
