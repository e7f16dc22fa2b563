#!/usr/bin/python3
"""A benchmark-only dataset with figures for all 342 municipalities (the demo dataset has figures
for 39). Every municipality without figures borrows those of a municipality that has them
(round-robin, deterministic), slightly scaled, together with that one's youth-care region.
Invented numbers, like the demo data; used by scripts/bench only, never shipped.

    /usr/bin/python3 bench/make-bench-dataset.py data/demo-dataset.json OUT.json
"""
import json
import sys


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        ds = json.load(f)
    obs = ds["observations"]
    municipalities = [r for r in ds["regions"] if r["kind"] == "gemeente"]
    donors = [r for r in municipalities if r["code"] in obs]
    n = 0
    for r in municipalities:
        if r["code"] in obs:
            continue
        donor = donors[n % len(donors)]
        factor = 1 + ((n * 7) % 11 - 5) / 100.0
        n += 1
        r["jeugdregio"] = donor["jeugdregio"]
        obs[r["code"]] = {
            ind: {p: (None if v is None else round(v * factor, 4)) for p, v in periods.items()}
            for ind, periods in obs[donor["code"]].items()
        }
    ds["source"]["name"] = "Raadsbrief-benchmarkcijfers"
    ds["source"]["note"] = "Verzonnen cijfers voor de benchmark; geen CBS-cijfers."
    with open(target, "w", encoding="utf-8") as f:
        json.dump(ds, f, ensure_ascii=False, indent=1)
    print(f"{target}: {len(municipalities)} gemeenten met cijfers ({n} geleend)")


if __name__ == "__main__":
    main()
