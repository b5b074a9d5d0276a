"""A datatrove extractor that cleans with thresh.

Importable when datatrove is installed::

    from datatrove.pipeline.readers import WarcReader
    from thresh.datatrove import Thresh

    pipeline = [WarcReader("s3://bucket/crawl/"), Thresh(), ...]

`Thresh().extract(html)` returns the page's clean text (the text of
`thresh.clean(html)`), empty when nothing is left.
"""

from datatrove.pipeline.extractors.base import BaseExtractor

from . import clean


class Thresh(BaseExtractor):
    """datatrove extractor: a document's HTML in, thresh's clean text out.

    `kind` is "html" (the default: datatrove documents hold pages), "text" or
    "auto"; `timeout` is datatrove's per-document limit in seconds.
    """

    name = "🌾 thresh"

    def __init__(self, kind: str = "html", timeout: float = 1.0):
        super().__init__(timeout)
        # Options, not a thresh.Cleaner: datatrove pickles its steps to send
        # them to workers, and a Cleaner does not pickle.
        self.kind = kind

    def extract(self, text: str) -> str:
        return clean(text, kind=self.kind)["text"]
