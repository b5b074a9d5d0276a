"""Type stubs of the thresh._thresh extension module."""

from typing import Iterable, List, Literal, Optional, TypedDict, Union

__version__: str

Kind = Literal["auto", "html", "text"]
Page = Union[bytes, str]

class Removed(TypedDict):
    """One thing thresh removed, and the rule that removed it."""

    rule: str
    text: str

class Result(TypedDict, total=False):
    """What cleaning one page gives. `removed` is there with `explain=True`,
    `error` in the results of `clean_many` (None when the page was cleaned)."""

    text: Optional[str]
    title: Optional[str]
    author: Optional[str]
    date: Optional[str]
    language: Optional[str]
    language_source: Optional[Literal["declared", "detected"]]
    url: Optional[str]
    site_name: Optional[str]
    description: Optional[str]
    removed: List[Removed]
    error: Optional[str]

class ThreshError(Exception):
    """A page thresh cannot clean."""

class BinaryInputError(ThreshError):
    """The page is binary data (an image, an archive...), not text or HTML."""

class OverBudgetError(ThreshError):
    """The page is larger than max_input_bytes, or cleaning it would take
    more memory than max_memory_bytes."""

def clean(
    page: Page,
    url: Optional[str] = None,
    *,
    charset: Optional[str] = None,
    kind: Kind = "auto",
    explain: bool = False,
) -> Result:
    """Cleans one page (bytes in any charset, or str). Raises ThreshError
    (BinaryInputError, OverBudgetError) when the page cannot be cleaned,
    ValueError for an unknown kind or charset, TypeError for a page that is
    neither bytes nor str."""

def clean_many(
    pages: Iterable[Page],
    urls: Optional[Iterable[Optional[str]]] = None,
    *,
    threads: Optional[int] = None,
    charset: Optional[str] = None,
    kind: Kind = "auto",
    explain: bool = False,
) -> List[Result]:
    """Cleans many pages on a thread pool (default: every core) with the GIL
    released; one result per page, in order. A page that cannot be cleaned
    gives a result whose text is None and whose error says why."""

class Cleaner:
    """Cleans pages with fixed options; safe to share between threads."""

    def __init__(
        self,
        *,
        kind: Kind = "auto",
        max_input_bytes: Optional[int] = None,
        max_memory_bytes: Optional[int] = None,
        detect_language: bool = True,
    ) -> None: ...
    def clean(
        self,
        page: Page,
        url: Optional[str] = None,
        *,
        charset: Optional[str] = None,
        explain: bool = False,
    ) -> Result: ...
    def clean_many(
        self,
        pages: Iterable[Page],
        urls: Optional[Iterable[Optional[str]]] = None,
        *,
        threads: Optional[int] = None,
        charset: Optional[str] = None,
        explain: bool = False,
    ) -> List[Result]: ...
