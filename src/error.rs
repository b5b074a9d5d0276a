//! The library's error type.

use std::fmt;

/// Why an input could not be cleaned.
///
/// Empty output is not an error: an input that holds only chaff gives an
/// [`Article`](crate::Article) with empty text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is binary data (an image, an archive, an executable...),
    /// not text or HTML.
    Binary {
        /// What the data looks like, e.g. "PNG image" or "NUL bytes".
        what: &'static str,
    },
    /// The input is larger than [`Budgets::max_input_bytes`](crate::Budgets).
    TooLarge {
        /// Size of the input in bytes.
        bytes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// Cleaning the input would take more memory than
    /// [`Budgets::max_memory_bytes`](crate::Budgets) allows, as estimated
    /// before starting (many short lines, many tags).
    OverMemoryBudget {
        /// The estimate, in bytes.
        estimated: usize,
        /// The configured limit.
        limit: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Binary { what } => write!(f, "input is binary data ({what}), not text or HTML"),
            Error::TooLarge { bytes, limit } => {
                write!(f, "input is {bytes} bytes, over the limit of {limit} bytes")
            }
            Error::OverMemoryBudget { estimated, limit } => write!(
                f,
                "cleaning this input would take about {} MiB, over the memory budget of {} MiB",
                estimated >> 20,
                limit >> 20
            ),
        }
    }
}

impl std::error::Error for Error {}
