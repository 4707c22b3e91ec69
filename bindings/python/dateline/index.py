"""index: an open index and what it answers (queries, results, facets, timelines), over
libdateline's handles, with the C rules of ownership kept: a query and its results hold
their Index, and every use after the Index is closed raises ClosedError instead of reaching
freed memory."""
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple, Union

from . import _capi
from .articles import Article, Date, fill, to_c
from .errors import BadArgumentError, ClosedError, Error, error

c_void_p, c_size_t, c_char_p, byref = _capi.c_void_p, _capi.c_size_t, _capi.c_char_p, _capi.byref
lib = _capi.lib

SNIPPET_LENGTH = 240  # bytes, as dateline-search prints
_HI_START, _HI_END = "\x01", "\x02"  # marks the snippet is asked for; normalized text has none


def _name(kind: str, table: dict, value: str) -> int:
    if value not in table:
        raise ValueError("dateline: unknown %s %r: use %s" % (
            kind, value, ", ".join(sorted(table, key=lambda k: table[k]))))
    return table[value]


def _unmark(marked: str) -> Tuple[str, List[Tuple[int, int]]]:
    """A text marked with _HI_START/_HI_END without its marks, and where they were (character
    offsets into it: text[start:end] is the matched word)."""
    out, spans, start = [], [], None
    n = 0
    for ch in marked:
        if ch == _HI_START:
            start = n
        elif ch == _HI_END and start is not None:
            spans.append((start, n))
            start = None
        else:
            out.append(ch)
            n += 1
    return "".join(out), spans


class Added(NamedTuple):
    """What Index.add() did: the article's id, and "added", "updated", "unchanged" or
    "duplicate" (a copy read from elsewhere: the article now lists this origin too)."""
    id: str
    outcome: str


class Rejection(NamedTuple):
    """An input record that was not indexed: its file, the line it starts on (0 for the
    whole file) and why."""
    file: str
    line: int
    message: str


@dataclass
class IngestReport:
    """What Index.ingest() did, counted as dateline-index counts in its summary."""
    files: int = 0          # files read
    skipped: int = 0        # files in a folder that are not articles (a DTD, a list)
    read: int = 0           # articles read (rejected ones too)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: List[Rejection] = field(default_factory=list)
    formats: Dict[str, int] = field(default_factory=dict)  # records read in each format


@dataclass
class Stats:
    """What an index holds (Index.stats())."""
    articles: int           # articles
    dated: int              # articles with a date
    first: Optional[Date]   # the earliest date, None when none is dated
    last: Optional[Date]    # the latest date
    origins: int            # distinct files articles were read from
    copies: int             # articles read from more than one file or record
    repaired: int           # articles whose text was repaired
    bytes: int              # size of the index's files on disk


class Period(NamedTuple):
    """One period of a timeline: its label ("2017-10"; a week by its Monday), its first day,
    how many matches fall in it, and its commonest places and groups (up to 3 each)."""
    label: str
    start: Date
    count: int
    places: List[str]
    groups: List[str]


class Timeline(list):
    """The periods of a timeline, oldest first, every period from the first with matches to
    the last (those between with count 0). `undated` and `coarser` count the matches in no
    period (no date; a date less precise than the period). With `by=`, `series` maps each
    of the commonest values of that facet to its count in each period (a list as long as
    the timeline), in order of how many matches have the value."""

    def __init__(self, period: str, periods, undated: int, coarser: int,
                 by: Optional[str] = None, series: Optional[Dict[str, List[int]]] = None):
        super().__init__(periods)
        self.period = period
        self.undated = undated
        self.coarser = coarser
        self.by = by
        self.series = series or {}


class Mention(NamedTuple):
    """Where a place or group is named and by what rule: `field` ("title", "body",
    "datelines", or "places" and "groups" for the source's labels), `nth` (which value of
    the field, from 0), `offset` (in characters of that value, from 0), the words as written,
    and the rule that took them ("dateline", "gazetteer name", "learned alias", ...)."""
    field: str
    nth: int
    offset: int
    words: str
    rule: str


class Candidate(NamedTuple):
    """An entry of the gazetteer or the group list that the words could have meant, and
    why it lost."""
    id: str
    name: str
    why: str


class Entity(NamedTuple):
    """A place or group of an article, explained: `kind` ("place", "group", or "learned"
    for the group of an alias the index learned, not among the stored groups), its id, name
    and salience, its mentions and the candidates it beat."""
    kind: str
    id: str
    name: str
    salience: int
    mentions: List[Mention]
    beat: List[Candidate]


class Explanation(list):
    """The places of an article, then its groups, most salient first, then learned groups
    (each an Entity); `exact` says whether extraction run again gave exactly the stored
    places and groups."""

    def __init__(self, entities, exact: bool):
        super().__init__(entities)
        self.exact = exact


def _char_offset(text: Optional[str], offset: int) -> int:
    """A byte offset into the UTF-8 of text as a count of characters."""
    return len(text.encode()[:offset].decode("utf-8", "replace")) if text else offset


class Index:
    """An open Dateline index.

        with dateline.Index("news.db") as ix:            # read-only
            for r in ix.search("place:syria", limit=5):
                print(r.date, r.title)

    `path` may also be a list of shards searched as one index, read-only: index folders
    (plain, or of shards as dateline-index --jobs writes them), stub files, or stub lines
    ("remote HOST:PORT", "remote :ssh HOST xapian-progsrv PATH", "tcp HOST PORT"); with
    `allow_partial=True` a shard that does not answer is left out (listed by dead_shards)
    rather than an error. `shards` is how many shards are searched.

    `writable=True` opens it for adding (creating it when absent); `sync=False` skips
    flushing commits to disk (faster; a power cut may lose batches). One process writes an
    index at a time (LockedError). One Index may be shared by threads (calls on it take
    turns); for searches in parallel, open one Index per thread.
    """

    def __init__(self, path, writable: bool = False, sync: bool = True,
                 allow_partial: bool = False) -> None:
        specs = None
        if isinstance(path, (list, tuple)):
            if writable:
                raise BadArgumentError("dateline: a list of shards opens read-only")
            specs = [os.fspath(p) for p in path]
            path = " ".join(specs)
        self.path = os.fspath(path)
        self.writable = writable
        self._lock = threading.RLock()
        self._handle = None
        self._generation = 0  # which revision's results are valid: bumped by reopen()
        self._garbage: list = []  # queries and results dropped, freed at the next call
        mode = (_capi.OPEN_WRITE | (0 if sync else _capi.OPEN_NO_SYNC)) if writable \
            else _capi.OPEN_READ
        h, msg = c_void_p(), c_void_p()
        if specs is not None or allow_partial:
            specs = specs if specs is not None else [self.path]
            arr = (c_char_p * len(specs))(*[os.fsencode(p) for p in specs])
            st = lib.dateline_index_open_list(arr, len(specs),
                                              _capi.OPEN_ALLOW_PARTIAL if allow_partial else 0,
                                              byref(h), byref(msg))
        else:
            st = lib.dateline_index_open(os.fsencode(self.path), mode, byref(h), byref(msg))
        message = _capi.take_message(msg)
        if st != _capi.OK:
            raise error(st, message)
        self._handle = h

    # -- the handle --------------------------------------------------------------------------
    def _h(self):
        """The handle (call with the lock held), after freeing what was dropped."""
        if self._handle is None:
            raise ClosedError("dateline: the index %s is closed" % self.path)
        while self._garbage:
            kind, p = self._garbage.pop(0)
            if kind == "results":
                lib.dateline_results_destroy(p)
            else:
                lib.dateline_query_destroy(p)
        return self._handle

    def _fail(self, st: int) -> Error:
        """The exception for a failed call on this index, with the index's message."""
        return error(st, _capi.text(lib.dateline_index_message(self._handle)))

    def _check(self, st: int) -> None:
        if st != _capi.OK:
            raise self._fail(st)

    @property
    def closed(self) -> bool:
        return self._handle is None

    @property
    def shards(self) -> int:
        """How many shards the index searches (1 for a plain index)."""
        with self._lock:
            return lib.dateline_index_shards(self._h())

    @property
    def dead_shards(self) -> List[str]:
        """The shards left out because they did not answer (allow_partial), as "NAME: WHY"."""
        with self._lock:
            out, i = [], 0
            while True:
                d = lib.dateline_index_dead_shard(self._h(), i)
                if d is None:
                    return out
                out.append(_capi.text(d))
                i += 1

    def close(self) -> None:
        """Commits what was added (when writable) and closes the index; every query and
        result from it is invalid from then on. Closing twice does nothing."""
        with self._lock:
            if self._handle is None:
                return
            h, self._handle = self._handle, None
            self._garbage.clear()  # the library frees them with the index
            st = lib.dateline_index_close(h)
            if st != _capi.OK:
                raise error(st, "dateline: %s: closing the index failed (%s): what was "
                                "added since the last commit is lost" % (
                                    self.path, _capi.text(lib.dateline_status_to_string(st))))

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return "<dateline.Index %s%s%s>" % (self.path, " writable" if self.writable else "",
                                           " closed" if self.closed else "")

    def reopen(self) -> None:
        """Moves a read-only index to the latest committed revision (after ModifiedError).
        Queries stay valid; results obtained before raise ClosedError from then on."""
        with self._lock:
            self._check(lib.dateline_index_reopen(self._h()))
            self._generation += 1

    # -- searching ---------------------------------------------------------------------------
    def query(self, text: str, *, sort: str = "relevance", all_versions: bool = False,
              half_life: Optional[float] = None, facets: Optional[Dict[str, int]] = None,
              timeline: Optional[str] = None, by: Optional[str] = None,
              by_top: int = 5) -> "Query":
        """A query in Dateline's query language (see dateline-search(1)); QuerySyntaxError
        (with .position) when it cannot be understood. The options are search()'s."""
        return Query(self, text, sort=sort, all_versions=all_versions, half_life=half_life,
                     facets=facets, timeline=timeline, by=by, by_top=by_top)

    def search(self, query: str, limit: int = 10, offset: int = 0, sort: str = "relevance",
               all_versions: bool = False, *, half_life: Optional[float] = None,
               facets: Optional[Dict[str, int]] = None, timeline: Optional[str] = None,
               by: Optional[str] = None, by_top: int = 5) -> "Results":
        """Matches offset .. offset+limit-1 of `query`, as a sequence of Result with `.total`
        (articles matching) and `.stories` (distinct stories among them).

        sort: "relevance" (BM25), "newest", "oldest" (undated last) or "recent" (relevance
        plus a bonus halving every `half_life` days, 30 by default). all_versions: list every
        article, not each story once. facets: {"place": 10, ...} (place, group, topic,
        dateline, source) read from `.facets`; timeline: "day", "week", "month" or "year",
        read from `.timeline` (with `by` a facet whose `by_top` commonest values get a
        series each)."""
        return self.query(query, sort=sort, all_versions=all_versions, half_life=half_life,
                          facets=facets, timeline=timeline, by=by,
                          by_top=by_top).run(limit, offset)

    def iter_search(self, query: str, sort: str = "relevance", all_versions: bool = False,
                    *, page: int = 100, half_life: Optional[float] = None) -> Iterator["Result"]:
        """Every match of `query`, in order, fetched `page` at a time as the loop needs them:
        for an answer too long to hold (`for r in ix.iter_search("*")`)."""
        q = self.query(query, sort=sort, all_versions=all_versions, half_life=half_life)
        offset = 0
        while True:
            results = q.run(page, offset)
            n = len(results)
            yield from results
            offset += n
            total = results.total
            results.free()
            if n < page or offset >= total:
                return

    def similar(self, id: str, filter: Optional[str] = None, limit: int = 10,
                offset: int = 0, sort: str = "relevance", all_versions: bool = False,
                **options) -> "Results":
        """More like this: the stories sharing the most distinctive words with article `id`
        (not it, nor the other versions of its story), best first; `filter` a query every
        result must also match. NotFoundError when the index has no such article."""
        return Query(self, None, similar=id, filter=filter, sort=sort,
                     all_versions=all_versions, **options).run(limit, offset)

    def count(self, query: Optional[str] = None) -> int:
        """The exact number of articles matching `query`; of all articles without one."""
        if query is None:
            with self._lock:
                n = c_size_t()
                self._check(lib.dateline_index_count(self._h(), byref(n)))
                return n.value
        return self.query(query).count()

    def facets(self, query: str, facet: str, top: int = 10) -> List[Tuple[str, int]]:
        """The `top` commonest values of `facet` (place, group, topic, dateline or source)
        over every match of `query`, as (value, count), commonest first; counts are exact."""
        return self.search(query, limit=0, facets={facet: top}).facets[facet]

    def timeline(self, query: str, period: str = "month", by: Optional[str] = None,
                 top: int = 5) -> Timeline:
        """How many matches of `query` fall in each day, week, month or year (a Timeline of
        Period); with `by` ("place", ...), a series for each of its `top` commonest values."""
        return self.search(query, limit=0, timeline=period, by=by, by_top=top).timeline

    def show(self, id: str) -> Article:
        """The whole stored article with that id; NotFoundError when there is none."""
        with self._lock:
            a = c_void_p()
            self._check(lib.dateline_index_get(self._h(), _capi.arg(id), byref(a)))
            try:
                return fill(Article(), a)
            finally:
                lib.dateline_article_destroy(a)

    def explain(self, id: str) -> Explanation:
        """Why article `id` has its places and groups (dateline-search --show ID --explain):
        an Explanation of Entity. Offsets count characters. NotFoundError when there is no
        such article."""
        article = self.show(id)
        with self._lock:
            e = c_void_p()
            self._check(lib.dateline_index_explain(self._h(), _capi.arg(id), byref(e)))
            try:
                exact, entities = _capi.explanation(e)
            finally:
                lib.dateline_explanation_destroy(e)
        texts = {"title": article.title, "body": article.body}
        return Explanation([Entity(d["kind"], d["id"], d["name"], d["salience"],
                                   [Mention(f, n, _char_offset(texts.get(f), o), w, r)
                                    for f, n, o, w, r in d["mentions"]],
                                   [Candidate(*b) for b in d["beat"]])
                            for d in entities], exact)

    def stats(self) -> Stats:
        """What the index holds: articles, dated ones and the span of their dates, origins,
        copies, repaired texts, bytes on disk."""
        with self._lock:
            st, s = _capi.stats(self._h())
            self._check(st)
        s["first"] = Date(s["first"]) if s["first"] else None
        s["last"] = Date(s["last"]) if s["last"] else None
        return Stats(**s)

    _VALUE_FIELDS = {"charset": "charset", "source": "source", "topic": "topics",
                     "dateline": "datelines", "repaired": "repaired"}

    def values(self, field: str) -> List[Tuple[str, int]]:
        """The values filter `field` (charset, source, topic, dateline or repaired) takes in
        the index, as (value, count), commonest first: what `field:value` can ask for."""
        _name("field", {k: i for i, k in enumerate(self._VALUE_FIELDS)}, field)
        f = _capi.FIELD[self._VALUE_FIELDS[field]]
        out = []
        with self._lock:
            h = self._h()
            n = c_size_t()
            v = c_char_p()
            while True:
                st = lib.dateline_index_value(h, f, len(out), byref(v), byref(n))
                if st == _capi.END:
                    return out
                self._check(st)
                out.append((_capi.text(v.value), n.value))

    # -- writing -----------------------------------------------------------------------------
    def add(self, article: Optional[Article] = None, **fields) -> Added:
        """Adds an article (an Article, or its fields as keywords: title=, body=, date=,
        places=[...], ...): the index finds its places, computes its id when not given,
        stores and indexes it. It is searchable after commit() (or close()).
        ReadOnlyError when the index is read-only; BadInputError when the article has no
        title, body or identity (nothing written: go on with the next)."""
        if article is None:
            article = Article(**fields)
        elif fields:
            raise TypeError("dateline: Index.add() takes an Article or fields, not both")
        p = to_c(article)
        try:
            with self._lock:
                what = _capi.c_int()
                self._check(lib.dateline_index_add(self._h(), p, byref(what)))
                id = _capi.text(lib.dateline_article_get_nth(p, _capi.FIELD["id"], 0))
                return Added(id, _capi.OUTCOMES[what.value])
        finally:
            lib.dateline_article_destroy(p)

    def commit(self) -> None:
        """Commits every article added so far, durably."""
        with self._lock:
            self._check(lib.dateline_index_commit(self._h()))

    def delete(self, id: str) -> None:
        """Deletes the article with that id (at the next commit); NotFoundError if absent."""
        with self._lock:
            self._check(lib.dateline_index_delete(self._h(), _capi.arg(id)))

    def delete_origin(self, path: str) -> Tuple[int, int]:
        """Forgets a file (as it was named when read) or a folder: articles read from nowhere
        else go. Returns (deleted, kept): kept are those that have other origins."""
        with self._lock:
            d, k = c_size_t(), c_size_t()
            self._check(lib.dateline_index_delete_origin(self._h(), _capi.arg(path), byref(d),
                                                         byref(k)))
            return d.value, k.value

    def ingest(self, source: Union[str, os.PathLike, bytes], *, name: Optional[str] = None,
               format: str = "auto", encoding: Optional[str] = None,
               force_encoding: bool = False, date: Optional[str] = None,
               columns: Optional[str] = None, fields: Optional[str] = None,
               topic: Optional[str] = None, commit: bool = True) -> IngestReport:
        """Reads articles from a file, every file under a folder (in name order, hidden ones
        left out, files that are not articles skipped), or bytes (recorded as from `name`),
        adds them, and commits. The options are the library's reader options: format,
        encoding, date, columns and fields as dateline-index's --format, --encoding, --date,
        --columns and --fields; force_encoding reads even valid UTF-8 as `encoding`; topic
        is a topic every article gets. A malformed record is rejected (in the report) and
        the rest go on; a file that cannot be read raises (in a folder: rejected too)."""
        from .reader import Reader
        report = IngestReport()
        opts = dict(format=format, encoding=encoding, force_encoding=force_encoding,
                    date=date, columns=columns, fields=fields, topic=topic)
        if isinstance(source, (bytes, bytearray, memoryview)):
            inputs = [(bytes(source), name or "-", False)]
        else:
            path = os.fspath(source)
            if os.path.isdir(path):
                inputs = [(p, p, True) for p in _walk(path)]
            else:
                inputs = [(path, name, False)]
        for src, nm, in_folder in inputs:
            # a file's articles are recorded as from its canonical path, as dateline-index
            # records them, so that any spelling of it is one origin; messages keep nm
            origin = _capi.canonical(src) if isinstance(src, str) and name is None else nm
            nm = nm or src
            try:
                reader = Reader(src, name=origin, **opts)
            except Error as e:
                if in_folder and e.status in (_capi.BAD_INPUT, _capi.FILE_ERROR):
                    report.files += 1
                    report.read += 1
                    report.rejected.append(Rejection(nm, 0, e.message))
                    continue
                raise
            with reader:
                if in_folder and reader.not_article():
                    report.skipped += 1
                    continue
                report.files += 1
                self._ingest_reader(reader, report, nm)
        if commit and self.writable:
            self.commit()
        return report

    def _ingest_reader(self, reader, report: IngestReport, shown: str) -> None:
        """Adds what reader gives; rejections name the file as `shown` (as it was given)."""
        while True:
            st, a = reader._next()
            if st == _capi.END:
                return
            report.formats[reader.format] = report.formats.get(reader.format, 0) + 1
            if st == _capi.BAD_INPUT:
                report.read += 1
                report.rejected.append(Rejection(shown, reader.position,
                                                 reader.message or "malformed record"))
                continue
            if st != _capi.OK:
                raise error(st, reader.message)
            with self._lock:
                what = _capi.c_int()
                st = lib.dateline_index_add(self._h(), a, byref(what))
                report.read += 1
                if st == _capi.BAD_INPUT:
                    # an article with nothing to index: nothing written, go on
                    report.rejected.append(Rejection(
                        shown, reader.position,
                        _capi.text(lib.dateline_index_message(self._handle))))
                    continue
                if st != _capi.OK:
                    report.read -= 1
                    raise self._fail(st)
            outcome = _capi.OUTCOMES[what.value]
            if outcome == "added":
                report.added += 1
            elif outcome == "updated":
                report.updated += 1
            elif outcome == "duplicate":
                report.duplicates += 1
            else:
                report.unchanged += 1


def _walk(folder: str) -> List[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return out


class Query:
    """A parsed query on an Index (Index.query()). It holds its Index; once the Index is
    closed, using it raises ClosedError."""

    def __init__(self, index: Index, text: Optional[str], *, similar: Optional[str] = None,
                 filter: Optional[str] = None, sort: str = "relevance",
                 all_versions: bool = False, half_life: Optional[float] = None,
                 facets: Optional[Dict[str, int]] = None, timeline: Optional[str] = None,
                 by: Optional[str] = None, by_top: int = 5) -> None:
        self.index = index
        self.text = text if similar is None else filter
        self._handle = None
        self._results: set = set()  # handles of its results still alive
        self.facet_names = list(facets or {})
        self.period = timeline
        self.by = by
        sort_value = _name("sort", _capi.SORTS, sort)
        fields = [(_name("facet", _capi.FACETS, f), int(n)) for f, n in (facets or {}).items()]
        period = _name("timeline period", _capi.PERIODS, timeline) if timeline else None
        by_field = _name("facet", _capi.FACETS, by) if by else None
        if by and not timeline:
            raise ValueError("dateline: by= needs a timeline (timeline=\"month\", ...)")
        with index._lock:
            h = index._h()
            q = c_void_p()
            if similar is not None:
                st = lib.dateline_query_new_similar(h, _capi.arg(similar), _capi.arg(filter),
                                                    byref(q))
            else:
                st = lib.dateline_query_new(h, _capi.arg(text), byref(q))
            index._check(st)
            self._handle = q
            try:
                index._check(lib.dateline_query_set_sort(q, sort_value))
                if half_life is not None:
                    index._check(lib.dateline_query_set_half_life(q, float(half_life), 2.0))
                index._check(lib.dateline_query_set_all_versions(q, 1 if all_versions else 0))
                for f, n in fields:
                    index._check(lib.dateline_query_add_facet(q, f, n))
                if period:
                    index._check(lib.dateline_query_set_timeline(q, period))
                if by_field is not None:
                    index._check(lib.dateline_query_set_timeline_by(q, by_field, by_top))
            except BaseException:
                lib.dateline_query_destroy(q)
                self._handle = None
                raise

    def _h(self):
        self.index._h()  # raises once the index is closed
        if self._handle is None:
            raise ClosedError("dateline: the query was freed")
        return self._handle

    def __del__(self) -> None:
        ix = getattr(self, "index", None)
        if ix is not None and self._handle is not None and ix._handle is not None:
            ix._garbage.append(("query", self._handle))
        self._handle = None

    def describe(self) -> str:
        """The query as Xapian understood it, for debugging."""
        with self.index._lock:
            return _capi.text(lib.dateline_query_describe(self._h()))

    def count(self) -> int:
        """The exact number of matching articles."""
        with self.index._lock:
            n = c_size_t()
            self.index._check(lib.dateline_query_count(self._h(), byref(n)))
            return n.value

    def run(self, limit: int = 10, offset: int = 0) -> "Results":
        """Runs the query: matches offset .. offset+limit-1 (see Index.search())."""
        if limit < 0 or offset < 0:
            raise ValueError("dateline: limit and offset must be 0 or more")
        with self.index._lock:
            r = c_void_p()
            self.index._check(lib.dateline_query_run(self._h(), offset, limit, byref(r)))
            self._results.add(r.value)
            return Results(self, r)

    def __repr__(self) -> str:
        return "<dateline.Query %r>" % (self.text,)


class Results(Sequence):
    """One page of the matches of a query: a sequence of Result (made as they are read),
    with `.total` articles matching in all and `.stories` distinct stories among them,
    `.facets` ({"place": [(value, count), ...]}) and `.timeline` when asked for. It holds
    its query and Index; after Index.close() or reopen() reading it raises ClosedError."""

    def __init__(self, query: Query, handle) -> None:
        self.query = query
        self._handle = handle
        self._generation = query.index._generation
        self._size = lib.dateline_results_size(handle)
        self._cache: Dict[int, Result] = {}

    def _h(self):
        ix = self.query.index
        ix._h()
        if self._handle is None or self._generation != ix._generation:
            raise ClosedError("dateline: these results were freed (or the index was reopened "
                              "since): run the query again")
        return self._handle

    def free(self) -> None:
        """Frees the results now (they also go with their query, or their Index)."""
        with self.query.index._lock:
            if self._handle is not None and self.query._handle is not None and \
                    self.query.index._handle is not None:
                self.query._results.discard(self._handle.value)
                lib.dateline_results_destroy(self._handle)
            self._handle = None

    def __del__(self) -> None:
        q = getattr(self, "query", None)
        if q is None or self._handle is None:
            return
        if q._handle is not None and q.index._handle is not None and \
                self._handle.value in q._results:
            q._results.discard(self._handle.value)
            q.index._garbage.append(("results", self._handle))
        self._handle = None

    @property
    def total(self) -> int:
        """The exact number of articles matching the query."""
        with self.query.index._lock:
            return lib.dateline_results_total(self._h())

    @property
    def stories(self) -> int:
        """The exact number of distinct stories among the matches."""
        n = c_size_t()
        with self.query.index._lock:
            self.query.index._check(lib.dateline_results_stories(self._h(), byref(n)))
        return n.value

    def __len__(self) -> int:
        with self.query.index._lock:
            self._h()
            return self._size

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        with self.query.index._lock:
            h = self._h()
            if i < 0:
                i += self._size
            if not 0 <= i < self._size:
                raise IndexError("dateline: result %d of a page of %d" % (i, self._size))
            if i not in self._cache:
                self._cache[i] = Result(self, lib.dateline_results_get(h, i))
            return self._cache[i]

    def __iter__(self) -> Iterator["Result"]:
        for i in range(len(self)):
            yield self[i]

    @property
    def facets(self) -> Dict[str, List[Tuple[str, int]]]:
        """Each facet asked for: its values with their counts, commonest first."""
        out = {}
        with self.query.index._lock:
            h = self._h()
            for name in self.query.facet_names:
                f = _capi.FACETS[name]
                n = c_size_t()
                out[name] = [(_capi.text(lib.dateline_results_facet_get(h, f, i, byref(n))),
                              n.value) for i in range(lib.dateline_results_facet_size(h, f))]
        return out

    @property
    def timeline(self) -> Optional[Timeline]:
        """The timeline asked for (a Timeline of Period), or None."""
        if not self.query.period:
            return None
        with self.query.index._lock:
            h = self._h()
            periods = []
            for i in range(lib.dateline_results_timeline_size(h)):
                label, count, places, groups = _capi.timeline_period(h, i)
                periods.append(Period(label, Date(label), count, places, groups))
            series = {}
            for s in range(lib.dateline_results_series_size(h)):
                v = _capi.text(lib.dateline_results_series_get(h, s, None))
                series[v] = [lib.dateline_results_series_count(h, s, i)
                             for i in range(len(periods))]
            return Timeline(self.query.period, periods, lib.dateline_results_timeline_undated(h),
                            lib.dateline_results_timeline_coarser(h), self.query.by, series)

    def __repr__(self) -> str:
        return "<dateline.Results %d of %d>" % (self._size, self.total)


class Result(Article):
    """A match: every field of its stored Article (title, date, places, body, ...) and its
    `rank` (from 1, over all matches), `score` (BM25; 0 for filters alone), `versions` (how
    many articles its story holds), `snippet` (about 240 bytes of the body around the
    query's words, as dateline-search shows) and `highlights` (where those words are in the
    snippet: (start, end) character offsets)."""
    rank: int
    score: float
    versions: int
    snippet: str
    highlights: List[Tuple[int, int]]

    def __init__(self, results: Results, handle) -> None:
        super().__init__()
        self._results = results
        self._handle = handle
        self.rank = lib.dateline_result_rank(handle)
        self.score = lib.dateline_result_score(handle)
        a = c_void_p()
        ix = results.query.index
        versions = c_size_t()
        ix._check(lib.dateline_result_versions(handle, byref(versions)))
        self.versions = versions.value
        ix._check(lib.dateline_result_article(handle, byref(a)))
        fill(self, a)
        s = c_char_p()
        ix._check(lib.dateline_result_snippet(handle, SNIPPET_LENGTH, _capi.arg(_HI_START),
                                              _capi.arg(_HI_END), byref(s)))
        self.snippet, self.highlights = _unmark(_capi.text(s.value))

    def highlight(self, field: str = "title", start: str = "[", end: str = "]",
                  length: Optional[int] = None) -> str:
        """The whole headline (field "title") or body ("body") with each word the query
        matched between `start` and `end`; or, for field "snippet", a passage of about
        `length` bytes (default 240) around them."""
        with self._results.query.index._lock:
            self._results._h()
            out = c_char_p()
            if field == "snippet":
                st = lib.dateline_result_snippet(self._handle, length or SNIPPET_LENGTH,
                                                 _capi.arg(start), _capi.arg(end), byref(out))
            elif field in ("title", "body"):
                st = lib.dateline_result_highlight(self._handle, _capi.FIELD[field],
                                                   _capi.arg(start), _capi.arg(end), byref(out))
            else:
                raise ValueError("dateline: highlight() takes title, body or snippet, not %r"
                                 % (field,))
            self._results.query.index._check(st)
            return _capi.text(out.value)

    def __repr__(self) -> str:
        return "<dateline.Result %d %s %s %r>" % (self.rank, self.id, self.date, self.title)
