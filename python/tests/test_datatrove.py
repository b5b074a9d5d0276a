"""thresh.datatrove against a stand-in of datatrove's BaseExtractor (the
real package is not a test dependency): its import, its extract, pickling."""

import pickle
import sys
import types

import pytest


class FakeBaseExtractor:
    """What thresh.datatrove needs of datatrove's BaseExtractor."""

    name = "base"

    def __init__(self, timeout: float = 0.1):
        self.timeout = timeout


@pytest.fixture
def fake_datatrove(monkeypatch):
    modules = {}
    for name in ["datatrove", "datatrove.pipeline", "datatrove.pipeline.extractors", "datatrove.pipeline.extractors.base"]:
        modules[name] = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, modules[name])
    modules["datatrove.pipeline.extractors.base"].BaseExtractor = FakeBaseExtractor
    monkeypatch.delitem(sys.modules, "thresh.datatrove", raising=False)
    yield
    sys.modules.pop("thresh.datatrove", None)


def test_the_extractor_gives_the_clean_text(fake_datatrove):
    from thresh.datatrove import Thresh

    extractor = Thresh()
    assert isinstance(extractor, FakeBaseExtractor) and extractor.timeout == 1.0
    page = "<html><body><nav><a href='/'>Home</a></nav><article><p>The treaty was signed on Wednesday.</p></article></body></html>"
    assert extractor.extract(page) == "The treaty was signed on Wednesday.\n"
    assert Thresh(kind="text").extract("One.\n* * *\nTwo.") == "One.\nTwo.\n"
    assert pickle.loads(pickle.dumps(extractor)).extract(page) == "The treaty was signed on Wednesday.\n"


def test_without_datatrove_the_module_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "datatrove", None)
    monkeypatch.delitem(sys.modules, "thresh.datatrove", raising=False)
    with pytest.raises(ImportError):
        import thresh.datatrove  # noqa: F401
    sys.modules.pop("thresh.datatrove", None)
