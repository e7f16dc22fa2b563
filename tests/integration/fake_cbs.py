#!/usr/bin/python3
"""A stand-in for CBS StatLine's OData v4 endpoint on loopback, for the integration tests.

Two modes:

  fake_cbs.py FIXTURE_DIR TABLE
      Serves tests/fixtures/cbs/v4-<TABLE>/<Entity>[-skip<N>].json at /CBS/<TABLE>/<Entity>[?$skip=N],
      with "{base}" replaced by its own address. Prints "fake-cbs: http://127.0.0.1:PORT/CBS/<TABLE>".

  fake_cbs.py --catalog [--page-size N] [--tables 85098NED,85097NED,85099NED,83454NED]
      A replay of CBS's v4 catalog in CBS's shapes, generated from the compact description below:
      /odata/v1/CBS/<TABLE>/{MeasureCodes,MeasureGroups,Dimensions,RegioSCodes,PeriodenCodes,
      VerwijzerJeugdzorgCodes,VormenVanJeugdzorgCodes,Observations}. By default only 85098NED and
      85097NED (the others answer 404); 85099NED (a count and a share with the same abbreviated
      title in two measure groups, VormenVanJeugdzorg with CBS's code prefixes) and 83454NED (costs
      x 1 000 euro, region dimension "Regio" with RegioCodes, years only, no JZ rows) on request. Observations answers $filter the way CBS does for the
      filters Raadsbrief sends (clauses joined by "and", each "(a or b ...)" of `Field eq 'v'` and
      `startswith(Field,'v')`; anything else is an HTTP 400) and pages with @odata.nextLink ($skip).
      Every municipality of regions.md, its youth-care region (JZ), NL01, provinces/landsdelen/COROP,
      years 2021-2023 and the half-years of 2023, suppressed cells (null with ValueAttribute
      "Impossible"/"Confidential") and a null with "None". Prints
      "fake-cbs: http://127.0.0.1:PORT/odata/v1/CBS". GET /replay-log lists the targets requested so
      far, one a line (for tests that count requests). Answers carry an ETag (SHA-1 of the body) and a
      matching If-None-Match gets 304 without a body, so a warm HTTP cache only revalidates.

  fake_cbs.py --catalog --full [--seed N] [--page-size N]
      The same catalog at CBS's real breadth: all 342 municipalities of 2023 and all 42 youth-care
      regions (from data/reference/jeugdregios-2023.tsv, codes with CBS's trailing spaces, "(gemeente)"
      where CBS writes it), every measure of every served table for every category and period, values from
      the seed (default 1). 85097NED then holds about half a million observations (an unfiltered read
      is tens of MB, a read filtered on our measures and referrers alone several MB); 85098NED about
      ten thousand. Pages of 10,000 observations unless --page-size says otherwise. GET
      /replay-log-bytes lists "STATUS<TAB>BYTES<TAB>TARGET" per request (bytes of the body sent; 0 for
      a 304), for tests that assert the request and byte budget of a memo.

  fake_cbs.py --v3
      The same replay's 85098NED over OData v3 (ODataApi) in CBS's v3 shapes: /ODataApi/odata/85098NED/
      {DataProperties,RegioS,Perioden,TypedDataSet}?$format=json, TypedDataSet paged with $top/$skip
      (at most 10,000 cells a request, like CBS). v3 cannot tell a suppressed cell from a missing one:
      both are null. Prints "fake-cbs: http://127.0.0.1:PORT/ODataApi/odata/85098NED". Also /replay-log.

Serves until terminated (SIGINT).
"""
import hashlib
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ------------------------------------------------------------------------------------------------
# The catalog replay (keep in step with tests/unit/CbsCatalogTest.cpp where they overlap).

REGIONS = [("NL01  ", "Nederland"), ("LD03  ", "West-Nederland (LD)"), ("PV27  ", "Noord-Holland (PV)"),
           ("PV28  ", "Zuid-Holland (PV)"), ("CR34  ", "Agglomeratie Leiden en Bollenstreek (CR)")]
MUNICIPALITIES = [
    ("GM0546", "Leiden"), ("GM0579", "Oegstgeest"), ("GM0537", "Katwijk"), ("GM0484", "Alphen aan den Rijn"),
    ("GM0637", "Zoetermeer"), ("GM0518", "'s-Gravenhage (gemeente)"), ("GM0503", "Delft"), ("GM0626", "Voorschoten"),
    ("GM0392", "Haarlem"), ("GM0473", "Zandvoort"), ("GM0397", "Heemstede"),
    ("GM0363", "Amsterdam"), ("GM0362", "Amstelveen"), ("GM0384", "Diemen"),
    ("GM0479", "Zaanstad"), ("GM0439", "Purmerend"), ("GM0415", "Landsmeer"),
    ("GM0014", "Groningen (gemeente)"),
]
YOUTH_CARE_REGIONS = [("JZ09  ", "Zaanstreek-Waterland (JZ)"), ("JZ11  ", "Zuid Kennemerland (JZ)"),
                      ("JZ13  ", "Amsterdam-Amstelland (JZ)"), ("JZ18  ", "Holland Rijnland (JZ)"),
                      ("JZ24  ", "Haaglanden (JZ)")]  # Groningen's JZ01 has no row: its figures are "not available"
# The youth-care regions' names as in data/reference/jeugdregios-2023.tsv (so "Zuid Kennemerland",
# as the --full replay reads them from there): one memo's regions are named from that file.
ALL_REGIONS = REGIONS + MUNICIPALITIES + YOUTH_CARE_REGIONS
SEED = 0  # --full: part of every cell's value


def full_regions():
    """All 342 municipalities and 42 youth-care regions of the reference data, as CBS lists them."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "reference",
                        "jeugdregios-2023.tsv")
    municipalities, regions = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("gemeente_code"):
                continue
            code, name, region, region_name = line.rstrip("\n").split("\t")
            # CBS tells a municipality from a province or region of the same name by a suffix.
            suffix = " (gemeente)" if name in ("Groningen", "Utrecht", "'s-Gravenhage") else ""
            municipalities.append((code, name + suffix))
            regions[region] = region_name
    return municipalities, [(c + "  ", n + " (JZ)") for c, n in sorted(regions.items())]

PERIODS = [("2021JJ00", "2021", "Definitief"), ("2022JJ00", "2022", "Nader voorlopig"),
           ("2023HJ01", "1e halfjaar 2023", "Voorlopig"), ("2023HJ02", "2e halfjaar 2023", "Voorlopig"),
           ("2023JJ00", "2023", "Voorlopig")]

M85098 = [("M001534", "Jongeren met jeugdhulp in natura"), ("M001924_2", "Jongeren met jeugdh. met verbl. in nat."),
          ("M001536", "Jongeren met jeugdbescherming"), ("M001167", "Jeugdbesch. en jeugdh. met verbl. in nat"),
          ("M001538", "Jongeren met jeugdreclassering")]

BLOCKS = ["Jeugdhulp zonder verblijf", "Totaal jeugdhulptrajecten in natura", "Jeugdhulp met verblijf"]
STARTED = ["Totaal begonnen trajecten", "Nieuw traject", "Herhaald beroep", "Gestart met crisis", "Niet gestart met crisis"]
ENDED = ["Totaal beëindigde trajecten", "Gemiddelde duur (dagen)", "Beëindigd volgens plan", "Totaal voortijdig afgesloten"]
REFERRERS = [("T001070", "Totaal verwijzer"), ("A041348", "Gemeentelijke toegang"), ("A041349", "Huisarts"),
             ("A041350", "Jeugdarts"), ("A041351", "Gecertificeerde instelling"), ("A041352", "Medisch specialist"),
             ("A041353", "Rechter, Officier van Justitie, ..."), ("A041354", "Geen verwijzer"),
             ("A041355", "Verwijzer onbekend")]


FORMS = [("T001397", "JZ Totaal jeugdzorg"), ("A049431", "JH 1 Totaal jeugdhulp"),
         ("A049432", "JH 121 Totaal jeugdhulp zonder verblijf"), ("A049433", "JH 1211 Uitgevoerd door wijkteam"),
         ("A049434", "JH 1212 Niet uitgevoerd door wijkteam"), ("A049435", "JH 122 Totaal jeugdhulp met verblijf"),
         ("A049436", "JH 1221 Pleegzorg"), ("A049440", "JB 1 Totaal jeugdbescherming")]
COST_FORMS = [("T001397", "JZ Totaal jeugdzorg"), ("A049431", "JH 1 Totaal jeugdhulp"),
              ("A049440", "JB 1 Totaal jeugdbescherming"), ("A049450", "JR 1 Totaal jeugdreclassering")]
M85099 = [("M004102", "Jongeren met jeugdz.", "GR"), ("M004101", "Jongeren met jeugdzorg", "GA"),
          ("M004103", "Jeugdzorgtrajecten", None)]
M83454 = [("M000180", "Begrote kosten", None), ("M000181", "Gereal. kosten", None)]


def table_shape(table):
    """(measures [(id, title, group)], dimension or None, categories [(code, title)], geo field, years only)."""
    if table == "85097NED":
        return measures_85097(), "VerwijzerJeugdzorg", REFERRERS, "RegioS", False
    if table == "85099NED":
        return M85099, "VormenVanJeugdzorg", FORMS, "RegioS", False
    if table == "83454NED":
        return M83454, "VormenVanJeugdzorg", COST_FORMS, "Regio", True
    return [(i, t, None) for i, t in M85098], None, [None], "RegioS", False


def groups_85097():
    out = []
    for b, title in enumerate(BLOCKS):
        out += [("G%d" % b, title, None), ("G%da" % b, "Begonnen trajecten", "G%d" % b),
                ("G%db" % b, "Beëindigde trajecten", "G%d" % b)]
    return out


def measures_85097():
    out, n = [], 2000
    for b, title in enumerate(BLOCKS):
        out.append(("M00%d" % n, title, "G%d" % b)); n += 1
        for t in STARTED:
            out.append(("M00%d" % n, t, "G%da" % b)); n += 1
        for t in ENDED:
            out.append(("M00%d" % n, t, "G%db" % b)); n += 1
    return out


def cell(table, m, f, g, p):
    """(value text or None, ValueAttribute) of a cell; None for an empty cell that is left out."""
    code = ALL_REGIONS[g][0].strip()
    if code.startswith("CR"):
        return None
    key = m * 1009 + f * 101 + g * 13 + p * 7 + SEED * 7727
    if table == "83454NED":  # x 1 000 euro; NL01 and municipalities only
        if not code.startswith("GM") and code != "NL01":
            return None
        if code.startswith("GM") and key % 7 == 2:
            return (None, "Impossible")
        return ("%d" % (1000 + (key * 131) % 90000), "None")
    if table == "85098NED":
        if code == "GM0479" and p == 0 and m == 0:
            return (None, "None")
        if code.startswith("GM") and key % 11 == 3:
            return (None, "Impossible")
        return ("%.1f" % (0.5 + ((key * 37) % 400) / 10.0), "None")
    if code.startswith("GM") and key % 13 == 5:
        return (None, "Confidential")
    if table == "85099NED":
        if m == 0:
            return ("%.1f" % (0.5 + ((key * 37) % 150) / 10.0), "None")
        return ("%d" % (5 * ((key * 7919) % 4000) + 5), "None")
    return ("%d" % (5 * ((key * 7919) % 4000)), "None")


class Filter:
    def __init__(self, text):
        self.clauses = []
        for clause in text.split(" and "):
            if clause.startswith("(") and clause.endswith(")"):
                clause = clause[1:-1]
            self.clauses.append([self.atom(a) for a in clause.split(" or ")])

    @staticmethod
    def unquote(v):
        if len(v) < 2 or v[0] != "'" or v[-1] != "'":
            raise ValueError("bad literal " + v)
        return v[1:-1].replace("''", "'")

    def atom(self, s):
        if s.startswith("startswith(") and s.endswith(")"):
            field, _, value = s[len("startswith("):-1].partition(",")
            return (field, self.unquote(value), True)
        field, sep, value = s.partition(" eq ")
        if not sep:
            raise ValueError("bad atom " + s)
        return (field, self.unquote(value), False)

    def fields(self):
        return {field for clause in self.clauses for field, _, _ in clause}

    def allows(self, field, value):
        """False when a clause on `field` alone rules `value` out (to skip whole blocks early)."""
        for clause in self.clauses:
            if all(f == field for f, _, _ in clause) and not any(
                    value.startswith(v) if prefix else value == v for _, v, prefix in clause):
                return False
        return True

    def matches(self, row):
        for clause in self.clauses:
            ok = False
            for field, value, prefix in clause:
                if field not in row:
                    raise ValueError("unknown field " + field)
                ok = ok or (row[field].startswith(value) if prefix else row[field] == value)
            if not ok:
                return False
        return True


def listing(rows, next_link=None):
    body = {"@odata.context": "x", "value": rows}
    if next_link:
        body["@odata.nextLink"] = next_link
    return body


def catalog_answer(base, path, query, tables, page_size):
    parts = path.strip("/").split("/")
    if len(parts) != 5 or parts[:3] != ["odata", "v1", "CBS"] or parts[3] not in tables:
        return 404, {"error": {"message": "Not found"}}
    table, entity = parts[3], parts[4]
    big = table == "85097NED"
    measures, dimension, categories, geo, years_only = table_shape(table)
    costs = table == "83454NED"

    def decimals(mid):
        return 1 if table == "85098NED" or mid == "M004102" else 0

    if entity == "MeasureCodes":
        return 200, listing([{"DataType": "Float" if decimals(i) else "Long", "Identifier": i, "Description": "…",
                              "Unit": "x 1 000 euro" if costs else ("% (zie toelichting)" if decimals(i) else "aantal"),
                              "Format": None, "MeasureGroupId": g, "Decimals": decimals(i),
                              "PresentationType": "Relative" if decimals(i) else "Absolute",
                              "Index": n + 1, "Title": t} for n, (i, t, g) in enumerate(measures)])
    if entity == "MeasureGroups" and big:
        return 200, listing([{"Id": i, "Index": n + 1, "Title": t, "Description": None, "ParentId": p}
                             for n, (i, t, p) in enumerate(groups_85097())])
    if entity == "MeasureGroups" and table == "85099NED":
        return 200, listing([{"Id": "GR", "Index": 1, "Title": "Relatief", "Description": None, "ParentId": None},
                             {"Id": "GA", "Index": 2, "Title": "Aantal", "Description": None, "ParentId": None}])
    if entity == "Dimensions":
        rows = [{"Identifier": geo, "Title": "Regio's", "Kind": "GeoDimension"},
                {"Identifier": "Perioden", "Title": "Perioden", "Kind": "TimeDimension"}]
        if dimension:
            rows.append({"Identifier": dimension, "Title": dimension, "Kind": "Dimension"})
        return 200, listing(rows)
    if entity == geo + "Codes":
        regions = [r for r in ALL_REGIONS if not (costs and r[0].startswith("JZ"))]
        return 200, listing([{"Identifier": c, "Index": n + 1, "Title": t, "Description": None, "DimensionGroupId": "1"}
                             for n, (c, t) in enumerate(regions)])
    if entity == "PeriodenCodes":
        return 200, listing([{"Identifier": c, "Index": n + 1, "Title": t, "Description": "", "DimensionGroupId": "1",
                              "Status": s} for n, (c, t, s) in enumerate(PERIODS) if not years_only or "JJ" in c])
    if dimension and entity == dimension + "Codes":
        return 200, listing([{"Identifier": c, "Index": n + 1, "Title": t, "Description": None, "DimensionGroupId": None}
                             for n, (c, t) in enumerate(categories)])
    if entity != "Observations":
        return 404, {"error": {"message": "Not found"}}
    try:
        flt = Filter(query["$filter"]) if "$filter" in query else None
    except ValueError as e:
        return 400, {"error": {"message": str(e)}}
    known = {"Measure", geo, "Perioden"} | ({dimension} if dimension else set())
    if flt and not flt.fields() <= known:
        return 400, {"error": {"message": "unknown field " + ", ".join(sorted(flt.fields() - known))}}
    skip = int(query.get("$skip", "0"))
    matched = observations(table, query.get("$filter", ""), flt)
    rows = matched[skip:skip + page_size]
    more = skip + len(rows) < len(matched)
    next_link = None
    if more:
        q = {k: v for k, v in query.items() if k != "$skip"}
        q["$skip"] = str(skip + len(rows))
        next_link = base + path + "?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)
    return 200, listing(rows, next_link)


_observations_cache, _cache_lock = {}, threading.Lock()


def observations(table, text, flt):
    """Every observation of `table` that the filter `text` selects, in CBS's order (cached per filter:
    the pages of one read are slices of one list)."""
    with _cache_lock:
        if (table, text) in _observations_cache:
            return _observations_cache[(table, text)]
    measures, dimension, categories, geo, years_only = table_shape(table)
    out, ident = [], 0
    allows = flt.allows if flt else (lambda field, value: True)
    n_regions, n_periods = len(ALL_REGIONS), len(PERIODS)
    for m, (mid, _, _) in enumerate(measures):
        if not allows("Measure", mid):
            continue
        for f, category in enumerate(categories):
            if dimension and not allows(dimension, category[0]):
                continue
            for g, (rcode, _) in enumerate(ALL_REGIONS):
                if not allows(geo, rcode):
                    continue
                for p, (pcode, _, _) in enumerate(PERIODS):
                    ident = ((m * len(categories) + f) * n_regions + g) * n_periods + p + 1
                    c = cell(table, m, f, g, p)
                    if c is None or (years_only and "JJ" not in pcode) or not allows("Perioden", pcode):
                        continue
                    fields = {"Measure": mid, geo: rcode, "Perioden": pcode}
                    if dimension:
                        fields[dimension] = category[0]
                    if flt and not flt.matches(fields):
                        continue
                    row = {"Id": ident, "Measure": mid, "ValueAttribute": c[1],
                           "Value": None if c[0] is None else json.loads(c[0]), "StringValue": None}
                    if dimension:
                        row[dimension] = category[0]
                    row[geo] = rcode
                    row["Perioden"] = pcode
                    out.append(row)
    with _cache_lock:
        if len(_observations_cache) > 8:
            _observations_cache.clear()
        _observations_cache[(table, text)] = out
    return out


V3_KEYS = ["JongerenMetJeugdhulpInNatura_1", "JongerenMetJeugdhMetVerblInNat_2", "JongerenMetJeugdbescherming_3",
           "JeugdbeschEnJeugdhMetVerblInNat_4", "JongerenMetJeugdreclassering_5"]


def v3_answer(base, path, query):
    """85098NED of the catalog replay over OData v3 (ODataApi)."""
    prefix = "/ODataApi/odata/85098NED/"
    if not path.startswith(prefix) or query.get("$format") != "json":
        return 404, {"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "Not found"}}}
    entity = path[len(prefix):]
    meta = base + prefix[:-1] + "/$metadata#Cbs.OData.WebAPI." + entity
    if entity == "DataProperties":
        rows = [{"odata.type": "Cbs.OData.GeoDimension", "ID": 0, "Position": 0, "ParentID": None, "Type": "GeoDimension",
                 "Key": "RegioS", "Title": "Regio's", "Description": ""},
                {"odata.type": "Cbs.OData.TimeDimension", "ID": 1, "Position": 1, "ParentID": None, "Type": "TimeDimension",
                 "Key": "Perioden", "Title": "Perioden", "Description": ""}]
        for n, (key, (_, title)) in enumerate(zip(V3_KEYS, M85098)):
            rows.append({"odata.type": "Cbs.OData.Topic", "ID": n + 2, "Position": n + 2, "ParentID": None, "Type": "Topic",
                         "Key": key, "Title": title, "Description": "…", "Datatype": "Double", "Unit": "%",
                         "Decimals": 1, "Default": "Missing"})
        return 200, {"odata.metadata": meta, "value": rows}
    if entity == "RegioS":
        return 200, {"odata.metadata": meta, "value": [{"Key": c, "Title": t, "Description": None} for c, t in ALL_REGIONS]}
    if entity == "Perioden":
        return 200, {"odata.metadata": meta,
                     "value": [{"Key": c, "Title": t, "Description": "", "Status": st} for c, t, st in PERIODS]}
    if entity != "TypedDataSet":
        return 404, {"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "Not found"}}}
    rows, ident = [], 0
    for g, (rcode, _) in enumerate(ALL_REGIONS):
        for p, (pcode, _, _) in enumerate(PERIODS):
            row = {"ID": ident, "RegioS": rcode, "Perioden": pcode}
            ident += 1
            for m, key in enumerate(V3_KEYS):
                c = cell("85098NED", m, 0, g, p)
                row[key] = None if c is None or c[0] is None else json.loads(c[0])
            rows.append(row)
    skip, top = int(query.get("$skip", "0")), int(query.get("$top", str(len(rows))))
    if top * len(V3_KEYS) > 10000:
        return 500, {"odata.error": {"code": "", "message": {"lang": "nl-NL",
                     "value": "Uw verzoek levert meer dan 10000 records op."}}}
    return 200, {"odata.metadata": meta, "value": rows[skip:skip + top]}


# ------------------------------------------------------------------------------------------------

v3_mode = len(sys.argv) > 1 and sys.argv[1] == "--v3"
catalog_mode = len(sys.argv) > 1 and sys.argv[1] == "--catalog"
page_size, tables = None, {"85098NED", "85097NED"}
if catalog_mode:
    args, full, seed = sys.argv[2:], False, None
    while args:
        if args[0] == "--page-size":
            page_size = int(args[1]); args = args[2:]
        elif args[0] == "--tables":
            tables = set(args[1].split(",")); args = args[2:]
        elif args[0] == "--full":
            full = True; args = args[1:]
        elif args[0] == "--seed":
            seed = int(args[1]); args = args[2:]
        else:
            sys.exit("fake_cbs.py: unknown argument " + args[0])
    SEED = seed if seed is not None else (1 if full else 0)
    if full:
        MUNICIPALITIES, YOUTH_CARE_REGIONS = full_regions()
        ALL_REGIONS = REGIONS + MUNICIPALITIES + YOUTH_CARE_REGIONS
    if page_size is None:
        page_size = 10000 if full else 1000
elif not v3_mode:
    fixtures, table = sys.argv[1], sys.argv[2]
log, log_lock = [], threading.Lock()
sizes = []  # (status, bytes of the body sent, target), per request


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, body, validate=False):
        data = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode("utf-8")
        etag = '"%s"' % hashlib.sha1(data).hexdigest()
        if validate and status == 200 and self.headers.get("If-None-Match") == etag:
            with log_lock:
                sizes.append((304, 0, self.path))
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        if validate:
            with log_lock:
                sizes.append((status, len(data), self.path))
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if validate and status == 200:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        if v3_mode or catalog_mode:
            if url.path == "/replay-log":
                with log_lock:
                    text = "".join(t + "\n" for t in log)
                self.send_json(200, text)
                return
            if url.path == "/replay-log-bytes":
                with log_lock:
                    text = "".join("%d\t%d\t%s\n" % entry for entry in sizes)
                self.send_json(200, text)
                return
            with log_lock:
                log.append(self.path)
            query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
            if v3_mode:
                status, body = v3_answer(base, url.path, query)
            else:
                status, body = catalog_answer(base, url.path, query, tables, page_size)
            self.send_json(status, body, validate=True)
            return
        parts = url.path.strip("/").split("/")
        skip = urllib.parse.parse_qs(url.query).get("$skip", [None])[0]
        name = None
        if len(parts) == 3 and parts[0] == "CBS" and parts[1] == table:
            name = parts[2] + ("-skip%s" % skip if skip else "") + ".json"
        path = os.path.join(fixtures, "v4-" + table, name or "")
        if not name or not os.path.isfile(path):
            self.send_response(404)
            self.end_headers()
            return
        self.send_json(200, open(path, encoding="utf-8").read().replace("{base}", base))

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if v3_mode:
    print("fake-cbs: http://127.0.0.1:%d/ODataApi/odata/85098NED" % server.server_address[1], flush=True)
elif catalog_mode:
    print("fake-cbs: http://127.0.0.1:%d/odata/v1/CBS" % server.server_address[1], flush=True)
else:
    print("fake-cbs: http://127.0.0.1:%d/CBS/%s" % (server.server_address[1], table), flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:  # the test stops us with SIGINT
    pass
