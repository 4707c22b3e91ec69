"""dateline: search news archives from Python, over libdateline.

    import dateline
    with dateline.Index("news.db") as ix:
        for r in ix.search('place:syria date:2017-10', limit=5):
            print(r.date, r.title, r.places)
        ix.timeline("place:syria", "month")     # [Period(label='2017-10', count=3, ...), ...]

Every failure raises a subclass of dateline.Error, one for each status of the C library
(LockedError, QuerySyntaxError, CorruptIndexError, ...), with the library's message.
The library is found through $DATELINE_LIBRARY, pkg-config, or the dynamic linker.
"""
import os

from . import _capi
from .articles import Article, Date, Origin, PlaceId, place_name
from .errors import (BadArgumentError, BadInputError, CharsetError, ClosedError,
                     CorruptIndexError, Error, FileError, InternalError, LockedError,
                     ModifiedError, NoMemoryError, NotFoundError, QuerySyntaxError,
                     ReadOnlyError, VersionError, XapianError)
from .errors import error as _error
from .index import (Added, Candidate, Entity, Explanation, Index, IngestReport, Mention,
                    Period, Query, Rejection, Result, Results, Stats, Timeline)
from .reader import Reader, read

__version__ = "0.1.0"

__all__ = [
    "Added", "Article", "BadArgumentError", "BadInputError", "Candidate", "CharsetError",
    "ClosedError", "CorruptIndexError", "Date", "Entity", "Error", "Explanation", "FileError",
    "Index", "IngestReport", "InternalError", "LockedError", "Mention", "ModifiedError",
    "NoMemoryError", "NotFoundError",
    "Origin", "Period", "PlaceId", "Query", "QuerySyntaxError", "Reader", "Rejection",
    "ReadOnlyError", "Result", "Results", "Stats", "Timeline", "VersionError", "XapianError", "library",
    "compact", "place_name", "quote", "read", "version",
]


def version() -> str:
    """The version of the libdateline in use, "MAJOR.MINOR.MICRO"."""
    return _capi.text(_capi.lib.dateline_version())


def library() -> str:
    """The path (or name) of the libdateline that was loaded."""
    return _capi.PATH


def compact(path, merge_shards: bool = False) -> None:
    """Compacts the index at `path` where it is, as dateline-index does at the end of a run
    that grew it: each database is rewritten full (an index written article by article is
    about half empty) and swapped in while its write lock is held, so that searches and a
    crash find the old one or the new one. An index of shards keeps its shards, unless
    merge_shards, which merges them into one index (dateline-index --compact). Every article
    keeps its internal number. Raises LockedError while a writer has the index (close it
    first), NotFoundError, FileError (no room for the copy, with the library's message)."""
    msg = _capi.c_void_p()
    fn = _capi.lib.dateline_index_compact if merge_shards else \
        _capi.lib.dateline_index_compact_in_place
    st = fn(os.fsencode(os.fspath(path)), _capi.byref(msg))
    message = _capi.take_message(msg)
    if st != _capi.OK:
        raise _error(st, message)


def quote(field, value: str) -> str:
    """`value` written so that the query language reads it back exactly: field:"value", or
    the phrase "value" when field is None. ValueError when field holds anything but ASCII
    letters."""
    q = _capi.quote(field, value)
    if q is None:
        raise ValueError("dateline.quote: field %r must be ASCII letters and value a str"
                         % (field,))
    return q
