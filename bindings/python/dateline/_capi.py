"""_capi: every C signature of libdateline that the package uses, in one place.

The rest of the package calls the library only through this module: the ctypes declarations
(argtypes and restype of each function), the values of the C enums, and the few helpers that
know a C layout (the versioned stats struct, a timeline period's lists of places and groups), so
that a change to the C API touches this file alone.

ctypes calls release the GIL for as long as the C function runs.
"""
import ctypes
import ctypes.util
import os
import subprocess
from ctypes import (POINTER, Structure, byref, c_char, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_ulonglong, c_void_p)

# The library this module was written for: 0.1.0 or a later 0.x (the soname's promise).
MAJOR = 0
NUMBER = 100

# dateline_status_t
(OK, NO_MEMORY, BAD_ARGUMENT, FILE_ERROR, LOCKED, MODIFIED, CORRUPT, VERSION, QUERY_SYNTAX,
 BAD_INPUT, CHARSET, XAPIAN_ERROR, INTERNAL, NOT_FOUND, END, READ_ONLY) = range(16)

# dateline_field_t, by the names dateline_field_name() gives them
FIELDS = ("id", "title", "body", "date", "dateline", "source", "file", "key", "charset",
          "identity", "datelines", "places", "groups", "topics", "place_ids", "acronyms",
          "author", "repaired", "origins", "story")
FIELD = {name: i for i, name in enumerate(FIELDS)}
LIST_FIELDS = frozenset(("datelines", "places", "groups", "topics", "place_ids", "acronyms",
                         "origins"))
FIELD_COUNT = len(FIELDS)

# dateline_format_t
FORMATS = ("auto", "text", "sgml", "csv", "json", "mail", "xml", "html")

# dateline_mode_t
OPEN_READ, OPEN_WRITE, OPEN_NO_SYNC = 0, 1, 2
OPEN_ALLOW_PARTIAL = 4  # dateline_index_open_list()

# dateline_outcome_t
OUTCOMES = ("added", "updated", "unchanged", "duplicate")

# dateline_sort_t
SORTS = {"relevance": 0, "newest": 1, "oldest": 2, "recent": 3}

# dateline_timeline_t
PERIODS = {"day": 1, "week": 2, "month": 3, "year": 4}

# The facets a query can count, by the names dateline-search uses.
FACETS = {"place": FIELD["places"], "group": FIELD["groups"], "topic": FIELD["topics"],
          "dateline": FIELD["datelines"], "source": FIELD["source"]}


class ReaderOptions(Structure):
    """dateline_reader_options_t, version 2."""
    _fields_ = [("version", c_int), ("format", c_int), ("encoding", c_char_p),
                ("force_encoding", c_int), ("date", c_char_p), ("columns", c_char_p),
                ("fields", c_char_p), ("topic", c_char_p), ("max_decompressed", c_size_t)]


STATS_VERSION = 1


class Stats(Structure):
    """dateline_stats_t, version 1."""
    _fields_ = [("version", c_int), ("articles", c_size_t), ("dated", c_size_t), ("first", c_char * 20),
                ("last", c_char * 20), ("origins", c_size_t), ("copies", c_size_t),
                ("repaired", c_size_t), ("bytes", c_ulonglong)]


def library_path():
    """Where the library is: $DATELINE_LIBRARY, else pkg-config's libdir for `dateline`, else
    what ctypes.util.find_library() finds, else the soname for the dynamic linker to look up."""
    path = os.environ.get("DATELINE_LIBRARY")
    if path:
        return path
    try:
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "dateline"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
        candidate = os.path.join(libdir, "libdateline.so.%d" % MAJOR) if libdir else ""
        if candidate and os.path.exists(candidate):
            return candidate
    except (OSError, subprocess.SubprocessError):
        pass
    return ctypes.util.find_library("dateline") or "libdateline.so.%d" % MAJOR


def _load():
    path = library_path()
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        raise ImportError(
            "dateline: cannot load libdateline (%s): %s. Install it (make install, then "
            "ldconfig), or set DATELINE_LIBRARY to the path of libdateline.so.%d"
            % (path, e, MAJOR)) from None
    lib.dateline_version_number.restype = c_int
    lib.dateline_version_number.argtypes = []
    got = lib.dateline_version_number()
    if got // 10000 != MAJOR or got < NUMBER:
        raise ImportError("dateline: %s is version %d.%d.%d; this package needs %d.%d.%d or a "
                          "later %d.x" % (path, got // 10000, got // 100 % 100, got % 100,
                                          MAJOR, NUMBER // 100 % 100, NUMBER % 100, MAJOR))
    return path, lib


PATH, lib = _load()

# (name, restype, argtypes) of every function used
_SIGNATURES = [
    ("dateline_status_to_string", c_char_p, [c_int]),
    ("dateline_version", c_char_p, []),
    ("dateline_free", None, [c_void_p]),
    # articles
    ("dateline_article_new", c_int, [POINTER(c_void_p)]),
    ("dateline_article_destroy", None, [c_void_p]),
    ("dateline_article_set", c_int, [c_void_p, c_int, c_char_p]),
    ("dateline_article_count", c_size_t, [c_void_p, c_int]),
    ("dateline_article_get_nth", c_char_p, [c_void_p, c_int, c_size_t]),
    ("dateline_field_name", c_char_p, [c_int]),
    ("dateline_place_name", c_char_p, [c_char_p]),
    # readers
    ("dateline_format_name", c_char_p, [c_int]),
    ("dateline_reader_options_init", c_int, [POINTER(ReaderOptions)]),
    ("dateline_reader_open_file", c_int, [c_char_p, c_char_p, POINTER(ReaderOptions),
                                          POINTER(c_void_p), POINTER(c_void_p)]),
    ("dateline_reader_open_memory", c_int, [c_char_p, c_size_t, c_char_p,
                                            POINTER(ReaderOptions), POINTER(c_void_p),
                                            POINTER(c_void_p)]),
    ("dateline_reader_next", c_int, [c_void_p, POINTER(c_void_p)]),
    ("dateline_reader_format", c_int, [c_void_p]),
    ("dateline_reader_message", c_char_p, [c_void_p]),
    ("dateline_reader_position", c_size_t, [c_void_p]),
    ("dateline_reader_not_article", c_char_p, [c_void_p]),
    ("dateline_reader_destroy", None, [c_void_p]),
    # the index
    ("dateline_index_open", c_int, [c_char_p, c_uint, POINTER(c_void_p), POINTER(c_void_p)]),
    ("dateline_index_open_list", c_int, [POINTER(c_char_p), c_size_t, c_uint,
                                         POINTER(c_void_p), POINTER(c_void_p)]),
    ("dateline_index_shards", c_size_t, [c_void_p]),
    ("dateline_index_dead_shard", c_char_p, [c_void_p, c_size_t]),
    ("dateline_index_close", c_int, [c_void_p]),
    ("dateline_index_reopen", c_int, [c_void_p]),
    ("dateline_index_message", c_char_p, [c_void_p]),
    ("dateline_index_set_batch", c_int, [c_void_p, c_size_t]),
    ("dateline_index_add", c_int, [c_void_p, c_void_p, POINTER(c_int)]),
    ("dateline_index_commit", c_int, [c_void_p]),
    ("dateline_index_delete", c_int, [c_void_p, c_char_p]),
    ("dateline_index_delete_origin", c_int, [c_void_p, c_char_p, POINTER(c_size_t),
                                             POINTER(c_size_t)]),
    ("dateline_index_stats", c_int, [c_void_p, POINTER(Stats)]),
    ("dateline_index_value", c_int, [c_void_p, c_int, c_size_t, POINTER(c_char_p),
                                     POINTER(c_size_t)]),
    ("dateline_index_get", c_int, [c_void_p, c_char_p, POINTER(c_void_p)]),
    ("dateline_index_count", c_int, [c_void_p, POINTER(c_size_t)]),
    ("dateline_index_compact", c_int, [c_char_p, POINTER(c_void_p)]),
    ("dateline_index_compact_in_place", c_int, [c_char_p, POINTER(c_void_p)]),
    # explanations
    ("dateline_index_explain", c_int, [c_void_p, c_char_p, POINTER(c_void_p)]),
    ("dateline_explanation_destroy", None, [c_void_p]),
    ("dateline_explanation_count", c_size_t, [c_void_p]),
    ("dateline_explanation_exact", c_int, [c_void_p]),
    ("dateline_explanation_entity", c_int, [c_void_p, c_size_t, POINTER(c_int), POINTER(c_char_p),
                                            POINTER(c_char_p), POINTER(c_int)]),
    ("dateline_explanation_mentions", c_int, [c_void_p, c_size_t, POINTER(c_size_t)]),
    ("dateline_explanation_mention", c_int, [c_void_p, c_size_t, c_size_t, POINTER(c_int),
                                             POINTER(c_size_t), POINTER(c_size_t),
                                             POINTER(c_char_p), POINTER(c_char_p)]),
    ("dateline_explanation_candidates", c_int, [c_void_p, c_size_t, POINTER(c_size_t)]),
    ("dateline_explanation_candidate", c_int, [c_void_p, c_size_t, c_size_t, POINTER(c_char_p),
                                               POINTER(c_char_p), POINTER(c_char_p)]),
    # queries
    ("dateline_query_new", c_int, [c_void_p, c_char_p, POINTER(c_void_p)]),
    ("dateline_query_new_similar", c_int, [c_void_p, c_char_p, c_char_p, POINTER(c_void_p)]),
    ("dateline_query_quote", c_void_p, [c_char_p, c_char_p]),
    ("dateline_path_canonical", c_void_p, [c_char_p]),
    ("dateline_query_destroy", None, [c_void_p]),
    ("dateline_query_set_sort", c_int, [c_void_p, c_int]),
    ("dateline_query_set_half_life", c_int, [c_void_p, c_double, c_double]),
    ("dateline_query_describe", c_char_p, [c_void_p]),
    ("dateline_query_count", c_int, [c_void_p, POINTER(c_size_t)]),
    ("dateline_query_set_all_versions", c_int, [c_void_p, c_int]),
    ("dateline_query_run", c_int, [c_void_p, c_size_t, c_size_t, POINTER(c_void_p)]),
    ("dateline_query_add_facet", c_int, [c_void_p, c_int, c_size_t]),
    ("dateline_facet_name", c_char_p, [c_int]),
    ("dateline_facet_from_name", c_int, [c_char_p, POINTER(c_int)]),
    ("dateline_query_set_timeline", c_int, [c_void_p, c_int]),
    ("dateline_query_set_timeline_by", c_int, [c_void_p, c_int, c_size_t]),
    # results
    ("dateline_results_facet_size", c_size_t, [c_void_p, c_int]),
    ("dateline_results_facet_get", c_char_p, [c_void_p, c_int, c_size_t, POINTER(c_size_t)]),
    ("dateline_results_timeline_size", c_size_t, [c_void_p]),
    ("dateline_results_timeline_get", c_char_p, [c_void_p, c_size_t, POINTER(c_size_t)]),
    ("dateline_results_timeline_top", c_char_p, [c_void_p, c_size_t, c_int, c_size_t,
                                                 POINTER(c_size_t)]),
    ("dateline_results_timeline_undated", c_size_t, [c_void_p]),
    ("dateline_results_timeline_coarser", c_size_t, [c_void_p]),
    ("dateline_results_series_size", c_size_t, [c_void_p]),
    ("dateline_results_series_get", c_char_p, [c_void_p, c_size_t, POINTER(c_size_t)]),
    ("dateline_results_series_count", c_size_t, [c_void_p, c_size_t, c_size_t]),
    ("dateline_results_destroy", None, [c_void_p]),
    ("dateline_results_total", c_size_t, [c_void_p]),
    ("dateline_results_stories", c_int, [c_void_p, POINTER(c_size_t)]),
    ("dateline_results_size", c_size_t, [c_void_p]),
    ("dateline_results_get", c_void_p, [c_void_p, c_size_t]),
    ("dateline_result_rank", c_size_t, [c_void_p]),
    ("dateline_result_versions", c_int, [c_void_p, POINTER(c_size_t)]),
    ("dateline_result_score", c_double, [c_void_p]),
    ("dateline_result_article", c_int, [c_void_p, POINTER(c_void_p)]),
    ("dateline_result_snippet", c_int, [c_void_p, c_size_t, c_char_p, c_char_p,
                                        POINTER(c_char_p)]),
    ("dateline_result_highlight", c_int, [c_void_p, c_int, c_char_p, c_char_p,
                                          POINTER(c_char_p)]),
]
for _name, _restype, _argtypes in _SIGNATURES:
    _f = getattr(lib, _name)
    _f.restype = _restype
    _f.argtypes = _argtypes


def text(b):
    """A C string (bytes or None) as str or None."""
    return None if b is None else b.decode("utf-8", "replace")


def arg(s):
    """A str (or None) as a C string."""
    return None if s is None else s.encode("utf-8")


def take_message(p):
    """The text of a char * the library handed over (freed here), or None."""
    if not p.value:
        return None
    try:
        return text(ctypes.cast(p, c_char_p).value)
    finally:
        lib.dateline_free(p)


def canonical(path):
    """dateline_path_canonical(): the one spelling of a file's path that origins are recorded
    by (absolute, its folder's real path and its name), or None."""
    return take_message(c_void_p(lib.dateline_path_canonical(arg(path))))


def quote(field, value):
    """dateline_query_quote() as str, or None."""
    return take_message(c_void_p(lib.dateline_query_quote(arg(field), arg(value))))


def stats(index):
    """dateline_index_stats() as (status, dict of the struct's fields)."""
    s = Stats()
    s.version = STATS_VERSION
    st = lib.dateline_index_stats(index, byref(s))
    return st, {"articles": s.articles, "dated": s.dated, "first": text(s.first) or None,
                "last": text(s.last) or None, "origins": s.origins, "copies": s.copies,
                "repaired": s.repaired, "bytes": s.bytes}


# dateline_entity_kind_t
ENTITY_KINDS = ("place", "group", "learned")


def explanation(e):
    """The dateline_explanation_t e as (exact, [entity dicts]): kind, id, name, salience,
    mentions (field name, nth, byte offset, words, rule) and beat (id, name, why)."""
    out = []
    for i in range(lib.dateline_explanation_count(e)):
        kind, sal, id_, name = ctypes.c_int(), ctypes.c_int(), c_char_p(), c_char_p()
        lib.dateline_explanation_entity(e, i, byref(kind), byref(id_), byref(name), byref(sal))
        nm, nc = c_size_t(), c_size_t()
        lib.dateline_explanation_mentions(e, i, byref(nm))
        lib.dateline_explanation_candidates(e, i, byref(nc))
        mentions, beat = [], []
        for j in range(nm.value):
            fl, nth, off, words, rule = ctypes.c_int(), c_size_t(), c_size_t(), c_char_p(), c_char_p()
            lib.dateline_explanation_mention(e, i, j, byref(fl), byref(nth), byref(off),
                                             byref(words), byref(rule))
            mentions.append((FIELDS[fl.value] if fl.value < FIELD_COUNT else None, nth.value,
                             off.value, text(words.value), text(rule.value)))
        for j in range(nc.value):
            cid, cname, why = c_char_p(), c_char_p(), c_char_p()
            lib.dateline_explanation_candidate(e, i, j, byref(cid), byref(cname), byref(why))
            beat.append((text(cid.value), text(cname.value), text(why.value)))
        out.append({"kind": ENTITY_KINDS[kind.value], "id": text(id_.value),
                    "name": text(name.value), "salience": sal.value, "mentions": mentions,
                    "beat": beat})
    return bool(lib.dateline_explanation_exact(e)), out


def timeline_period(results, i):
    """Period i of a timeline as (label, count, places, groups), the last two as lists."""
    count = c_size_t()
    label = lib.dateline_results_timeline_get(results, i, byref(count))

    def top(field):
        values = []
        while True:
            v = lib.dateline_results_timeline_top(results, i, FIELD[field], len(values), None)
            if v is None:
                return values
            values.append(text(v))
    return text(label), count.value, top("places"), top("groups")


def new_reader_options(**kw):
    """A ReaderOptions with the defaults of the library (dateline_reader_options_init()) and
    the given fields set (str values encoded); the encoded strings are kept on the struct."""
    o = ReaderOptions()
    lib.dateline_reader_options_init(byref(o))
    keep = []
    for k, v in kw.items():
        if v is None:
            continue
        if isinstance(v, str):
            v = arg(v)
            keep.append(v)
        setattr(o, k, v)
    o._keep = keep
    return o
