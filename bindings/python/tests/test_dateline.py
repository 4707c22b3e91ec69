"""test_dateline: the Python package against the C library it wraps and the programs built
with it: every method, every error class, the seed article's round trip, searches identical
to `dateline-search --format json`, and eight threads searching at once."""
import datetime
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import threading

import pytest

import dateline
from dateline import _capi
from dateline.errors import BY_STATUS, error

from conftest import BUILDDIR, SHARED, SRCDIR, run

SEED = os.path.join(SHARED, "corpora", "seed", "000_1644d3fc511c4341.txt")


def test_the_library_of_the_build_tree():
    assert os.path.samefile(dateline.library(), os.path.join(BUILDDIR, ".libs",
                                                             "libdateline.so.0"))
    assert dateline.version() == run("dateline-search", "--version").stdout.split()[-1]


# -- errors ------------------------------------------------------------------------------------

def test_every_status_has_its_class():
    names = {"NO_MEMORY": "NoMemoryError", "BAD_ARGUMENT": "BadArgumentError",
             "FILE_ERROR": "FileError", "LOCKED": "LockedError", "MODIFIED": "ModifiedError",
             "CORRUPT": "CorruptIndexError", "VERSION": "VersionError",
             "QUERY_SYNTAX": "QuerySyntaxError", "BAD_INPUT": "BadInputError",
             "CHARSET": "CharsetError", "XAPIAN_ERROR": "XapianError",
             "INTERNAL": "InternalError", "NOT_FOUND": "NotFoundError",
             "READ_ONLY": "ReadOnlyError"}
    # the statuses of the header, in its order
    header = open(os.path.join(SRCDIR, "include", "dateline.h")).read()
    enum = re.search(r"typedef enum \{(.*?)\} dateline_status_t;", header, re.S).group(1)
    statuses = re.findall(r"DATELINE_([A-Z_]+)", enum)
    assert statuses == ["OK"] + list(names)[:-1] + ["END", "READ_ONLY"]
    assert len(BY_STATUS) == 14
    for value, status in enumerate(statuses):
        assert getattr(_capi, status) == value
        if status in ("OK", "END"):
            assert value not in BY_STATUS
            continue
        cls = getattr(dateline, names[status])
        assert BY_STATUS[value] is cls and cls.status == value
        e = error(value)
        assert type(e) is cls and isinstance(e, dateline.Error) and e.status == value
        # without a message of the library's: its text for the status
        assert str(e) == e.status_text != ""
        assert str(error(value, "what happened")) == "what happened"
    assert issubclass(dateline.NotFoundError, LookupError)
    assert issubclass(dateline.QuerySyntaxError, ValueError)
    assert issubclass(dateline.FileError, OSError)
    assert issubclass(dateline.NoMemoryError, MemoryError)
    assert issubclass(dateline.ClosedError, dateline.BadArgumentError)


def test_not_found(tmp_path, corpus_db):
    with pytest.raises(dateline.NotFoundError) as e:
        dateline.Index(tmp_path / "none")
    assert str(tmp_path / "none") in str(e.value) and e.value.status == _capi.NOT_FOUND
    with dateline.Index(corpus_db) as ix:
        with pytest.raises(dateline.NotFoundError, match="no article with id 0000"):
            ix.show("0000")
        with pytest.raises(dateline.NotFoundError):
            ix.similar("0000")


def test_query_syntax(corpus_db):
    with dateline.Index(corpus_db) as ix:
        with pytest.raises(dateline.QuerySyntaxError) as e:
            ix.search("syria (raqqa")
        assert e.value.position == 7
        assert "parenthesis that is never closed" in str(e.value)
        with pytest.raises(dateline.QuerySyntaxError) as e:
            ix.count("palce:x")
        assert e.value.position == 1 and "did you mean place:?" in str(e.value)
        with pytest.raises(dateline.QuerySyntaxError, match="is not a date"):
            ix.query("date:2017-13")


def test_locked(tmp_path):
    db = str(tmp_path / "db")
    dateline.Index(db, writable=True).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import dateline, sys; ix = dateline.Index(sys.argv[1], "
         "writable=True); print('open', flush=True); sys.stdin.read()", db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(dateline.LockedError) as e:
            dateline.Index(db, writable=True)
        assert str(holder.pid) in str(e.value)
        with dateline.Index(db) as ix:  # readers are not locked out
            assert ix.count() == 0
    finally:
        holder.communicate("")
    dateline.Index(db, writable=True).close()


def test_corrupt_and_version(tmp_path, corpus_db):
    broken = tmp_path / "broken"
    shutil.copytree(corpus_db, broken)
    with open(broken / "iamglass", "r+b") as f:
        f.truncate(os.path.getsize(broken / "iamglass") // 2)
    with pytest.raises(dateline.CorruptIndexError, match="xapian-check"):
        dateline.Index(broken)
    xapian = pytest.importorskip("xapian")
    foreign = str(tmp_path / "foreign")
    db = xapian.WritableDatabase(foreign, xapian.DB_CREATE_OR_OPEN)
    db.add_document(xapian.Document())
    db.commit()
    db.close()
    with pytest.raises(dateline.VersionError, match="not a Dateline index"):
        dateline.Index(foreign)


def test_modified_then_reopen(tmp_path):
    db = str(tmp_path / "db")
    with dateline.Index(db, writable=True, sync=False) as w:
        for i in range(300):
            w.add(title="Story %d" % i, body="oil price %d" % i)
        w.commit()
        with dateline.Index(db) as r:
            assert r.count("oil") == 300
            # the writer rewrites what the reader's revision was made of, commit after commit
            for round in range(4):
                for i in range(300):
                    w.add(title="Story %d %d" % (i, round), body="oil gas %d %d" % (i, round))
                w.commit()
            with pytest.raises(dateline.ModifiedError, match="reopen it and run the search"):
                list(r.search("oil", limit=100))
            r.reopen()
            assert r.count("oil") == 1500


def test_bad_argument_file_and_input(tmp_path, corpus_db):
    with dateline.Index(corpus_db) as ix:
        with pytest.raises(dateline.ReadOnlyError, match="read-only"):
            ix.add(title="t", body="b")
        with pytest.raises(ValueError, match="unknown sort 'best'"):
            ix.search("oil", sort="best")
        with pytest.raises(ValueError, match="unknown facet 'places'"):
            ix.facets("oil", "places")
    with dateline.Index(tmp_path / "w", writable=True) as ix:
        with pytest.raises(dateline.BadInputError, match="no title"):
            ix.add(source="Reuters")
        with pytest.raises(ValueError, match="'2017-02-30' is not a real calendar date"):
            ix.add(title="t", date="2017-02-30")
        with pytest.raises(dateline.FileError) as e:
            ix.ingest(tmp_path / "absent.txt")
        assert "absent.txt" in str(e.value)
        with pytest.raises(dateline.BadInputError):
            ix.ingest(b"", name="empty.txt")
        with pytest.raises(dateline.BadArgumentError):
            ix.ingest(b"text", encoding="no-such-charset")


# -- reading and writing -------------------------------------------------------------------

def test_add_show_delete_round_trip(tmp_path):
    db = tmp_path / "db"
    with dateline.Index(db, writable=True) as ix:
        a = dateline.Article(title="Floods in Dhaka", body="DHAKA (Reuters) - Floods rose.",
                             date=datetime.date(2004, 7, 20), source="Reuters",
                             topics=["weather", "asia"], file="mine.txt", key="7")
        got = ix.add(a)
        assert got.outcome == "added" and re.fullmatch(r"[0-9a-f]{16}", got.id)
        assert ix.add(a) == (got.id, "unchanged")
        second = ix.add(title="Month only", body="text", date="2005-03")
        ix.commit()
        assert ix.count() == 2
        shown = ix.show(got.id)
        assert (shown.title, shown.body, shown.source, shown.topics) == (
            a.title, a.body, a.source, ["weather", "asia"])
        assert shown.date == datetime.date(2004, 7, 20) and shown.date.precision == "day"
        assert shown.origins == [dateline.Origin("mine.txt", "7")]
        assert "Bangladesh" in shown.places or "Dhaka" in shown.places
        assert shown.story == got.id
        month = ix.show(second.id).date
        assert (month.precision, month.span, str(month)) == (
            "month", (datetime.date(2005, 3, 1), datetime.date(2005, 3, 31)), "2005-03")
        ix.delete(second.id)
        with pytest.raises(dateline.NotFoundError):
            ix.delete("ffffffffffffffff")
        ix.commit()
        assert ix.count() == 1
        assert ix.delete_origin("mine.txt") == (1, 0)
        ix.commit()
        assert ix.count() == 0


def test_seed_article_round_trip(tmp_path):
    if not os.path.exists(SEED):
        pytest.skip("%s is absent: the seed round trip is skipped (CI has ../shared)" % SEED)
    db = str(tmp_path / "db")
    with dateline.Index(db, writable=True) as ix:
        report = ix.ingest(SEED)
        assert (report.files, report.read, report.added, report.rejected) == (1, 1, 1, [])
        assert report.formats == {"text": 1}
    [read] = dateline.read(SEED)
    # what the program shows of the stored article is what Python reads back
    with dateline.Index(db) as ix:
        [r] = ix.search("*")
        shown = ix.show(r.id)
        want = json.loads(run("dateline-search", "--index", db, "--format", "json", "--show",
                              r.id).stdout)
        for f in ("id", "title", "date", "dateline", "source", "datelines", "places", "groups",
                  "acronyms", "topics", "author", "file", "key", "story", "charset",
                  "repaired", "body"):
            value = getattr(shown, f)
            assert (str(value) if f == "date" and value else value) == want[f], f
        assert [p._asdict() for p in shown.place_ids] == want["place_ids"]
        assert shown.body == read.body and shown.title == read.title
        assert shown.file == os.path.realpath(SEED) and "Syria" in shown.places
        assert "Syrian Democratic Forces" in shown.groups
        assert ix.count('place:syria group:"islamic state"') == 1


def test_ingest_like_dateline_index(tmp_path, corpus_db):
    db = str(tmp_path / "db")
    cwd = os.getcwd()
    os.chdir(SRCDIR)
    try:
        with dateline.Index(db, writable=True) as ix:
            report = ix.ingest("corpus")
    finally:
        os.chdir(cwd)
    summary = run("dateline-index", "--index", str(tmp_path / "db2"), "corpus",
                  check=False).stderr.splitlines()[-1]
    m = re.search(r"read (\d+), added (\d+), updated (\d+), unchanged (\d+), duplicates (\d+), "
                  r"rejected (\d+).*formats: (.*)", summary)
    assert (report.read, report.added, report.updated, report.unchanged, report.duplicates,
            len(report.rejected)) == tuple(int(g) for g in m.groups()[:6])
    assert report.formats == {f: int(n) for f, n in
                              (kv.split() for kv in m.group(7).split(", "))}
    with dateline.Index(db) as mine, dateline.Index(corpus_db) as theirs:
        assert [r.id for r in mine.search("*", limit=200, sort="oldest")] == \
            [r.id for r in theirs.search("*", limit=200, sort="oldest")]
        assert mine.stats().articles == theirs.stats().articles == report.added
    again = dateline.Index(db, writable=True)
    with again:
        report = again.ingest(os.path.join(SRCDIR, "corpus", "wire", "2017-10-17-raqqa.txt"))
    # the file already read as corpus/wire/...: any spelling of its path is one origin
    assert (report.read, report.added, report.unchanged, report.duplicates) == (1, 0, 1, 0)


def test_read_and_reader(tmp_path):
    rejected = []
    data = b'{"title":"One","text":"First."}\nnot json\n{"title":"Two","text":"Second."}\n'
    got = list(dateline.read(data, name="feed.jsonl", format="json", rejected=rejected))
    assert [a.title for a in got] == ["One", "Two"] and got[0].body == "First."
    assert [(r.file, r.line) for r in rejected] == [("feed.jsonl", 2)]
    with dateline.Reader(data, format="json", name="feed.jsonl") as r:
        assert r.format == "json" and r.not_article() is None
        assert r._next()[0] == _capi.OK and r.position == 1
        assert r._next()[0] == _capi.BAD_INPUT and r.position == 2
        assert r.message == rejected[0].message != ""
    with dateline.Reader(b"<!ELEMENT a (b)>\n<!ATTLIST a id CDATA #IMPLIED>\n") as r:
        assert r.not_article() == "a DTD"
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        dateline.Reader(data, format="yaml")
    r = dateline.Reader(data)
    r.close()
    with pytest.raises(dateline.ClosedError):
        r.format


# -- searching ---------------------------------------------------------------------------------

QUERIES = [
    ("*", []),
    ("syria", []),
    ("oil", ["--sort", "newest", "--facet", "place:5", "--facet", "source"]),
    ("oil OR crude", ["--limit", "20", "--offset", "3", "--facet", "topic"]),
    ('"islamic state"', ["--timeline", "month", "--facet", "group:3"]),
    ("place:usa", ["--sort", "oldest", "--timeline", "year", "--by", "place:3"]),
    ("date:1987", ["--timeline", "day", "--facet", "dateline", "--all-versions"]),
    ("title:wall OR berlin", ["--sort", "recent"]),
    ("-oil", ["--limit", "50", "--timeline", "week"]),
    ("nothingmatchesthis", ["--facet", "place"]),
]


def _python_search(ix, query, args):
    opts, facets, timeline, by = {}, {}, None, None
    it = iter(args)
    for a in it:
        if a == "--sort":
            opts["sort"] = next(it)
        elif a == "--limit":
            opts["limit"] = int(next(it))
        elif a == "--offset":
            opts["offset"] = int(next(it))
        elif a == "--facet":
            name, _, top = next(it).partition(":")
            facets[name] = int(top or 10)
        elif a == "--timeline":
            timeline = next(it)
        elif a == "--by":
            name, _, top = next(it).partition(":")
            by, opts["by_top"] = name, int(top or 5)
        elif a == "--all-versions":
            opts["all_versions"] = True
    return ix.search(query, facets=facets, timeline=timeline, by=by, **opts)


@pytest.mark.parametrize("query,args", QUERIES)
def test_search_as_the_shell(corpus_db, query, args):
    p = run("dateline-search", "--index", corpus_db, "--format", "json", *args, "--", query,
            check=False)
    assert p.returncode in (0, 1), p.stderr
    want = json.loads(p.stdout)
    with dateline.Index(corpus_db) as ix:
        got = _python_search(ix, query, args)
        assert (got.total, got.stories) == (want["total"], want["stories"])
        assert len(got) == len(want["results"])
        for r, w in zip(got, want["results"]):
            assert (r.id, r.rank, r.versions, r.story) == (w["id"], w["rank"], w["versions"],
                                                           w["story"])
            assert "%.4f" % r.score == "%.4f" % w["score"]
            assert (str(r.date) if r.date else None) == w["date"]
            for f in ("dateline", "source", "title", "places", "groups", "topics", "snippet"):
                assert getattr(r, f) == w[f], f
            assert [p._asdict() for p in r.place_ids] == w["place_ids"]
            # the index records a file by its absolute path; the shell shows one under the
            # folder it runs in relative to it
            assert r.origins[0] == (os.path.join(os.path.realpath(SRCDIR), w["origin"]["file"]),
                                    w["origin"]["key"])
            # highlights: characters here, bytes of UTF-8 there
            b = r.snippet.encode()
            assert [(len(b[:s].decode()), len(b[:e].decode())) for s, e in w["highlights"]] \
                == r.highlights
        facets = {k: [{"value": v, "count": n} for v, n in vs] for k, vs in got.facets.items()}
        assert facets == want.get("facets", {})
        t = got.timeline
        if "timeline" not in want:
            assert t is None
            return
        wt = want["timeline"]
        assert (t.period, t.undated, t.coarser) == (wt["period"], wt["undated"], wt["coarser"])
        assert [{"period": p.label, "count": p.count, "places": p.places, "groups": p.groups}
                for p in t] == wt["periods"]
        assert all(p.start == dateline.Date(p.label) for p in t)
        assert t.by == wt.get("by")
        assert [{"value": v, "counts": c} for v, c in t.series.items()] == wt.get("series", [])


def test_count_facets_timeline_similar(corpus_db):
    with dateline.Index(corpus_db) as ix:
        def shell(*args):
            return json.loads(run("dateline-search", "--index", corpus_db, "--format", "json",
                                  *args, check=False).stdout)
        assert ix.count("oil") == shell("--count", "oil")["total"]
        assert ix.count() == ix.stats().articles == shell("--count", "*")["total"]
        assert ix.facets("*", "place", 4) == [
            (v["value"], v["count"]) for v in shell("--facet", "place:4", "*")["facets"]["place"]]
        t = ix.timeline("place:syria", "month")
        assert [(p.label, p.count) for p in t] == [
            (p["period"], p["count"]) for p in shell("--timeline", "month", "-n", "0",
                                                     "place:syria")["timeline"]["periods"]]
        first = ix.search("oil", limit=1)[0]
        want = shell("--similar", first.id, "-n", "5")
        got = ix.similar(first.id, limit=5)
        assert [r.id for r in got] == [r["id"] for r in want["results"]]
        assert first.id not in [r.id for r in got]
        assert [r.id for r in ix.similar(first.id, filter="date:1987", limit=50)] == [
            r["id"] for r in shell("--similar", first.id, "-n", "50", "date:1987")["results"]]


def test_iter_search_streams_every_match(corpus_db):
    with dateline.Index(corpus_db) as ix:
        every = ix.search("*", limit=1000, sort="oldest")
        streamed = ix.iter_search("*", sort="oldest", page=7)
        assert next(streamed).id == every[0].id
        assert [r.id for r in streamed] == [r.id for r in every][1:]
        assert len(every) == every.stories == 74 and every.total == ix.count() == 76
        assert [r.id for r in every[2:5]] == [every[i].id for i in (2, 3, 4)]
        assert every[-1].id == every[len(every) - 1].id


def test_highlight_query_and_values(corpus_db):
    with dateline.Index(corpus_db) as ix:
        r = ix.search("raqqa")[0]
        assert r.highlight() == "US-backed forces take full control of [Raqqa]"
        assert r.highlight("title", "<b>", "</b>") == \
            "US-backed forces take full control of <b>Raqqa</b>"
        assert r.highlight("body").count("[Raqqa]") == r.body.count("Raqqa")
        assert r.highlight("snippet", length=60).startswith("...") or "[Raqqa]" in \
            r.highlight("snippet", length=60)
        with pytest.raises(ValueError):
            r.highlight("source")
        q = ix.query("oil price")
        assert "oil" in q.describe() and q.count() == ix.count("oil price")
        assert q.run(3).total == q.count()
        sources = ix.values("source")
        assert sum(n for _, n in sources) <= ix.count() and sources[0][1] >= sources[-1][1]
        for v, n in sources:
            assert ix.count("source:" + dateline.quote(None, v)[1:-1].replace(" ", "-")) == n \
                or ix.count('source:"%s"' % v) == n
        with pytest.raises(ValueError):
            ix.values("title")
        s = ix.stats()
        assert (s.first, s.last) == (min(r.date for r in ix.iter_search("*") if r.date),
                                     max(r.date for r in ix.iter_search("*") if r.date))
        assert s.bytes > 0 and s.dated <= s.articles


def test_quote_date_and_place_name():
    assert dateline.quote("place", 'Deir "al" Zor') == 'place:"Deir \\"al\\" Zor"'
    assert dateline.quote(None, "a*b") == '"a\\*b"'
    with pytest.raises(ValueError):
        dateline.quote("pla ce", "x")
    assert dateline.place_name("sy") == "Syria" and dateline.place_name("nowhere") is None
    d = dateline.Date("2016")
    assert (d, d.last, d.precision) == (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31),
                                        "year")
    t = dateline.Date("2017-10-17T08:30:00")
    assert t.time == datetime.time(8, 30) and t.precision == "day"
    with pytest.raises(ValueError):
        dateline.Date("17 October")


# -- ownership ---------------------------------------------------------------------------------

def test_no_use_after_close(corpus_db):
    ix = dateline.Index(corpus_db)
    q = ix.query("oil")
    res = ix.search("oil", facets={"place": 3}, timeline="year")
    first = res[0]
    stream = ix.iter_search("*", page=2)
    next(stream)
    ix.close()
    ix.close()  # twice: nothing
    for use in (lambda: ix.search("oil"), lambda: ix.count(), lambda: ix.stats(),
                lambda: q.count(), lambda: q.describe(), lambda: q.run(), lambda: res.total,
                lambda: res[1], lambda: len(res), lambda: res.facets, lambda: res.timeline,
                lambda: first.highlight(), lambda: list(stream), lambda: ix.show(first.id),
                lambda: ix.reopen(), lambda: ix.values("source")):
        with pytest.raises(dateline.ClosedError, match="closed"):
            use()
    assert first.title  # what was copied out stays
    del q, res, first, stream
    gc.collect()  # their handles went with the index: nothing is freed twice


def test_results_invalid_after_reopen_and_freed(corpus_db):
    with dateline.Index(corpus_db) as ix:
        q = ix.query("oil")
        res = q.run(5)
        ix.reopen()
        with pytest.raises(dateline.ClosedError, match="reopened"):
            res[0]
        assert q.run(5)[0].id == ix.search("oil")[0].id  # the query stays valid
        res = q.run(5)
        res.free()
        res.free()
        with pytest.raises(dateline.ClosedError):
            res.total
        for _ in range(200):  # dropped queries and results are freed as it goes
            ix.search("oil", limit=2)[0].title
        assert len(ix._garbage) <= 2


def test_writable_index_commits_on_close(tmp_path):
    db = tmp_path / "db"
    ix = dateline.Index(db, writable=True, sync=False)
    ix.add(title="One", body="first")
    ix.close()
    with dateline.Index(db) as ix:
        assert [r.title for r in ix.search("first")] == ["One"]


# -- threads -----------------------------------------------------------------------------------

def test_eight_threads_search_at_once(corpus_db):
    # a CDLL (not a PyDLL) releases the GIL for the length of every call into the library
    import ctypes
    assert type(_capi.lib) is ctypes.CDLL
    queries = [q for q, _ in QUERIES]
    with dateline.Index(corpus_db) as ix:
        want = {q: [(r.id, r.score) for r in ix.search(q, limit=30)] for q in queries}
    errors, barrier = [], threading.Barrier(8)

    def work(k):
        try:
            with dateline.Index(corpus_db) as mine:
                barrier.wait()
                for round in range(15):
                    q = queries[(k + round) % len(queries)]
                    got = [(r.id, r.score) for r in mine.search(q, limit=30)]
                    if got != want[q]:
                        errors.append((k, q, got))
        except Exception as e:  # pragma: no cover - reported below
            errors.append((k, repr(e)))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_one_index_shared_by_threads_takes_turns(corpus_db):
    with dateline.Index(corpus_db) as ix:
        want = [r.id for r in ix.search("*", limit=100)]
        got = []
        threads = [threading.Thread(target=lambda: got.append(
            [r.id for r in ix.search("*", limit=100)])) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert got == [want] * 8


def test_readme_notebook_example(corpus_db, tmp_path, monkeypatch, capsys):
    """README.md, "From Python": its Python blocks run over the index of corpus/ and print
    what the text block after the first shows."""
    readme = open(os.path.join(SRCDIR, "README.md"), encoding="utf-8").read()
    section = readme.split("### From Python", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```(python|text)\n(.*?)```", section, re.S)
    assert [kind for kind, _ in blocks] == ["python", "text", "python"]
    os.symlink(corpus_db, tmp_path / "news.db")
    monkeypatch.chdir(tmp_path)
    space = {}
    exec(blocks[0][1], space)
    assert capsys.readouterr().out == blocks[1][1]
    exec(blocks[2][1], space)
    assert os.path.exists("months.png") == (space["plt"] is not None)


def test_explain_as_the_shell(corpus_db):
    """ix.explain(id) gives what dateline-search --show ID --explain --format json gives (its
    byte offsets as characters), for every article of corpus/; all exact."""
    with dateline.Index(corpus_db) as ix:
        ids = [r.id for r in ix.search("*", limit=1000, all_versions=True)]
        assert len(ids) == ix.count()
        for id in ids:
            want = json.loads(run("dateline-search", "--index", corpus_db, "--show", id,
                                  "--explain", "--format", "json").stdout)
            got = ix.explain(id)
            assert got.exact and want["entities_exact"]
            texts = {"title": want["title"], "body": want["body"]}
            def chars(m):
                t = texts.get(m["field"])
                return len(t.encode()[:m["offset"]].decode()) if t else m["offset"]
            assert [(e.kind, e.id, e.name, e.salience) for e in got] == [
                (e["kind"], e["id"], e["name"], e["salience"]) for e in want["entities"]]
            assert [[tuple(m) for m in e.mentions] for e in got] == [
                [(m["field"], m["nth"], chars(m), m["words"], m["rule"]) for m in e["mentions"]]
                for e in want["entities"]]
            assert [[tuple(c) for c in e.beat] for e in got] == [
                [(c["id"], c["name"], c["why"]) for c in e["beat"]] for e in want["entities"]]
            for e in got:  # each mention's words stand at its offset, in characters
                for m in e.mentions:
                    if m.field in texts:
                        assert texts[m.field][m.offset:m.offset + len(m.words)] == m.words
        atlanta = ix.explain(ix.search("atlanta centennial", limit=1)[0].id)
        georgia = [e for e in atlanta if e.name == "Georgia"][0]
        assert georgia.id == "us.ga" and georgia.beat[0].id == "ge"
        with pytest.raises(dateline.NotFoundError):
            ix.explain("0123456789abcdef")


def test_shards_as_one_index(tmp_path, corpus_db):
    """An index written by dateline-index --jobs 2, opened as its folder or as a list of its
    shards, answers as the one index of the same files; a shard that does not answer is an
    error, or with allow_partial is left out and listed."""
    j2 = str(tmp_path / "j2")
    p = run("dateline-index", "--jobs", "2", "--index", j2, "corpus", check=False)
    assert p.returncode in (0, 1), p.stderr
    parts = [os.path.join(j2, "shard-0"), os.path.join(j2, "shard-1")]
    with dateline.Index(corpus_db) as one, dateline.Index(j2) as folder, \
            dateline.Index(parts) as listed:
        assert (one.shards, folder.shards, listed.shards) == (1, 2, 2)
        assert listed.dead_shards == []
        for q in ("oil", "place:syria", "*", "date:1987 cocoa", "group:sdf OR opec"):
            want = [(r.id, r.score) for r in one.search(q, limit=50)]
            assert [(r.id, r.score) for r in folder.search(q, limit=50)] == want, q
            assert [(r.id, r.score) for r in listed.search(q, limit=50)] == want, q
            assert listed.count(q) == one.count(q)
    with pytest.raises(dateline.FileError) as e:
        dateline.Index([parts[0], "tcp 127.0.0.1 1"])
    assert "tcp 127.0.0.1 1" in str(e.value)
    with dateline.Index([parts[0], "tcp 127.0.0.1 1"], allow_partial=True) as part, \
            dateline.Index(parts[0]) as alone:
        assert part.shards == 1 and len(part.dead_shards) == 1
        assert part.dead_shards == ["'tcp 127.0.0.1 1': Couldn't connect"]
        assert part.count("*") == alone.count("*")
    with pytest.raises(dateline.BadArgumentError):
        dateline.Index(parts, writable=True)


def _sizes(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)


def test_compact_keeps_every_answer(tmp_path):
    """dateline.compact() rewrites an index of shards where it is, keeping its shards, every
    answer and every score, in fewer bytes; merge_shards merges them into one index that
    answers the same; a writer's lock and a missing index are errors, as in the shell."""
    j2 = str(tmp_path / "j2")
    p = run("dateline-index", "--no-compact", "--jobs", "2", "--index", j2, "corpus",
            check=False)
    assert p.returncode in (0, 1), p.stderr
    queries = ("oil", "place:syria", "*", "date:1987 cocoa", "group:sdf OR opec")

    def answers():
        with dateline.Index(j2) as ix:
            return ix.shards, {q: [(r.id, r.score) for r in ix.search(q, limit=100)]
                               for q in queries}

    shards, before = answers()
    assert shards == 2 and all(before.values())
    size = _sizes(j2)
    with dateline.Index(os.path.join(j2, "shard-0"), writable=True):
        with pytest.raises(dateline.LockedError):
            dateline.compact(j2)
    dateline.compact(j2)
    assert answers() == (2, before)
    assert _sizes(j2) < size
    assert sorted(os.listdir(tmp_path)) == ["j2"]  # nothing left beside it
    dateline.compact(j2, merge_shards=True)
    merged = answers()
    assert merged[0] == 1
    assert {q: [i for i, _ in r] for q, r in merged[1].items()} == \
        {q: [i for i, _ in r] for q, r in before.items()}
    with pytest.raises(dateline.NotFoundError) as e:
        dateline.compact(str(tmp_path / "none"))
    assert "none" in str(e.value)
