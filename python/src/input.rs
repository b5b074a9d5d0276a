//! Python arguments in: pages (`bytes` or `str`), URLs, kinds, charsets.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use thresh::{Hints, InputKind};

/// One page of a batch: its bytes and hints, or why it has none (a value
/// that is neither `bytes` nor `str`), so that the batch goes on.
pub struct Job {
    /// The page, or the message of the error it gives.
    pub page: Result<Vec<u8>, String>,
    /// Its URL and charset.
    pub hints: Hints,
}

/// `"auto"`, `"html"` or `"text"` as an [`InputKind`].
pub fn kind(name: &str) -> PyResult<InputKind> {
    match name {
        "auto" => Ok(InputKind::Auto),
        "html" => Ok(InputKind::Html),
        "text" => Ok(InputKind::Text),
        other => Err(PyValueError::new_err(format!(
            "kind must be \"auto\", \"html\" or \"text\", not {other:?}"
        ))),
    }
}

/// The name [`kind`] reads for `kind`.
pub fn kind_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Html => "html",
        InputKind::Text => "text",
        _ => "auto",
    }
}

/// A declared charset, checked: an unknown label is a `ValueError`. A
/// `Content-Type` value (it has a `/`) passes as it is: one without a known
/// `charset=` parameter declares nothing.
pub fn charset(charset: Option<String>) -> PyResult<Option<String>> {
    match charset {
        Some(label) if !label.contains('/') && !Hints::charset_is_known(&label) => {
            Err(PyValueError::new_err(format!("unknown charset {label:?}")))
        }
        other => Ok(other),
    }
}

/// The bytes of a page given as `bytes` (kept as they are) or `str` (as
/// UTF-8).
pub fn page(page: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = page.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = page.cast::<PyString>() {
        return Ok(text.to_cow()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "page must be bytes or str, not {}",
        page.get_type().name()?
    )))
}

/// Hints from a URL and a checked charset.
pub fn hints(url: Option<String>, charset: Option<String>) -> Hints {
    let mut hints = Hints::new();
    hints.url = url;
    hints.charset = charset;
    hints
}

/// The jobs of a batch: `pages` an iterable of `bytes` or `str`, `urls`
/// `None` or an iterable of `str` or `None` as long as `pages`.
pub fn jobs(
    pages: &Bound<'_, PyAny>,
    urls: Option<&Bound<'_, PyAny>>,
    charset: Option<String>,
) -> PyResult<Vec<Job>> {
    let mut jobs = Vec::new();
    for item in pages.try_iter()? {
        let item = item?;
        jobs.push(Job {
            page: page(&item).map_err(|e| e.to_string()),
            hints: hints(None, charset.clone()),
        });
    }
    let Some(urls) = urls.filter(|u| !u.is_none()) else {
        return Ok(jobs);
    };
    let urls: Vec<Option<String>> = urls
        .try_iter()?
        .map(|u| u?.extract::<Option<String>>())
        .collect::<PyResult<_>>()?;
    if urls.len() != jobs.len() {
        return Err(PyValueError::new_err(format!(
            "urls has {} items for {} pages",
            urls.len(),
            jobs.len()
        )));
    }
    for (job, url) in jobs.iter_mut().zip(urls) {
        job.hints.url = url;
    }
    Ok(jobs)
}
