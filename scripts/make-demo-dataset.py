#!/usr/bin/python3
"""Generate the bundled Raadsbrief demo dataset (data/demo-dataset.json).

Usage (from the repository root, or from anywhere):

    /usr/bin/python3 scripts/make-demo-dataset.py

Reads data/gemeenten-2023.tsv (tab-separated `code<TAB>name`, with a header line) and writes
data/demo-dataset.json in the format of docs/dataset-format.md (version 1).

ALL FIGURES ARE INVENTED. They are modelled on CBS table 85098NED (and, for costs and client
satisfaction, on municipal and provider reporting) so that documents look realistic, but they
are not CBS figures and must never be presented as such.

The script uses only the standard library and is deterministic: a fixed random seed, fixed
iteration order, and a constant retrieval date. Running it twice gives byte-identical output.
"""

import json
import os
import random
import sys
from decimal import Decimal, ROUND_HALF_UP

SEED = 85098
RETRIEVED = "2026-11-25"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV_PATH = os.path.join(ROOT, "data", "gemeenten-2023.tsv")
OUT_PATH = os.path.join(ROOT, "data", "demo-dataset.json")

# --------------------------------------------------------------------------------------------
# Periods and indicators
# --------------------------------------------------------------------------------------------

PERIODS = [
    ("2019", "definitief"),
    ("2020", "definitief"),
    ("2021", "definitief"),
    ("2022", "definitief"),
    ("2023", "voorlopig"),
]
YEARS = [p for p, _ in PERIODS]

INDICATORS = [
    {
        "id": "jeugdhulp",
        "label": "Jongeren met jeugdhulp",
        "unit": "percent",
        "decimals": 1,
        "direction": "neutral",
        "definition": "Percentage jongeren van 0 tot 23 jaar dat in het jaar jeugdhulp in natura "
                      "kreeg (zonder of met verblijf), ten opzichte van alle jongeren van 0 tot "
                      "23 jaar in het gebied.",
        "source": "CBS 85098NED (JongerenMetJeugdhulpInNatura_1)",
    },
    {
        "id": "residentieel",
        "label": "Jeugdhulp met verblijf",
        "unit": "percent",
        "decimals": 1,
        "direction": "lower_is_better",
        "definition": "Percentage van de jongeren met jeugdhulp in natura dat in het jaar "
                      "jeugdhulp met verblijf kreeg, zoals pleegzorg, een gezinshuis of "
                      "residentiële jeugdhulp in een instelling.",
        "source": "CBS 85098NED (JongerenMetJeugdhMetVerblInNat_2)",
    },
    {
        "id": "jeugdbescherming",
        "label": "Jongeren met jeugdbescherming",
        "unit": "percent",
        "decimals": 1,
        "direction": "lower_is_better",
        "definition": "Percentage jongeren tot 18 jaar met een jeugdbeschermingsmaatregel "
                      "(ondertoezichtstelling of voogdij) in het jaar.",
        "source": "CBS 85098NED (JongerenMetJeugdbescherming_3)",
    },
    {
        "id": "jeugdreclassering",
        "label": "Jongeren met jeugdreclassering",
        "unit": "percent",
        "decimals": 2,
        "direction": "lower_is_better",
        "definition": "Percentage jongeren van 12 tot en met 22 jaar met een "
                      "jeugdreclasseringsmaatregel in het jaar.",
        "source": "CBS 85098NED (JongerenMetJeugdreclassering_5)",
    },
    {
        "id": "kosten_per_traject",
        "label": "Kosten per hulptraject",
        "unit": "euro",
        "decimals": 0,
        "direction": "lower_is_better",
        "definition": "Gemiddelde kosten van een jeugdhulptraject: de totale uitgaven van de "
                      "gemeente aan jeugdhulp in het jaar gedeeld door het aantal hulptrajecten "
                      "in dat jaar.",
        "source": "Niet van CBS: gemeentelijke verantwoording (jaarrekening en "
                  "trajectregistratie)",
    },
    {
        "id": "clienttevredenheid",
        "label": "Cliënttevredenheid",
        "unit": "score",
        "decimals": 1,
        "direction": "higher_is_better",
        "definition": "Gemiddeld rapportcijfer (1 tot 10) dat jongeren en ouders na afloop van "
                      "de hulp aan de jeugdhulp geven.",
        "source": "Niet in CBS StatLine: uitkomstrapportage van jeugdhulpaanbieders",
    },
]
DECIMALS = {ind["id"]: ind["decimals"] for ind in INDICATORS}
IND_IDS = [ind["id"] for ind in INDICATORS]

# Plausibility ranges every generated value is kept inside (and checked against at the end).
RANGES = {
    "jeugdhulp": (8.0, 15.0),
    "residentieel": (7.0, 10.0),
    "jeugdbescherming": (0.8, 1.6),
    "jeugdreclassering": (0.15, 0.45),
    "kosten_per_traject": (6000.0, 11000.0),
    "clienttevredenheid": (7.2, 8.2),
}

# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

JEUGDREGIOS = [
    ("JR0001", "Holland Rijnland"),
    ("JR0002", "Haaglanden"),
    ("JR0003", "Zuid-Kennemerland"),
    ("JR0004", "Amsterdam-Amstelland"),
    ("JR0005", "Zaanstreek-Waterland"),
]

# The municipalities of the project's region list (regions.md, shared material), in its order:
# (code, name as in the tsv, youth-care region, invented number of young people aged 0-22,
#  urbanity 0..1 used to shape the figures). Populations are rough, invented round numbers.
MEMBERS = [
    # Holland Rijnland
    ("GM0546", "Leiden", "JR0001", 28000, 0.70),
    ("GM0579", "Oegstgeest", "JR0001", 6800, 0.20),
    ("GM0638", "Zoeterwoude", "JR0001", 2000, 0.10),
    ("GM0547", "Leiderdorp", "JR0001", 6800, 0.35),
    ("GM0537", "Katwijk", "JR0001", 18500, 0.35),
    ("GM0575", "Noordwijk", "JR0001", 10800, 0.30),
    ("GM1525", "Teylingen", "JR0001", 9500, 0.25),
    ("GM0553", "Lisse", "JR0001", 5800, 0.30),
    ("GM0534", "Hillegom", "JR0001", 5600, 0.30),
    ("GM0484", "Alphen aan den Rijn", "JR0001", 29000, 0.45),
    ("GM1884", "Kaag en Braassem", "JR0001", 7200, 0.15),
    ("GM0569", "Nieuwkoop", "JR0001", 7300, 0.10),
    # Voorschoten buys youth care with Haaglanden (the H10), although it is in Holland Rijnland for
    # other tasks (regions.md); listed here to keep the generator's order (and the other figures).
    ("GM0626", "Voorschoten", "JR0002", 6200, 0.20),
    # Haaglanden
    ("GM0637", "Zoetermeer", "JR0002", 31000, 0.55),
    ("GM0518", "'s-Gravenhage", "JR0002", 140000, 0.95),
    ("GM0503", "Delft", "JR0002", 26000, 0.60),
    ("GM0603", "Rijswijk", "JR0002", 13500, 0.60),
    ("GM0629", "Wassenaar", "JR0002", 6500, 0.15),
    ("GM1783", "Westland", "JR0002", 30000, 0.30),
    ("GM1916", "Leidschendam-Voorburg", "JR0002", 17500, 0.45),
    ("GM1926", "Pijnacker-Nootdorp", "JR0002", 15000, 0.20),
    ("GM1842", "Midden-Delfland", "JR0002", 5000, 0.10),
    # Zuid-Kennemerland
    ("GM0392", "Haarlem", "JR0003", 39000, 0.60),
    ("GM0473", "Zandvoort", "JR0003", 3300, 0.35),
    ("GM0397", "Heemstede", "JR0003", 6800, 0.20),
    ("GM0377", "Bloemendaal", "JR0003", 6000, 0.10),
    # Amsterdam-Amstelland
    ("GM0363", "Amsterdam", "JR0004", 190000, 1.00),
    ("GM0362", "Amstelveen", "JR0004", 22000, 0.45),
    ("GM0358", "Aalsmeer", "JR0004", 8500, 0.30),
    ("GM0437", "Ouder-Amstel", "JR0004", 3600, 0.25),
    ("GM0451", "Uithoorn", "JR0004", 7200, 0.35),
    ("GM0384", "Diemen", "JR0004", 7500, 0.55),
    # Zaanstreek-Waterland
    ("GM0479", "Zaanstad", "JR0005", 38000, 0.60),
    ("GM0439", "Purmerend", "JR0005", 22500, 0.50),
    ("GM0385", "Edam-Volendam", "JR0005", 9500, 0.25),
    ("GM0415", "Landsmeer", "JR0005", 2700, 0.15),
    ("GM0431", "Oostzaan", "JR0005", 2300, 0.15),
    ("GM0880", "Wormerland", "JR0005", 4000, 0.20),
    ("GM0852", "Waterland", "JR0005", 4100, 0.10),
]

# Region-level tendencies (relative offsets; clienttevredenheid: offset in report-mark points).
# Holland Rijnland follows the director's column quoted in regions.md: more use of youth care,
# less residential care, lower youth protection / probation, high client satisfaction.
REGION_BIAS = {
    #          jeugdhulp resid.  jeugdbesch. jeugdrecl. kosten  tevredenheid
    "JR0001": (0.08, -0.06, -0.06, -0.08, -0.02, 0.15),
    "JR0002": (-0.04, 0.02, 0.03, 0.03, 0.02, 0.00),
    "JR0003": (0.06, -0.03, -0.05, -0.04, 0.03, 0.05),
    "JR0004": (-0.05, 0.03, 0.02, 0.02, 0.05, -0.08),
    "JR0005": (0.02, 0.03, 0.00, 0.00, -0.03, 0.00),
}

# National values, set independently of the municipalities (unrounded "true" values).
NL_SERIES = {
    "jeugdhulp":          [10.84, 11.02, 11.31, 11.47, 11.63],
    "residentieel":       [8.74, 8.66, 8.57, 8.49, 8.41],
    "jeugdbescherming":   [1.21, 1.18, 1.15, 1.12, 1.10],
    "jeugdreclassering":  [0.312, 0.301, 0.292, 0.284, 0.279],
    "kosten_per_traject": [7610.0, 7980.0, 8440.0, 8910.0, 9480.0],
    "clienttevredenheid": [7.58, 7.61, 7.66, 7.63, 7.68],
}

# Cells deliberately suppressed (null): small numbers under CBS-style disclosure rules.
# Never Leiden 2023, never NL01, never a youth-care region.
SUPPRESSED = {
    ("GM0638", "jeugdreclassering"): ["2019", "2020", "2021", "2022", "2023"],  # Zoeterwoude
    ("GM0638", "jeugdbescherming"): ["2022"],                                  # Zoeterwoude
    ("GM0415", "jeugdreclassering"): ["2019", "2020", "2022"],                  # Landsmeer
    ("GM0431", "jeugdreclassering"): ["2020", "2021", "2022", "2023"],          # Oostzaan
    ("GM0473", "jeugdreclassering"): ["2021"],                                  # Zandvoort
}
# Cells deliberately missing (period absent: nothing published).
MISSING = {
    ("GM0431", "clienttevredenheid"): ["2019"],                                 # Oostzaan
}

# Leiden is pinned a little so the demo briefing has something to say: clearly above the
# national jeugdhulp level, and a mixed picture between 2022 and 2023.
LEIDEN = "GM0546"


# Values the model put outside RANGES (clamped). Kept empty by tuning: a clamped value makes a
# flat, unnatural series, so the checks reject it.
CLAMPED = []


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def round_value(ind, x):
    """Round half-up to the indicator's decimals; int for 0 decimals, float otherwise."""
    d = DECIMALS[ind]
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    return int(q) if d == 0 else float(q)


def read_gemeenten(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["code", "name"]:
            sys.exit(f"{path}: unexpected header {header!r}")
        for lineno, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not (parts[0].startswith("GM") and len(parts[0]) == 6
                                       and parts[0][2:].isdigit()):
                sys.exit(f"{path}:{lineno}: bad line {line!r}")
            rows.append((parts[0], parts[1]))
    codes = [c for c, _ in rows]
    if len(set(codes)) != len(codes):
        sys.exit(f"{path}: duplicate codes")
    return rows


def generate_municipality(rng, code, region, urban):
    """Unrounded 'true' values {indicator: [v2019..v2023]} for one municipality."""
    b_jh, b_res, b_jb, b_jr, b_k, b_tev = REGION_BIAS[region]
    ts = [int(y) - 2021 for y in YEARS]
    nl = NL_SERIES
    out = {}

    # Draw every random number in a fixed order, whatever the branches below do.
    f_jh = 0.97 + b_jh + 0.04 * urban + rng.uniform(-0.10, 0.10)
    d_jh = rng.uniform(-0.08, 0.12)
    f_res = 1.0 + b_res + 0.06 * (urban - 0.5) + rng.uniform(-0.05, 0.05)
    d_res = rng.uniform(-0.08, 0.04)
    f_jb = 0.85 + 0.35 * urban + b_jb + rng.uniform(-0.06, 0.06)
    d_jb = rng.uniform(-0.015, 0.005)
    f_jr = 0.68 + 0.58 * urban + b_jr + rng.uniform(-0.06, 0.06)
    d_jr = rng.uniform(-0.006, 0.003)
    k_base = 7000.0 * (1.0 + b_k + 0.08 * urban + rng.uniform(-0.08, 0.08))
    k_growth = rng.uniform(0.030, 0.060)
    o_tev = b_tev + 0.20 * (0.5 - urban) + rng.uniform(-0.15, 0.15)
    d_tev = rng.uniform(-0.03, 0.04)
    noise = {ind: [rng.gauss(0.0, 1.0) for _ in YEARS] for ind in IND_IDS}

    if code == LEIDEN:
        f_jh, d_jh = 1.10, 0.04          # ~1 point above NL
        f_jb, d_jb = 1.10, -0.03         # above NL, below Amsterdam; falling
        d_tev = 0.04                     # satisfaction edging up

    out["jeugdhulp"] = [nl["jeugdhulp"][i] * f_jh + d_jh * t + 0.10 * noise["jeugdhulp"][i]
                        for i, t in enumerate(ts)]
    out["residentieel"] = [nl["residentieel"][i] * f_res + d_res * t
                           + 0.10 * noise["residentieel"][i] for i, t in enumerate(ts)]
    out["jeugdbescherming"] = [nl["jeugdbescherming"][i] * f_jb + d_jb * t
                               + 0.025 * noise["jeugdbescherming"][i] for i, t in enumerate(ts)]
    out["jeugdreclassering"] = [nl["jeugdreclassering"][i] * f_jr + d_jr * t
                                + 0.010 * noise["jeugdreclassering"][i]
                                for i, t in enumerate(ts)]
    # Costs rise every year: compound growth with a strictly positive yearly rate.
    costs, k = [], k_base
    for i in range(len(YEARS)):
        if i > 0:
            k *= 1.0 + max(0.01, k_growth + 0.012 * noise["kosten_per_traject"][i])
        costs.append(k)
    out["kosten_per_traject"] = costs
    out["clienttevredenheid"] = [nl["clienttevredenheid"][i] + o_tev + d_tev * t
                                 + 0.06 * noise["clienttevredenheid"][i]
                                 for i, t in enumerate(ts)]

    for ind in IND_IDS:
        lo, hi = RANGES[ind]
        for i, v in enumerate(out[ind]):
            if not lo <= v <= hi:
                CLAMPED.append(f"{code}.{ind}.{YEARS[i]}: {v:.3f}")
        out[ind] = [clamp(v, lo, hi) for v in out[ind]]
    return out


def weighted(values_by_member, weights_by_member):
    tw = sum(weights_by_member)
    return sum(v * w for v, w in zip(values_by_member, weights_by_member)) / tw


def aggregate_region(members, true_vals, pops):
    """Youth-care region value = weighted average of its members' unrounded values.

    Weights: young people (jeugdhulp, jeugdbescherming, jeugdreclassering) or young people with
    youth care (residentieel, kosten_per_traject, clienttevredenheid). Suppressed cells count
    (suppression hides a small number, it is still in the regional total); missing cells do not
    (nothing was reported).
    """
    out = {}
    for ind in IND_IDS:
        series = []
        for i, y in enumerate(YEARS):
            vals, ws = [], []
            for code in members:
                if y in MISSING.get((code, ind), []):
                    continue
                w = pops[code]
                if ind in ("residentieel", "kosten_per_traject", "clienttevredenheid"):
                    w = pops[code] * true_vals[code]["jeugdhulp"][i] / 100.0
                vals.append(true_vals[code][ind][i])
                ws.append(w)
            series.append(weighted(vals, ws))
        out[ind] = series
    return out


def to_observations(code, series):
    obs = {}
    for ind in IND_IDS:
        cells = {}
        for i, y in enumerate(YEARS):
            if y in MISSING.get((code, ind), []):
                continue
            if y in SUPPRESSED.get((code, ind), []):
                cells[y] = None
            else:
                cells[y] = round_value(ind, series[ind][i])
        obs[ind] = cells
    return obs


# --------------------------------------------------------------------------------------------
# Output: pretty-printed, but each small object (period, region, one indicator's period map)
# on one line so the file stays readable and diffable.
# --------------------------------------------------------------------------------------------

def dumps_inline(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def render(dataset):
    ind1, ind2, ind3 = "  ", "    ", "      "
    lines = ["{"]
    lines.append(f'{ind1}"format": {dumps_inline(dataset["format"])},')
    lines.append(f'{ind1}"version": {dumps_inline(dataset["version"])},')
    src = json.dumps(dataset["source"], ensure_ascii=False, indent=2).replace("\n", "\n" + ind1)
    lines.append(f'{ind1}"source": {src},')

    lines.append(f'{ind1}"periods": [')
    lines.append(",\n".join(ind2 + dumps_inline(p) for p in dataset["periods"]))
    lines.append(f"{ind1}],")

    lines.append(f'{ind1}"indicators": [')
    inds = [ind2 + json.dumps(i, ensure_ascii=False, indent=2).replace("\n", "\n" + ind2)
            for i in dataset["indicators"]]
    lines.append(",\n".join(inds))
    lines.append(f"{ind1}],")

    lines.append(f'{ind1}"regions": [')
    lines.append(",\n".join(ind2 + dumps_inline(r) for r in dataset["regions"]))
    lines.append(f"{ind1}],")

    lines.append(f'{ind1}"observations": {{')
    blocks = []
    for code, per_ind in dataset["observations"].items():
        inner = ",\n".join(f"{ind3}{dumps_inline(ind)}: {dumps_inline(cells)}"
                           for ind, cells in per_ind.items())
        blocks.append(f"{ind2}{dumps_inline(code)}: {{\n{inner}\n{ind2}}}")
    lines.append(",\n".join(blocks))
    lines.append(f"{ind1}}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def check(dataset, gemeenten):
    errors = [f"clamped to range: {c}" for c in CLAMPED]
    region_codes = {r["code"] for r in dataset["regions"]}
    jr_codes = {r["code"] for r in dataset["regions"] if r["kind"] == "jeugdregio"}
    if sum(1 for r in dataset["regions"] if r["kind"] == "land") != 1:
        errors.append("not exactly one land")
    for r in dataset["regions"]:
        if "jeugdregio" in r and r["jeugdregio"] not in jr_codes:
            errors.append(f"{r['code']}: unknown jeugdregio {r['jeugdregio']}")
    period_ids = set(YEARS)
    for code, per_ind in dataset["observations"].items():
        if code not in region_codes:
            errors.append(f"observations.{code}: unknown region")
        for ind, cells in per_ind.items():
            if ind not in DECIMALS:
                errors.append(f"observations.{code}.{ind}: unknown indicator")
            for y, v in cells.items():
                if y not in period_ids:
                    errors.append(f"observations.{code}.{ind}.{y}: unknown period")
                if v is None:
                    if code in ("NL01",) or code in jr_codes or (code == LEIDEN and y == "2023"):
                        errors.append(f"observations.{code}.{ind}.{y}: must not be suppressed")
                    continue
                lo, hi = RANGES[ind]
                if not lo <= v <= hi:
                    errors.append(f"observations.{code}.{ind}.{y}: {v} outside {lo}..{hi}")
    # Costs rise every year wherever there are figures.
    for code, per_ind in dataset["observations"].items():
        ks = [per_ind["kosten_per_traject"].get(y) for y in YEARS]
        ks = [k for k in ks if k is not None]
        if any(b <= a for a, b in zip(ks, ks[1:])):
            errors.append(f"observations.{code}.kosten_per_traject: not rising: {ks}")
    nl = dataset["observations"]["NL01"]
    if not 10.0 <= min(nl["jeugdhulp"].values()) <= max(nl["jeugdhulp"].values()) <= 12.0:
        errors.append("NL01 jeugdhulp outside 10..12")
    # Leiden: a mixed picture 2022 -> 2023 and a clear difference from NL on jeugdhulp.
    le = dataset["observations"][LEIDEN]
    ups = [i for i in IND_IDS if le[i]["2023"] > le[i]["2022"]]
    downs = [i for i in IND_IDS if le[i]["2023"] < le[i]["2022"]]
    if not ups or not downs:
        errors.append(f"Leiden 2022->2023 needs a rise and a fall (up {ups}, down {downs})")
    if abs(le["jeugdhulp"]["2023"] - nl["jeugdhulp"]["2023"]) <= 0.3:
        errors.append("Leiden jeugdhulp 2023 within 0.3 points of NL")
    # Every tsv municipality is listed, with its exact name.
    listed = {r["code"]: r["name"] for r in dataset["regions"] if r["kind"] == "gemeente"}
    if listed != dict(gemeenten):
        errors.append("gemeente list differs from the tsv")
    if errors:
        sys.exit("make-demo-dataset: checks failed:\n  " + "\n  ".join(errors))


def main():
    gemeenten = read_gemeenten(TSV_PATH)
    names = dict(gemeenten)
    for code, name, _, _, _ in MEMBERS:
        if code not in names:
            sys.exit(f"{code} ({name}) from regions.md is not in {TSV_PATH}")
        if names[code] != name:
            sys.exit(f"{code}: name {name!r} differs from the tsv's {names[code]!r}")

    rng = random.Random(SEED)
    pops = {code: pop for code, _, _, pop, _ in MEMBERS}
    member_region = {code: jr for code, _, jr, _, _ in MEMBERS}
    true_vals = {code: generate_municipality(rng, code, jr, urban)
                 for code, _, jr, _, urban in MEMBERS}

    observations = {"NL01": to_observations("NL01", NL_SERIES)}
    for jr, _ in JEUGDREGIOS:
        members = [c for c, _, r, _, _ in MEMBERS if r == jr]
        observations[jr] = to_observations(jr, aggregate_region(members, true_vals, pops))
    for code, _, _, _, _ in MEMBERS:
        observations[code] = to_observations(code, true_vals[code])

    regions = [{"code": "NL01", "name": "Nederland", "kind": "land"}]
    regions += [{"code": c, "name": n, "kind": "jeugdregio"} for c, n in JEUGDREGIOS]
    for code, name in gemeenten:
        r = {"code": code, "name": name, "kind": "gemeente"}
        if code in member_region:
            r["jeugdregio"] = member_region[code]
        regions.append(r)

    dataset = {
        "format": "raadsbrief-dataset",
        "version": 1,
        "source": {
            "name": "Raadsbrief-voorbeeldcijfers",
            "demo": True,
            "note": "Verzonnen cijfers om Raadsbrief te demonstreren. De indeling volgt "
                    "CBS-tabel 85098NED (jeugdhulp in natura per gemeente), aangevuld met "
                    "kosten per hulptraject en cliënttevredenheid; het zijn géén CBS-cijfers "
                    "en geen echte cijfers van gemeenten of aanbieders.",
            "retrieved": RETRIEVED,
        },
        "periods": [{"id": p, "status": s} for p, s in PERIODS],
        "indicators": INDICATORS,
        "regions": regions,
        "observations": observations,
    }
    check(dataset, gemeenten)

    text = render(dataset)
    if json.loads(text) != dataset:
        sys.exit("make-demo-dataset: rendered JSON does not round-trip")
    with open(OUT_PATH, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT_PATH, ROOT)}: {len(regions)} regions, "
          f"{len(observations)} with observations")


if __name__ == "__main__":
    main()
