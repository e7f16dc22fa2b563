#!/usr/bin/python3
"""Templates for the scaling curve: the memo template's styles with a body of only
{{gemeente}} and K table fields (tabel-K.ott) or K chart fields (grafiek-K.ott), K in 0 1 4 16 64.

    /usr/bin/python3 bench/make-scaling-templates.py templates/raadsinformatiebrief OUTDIR
"""
import os
import re
import sys
import zipfile

FIELDS = {
    "tabel": "{{tabel vergelijking}}",
    "grafiek": "{{grafiek vergelijking indicatoren=jeugdhulp,residentieel,jeugdbescherming}}",
}


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    parts = {}
    for root, _, files in os.walk(src):
        for name in files:
            path = os.path.join(root, name)
            parts[os.path.relpath(path, src)] = open(path, "rb").read()
    content = parts["content.xml"].decode("utf-8")
    for kind, field in FIELDS.items():
        for k in (0, 1, 4, 16, 64):
            body = '<text:p text:style-name="Raadsbrief_Tekst">Gemeente {{gemeente}}</text:p>'
            body += "".join(f'<text:p text:style-name="Raadsbrief_Tekst">{field}</text:p>' for _ in range(k))
            text = re.sub(r"<office:text>.*</office:text>", "<office:text>" + body + "</office:text>",
                          content, flags=re.S)
            path = os.path.join(out, f"{kind}-{k}.ott")
            with zipfile.ZipFile(path, "w") as z:
                z.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"], compress_type=zipfile.ZIP_STORED)
                for name, data in parts.items():
                    if name == "mimetype":
                        continue
                    z.writestr(name, text.encode("utf-8") if name == "content.xml" else data,
                               compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main()
