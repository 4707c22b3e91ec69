"""reader: articles read from files or bytes in the formats archives come in, through the
library's readers (dateline_reader_*), without an index."""
import os
from typing import Iterator, List, Optional, Union

from . import _capi
from .articles import Article, fill
from .errors import error

lib = _capi.lib


class Reader:
    """A library reader over one file (or bytes); see read()."""

    def __init__(self, source: Union[str, os.PathLike, bytes], *, name: Optional[str] = None,
                 format: str = "auto", encoding: Optional[str] = None,
                 force_encoding: bool = False, date: Optional[str] = None,
                 columns: Optional[str] = None, fields: Optional[str] = None,
                 topic: Optional[str] = None) -> None:
        self._handle = None
        if format not in _capi.FORMATS:
            raise ValueError("dateline: unknown format %r: use %s" % (
                format, ", ".join(_capi.FORMATS)))
        opts = _capi.new_reader_options(format=_capi.FORMATS.index(format), encoding=encoding,
                                        force_encoding=1 if force_encoding else 0, date=date,
                                        columns=columns, fields=fields, topic=topic)
        h, msg = _capi.c_void_p(), _capi.c_void_p()
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            self.name = name or "-"
            st = lib.dateline_reader_open_memory(data, len(data), _capi.arg(self.name),
                                                 _capi.byref(opts), _capi.byref(h),
                                                 _capi.byref(msg))
        else:
            path = os.fspath(source)
            self.name = name or path
            st = lib.dateline_reader_open_file(os.fsencode(path), _capi.arg(self.name),
                                               _capi.byref(opts), _capi.byref(h),
                                               _capi.byref(msg))
        message = _capi.take_message(msg)
        if st != _capi.OK:
            if message and not message.startswith(self.name):
                message = "%s: %s" % (self.name, message)
            raise error(st, message or "%s: %s" % (
                self.name, _capi.text(lib.dateline_status_to_string(st))))
        self._handle = h

    def _h(self):
        if self._handle is None:
            from .errors import ClosedError
            raise ClosedError("dateline: the reader of %s is closed" % self.name)
        return self._handle

    def _next(self):
        """(status, C article) of the next record."""
        a = _capi.c_void_p()
        st = lib.dateline_reader_next(self._h(), _capi.byref(a))
        return st, a

    @property
    def format(self) -> str:
        """The format read ("sgml", ...), detected or given."""
        return _capi.FORMATS[lib.dateline_reader_format(self._h())]

    @property
    def message(self) -> Optional[str]:
        """Why the last record was rejected, or a note about the last article."""
        return _capi.text(lib.dateline_reader_message(self._h()))

    @property
    def position(self) -> int:
        """The line where the last record starts."""
        return lib.dateline_reader_position(self._h())

    def not_article(self) -> Optional[str]:
        """What the input looks like when it is not articles ("a DTD"), else None."""
        return _capi.text(lib.dateline_reader_not_article(self._h()))

    def close(self) -> None:
        if self._handle is not None:
            lib.dateline_reader_destroy(self._handle)
            self._handle = None

    __del__ = close

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read(source: Union[str, os.PathLike, bytes], *, rejected: Optional[List] = None,
         **options) -> Iterator[Article]:
    """The articles of a file (or bytes), one at a time, as the library's readers make them
    for dateline_index_add() (no id, places or story yet: the index computes those).
    `options` are Index.ingest()'s: name, format, encoding, force_encoding, date, columns,
    fields, topic. A malformed record is left out; when `rejected` is a list, a
    dateline.Rejection for each goes into it."""
    from .index import Rejection
    with Reader(source, **options) as r:
        while True:
            st, a = r._next()
            if st == _capi.END:
                return
            if st == _capi.BAD_INPUT:
                if rejected is not None:
                    rejected.append(Rejection(r.name, r.position, r.message or "malformed"))
                continue
            if st != _capi.OK:
                raise error(st, r.message)
            yield fill(Article(), a)
