//! The library's error type.

/// Why an input could not be cleaned.
///
/// Empty output is not an error: an input that holds only chaff gives an
/// [`Article`](crate::Article) with empty text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is binary data (an image, an archive, an executable...),
    /// not text or HTML.
    #[error("input is binary data ({what}), not text or HTML")]
    Binary {
        /// What the data looks like, e.g. "PNG image" or "NUL bytes".
        what: &'static str,
    },
    /// The input is larger than [`Budgets::max_input_bytes`](crate::Budgets).
    #[error("input is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        bytes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// Cleaning the input would take more memory than
    /// [`Budgets::max_memory_bytes`](crate::Budgets) allows, as estimated
    /// before starting (many short lines, many tags).
    #[error(
        "cleaning this input would take about {} MiB, over the memory budget of {} MiB",
        .estimated >> 20,
        .limit >> 20
    )]
    OverMemoryBudget {
        /// The estimate, in bytes.
        estimated: usize,
        /// The configured limit.
        limit: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_and_how_much() {
        assert_eq!(
            Error::Binary { what: "PNG image" }.to_string(),
            "input is binary data (PNG image), not text or HTML"
        );
        assert_eq!(
            Error::TooLarge {
                bytes: 10,
                limit: 4
            }
            .to_string(),
            "input is 10 bytes, over the limit of 4 bytes"
        );
        let over = Error::OverMemoryBudget {
            estimated: 3 << 30,
            limit: 1 << 30,
        };
        assert_eq!(
            over.to_string(),
            "cleaning this input would take about 3072 MiB, over the memory budget of 1024 MiB"
        );
    }
}
