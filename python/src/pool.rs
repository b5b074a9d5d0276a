//! Many pages cleaned on a thread pool, in input order. Runs without the
//! GIL: it sees only Rust data.

use crate::input::Job;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use thresh::{Article, Cleaner, Hints};

/// Why a page gave no article.
#[derive(Debug)]
pub enum Failure {
    /// thresh refused it (binary, over a budget).
    Clean(thresh::Error),
    /// It is not a page (not `bytes` or `str`).
    NotAPage(String),
    /// The cleaner panicked on it (a bug in thresh): the batch goes on.
    Panic(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Clean(e) => write!(f, "{e}"),
            Failure::NotAPage(message) => f.write_str(message),
            Failure::Panic(message) => write!(f, "thresh panicked on this page: {message}"),
        }
    }
}

/// The number of threads to use: `requested`, or every core.
pub fn threads(requested: Option<usize>) -> PyResult<usize> {
    match requested {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// Cleans one page; a panic becomes a [`Failure::Panic`].
pub fn clean_guarded(cleaner: &Cleaner, bytes: &[u8], hints: &Hints) -> Result<Article, Failure> {
    match catch_unwind(AssertUnwindSafe(|| cleaner.clean(bytes, hints))) {
        Ok(result) => result.map_err(Failure::Clean),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Failure::Panic(message))
        }
    }
}

/// Cleans every job on `threads` threads (each takes the next job not yet
/// taken); the results are in the jobs' order.
pub fn clean_all(cleaner: &Cleaner, jobs: &[Job], threads: usize) -> Vec<Result<Article, Failure>> {
    let one = |job: &Job| match &job.page {
        Ok(bytes) => clean_guarded(cleaner, bytes, &job.hints),
        Err(message) => Err(Failure::NotAPage(message.clone())),
    };
    let threads = threads.min(jobs.len()).max(1);
    if threads == 1 {
        return jobs.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Article, Failure>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        mine.push((i, one(job)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker catches its panics"))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
