"""errors: one exception class for each dateline_status_t, with the library's message."""
import re

from . import _capi


class Error(Exception):
    """What libdateline reported: `status` is the dateline_status_t (an int), `message` the
    library's text (dateline_index_message(), or what dateline_index_open() said)."""
    status = None

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    @property
    def status_text(self):
        """dateline_status_to_string() of the status: "index is locked", ..."""
        return _capi.text(_capi.lib.dateline_status_to_string(self.status))


class NoMemoryError(Error, MemoryError):
    """DATELINE_NO_MEMORY: an allocation failed."""
    status = _capi.NO_MEMORY


class BadArgumentError(Error, ValueError):
    """DATELINE_BAD_ARGUMENT: an unknown option, a bad value, a read-only index written to."""
    status = _capi.BAD_ARGUMENT


class ClosedError(BadArgumentError):
    """A handle used after its index was closed (or results after a reopen): the C library
    would see a freed handle, so the call is refused before it gets there."""


class FileError(Error, OSError):
    """DATELINE_FILE_ERROR: a file or folder could not be read or written."""
    status = _capi.FILE_ERROR

    def __str__(self):
        return self.message


class LockedError(Error):
    """DATELINE_LOCKED: another process writes the index."""
    status = _capi.LOCKED


class ModifiedError(Error):
    """DATELINE_MODIFIED: the index changed under a reader: call Index.reopen() and run the
    query again."""
    status = _capi.MODIFIED


class CorruptIndexError(Error):
    """DATELINE_CORRUPT: the index or a stored article is damaged."""
    status = _capi.CORRUPT


class VersionError(Error):
    """DATELINE_VERSION: the index was written by another schema version (or is not a
    Dateline index)."""
    status = _capi.VERSION


class QuerySyntaxError(Error, ValueError):
    """DATELINE_QUERY_SYNTAX: the query could not be understood. `position` is where (in
    characters from 1), or None when the message gives none."""
    status = _capi.QUERY_SYNTAX

    def __init__(self, message, status=None):
        super().__init__(message, status)
        m = re.search(r"position (\d+)", message)
        self.position = int(m.group(1)) if m else None


class BadInputError(Error, ValueError):
    """DATELINE_BAD_INPUT: an input article or record is malformed."""
    status = _capi.BAD_INPUT


class CharsetError(Error, ValueError):
    """DATELINE_CHARSET: text could not be converted to UTF-8."""
    status = _capi.CHARSET


class XapianError(Error):
    """DATELINE_XAPIAN_ERROR: any other error reported by Xapian."""
    status = _capi.XAPIAN_ERROR


class InternalError(Error):
    """DATELINE_INTERNAL: a bug in Dateline."""
    status = _capi.INTERNAL


class NotFoundError(Error, LookupError):
    """DATELINE_NOT_FOUND: no index there, or no article with that id."""
    status = _capi.NOT_FOUND


class ReadOnlyError(Error):
    """DATELINE_READ_ONLY: a write to an index opened for reading (writable=False)."""
    status = _capi.READ_ONLY


# Each status by its class; DATELINE_OK and DATELINE_END are not errors.
BY_STATUS = {cls.status: cls for cls in (
    NoMemoryError, BadArgumentError, FileError, LockedError, ModifiedError, CorruptIndexError,
    VersionError, QuerySyntaxError, BadInputError, CharsetError, XapianError, InternalError,
    NotFoundError, ReadOnlyError)}


def error(status, message=None):
    """The exception for a status, with the message (dateline_status_to_string() when the
    library gave none)."""
    if not message:
        message = _capi.text(_capi.lib.dateline_status_to_string(status))
    cls = BY_STATUS.get(status)
    if cls is None:
        return Error(message, status)
    return cls(message)
