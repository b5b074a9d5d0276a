//! Output that is never held back for long: a buffered writer whose bytes a
//! background thread flushes at least once per interval, so a caller that
//! reads the records as they come (a pipe, a tailing process) gets every
//! finished one within a second even while the next takes long to clean.
//!
//! Each `write` goes into the buffer under one lock, and [`Writer`](super::output::Writer)
//! (super::output::Writer) writes a whole record per call, so a flush never
//! tears a line.

use std::io::{self, BufWriter, Write};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::thread;
use std::time::Duration;

/// A buffered writer flushed at least every `interval` (see the module
/// docs). Dropping it stops the flushing thread; call [`Write::flush`]
/// before, to see the last error.
pub struct TimedFlush<W: Write + Send + 'static> {
    inner: Arc<Mutex<BufWriter<W>>>,
}

impl<W: Write + Send + 'static> TimedFlush<W> {
    /// Buffers up to `capacity` bytes for `inner`, flushed at least every
    /// `interval`.
    pub fn new(inner: W, capacity: usize, interval: Duration) -> TimedFlush<W> {
        let inner = Arc::new(Mutex::new(BufWriter::with_capacity(capacity, inner)));
        let weak: Weak<Mutex<BufWriter<W>>> = Arc::downgrade(&inner);
        // Without a thread the output is flushed when the buffer fills and
        // at the end, as before.
        let _ = thread::Builder::new()
            .name("thresh-flush".into())
            .spawn(move || loop {
                thread::sleep(interval);
                let Some(inner) = weak.upgrade() else { return };
                let mut out = inner.lock().unwrap_or_else(PoisonError::into_inner);
                if !out.buffer().is_empty() && out.flush().is_err() {
                    // The writer sees the error on its next write or flush.
                    return;
                }
            });
        TimedFlush { inner }
    }
}

impl<W: Write + Send + 'static> Write for TimedFlush<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut out = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that counts what reached it.
    #[derive(Clone, Default)]
    struct Reached(Arc<Mutex<Vec<u8>>>);

    impl Write for Reached {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn buffered_bytes_reach_the_writer_without_an_explicit_flush() {
        let reached = Reached::default();
        let mut out = TimedFlush::new(reached.clone(), 1 << 16, Duration::from_millis(10));
        out.write_all(b"one line\n").unwrap();
        // Waits for the flusher however slow the machine, never asserts a time.
        while reached.0.lock().unwrap().is_empty() {
            thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(&*reached.0.lock().unwrap(), b"one line\n");
    }
}
