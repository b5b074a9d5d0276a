//! Results out: an [`Article`] as a `dict`, a failure as a `dict` (in a
//! batch) or as an exception of the `ThreshError` family (one page).

use crate::pool::Failure;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use thresh::Article;

create_exception!(
    thresh,
    ThreshError,
    PyException,
    "A page thresh cannot clean."
);
create_exception!(
    thresh,
    BinaryInputError,
    ThreshError,
    "The page is binary data (an image, an archive...), not text or HTML."
);
create_exception!(
    thresh,
    OverBudgetError,
    ThreshError,
    "The page is over a budget: larger than max_input_bytes, or cleaning it would take more than max_memory_bytes."
);

/// The metadata keys of a result dict, in order.
const METADATA_KEYS: [&str; 8] = [
    "title",
    "author",
    "date",
    "language",
    "language_source",
    "url",
    "site_name",
    "description",
];

/// `article` as a dict: `text` and the metadata keys, and `removed` (a list
/// of `{"rule", "text"}`) when `explain`.
pub fn article<'py>(
    py: Python<'py>,
    article: &Article,
    explain: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let m = &article.metadata;
    dict.set_item("text", article.text())?;
    let values = [
        m.title.as_deref(),
        m.author.as_deref(),
        m.date.as_deref(),
        m.language.as_deref(),
        m.language_source.map(|s| s.as_str()),
        m.url.as_deref(),
        m.site_name.as_deref(),
        m.description.as_deref(),
    ];
    for (key, value) in METADATA_KEYS.iter().zip(values) {
        dict.set_item(key, value)?;
    }
    if explain {
        let removed = PyList::empty(py);
        for removal in &article.removed {
            let item = PyDict::new(py);
            item.set_item("rule", removal.rule.to_string())?;
            item.set_item("text", &removal.text)?;
            removed.append(item)?;
        }
        dict.set_item("removed", removed)?;
    }
    Ok(dict)
}

/// The dict of a page of a batch that gave no article: `text` and the
/// metadata `None`, `removed` empty (when `explain`), `error` the message.
pub fn failure<'py>(py: Python<'py>, message: &str, explain: bool) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("text", py.None())?;
    for key in METADATA_KEYS {
        dict.set_item(key, py.None())?;
    }
    if explain {
        dict.set_item("removed", PyList::empty(py))?;
    }
    dict.set_item("error", message)?;
    Ok(dict)
}

impl Failure {
    /// The exception this failure raises when one page is cleaned.
    pub fn into_py_err(self) -> PyErr {
        let message = self.to_string();
        match self {
            Failure::Clean(thresh::Error::Binary { .. }) => BinaryInputError::new_err(message),
            Failure::Clean(
                thresh::Error::TooLarge { .. } | thresh::Error::OverMemoryBudget { .. },
            ) => OverBudgetError::new_err(message),
            _ => ThreshError::new_err(message),
        }
    }
}
