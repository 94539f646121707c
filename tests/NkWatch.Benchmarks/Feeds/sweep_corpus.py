#!/usr/bin/env python3
"""Runs `nkwatch parse --json` over feedparser's test corpus and sorts every file into ok, clean
error (exit 2 and one `error:` line) or crash (anything else, including a hang), then checks the
corpus's own `Expect:` lines where they name a title, link or entry that NkWatch also outputs.

    python3 tests/NkWatch.Benchmarks/Feeds/sweep_corpus.py ../shared/corpus/feedparser/tests \
        cli/NkWatch.Cli/bin/Debug/net10.0/nkwatch [--report sweep.tsv]

A file's `Header: Content-type: ...` comment is passed as --content-type, as the server would
have sent it. The files are only read, never copied.
"""
import argparse
import ast
import concurrent.futures
import html
import json
import os
import re
import subprocess
import sys

HEADER = re.compile(r"^\s*Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)
EXPECT = re.compile(r"Expect:\s*(.+?)\s*(?:-->|$)", re.M)
CHECKS = [
    ("feed title", re.compile(r"feed(?:\['title'\]|\.title)\s*==\s*(u?(['\"]).*?(?<!\\)\2)")),
    ("entry title", re.compile(r"entries\[0\](?:\['title'\]|\.title)\s*==\s*(u?(['\"]).*?(?<!\\)\2)")),
    ("entry link", re.compile(r"entries\[0\](?:\['link'\]|\.link)\s*==\s*(u?(['\"]).*?(?<!\\)\2)")),
]
ENTRY_FIELD = re.compile(r"entries\[(\d+)\](?:\[['\"]|\.)(?:title|link|summary|description)['\"]?\]?\s*==\s*(u?(['\"]).*?(?<!\\)\3)")
TAG = re.compile(r"<[^>]+>")


def expected_text(literal):
    value = ast.literal_eval(literal)
    return " ".join(html.unescape(TAG.sub("", value)).split())


def run(path, binary):
    raw = open(path, "rb").read()
    head = raw[:4096].decode("latin-1")
    args = [binary, "parse", path, "--json"]
    m = HEADER.search(head)
    if m:
        args += ["--content-type", m.group(1)]
    try:
        p = subprocess.run(args, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return path, "crash", "hang (30 s)", None, head
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode == 0 and (not err or err.startswith("warning: ")):
        try:
            return path, "ok", err, json.loads(p.stdout), head
        except ValueError:
            return path, "crash", "exit 0 without JSON", None, head
    if p.returncode == 2 and err.startswith("error: ") and "\n" not in err:
        return path, "error", err[7:], None, head
    return path, "crash", f"exit {p.returncode}: {err[:300]}", None, head


def check(result):
    path, outcome, detail, doc, head = result
    problems = []
    m = EXPECT.search(head)
    if not m or outcome != "ok":
        return problems
    expect = m.group(1)
    items = doc["items"]
    for kind, pattern in CHECKS:
        found = pattern.search(expect)
        if not found:
            continue
        try:
            want = expected_text(found.group(1))
        except (ValueError, SyntaxError):
            continue
        if kind == "feed title":
            got = doc["feed"]["title"]
        elif not items:
            continue
        else:
            got = items[0]["title" if kind == "entry title" else "link"] or ""
        if kind == "entry link":
            ok = got.rstrip("/") == want.rstrip("/") or not want.startswith("http")
        else:
            ok = got == want or not want
        if not ok:
            problems.append((kind, f"want {want!r} got {got!r}"))
    # An item is lost only if the corpus expects visible text or a link from it.
    for index, literal, _ in ENTRY_FIELD.findall(expect):
        try:
            wanted = expected_text(literal)
        except (ValueError, SyntaxError):
            continue
        if wanted and int(index) >= len(items):
            problems.append(("lost item", f"entries[{index}] expected, {len(items)} parsed"))
            break
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("binary")
    parser.add_argument("--report")
    parser.add_argument("--jobs", type=int, default=2)
    a = parser.parse_args()
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.corpus) for f in fs)
    counts = {"ok": 0, "error": 0, "crash": 0}
    problems = {}
    rows = []
    recovered = 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for result in pool.map(lambda f: run(f, a.binary), files):
            path, outcome, detail, _, _ = result
            counts[outcome] += 1
            recovered += outcome == "ok" and detail.startswith("warning: ")
            found = check(result)
            for kind, text in found:
                problems.setdefault(kind, []).append((path, text))
            rows.append((os.path.relpath(path, a.corpus), outcome, detail, "; ".join(f"{k}: {t}" for k, t in found)))
    if a.report:
        with open(a.report, "w", encoding="utf-8") as out:
            for row in rows:
                out.write("\t".join(row) + "\n")
    print(f"files {len(files)}, ok {counts['ok']} (of which recovered in part {recovered}), clean errors {counts['error']}, crashes {counts['crash']}")
    for kind, found in sorted(problems.items()):
        print(f"{kind}: {len(found)}")
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
