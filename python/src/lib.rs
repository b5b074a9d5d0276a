//! Python bindings of thresh: the `thresh._thresh` extension module that the
//! `thresh` Python package re-exports.
//!
//! | module | job |
//! |---|---|
//! | `lib` | the module, its functions and the `Cleaner` class |
//! | `input` | Python arguments in: pages, URLs, kinds, charsets |
//! | `output` | an [`Article`](thresh::Article) or an error out, as a `dict` or an exception |
//! | `pool` | many pages cleaned on a thread pool, in order, without the GIL |

mod input;
mod output;
mod pool;

use pyo3::prelude::*;
use pyo3::types::PyList;

pub use output::{BinaryInputError, OverBudgetError, ThreshError};

/// Cleans pages with fixed options: which parser (`kind`), the budgets, and
/// whether a language the page does not declare is detected.
/// Build one and share it: it holds no mutable state and is safe to use from
/// many threads at once.
#[pyclass(frozen, module = "thresh")]
struct Cleaner {
    inner: thresh::Cleaner,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (*, kind = "auto", max_input_bytes = None, max_memory_bytes = None, detect_language = true))]
    fn new(
        kind: &str,
        max_input_bytes: Option<usize>,
        max_memory_bytes: Option<usize>,
        detect_language: bool,
    ) -> PyResult<Cleaner> {
        let mut config = thresh::Config::new()
            .input_kind(input::kind(kind)?)
            .detect_language(detect_language);
        if let Some(limit) = max_input_bytes {
            config = config.max_input_bytes(limit);
        }
        if let Some(limit) = max_memory_bytes {
            config = config.max_memory_bytes(limit);
        }
        Ok(Cleaner {
            inner: thresh::Cleaner::new(config),
        })
    }

    /// Cleans one page (`bytes` in any charset, or `str`); see `thresh.clean`.
    #[pyo3(signature = (page, url = None, *, charset = None, explain = false))]
    fn clean<'py>(
        &self,
        py: Python<'py>,
        page: &Bound<'py, PyAny>,
        url: Option<String>,
        charset: Option<String>,
        explain: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        clean_one(py, &self.inner, page, url, charset, explain)
    }

    /// Cleans many pages on a thread pool; see `thresh.clean_many`.
    #[pyo3(signature = (pages, urls = None, *, threads = None, charset = None, explain = false))]
    fn clean_many<'py>(
        &self,
        py: Python<'py>,
        pages: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        charset: Option<String>,
        explain: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        clean_batch(py, &self.inner, pages, urls, threads, charset, explain)
    }

    fn __repr__(&self) -> String {
        let config = self.inner.config();
        format!(
            "Cleaner(kind={:?}, max_input_bytes={}, max_memory_bytes={}, detect_language={})",
            input::kind_name(config.input_kind),
            config.budgets.max_input_bytes,
            config.budgets.max_memory_bytes,
            if config.detect_language {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// Cleans one page: `page` is `bytes` (any charset) or `str`; `url` the
/// page's URL (resolves a relative canonical link, helps charset detection);
/// `charset` a declared charset or `Content-Type`; `kind` `"auto"`, `"html"`
/// or `"text"`; with `explain`, the dict lists what was removed.
#[pyfunction]
#[pyo3(signature = (page, url = None, *, charset = None, kind = "auto", explain = false))]
fn clean<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    charset: Option<String>,
    kind: &str,
    explain: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let cleaner = thresh::Cleaner::new(thresh::Config::new().input_kind(input::kind(kind)?));
    clean_one(py, &cleaner, page, url, charset, explain)
}

/// Cleans many pages on a thread pool (`threads`, default: every core),
/// with the GIL released; returns one dict per page, in order. A page that
/// cannot be cleaned gives a dict whose `text` is `None` and whose `error`
/// says why; the others have `error` `None`.
#[pyfunction]
#[pyo3(signature = (pages, urls = None, *, threads = None, charset = None, kind = "auto", explain = false))]
fn clean_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    urls: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
    charset: Option<String>,
    kind: &str,
    explain: bool,
) -> PyResult<Bound<'py, PyList>> {
    let cleaner = thresh::Cleaner::new(thresh::Config::new().input_kind(input::kind(kind)?));
    clean_batch(py, &cleaner, pages, urls, threads, charset, explain)
}

fn clean_one<'py>(
    py: Python<'py>,
    cleaner: &thresh::Cleaner,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    charset: Option<String>,
    explain: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let charset = input::charset(charset)?;
    let bytes = input::page(page)?;
    let hints = input::hints(url, charset);
    let result = py.detach(|| pool::clean_guarded(cleaner, &bytes, &hints));
    match result {
        Ok(article) => Ok(output::article(py, &article, explain)?.into_any()),
        Err(e) => Err(e.into_py_err()),
    }
}

fn clean_batch<'py>(
    py: Python<'py>,
    cleaner: &thresh::Cleaner,
    pages: &Bound<'py, PyAny>,
    urls: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
    charset: Option<String>,
    explain: bool,
) -> PyResult<Bound<'py, PyList>> {
    let charset = input::charset(charset)?;
    let jobs = input::jobs(pages, urls, charset)?;
    let threads = pool::threads(threads)?;
    let results = py.detach(|| pool::clean_all(cleaner, &jobs, threads));
    let list = PyList::empty(py);
    for result in results {
        let dict = match result {
            Ok(article) => {
                let dict = output::article(py, &article, explain)?;
                dict.set_item("error", py.None())?;
                dict
            }
            Err(e) => output::failure(py, &e.to_string(), explain)?,
        };
        list.append(dict)?;
    }
    Ok(list)
}

/// The `thresh._thresh` module.
#[pymodule]
fn _thresh(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_many, m)?)?;
    m.add_class::<Cleaner>()?;
    m.add("ThreshError", py.get_type::<ThreshError>())?;
    m.add("BinaryInputError", py.get_type::<BinaryInputError>())?;
    m.add("OverBudgetError", py.get_type::<OverBudgetError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
