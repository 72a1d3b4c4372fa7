#!/usr/bin/python3
"""Debian's wapiti 3.0.4 for deploy/local/scan.sh: runs it, gives it a session cookie, sums up and judges its report.

  wapiti.py run [--exclude-regex R]... WAPITI_ARGS...   wapiti itself, with the fixes and limits below
  wapiti.py cookies JAR OUT                    curl's cookie jar -> wapiti's JSON cookie file (values never printed)
  wapiti.py summary REPORT SESSION_DB          crawled URLs, attacked resources per module, findings per module
  wapiti.py crawled SESSION_DB PREFIX          per HTTP status, how many crawled URLs have a path under PREFIX
  wapiti.py judge REPORT JUDGED NAMES...       fails on a finding not in JUDGED; NAMES are key=value (tenant=..., ...)

Runs under Debian's python3 (/usr/bin/python3), where the wapiti package lives.
"""
import fnmatch
import ipaddress
import json
import os
import re
import sqlite3
import sys
from urllib.parse import urlsplit


def run(args):
    import requests.adapters
    import wapitiCore.net.crawler as crawler

    # 1. wapiti 3.0.4 builds its -x (exclude) patterns as "...\Z(?ms)": Python 3.11 refuses global flags that are not at
    #    the start of a pattern (re.error), so any -x stops the scan before it starts. Same pattern, flags first.
    #    And --exclude-regex REGEX (ours, among wapiti's options): URLs that REGEX matches from their start are left
    #    out too (wapiti's own -x knows only * wildcards).
    class Regex(str):
        pass

    regexes, rest = [], []
    while args:
        if args[0] == "--exclude-regex" and len(args) >= 2:
            regexes.append(Regex(args[1]))
            args = args[2:]
        else:
            rest.append(args.pop(0))
    args = rest

    def wildcard_translate(pattern):
        if isinstance(pattern, Regex):
            return re.compile(pattern)
        return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")

    crawler.wildcard_translate = wildcard_translate
    explore = crawler.Explorer.explore

    def explore_excluding(self, urls, excluded_urls=None):
        return explore(self, urls, (excluded_urls or []) + regexes)

    crawler.Explorer.explore = explore_excluding

    # 2. Loopback only: the target is a local portal. wapiti fetches a few things from the Internet on its own (the wapp
    #    module's database at start-up, crash reports without --no-bugreport); none of it may leave this machine.
    send = requests.adapters.HTTPAdapter.send

    def loopback_only(self, request, *args, **kwargs):
        host = urlsplit(request.url).hostname or ""
        try:
            local = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = False
        if not local:
            raise requests.exceptions.ConnectionError("scan.sh: only loopback addresses are reached, not " + host)
        return send(self, request, *args, **kwargs)

    requests.adapters.HTTPAdapter.send = loopback_only

    # 3. blindsql (time-based) with PostgreSQL's payloads only (pg_sleep: 62 of its 218): the portal's one database is
    #    PostgreSQL, where MySQL's sleep()/benchmark(), SQL Server's waitfor and the others cannot fire. A third of the
    #    requests, so that its time bound covers more of the portal.
    import tempfile
    import wapitiCore.attack.mod_blindsql as blindsql

    source = os.path.join(blindsql.mod_blindsql.DATA_DIR, blindsql.mod_blindsql.PAYLOADS_FILE)
    with open(source) as f:
        postgres = [line for line in f if "pg_sleep" in line]
    payloads = tempfile.NamedTemporaryFile("w", prefix="blindsql-postgres-", suffix=".txt", delete=False)
    payloads.writelines(postgres)
    payloads.close()
    blindsql.mod_blindsql.PAYLOADS_FILE = payloads.name  # absolute: os.path.join keeps it as it is

    # 4. Forms filled in: wapiti fills a field with a plausible value (an email address, a password) only when it has no
    #    value attribute at all, and Blazor writes value="" on every bound field. Left empty, the other fields of a form
    #    fail validation and no payload reaches what the form does (the sign-in itself, say). Empty values of the fields
    #    a person types into are dropped before wapiti reads the form, so that it fills them.
    from wapitiCore.net.page import Page

    iter_forms = Page.iter_forms
    typed = {"text", "email", "password", "search", "tel", "url", "number", "date", "datetime-local", "month", "time", "week"}

    def iter_forms_filled(self, autofill=True):
        if autofill:
            for field in self.soup.find_all("input", attrs={"value": ""}):
                if field.get("type", "text").lower() in typed:
                    del field["value"]
        return iter_forms(self, autofill)

    Page.iter_forms = iter_forms_filled

    from wapitiCore.main.wapiti import wapiti_main

    sys.argv = ["wapiti"] + args
    try:
        return wapiti_main()
    finally:
        os.unlink(payloads.name)


def cookies(jar, out):
    """Netscape cookie jar (curl -c) -> {domain: {path: {name: {value, expires, secure, port, version}}}}."""
    result = {}
    with open(jar) as f:
        for line in f:
            if line.startswith("#HttpOnly_"):
                line = line[len("#HttpOnly_"):]
            elif line.startswith("#") or not line.strip():
                continue
            domain, _, path, secure, _, name, value = line.rstrip("\n").split("\t")
            cookie = {"value": value, "expires": None, "secure": secure == "TRUE", "port": None, "version": 0}
            result.setdefault(domain, {}).setdefault(path, {})[name] = cookie
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print("cookie file for wapiti: " + ", ".join(f"{n} ({d}{p})" for d, ps in result.items() for p, ns in ps.items() for n in ns))
    return 0


def findings(report):
    """Every vulnerability and anomaly of a wapiti JSON report as (kind, category, finding)."""
    with open(report) as f:
        data = json.load(f)
    for kind in ("vulnerabilities", "anomalies"):
        for category, items in sorted(data.get(kind, {}).items()):
            for item in items:
                yield kind, category, item


def summary(report, db):
    with open(report) as f:
        data = json.load(f)
    conn = sqlite3.connect(db)
    paths = conn.execute("SELECT method, path, http_status FROM paths WHERE evil = 0 ORDER BY path_id").fetchall()
    print(f"crawled: {len(paths)} URLs and forms ({sum(1 for m, _, _ in paths if m == 'POST')} forms)")
    grouped = {}
    for method, path, status in paths:
        key = (method, status, urlsplit(path).path)
        grouped[key] = grouped.get(key, 0) + 1
    for (method, status, path), n in grouped.items():
        print(f"  {method} {status} {path}" + (f" ({n} variants of its query or form)" if n > 1 else ""))
    attacked = dict(conn.execute("SELECT module_name, COUNT(DISTINCT path_id) FROM attack_log GROUP BY module_name").fetchall())
    print("attacked (resources per module, of the crawled ones): "
          + ", ".join(f"{m} {n}" for m, n in sorted(attacked.items())) if attacked else "attacked: nothing")
    for kind in ("vulnerabilities", "anomalies", "additionals"):
        counts = {c: len(v) for c, v in sorted(data.get(kind, {}).items()) if v}
        print(f"{kind}: " + (", ".join(f"{c}: {n}" for c, n in counts.items()) if counts else "none"))
    for kind, category, item in findings(report):
        print(f"  [{kind}] {category}: {item['method']} {item['path']} parameter={item['parameter']!r}: {item['info']}")
    return 0


def crawled(db, prefix):
    """Per HTTP status, how many crawled URLs and forms have a path under PREFIX: lines "STATUS COUNT"."""
    conn = sqlite3.connect(db)
    counts = {}
    for path, status in conn.execute("SELECT path, http_status FROM paths WHERE evil = 0").fetchall():
        if urlsplit(path).path.startswith(prefix):
            counts[status] = counts.get(status, 0) + 1
    for status, n in sorted(counts.items()):
        print(f"{status} {n}")
    return 0


def judge(report, judged_file, names):
    """A finding passes when a judged entry has its category, method, path pattern and parameter (glob patterns; the
    path's {tenant}, {bucket} are the scan's names). Prints each finding with its judgement; fails on any unjudged."""
    with open(judged_file) as f:
        judged = json.load(f)["findings"]
    subst = dict(n.split("=", 1) for n in names)
    unjudged = 0
    seen = set()
    for kind, category, item in findings(report):
        path = urlsplit(item["path"]).path
        match = None
        for i, entry in enumerate(judged):
            pattern = entry["path"]
            for key, value in subst.items():
                pattern = pattern.replace("{" + key + "}", value)
            if (entry["category"] == category and fnmatch.fnmatchcase(item["method"], entry.get("method", "*"))
                    and fnmatch.fnmatchcase(path, pattern) and fnmatch.fnmatchcase(item["parameter"] or "", entry.get("parameter", "*"))):
                match = i
                break
        where = f"{category}: {item['method']} {path} parameter={item['parameter']!r} ({item['info']})"
        if match is None:
            unjudged += 1
            print(f"NOT JUDGED {where}")
        else:
            seen.add(match)
            print(f"judged     {where}: not real: {judged[match]['why']}")
    if unjudged:
        print(f"{unjudged} finding(s) not judged: fix the portal, or judge them in {judged_file} (with why they are not real)")
        return 1
    print("every finding is judged" if seen else "no findings")
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    verb, args = argv[1], argv[2:]
    if verb == "run":
        return run(args)
    if verb == "cookies" and len(args) == 2:
        return cookies(*args)
    if verb == "summary" and len(args) == 2:
        return summary(*args)
    if verb == "crawled" and len(args) == 2:
        return crawled(*args)
    if verb == "judge" and len(args) >= 2:
        return judge(args[0], args[1], args[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
