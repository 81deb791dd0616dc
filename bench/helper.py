#!/usr/bin/env python3
"""Helpers for bench/run.sh: read the benchmark database, write URL lists, summarise results.

    helper.py pick DB [CITY_SLUG] [SECTOR]      -> city_id city_slug sector matches
    helper.py city DB SLUG                      -> city_id metrics
    helper.py urls-list DB OUT                  -> writes the uncached-list URLs; prints count, rows per page
    helper.py urls-page DB PAGE OUT             -> page PAGE of every list the uncached stream pages through
    helper.py urls-pairs BIG_DB SMALL_DB OUT    -> page 1 of every city+sector pair (scale comparison)
    helper.py urls-sector BIG_DB SMALL_DB OUT   -> sector-only pages of 40..60 rows (scale comparison)
    helper.py summary RESULTS.tsv INFO [MARKDOWN_OUT]

Only the standard library: the database is opened read-only.
"""

import random
import sqlite3
import statistics
import sys
from urllib.parse import quote

PAGE = 50
# The uncached list stream asks for pages 1 to DEEP of each list.
DEEP = 5
# Page sizes around 50 (mean 50): each is a distinct URL, so a list can be asked for in many
# more ways than a page cache holds, while showing about the same number of rows.
PER_PAGE = range(40, 61)


def connect(path):
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)


def pairs(db):
    """(city_slug, sector, matches) for every city+sector pair that has companies."""
    return connect(db).execute(
        """SELECT c.slug, co.sector, COUNT(*) FROM companies co JOIN cities c ON c.id = co.city_id
           GROUP BY co.city_id, co.sector ORDER BY co.city_id, co.sector"""
    ).fetchall()


def pick(db, city=None, sector=None):
    """The filtered list the benchmark shows: a synthetic city's `bpo` companies, at least 50 of them.

    Deterministic: the first synthetic city (by id) whose bpo list fills a page; without one, the
    pair with the most matches. CITY_SLUG and SECTOR override it."""
    con = connect(db)
    if city and sector:
        row = con.execute(
            """SELECT c.id, c.slug, ?, (SELECT COUNT(*) FROM companies WHERE city_id = c.id AND sector = ?)
               FROM cities c WHERE c.slug = ?""",
            (sector, sector, city),
        ).fetchone()
        if not row:
            sys.exit(f"helper: no city {city!r} in {db}")
        return row
    row = con.execute(
        """SELECT c.id, c.slug, co.sector, COUNT(*) n FROM companies co JOIN cities c ON c.id = co.city_id
           WHERE co.sector = 'bpo' AND c.slug LIKE 'syn-city-%'
           GROUP BY co.city_id HAVING n >= ? ORDER BY c.id LIMIT 1""",
        (PAGE,),
    ).fetchone()
    if row:
        return row
    return con.execute(
        """SELECT c.id, c.slug, co.sector, COUNT(*) n FROM companies co JOIN cities c ON c.id = co.city_id
           GROUP BY co.city_id, co.sector ORDER BY n DESC, c.id, co.sector LIMIT 1"""
    ).fetchone()


def city(db, slug):
    row = connect(db).execute(
        "SELECT c.id, (SELECT COUNT(*) FROM metrics m WHERE m.city_id = c.id) FROM cities c WHERE c.slug = ?",
        (slug,),
    ).fetchone()
    if not row:
        sys.exit(f"helper: no city {slug!r} in {db}")
    return row


def rows_on(matches, page, per_page=PAGE):
    return max(0, min(per_page, matches - (page - 1) * per_page))


def write(out, urls):
    random.Random(42).shuffle(urls)
    with open(out, "w") as f:
        f.write("".join(u + "\n" for u in urls))


def deep_pairs(db):
    """(city_slug, sector) of every city+sector list with at least DEEP full pages."""
    return [(c, s) for c, s, n in pairs(db) if n >= DEEP * PAGE]


def urls_list(db, out):
    """Pages 1 to DEEP of every city+sector list that fills them (12,000 URLs at 1M companies);
    when there are too few of them (a small database), page 1 of every pair instead. Shuffled,
    so consecutive requests differ in city, sector and page."""
    deep = deep_pairs(db)
    if len(deep) * DEEP >= 5000:
        urls = [f"/companies?city={c}&sector={s}&page={p}" for c, s in deep for p in range(1, DEEP + 1)]
        write(out, urls)
        return len(urls), float(PAGE)
    ps = pairs(db)
    # Too few full pages to outnumber a page cache: page 1 of every pair, each with
    # per_page 40 to 60 (a distinct URL to the cache; about the same rows).
    urls = [f"/companies?city={c}&sector={s}&per_page={k}" for c, s, _ in ps for k in PER_PAGE]
    rows = [rows_on(n, 1, k) for _, _, n in ps for k in PER_PAGE]
    write(out, urls)
    return len(urls), sum(rows) / len(rows)


def urls_page(db, page, out):
    """Page `page` of every city+sector list that has DEEP full pages: the first and the deepest
    page of the uncached stream, measured apart to compare their latency."""
    deep = deep_pairs(db)
    if deep:
        urls = [f"/companies?city={c}&sector={s}&page={page}" for c, s in deep]
    else:
        # A small database: sector-only lists (each sector has DEEP full pages sooner).
        counts = connect(db).execute("SELECT sector, COUNT(*) FROM companies GROUP BY sector").fetchall()
        urls = [f"/companies?sector={s}&page={page}" for s, n in counts if n >= DEEP * PAGE]
    write(out, urls)
    return len(urls), float(PAGE)


def urls_pairs(big, small, out):
    """Page 1 of every city+sector pair of the big database, per_page 40 to 60: the same URLs on
    both sizes (fewer rows on the small one)."""
    small_n = {(c, s): n for c, s, n in pairs(small)}
    big_pairs = pairs(big)
    urls = [f"/companies?city={c}&sector={s}&per_page={k}" for c, s, _ in big_pairs for k in PER_PAGE]
    write(out, urls)
    n = len(big_pairs) * len(PER_PAGE)
    rows_big = sum(rows_on(m, 1, k) for *_, m in big_pairs for k in PER_PAGE) / n
    rows_small = sum(rows_on(small_n.get((c, s), 0), 1, k) for c, s, _ in big_pairs for k in PER_PAGE) / n
    return len(urls), rows_small, rows_big


def urls_sector(big, small, out):
    """Sector-only lists, pages of 40 to 60 rows, only pages that are full on the small database:
    the same URLs show the same number of rows (about 50) on both sizes, so only the size of the
    companies table differs. Varying per_page multiplies the distinct URLs past what a cache holds."""
    counts = dict(
        connect(small).execute("SELECT sector, COUNT(*) FROM companies GROUP BY sector").fetchall()
    )
    urls, rows = [], []
    for sector, n in sorted(counts.items()):
        for per_page in PER_PAGE:
            for page in range(1, n // per_page + 1):
                urls.append(f"/companies?sector={sector}&per_page={per_page}" + (f"&page={page}" if page > 1 else ""))
                rows.append(per_page)
    write(out, urls)
    return len(urls), sum(rows) / max(1, len(rows))


# --- summary -----------------------------------------------------------------------------------

CASES = [
    # id, title, kind
    ("list_html", "Filtered list, HTML, same URL each time (our page cache may answer)", "vs_ds_nginx"),
    ("list_json", "Filtered list, JSON twin", "vs_ds"),
    ("list_csv", "Filtered list, CSV twin", "vs_ds"),
    ("city", "A city's page with its metrics", "vs_ds"),
    ("home", "Dashboard / (cached page)", "vs_nginx"),
    ("compare", "/compare, 4 bundled cities (cached page)", "vs_nginx"),
    ("list_uncached", "Filtered list, a different URL each request (uncached)", "vs_nginx"),
    ("list_deep", "Uncached lists: page 1 against page 5 of the same lists", "deep"),
    ("home_br", "Dashboard /, compressed (Accept-Encoding: br, gzip)", "vs_gzip"),
    ("compare_br", "/compare, compressed (Accept-Encoding: br, gzip)", "vs_gzip"),
    ("list_br", "Filtered list, same URL, compressed (Accept-Encoding: br, gzip)", "vs_gzip"),
    ("scale_pairs", "Scale: city+sector lists, page 1 of every pair, uncached", "scale"),
    ("scale_sector", "Scale: sector-only lists of 40-60 rows (50 on average), uncached", "scale"),
]

SIDE_LABEL = {
    "ours": "ours",
    "ds": "datasette (default)",
    "ds_fast": "datasette (suggest_facets off)",
    "nginx": "nginx, saved copy",
    "nginx_gzip": "nginx, saved copy, gzip on the fly",
    "ours_small": "ours, small database",
    "ours_page5": "ours, page 5 (the other row: page 1)",
}

TARGETS = {
    "list_html": "req/s >= 100x Datasette's fastest setting, p99 <= 1/20 of it; >= 0.8x nginx (cached)",
    "list_json": "req/s >= 20x Datasette's fastest setting",
    "list_csv": "req/s >= 20x Datasette's fastest setting",
    "city": "(no target: context)",
    "home": "req/s >= 0.8x nginx",
    "compare": "req/s >= 0.8x nginx",
    "list_uncached": "req/s >= 0.08x nginx (saved copy of one list page), p99 < 15 ms",
    "list_deep": "p50 of page 5 within 1.2x of page 1",
    "home_br": "req/s >= 1x nginx gzip",
    "compare_br": "req/s >= 1x nginx gzip",
    "list_br": "req/s >= 1x nginx gzip",
    "scale_pairs": "p50 grows < 2x from the small to the large database",
    "scale_sector": "p50 grows < 2x from the small to the large database",
}


def fmt_us(us):
    if us is None:
        return "-"
    if us >= 1_000_000:
        return f"{us / 1e6:.2f} s"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.0f} us"


def fmt_rps(r):
    if r is None:
        return "-"
    return f"{r:,.0f}" if r >= 100 else f"{r:.1f}"


def fmt_ratio(r):
    if r is None:
        return "-"
    return f"{r:,.0f}x" if r >= 100 else f"{r:.2f}x" if r < 10 else f"{r:.1f}x"


def fmt_bytes(b):
    return "-" if b is None else f"{b:,.0f}"


def fmt_mb(kb):
    return "-" if not kb else f"{kb / 1024:.1f}"


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def load(results):
    """{case: {side: {"runs": [dict by rep], "note": str, "conns": str, "enc": str}}} in file order."""
    data = {}
    with open(results) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rec = dict(zip(header, line.rstrip("\n").split("\t")))
            side = data.setdefault(rec["case"], {}).setdefault(
                rec["side"], {"runs": {}, "note": "", "conns": rec["conns"], "enc": rec.get("enc", "")}
            )
            if rec["rps"] == "n/a":
                side["note"] = rec.get("note", "")
                continue
            side["runs"][rec["rep"]] = {k: num(rec[k]) for k in ("rps", "p50_us", "p99_us", "bytes", "rss_kb", "anon_kb", "cpu_us", "errors")}
            if rec.get("note"):
                side["note"] = rec["note"]
    return data


def med(side, key):
    vals = [r[key] for r in side["runs"].values() if r[key] is not None]
    return statistics.median(vals) if vals else None


def peak(side, key):
    vals = [r[key] for r in side["runs"].values() if r[key] is not None]
    return max(vals) if vals else None


def pair_ratio(a, b, key, invert=False):
    """Median over repetitions of a/b (b/a when invert), pairing runs by repetition."""
    ratios = []
    for rep, ra in a["runs"].items():
        rb = b["runs"].get(rep)
        if not rb or not ra[key] or not rb[key]:
            continue
        ratios.append(rb[key] / ra[key] if invert else ra[key] / rb[key])
    return statistics.median(ratios) if ratios else None


def verdict(ok):
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def summary(results, info_path, markdown_out=None):
    info = {}
    with open(info_path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                info[k] = v
    data = load(results)
    lines, checks = [], []

    def out(s=""):
        lines.append(s)

    out(f"== clusterscope benchmark, {info.get('date', '?')}, {info.get('cores', '?')} cores, {info.get('cpu', '')}, "
        f"{info.get('ram_gib', '?')} GiB RAM")
    out(f"code: {info.get('commit', '?')}; database: {info.get('db')} ({info.get('companies')} companies; "
        f"imported in {info.get('import_seconds', '?')} s by {info.get('import_commit', '?')})")
    out(f"filtered list: city {info.get('city_slug')} (id {info.get('city_id')}), sector {info.get('sector')}: "
        f"{info.get('matches')} matching rows; city page: {info.get('page_city')} (id {info.get('page_city_id')}, "
        f"{info.get('page_city_metrics')} metrics)")
    out(f"runs: {info.get('reps')} x {info.get('duration')} s after {info.get('warmup')} s warm-up each, "
        f"interleaved; servers on core 0, taskset -c 1 wrk -t1; medians over repetitions, RSS = peak")
    out()
    head = f"{'':46} {'conns':>5} {'req/s':>9} {'p50':>9} {'p99':>9} {'bytes/resp':>11} {'CPU/req':>9} {'RSS MB':>7} {'anon MB':>7}  enc"
    out(head)
    out("-" * len(head))
    ours_anon = []
    for case, title, kind in CASES:
        if case not in data:
            continue
        sides = data[case]
        title = title.replace("br, gzip", info.get("encoding", "br, gzip"))
        if case.endswith("_br"):
            title += f"; nginx gzip level {info.get('gzip_level', '?')}"
        out(f"{title}")
        for side, s in sides.items():
            label = "  " + SIDE_LABEL.get(side, side)
            if not s["runs"]:
                out(f"{label:46} {s['conns']:>5} {'n/a (' + (s['note'] or 'not run') + ')'}")
                continue
            errs = peak(s, "errors")
            note = f"  {s['note']}" if s["note"] else ""
            if errs:
                note += f"  ERRORS: {errs:.0f} non-2xx/socket errors in a run"
            out(
                f"{label:46} {s['conns']:>5} {fmt_rps(med(s, 'rps')):>9} {fmt_us(med(s, 'p50_us')):>9} "
                f"{fmt_us(med(s, 'p99_us')):>9} {fmt_bytes(med(s, 'bytes')):>11} {fmt_us(med(s, 'cpu_us')):>9} "
                f"{fmt_mb(peak(s, 'rss_kb')):>7} {fmt_mb(peak(s, 'anon_kb')) if side.startswith('ours') else '':>7}  "
                f"{s['enc'] or 'identity'}{note}"
            )
            if side == "ours" and peak(s, "anon_kb"):
                ours_anon.append(peak(s, "anon_kb"))
        ours = sides.get("ours")
        have = lambda k: k in sides and sides[k]["runs"]  # noqa: E731
        target = TARGETS.get(case, "")
        if kind in ("vs_ds", "vs_ds_nginx") and ours and ours["runs"]:
            ds = [k for k in ("ds", "ds_fast") if have(k)]
            if ds:
                fastest = max(ds, key=lambda k: med(sides[k], "rps"))
                r = pair_ratio(ours, sides[fastest], "rps")
                p = pair_ratio(ours, sides[fastest], "p99_us", invert=True)
                others = ", ".join(
                    f"vs {SIDE_LABEL[k]}: {fmt_ratio(pair_ratio(ours, sides[k], 'rps'))}" for k in ds if k != fastest
                )
                out(f"  -> ours / fastest Datasette ({SIDE_LABEL[fastest]}): req/s {fmt_ratio(r)}, p99 1/{p:.0f}"
                    + (f"   ({others})" if others else ""))
                if case == "list_html":
                    ok = r is not None and p is not None and r >= 100 and p >= 20
                    checks.append((f"filtered list HTML vs Datasette: {fmt_ratio(r)} req/s, p99 1/{p:.0f}", ">= 100x, <= 1/20", ok))
                elif case in ("list_json", "list_csv"):
                    checks.append((f"{title} vs Datasette: {fmt_ratio(r)} req/s", ">= 20x", r is not None and r >= 20))
            elif case in ("list_html", "list_json", "list_csv"):
                checks.append((f"{title} vs Datasette", "needs Datasette", None))
        elif kind in ("vs_ds", "vs_ds_nginx"):
            checks.append((f"{title}: ours {ours['note'] if ours else 'not run'}", TARGETS.get(case, ""), None))
        anchor = {"vs_ds_nginx": "nginx", "vs_nginx": "nginx", "vs_gzip": "nginx_gzip"}.get(kind)
        if anchor and ours and ours["runs"] and have(anchor):
            r = pair_ratio(ours, sides[anchor], "rps")
            need = {"vs_gzip": 1.0}.get(kind, 0.08 if case == "list_uncached" else 0.8)
            out(f"  -> ours / {SIDE_LABEL[anchor]}: req/s {fmt_ratio(r)}; p99 ours/nginx {fmt_ratio(pair_ratio(ours, sides[anchor], 'p99_us'))}")
            checks.append((f"{title} vs {SIDE_LABEL[anchor]}: {fmt_ratio(r)}", f">= {need}x", r is not None and r >= need))
            if case == "list_uncached":
                p99 = med(ours, "p99_us")
                out(f"  -> ours: p99 {fmt_us(p99)}, server CPU per uncached page {fmt_us(med(ours, 'cpu_us'))}")
                checks.append((f"{title}: p99 {fmt_us(p99)} at {ours['conns']} connections", "< 15 ms", p99 is not None and p99 < 15_000))
        if kind == "deep" and have("ours") and have("ours_page5"):
            r = pair_ratio(sides["ours_page5"], sides["ours"], "p50_us")
            out(f"  -> p50 page 5 / page 1: {fmt_ratio(r)}   ({info.get('rows.list_deep', '')})")
            checks.append((f"{title}: p50 page 5 / page 1 {fmt_ratio(r)}", "<= 1.2x", r is not None and r <= 1.2))
        if kind == "scale" and have("ours") and have("ours_small"):
            small, big = sides["ours_small"], sides["ours"]
            r = pair_ratio(big, small, "p50_us")
            rows = info.get(f"rows.{case}", "")
            out(f"  -> p50 large / small database: {fmt_ratio(r)}" + (f"   (rows per page: {rows})" if rows else ""))
            checks.append((f"{title}: p50 grows {fmt_ratio(r)}", "< 2x", r is not None and r < 2))
        out(f"     target: {target}")
        out()

    out("URLs")
    for k in sorted(info):
        if k.startswith("url."):
            out(f"  {k[4:]:22} {info[k]}")
    out()

    imp = num(info.get("import_seconds"))
    stale = ""
    if info.get("import_commit") != info.get("commit"):
        stale = f" (timed when the database was built, by {info.get('import_commit')}; REBUILD=1 re-times it)"
    case_s, case_kb = num(info.get("import_case_seconds")), num(info.get("import_case_rss_kb"))
    at_1m = info.get("companies") == "1000000"
    if case_s is not None:
        what = f"import of {info.get('companies')} companies (import case, this code)"
        checks.append((f"{what}: {case_s:.1f} s", "< 15 s at 1M", case_s < 15 if at_1m else None))
        checks.append((f"{what}: peak RSS {case_kb / 1024:.0f} MB", "< 300 MB at 1M", case_kb < 300 * 1024 if at_1m else None))
    elif at_1m:
        checks.append((f"import of 1M companies: {info.get('import_seconds')} s{stale}", "< 15 s", imp is not None and imp < 15))
    else:
        checks.append((f"import of {info.get('companies')} companies: {info.get('import_seconds')} s", "< 15 s at 1M", None))
    if ours_anon:
        checks.append((f"our RssAnon under load (peak): {max(ours_anon) / 1024:.1f} MB", "< 100 MB", max(ours_anon) < 100 * 1024))
    hb = num(info.get("home_compressed_bytes"))
    enc_sent = info.get("encoding", "br, gzip")
    if hb is not None:
        enc = info.get("home_compressed_encoding") or "identity"
        checks.append((f"/ with Accept-Encoding: {enc_sent}: {hb:,.0f} bytes ({enc}; gzip -9 of it: {info.get('home_gzip9_bytes')})",
                       "< 25 KB compressed", hb < 25 * 1024 and enc != "identity"))
    out("Targets")
    for what, target, ok in checks:
        out(f"  {verdict(ok):4}  {what}   [target {target}]")
    text = "\n".join(lines)
    print(text)
    if markdown_out:
        with open(markdown_out, "w") as f:
            f.write("```\n" + text + "\n```\n")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "pick":
        print(*pick(*args))
    elif cmd == "city":
        print(*city(*args))
    elif cmd == "urls-list":
        n, rows = urls_list(*args)
        print(n, f"{rows:.1f}")
    elif cmd == "urls-page":
        n, rows = urls_page(*args)
        print(n, f"{rows:.1f}")
    elif cmd == "urls-pairs":
        n, small, big = urls_pairs(*args)
        print(n, f"{small:.1f}", f"{big:.1f}")
    elif cmd == "urls-sector":
        n, rows = urls_sector(*args)
        print(n, f"{rows:.1f}")
    elif cmd == "summary":
        summary(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
