"""articles: the values the library hands back, as plain Python objects (dates, articles,
origins, places), copied out of C memory so that they outlive the handles they came from."""
import calendar
import datetime
import re
from typing import List, NamedTuple, Optional, Tuple, Union

from . import _capi

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$")


class Date(datetime.date):
    """A date as the index holds it: a `datetime.date` (the first day of what is known) that
    also says how precise it is. An article dated only to a month is `Date("2017-10")`:
    equal to date(2017, 10, 1), with `precision` "month", `last` date(2017, 10, 31) and
    `span` the two. `text` is the date as stored; `time` the time of day when one was given.
    """
    precision: str
    text: str
    time: Optional[datetime.time]

    def __new__(cls, value: Union[str, int], month: Optional[int] = None,
                day: Optional[int] = None) -> "Date":
        if isinstance(value, int):  # as datetime.date's own methods call it
            value = "%04d-%02d-%02d" % (value, month or 1, day or 1)
        m = _DATE.match(value or "")
        if not m:
            raise ValueError("dateline.Date: %r is not YYYY, YYYY-MM, YYYY-MM-DD or "
                             "YYYY-MM-DDTHH:MM:SS" % (value,))
        y, mo, d, hh, mm, ss = (int(g) if g else None for g in m.groups())
        try:
            self = super().__new__(cls, y, mo or 1, d or 1)
        except ValueError:
            raise ValueError("dateline.Date: %r is not a real calendar date" % (value,)) from None
        self.text = value
        self.precision = "day" if d else "month" if mo else "year"
        self.time = datetime.time(hh, mm, ss or 0) if hh is not None else None
        return self

    @property
    def last(self) -> datetime.date:
        """The last day of the span: the day itself, the month's or the year's last day."""
        if self.precision == "day":
            return datetime.date(self.year, self.month, self.day)
        if self.precision == "month":
            return datetime.date(self.year, self.month,
                                 calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, 12, 31)

    @property
    def span(self) -> Tuple[datetime.date, datetime.date]:
        """(first day, last day) of what the date covers."""
        return datetime.date(self.year, self.month, self.day), self.last

    def __repr__(self) -> str:
        return "dateline.Date(%r)" % self.text

    def __str__(self) -> str:
        return self.text

    def __reduce__(self):
        return (Date, (self.text,))


class Origin(NamedTuple):
    """Where an article was read from: the file as it was named, and the key within it (a
    Reuters NEWID, a row's id) or None."""
    file: Optional[str]
    key: Optional[str]


class PlaceId(NamedTuple):
    """A place the article is about: the gazetteer's id ("sy"; "=" and a label for a place
    it does not know), the place's name, and how salient it is in the article."""
    id: str
    name: Optional[str]
    salience: int


def place_name(id: str) -> Optional[str]:
    """The built-in gazetteer's name of a place id ("Syria" for "sy"), or None."""
    return _capi.text(_capi.lib.dateline_place_name(_capi.arg(id)))


class Article:
    """An article: every field of dateline_field_t as an attribute. Single-valued fields are
    str or None (`date` a `Date`); list fields (datelines, places, groups, topics, acronyms)
    are lists of str; `origins` is a list of `Origin`, the first the one `file` and `key`
    name; `place_ids` a list of `PlaceId`.

    Made by the index (`Index.show()`, a result's article) or by hand for `Index.add()`:
    `Article(title="...", body="...", date="2017-10-17", places=["Syria"])`.
    """
    id: Optional[str]
    title: Optional[str]
    body: Optional[str]
    date: Optional[Date]
    dateline: Optional[str]
    source: Optional[str]
    file: Optional[str]
    key: Optional[str]
    charset: Optional[str]
    identity: Optional[str]
    datelines: List[str]
    places: List[str]
    groups: List[str]
    topics: List[str]
    place_ids: List[PlaceId]
    acronyms: List[str]
    author: Optional[str]
    repaired: Optional[str]
    origins: List[Origin]
    story: Optional[str]

    def __init__(self, **fields) -> None:
        for name in _capi.FIELDS:
            setattr(self, name, [] if name in _capi.LIST_FIELDS else None)
        for name, value in fields.items():
            if name not in _capi.FIELD:
                raise TypeError("dateline.Article: no field %r (the fields are %s)"
                                % (name, ", ".join(_capi.FIELDS)))
            if name == "date" and value is not None and not isinstance(value, Date):
                value = Date(value.isoformat() if isinstance(value, datetime.date) else value)
            elif name in _capi.LIST_FIELDS:
                value = [value] if isinstance(value, str) else list(value or [])
            setattr(self, name, value)

    def fields(self) -> dict:
        """The fields as a dict (only those that are set)."""
        return {n: getattr(self, n) for n in _capi.FIELDS if getattr(self, n) not in (None, [])}

    def __repr__(self) -> str:
        return "<dateline.Article %s %s %r>" % (self.id, self.date, self.title)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self.fields() == other.fields()


def _values(a, field: int) -> List[str]:
    lib = _capi.lib
    return [_capi.text(lib.dateline_article_get_nth(a, field, i))
            for i in range(lib.dateline_article_count(a, field))]


def fill(obj: Article, a) -> Article:
    """Copies every field of the C article `a` into obj."""
    for name, field in _capi.FIELD.items():
        values = _values(a, field)
        if name in _capi.LIST_FIELDS:
            setattr(obj, name, values)
        else:
            setattr(obj, name, values[0] if values else None)
    obj.date = Date(obj.date) if obj.date else None
    origins = [Origin(obj.file, obj.key)] if obj.file is not None else []
    for v in obj.origins:
        f, sep, k = v.partition("\x1f")
        # a copy stored before the separator was kept as "FILE:KEY": the whole text as file
        origins.append(Origin(f, (k or None) if sep else None))
    obj.origins = origins
    in_step = len(obj.places) == len(obj.place_ids)
    ids = []
    for i, entry in enumerate(obj.place_ids):
        pid, sp, salience = entry.rpartition(" ")
        if not sp:
            pid, salience = entry, "0"
        if pid.startswith("="):
            name = obj.places[i] if in_step else pid[1:]
        else:
            name = place_name(pid)
        ids.append(PlaceId(pid, name, int(salience) if salience.isdigit() else 0))
    obj.place_ids = ids
    return obj


def to_c(article: Article):
    """A new C article (the caller destroys it) holding the fields of `article` that the
    library takes as input (not the ones dateline_index_add() computes)."""
    from .errors import error
    lib = _capi.lib
    p = _capi.c_void_p()
    st = lib.dateline_article_new(_capi.byref(p))
    if st != _capi.OK:
        raise error(st)
    try:
        for name, value in article.fields().items():
            if name in ("place_ids", "acronyms", "origins", "story"):
                continue  # set by the index
            if name == "date":
                value = value.text if isinstance(value, Date) else str(value)
            for v in (value if name in _capi.LIST_FIELDS else [value]):
                st = lib.dateline_article_set(p, _capi.FIELD[name], _capi.arg(str(v)))
                if st != _capi.OK:
                    raise error(st, "dateline: %s %r: %s" % (
                        name, v, "not a real calendar date (YYYY-MM-DD)" if name == "date"
                        else _capi.text(lib.dateline_status_to_string(st))))
    except BaseException:
        lib.dateline_article_destroy(p)
        raise
    return p
