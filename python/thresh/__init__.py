"""thresh strips boilerplate, comment sections and aggregator junk from
scraped web articles (HTML pages or text already pulled out of them).

>>> import thresh
>>> thresh.clean("The pact was signed.\\n* * *\\nIt commits both countries.\\n", kind="text")["text"]
'The pact was signed.\\nIt commits both countries.\\n'
"""

from ._thresh import (
    BinaryInputError,
    Cleaner,
    OverBudgetError,
    ThreshError,
    __version__,
    clean,
    clean_many,
)

__all__ = [
    "BinaryInputError",
    "Cleaner",
    "OverBudgetError",
    "ThreshError",
    "__version__",
    "clean",
    "clean_many",
]
