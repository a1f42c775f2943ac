"""What a directory search asks (Query) and answers (Results, with Facets)."""

import re
from dataclasses import dataclass, field

from ..industries import section_name

WORD = re.compile(r"\w+", re.UNICODE)
SORTS = ("relevance", "name", "newest")
SUGGESTION_LIMIT = 8


def words(text):
    """The query's words, lower-cased; anything else (operators, quotes) is dropped."""
    return [word.lower() for word in WORD.findall(text or "")][:10]


@dataclass(frozen=True)
class Query:
    text: str = ""
    municipality: str = ""
    industry: str = ""  # TOL 2008 section letter
    service: str = ""  # service slug
    sort: str = "relevance"

    @property
    def terms(self):
        return words(self.text)

    @property
    def effective_sort(self):
        if self.sort not in SORTS or (self.sort == "relevance" and not self.terms):
            return "name"
        return self.sort


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Results:
    listings: list
    total: int
    facets: dict = field(default_factory=dict)
    # The engine stopped reading at `total` matches: more match, and the facets count
    # only those (the database engine's DIRECTORY_SEARCH_MATCH_LIMIT).
    capped: bool = False


def largest_first(pairs):
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0] or ""))


def facets(municipalities, sections, services, service_names):
    """Facet lists from (value, count) pairs, largest first; `service_names` by slug."""
    return {
        "municipality": [Facet(v, v, n) for v, n in municipalities if v],
        "industry": [Facet(v, f"{v} {section_name(v)}", n) for v, n in sections if v],
        "service": [Facet(v, service_names.get(v, v), n) for v, n in services if v],
    }
