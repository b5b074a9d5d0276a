//! Ordered parallel processing with a bounded window.
//!
//! A reader thread pulls [`Item`]s (a ticket, maybe some work, a size) from
//! the input; the work goes to `workers` threads, the ticket straight to the
//! caller's sink, which gets every ticket back **in input order** with the
//! outcome of its work. At most `window` items, and at most `max_bytes` of
//! them (one item always fits), are between the reader and the sink at any
//! time (plus the one the reader holds while it waits for room), so memory
//! does not grow with the stream's length, whatever order workers finish in.
//!
//! # Panics and time budget
//! A panic in the work function is caught and becomes
//! [`Outcome::Panicked`]. When a time budget is set and the item the sink is
//! waiting for has been running longer than it, the sink gets
//! [`Outcome::OverBudget`] at once and the stream goes on: the worker running
//! that item is *abandoned* (Rust cannot stop a thread; it finishes the item
//! in the background, its result is dropped, and it exits) and a fresh worker
//! takes its place. So the budget bounds how long the *output* waits for one
//! item, not the CPU the item uses; at most `max_abandoned` abandoned workers
//! may run at once, after which the sink waits for the slow item as if there
//! were no budget.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// Worker threads' stack size: generous, because pages nest deeply.
const WORKER_STACK: usize = 16 * 1024 * 1024;

/// How a pool runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfig {
    /// Worker threads (at least 1).
    pub workers: usize,
    /// Most items between the reader and the sink (at least 1).
    pub window: usize,
    /// Most bytes of items between the reader and the sink; a larger item
    /// still goes through, alone.
    pub max_bytes: usize,
    /// Longest the sink waits for one running item; `None`: no limit.
    pub budget: Option<Duration>,
    /// Most abandoned workers allowed to run at once.
    pub max_abandoned: usize,
}

impl PoolConfig {
    /// `workers` threads, a window of 16 items per worker (at least 64) and
    /// 256 MiB, no time budget, up to 2 abandoned workers per worker.
    pub fn new(workers: usize) -> PoolConfig {
        let workers = workers.max(1);
        PoolConfig {
            workers,
            window: (16 * workers).max(64),
            max_bytes: 256 * 1024 * 1024,
            budget: None,
            max_abandoned: 2 * workers,
        }
    }
}

/// One item of a pool's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<T, I> {
    /// Handed back to the sink, in order.
    pub ticket: T,
    /// Done on a worker thread, if any.
    pub work: Option<I>,
    /// The item's size in bytes, for [`PoolConfig::max_bytes`].
    pub bytes: usize,
}

/// Room between the reader and the sink: items and bytes in flight.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    room: Condvar,
}

#[derive(Default)]
struct GateState {
    items: usize,
    bytes: usize,
    closed: bool,
}

impl Gate {
    /// Waits for room for an item of `bytes`; `false` once the sink is gone.
    fn enter(&self, bytes: usize, config: &PoolConfig) -> bool {
        let mut state = lock(&self.state);
        while !state.closed
            && (state.items >= config.window.max(1)
                || (state.items > 0 && state.bytes + bytes > config.max_bytes))
        {
            state = self
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.items += 1;
        state.bytes += bytes;
        !state.closed
    }

    fn leave(&self, bytes: usize) {
        let mut state = lock(&self.state);
        state.items -= 1;
        state.bytes -= bytes;
        self.room.notify_all();
    }
}

/// Closes the gate when the sink's loop ends, however it ends, so the reader
/// stops.
struct CloseOnDrop(Arc<Gate>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        lock(&self.0.state).closed = true;
        self.0.room.notify_all();
    }
}

/// What became of one item's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<R> {
    /// The work returned this.
    Done(R),
    /// The work panicked with this message.
    Panicked(String),
    /// The work was still running after this long; it was abandoned.
    OverBudget(Duration),
}

type Job<I> = (u64, I);
type Started = Arc<Mutex<HashMap<u64, (Instant, Arc<AtomicBool>)>>>;

struct Workers<I, R> {
    jobs: Arc<Mutex<Receiver<Job<I>>>>,
    results: Sender<(u64, Outcome<R>)>,
    work: Arc<dyn Fn(I) -> R + Send + Sync>,
    started: Started,
    abandoned: Arc<AtomicUsize>,
}

impl<I: Send + 'static, R: Send + 'static> Workers<I, R> {
    fn spawn(&self) {
        let jobs = Arc::clone(&self.jobs);
        let results = self.results.clone();
        let work = Arc::clone(&self.work);
        let started = Arc::clone(&self.started);
        let abandoned = Arc::clone(&self.abandoned);
        let given_up = Arc::new(AtomicBool::new(false));
        let spawned = thread::Builder::new()
            .name("thresh-worker".into())
            .stack_size(WORKER_STACK)
            .spawn(move || loop {
                let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                let Ok((seq, item)) = job else { return };
                lock(&started).insert(seq, (Instant::now(), Arc::clone(&given_up)));
                let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                lock(&started).remove(&seq);
                if given_up.load(Ordering::SeqCst) {
                    abandoned.fetch_sub(1, Ordering::SeqCst);
                    return;
                }
                let outcome = match result {
                    Ok(r) => Outcome::Done(r),
                    Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
                };
                if results.send((seq, outcome)).is_err() {
                    return;
                }
            });
        // Without a thread the remaining workers still drain the queue.
        drop(spawned);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs `work` over the items of `input` on worker threads and hands each
/// ticket with its outcome to `sink`, in input order. Items without work
/// (`None`) go to the sink with `None`. Stops at the first error of `sink`
/// and returns it; the reader and workers then wind down by themselves.
///
/// ```
/// use std::sync::Arc;
/// use thresh::batch::pool::{run, Item, Outcome, PoolConfig};
/// let input = (0..100u32).map(|i| Item { ticket: i, work: (i % 7 != 0).then_some(i), bytes: 1 });
/// let mut seen = Vec::new();
/// run(&PoolConfig::new(4), input, Arc::new(|i: u32| i * 2), |t, out| {
///     seen.push((t, out));
///     Ok::<(), ()>(())
/// })
/// .unwrap();
/// assert_eq!(seen.len(), 100);
/// assert_eq!(seen[3], (3, Some(Outcome::Done(6))));
/// assert_eq!(seen[7], (7, None));
/// ```
///
/// # Errors
/// The first error `sink` returns.
pub fn run<T, I, R, E>(
    config: &PoolConfig,
    input: impl Iterator<Item = Item<T, I>> + Send + 'static,
    work: Arc<dyn Fn(I) -> R + Send + Sync>,
    mut sink: impl FnMut(T, Option<Outcome<R>>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send + 'static,
    I: Send + 'static,
    R: Send + 'static,
{
    let gate = Arc::new(Gate::default());
    let _close = CloseOnDrop(Arc::clone(&gate));
    let (order_tx, order_rx) = mpsc::channel::<(T, bool, usize)>();
    let (job_tx, job_rx) = mpsc::channel::<Job<I>>();
    let (result_tx, result_rx) = mpsc::channel::<(u64, Outcome<R>)>();
    let workers = Workers {
        jobs: Arc::new(Mutex::new(job_rx)),
        results: result_tx,
        work,
        started: Arc::new(Mutex::new(HashMap::new())),
        abandoned: Arc::new(AtomicUsize::new(0)),
    };
    for _ in 0..config.workers.max(1) {
        workers.spawn();
    }
    thread::Builder::new()
        .name("thresh-reader".into())
        .spawn({
            let gate = Arc::clone(&gate);
            let config = *config;
            move || read(input, &gate, &config, order_tx, job_tx)
        })
        .expect("cannot start the reader thread");

    let mut pending: HashMap<u64, Outcome<R>> = HashMap::new();
    let mut seq = 0u64;
    while let Ok((ticket, has_work, bytes)) = order_rx.recv() {
        let outcome = if has_work {
            Some(wait_for(seq, config, &workers, &result_rx, &mut pending))
        } else {
            None
        };
        seq += 1;
        sink(ticket, outcome)?;
        gate.leave(bytes);
    }
    Ok(())
}

fn read<T, I>(
    input: impl Iterator<Item = Item<T, I>>,
    gate: &Gate,
    config: &PoolConfig,
    order: Sender<(T, bool, usize)>,
    jobs: Sender<Job<I>>,
) {
    for (seq, item) in (0u64..).zip(input) {
        if !gate.enter(item.bytes, config) {
            return;
        }
        let has_work = item.work.is_some();
        if let Some(work) = item.work {
            if jobs.send((seq, work)).is_err() {
                return;
            }
        }
        if order.send((item.ticket, has_work, item.bytes)).is_err() {
            return;
        }
    }
}

/// Waits for item `seq`'s outcome, abandoning it when it overruns the budget.
fn wait_for<I: Send + 'static, R: Send + 'static>(
    seq: u64,
    config: &PoolConfig,
    workers: &Workers<I, R>,
    results: &Receiver<(u64, Outcome<R>)>,
    pending: &mut HashMap<u64, Outcome<R>>,
) -> Outcome<R> {
    const POLL: Duration = Duration::from_millis(50);
    loop {
        if let Some(outcome) = pending.remove(&seq) {
            return outcome;
        }
        let wait = match config.budget {
            None => None,
            Some(budget) => {
                let started = lock(&workers.started).get(&seq).cloned();
                match started {
                    Some((at, given_up)) => {
                        let elapsed = at.elapsed();
                        let room = workers.abandoned.load(Ordering::SeqCst) < config.max_abandoned;
                        if elapsed >= budget && room {
                            // Under the lock, so the worker sees the flag
                            // unless it already removed its entry.
                            let started = lock(&workers.started);
                            if started.contains_key(&seq) {
                                given_up.store(true, Ordering::SeqCst);
                                workers.abandoned.fetch_add(1, Ordering::SeqCst);
                                drop(started);
                                workers.spawn();
                                return Outcome::OverBudget(elapsed);
                            }
                            Some(POLL)
                        } else if elapsed >= budget {
                            Some(POLL)
                        } else {
                            Some((budget - elapsed).min(POLL * 4))
                        }
                    }
                    None => Some(POLL),
                }
            }
        };
        let received = match wait {
            None => results.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(wait) => results.recv_timeout(wait),
        };
        match received {
            Ok((done, outcome)) => {
                pending.insert(done, outcome);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                // `workers` holds a sender, so this cannot happen; be safe.
                return Outcome::Panicked("the worker pool stopped".into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<R: Send + 'static>(
        config: PoolConfig,
        n: u64,
        work: Arc<dyn Fn(u64) -> R + Send + Sync>,
    ) -> Vec<(u64, Option<Outcome<R>>)> {
        let mut out = Vec::new();
        let input = (0..n).map(|i| Item {
            ticket: i,
            work: Some(i),
            bytes: 1,
        });
        run(&config, input, work, |t, o| {
            out.push((t, o));
            Ok::<(), ()>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn output_is_in_input_order_whatever_the_finishing_order() {
        let out = collect(
            PoolConfig::new(4),
            200,
            Arc::new(|i: u64| {
                thread::sleep(Duration::from_micros((200 - i) % 13 * 100));
                i * 10
            }),
        );
        assert_eq!(out.len(), 200);
        for (i, (t, o)) in out.into_iter().enumerate() {
            assert_eq!(t, i as u64);
            assert_eq!(o, Some(Outcome::Done(i as u64 * 10)));
        }
    }

    #[test]
    fn window_bounds_items_in_flight() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_seen = Arc::new(AtomicUsize::new(0));
        let (f, m) = (Arc::clone(&in_flight), Arc::clone(&max_seen));
        let input = (0..500u64).map(move |i| {
            let now = f.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            Item {
                ticket: i,
                work: Some(i),
                bytes: 1,
            }
        });
        let mut config = PoolConfig::new(3);
        config.window = 8;
        run(&config, input, Arc::new(|i: u64| i), |_, _| {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok::<(), ()>(())
        })
        .unwrap();
        // The window, plus the item the reader holds while waiting for room.
        assert!(max_seen.load(Ordering::SeqCst) <= 9, "{max_seen:?}");
    }

    #[test]
    fn bytes_in_flight_are_bounded_and_a_huge_item_goes_alone() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_seen = Arc::new(AtomicUsize::new(0));
        let (f, m) = (Arc::clone(&in_flight), Arc::clone(&max_seen));
        let input = (0..200u64).map(move |i| {
            let now = f.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            let bytes = if i == 100 { 10_000 } else { 100 };
            Item {
                ticket: i,
                work: Some(i),
                bytes,
            }
        });
        let mut config = PoolConfig::new(2);
        config.max_bytes = 250;
        let mut sunk = 0;
        run(&config, input, Arc::new(|i: u64| i), |_, _| {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            sunk += 1;
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(sunk, 200);
        // Two items of 100 bytes fit in 250, plus the one the reader holds.
        assert!(max_seen.load(Ordering::SeqCst) <= 3, "{max_seen:?}");
    }

    #[test]
    fn a_panic_is_that_items_outcome() {
        let out = collect(
            PoolConfig::new(2),
            10,
            Arc::new(|i: u64| {
                if i == 4 {
                    panic!("boom at {i}");
                }
                i
            }),
        );
        assert_eq!(out[4].1, Some(Outcome::Panicked("boom at 4".into())));
        assert_eq!(out[5].1, Some(Outcome::Done(5)));
    }

    #[test]
    fn an_item_over_budget_is_abandoned_and_the_stream_goes_on() {
        let mut config = PoolConfig::new(1);
        config.budget = Some(Duration::from_millis(100));
        let out = collect(
            config,
            5,
            Arc::new(|i: u64| {
                if i == 1 {
                    thread::sleep(Duration::from_secs(3));
                }
                i
            }),
        );
        assert!(matches!(out[1].1, Some(Outcome::OverBudget(_))));
        // With one worker, the others could only be done by its replacement.
        for i in [0, 2, 3, 4] {
            assert_eq!(out[i].1, Some(Outcome::Done(i as u64)));
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut calls = 0;
        let result = run(
            &PoolConfig::new(2),
            (0..10_000u64).map(|i| Item {
                ticket: i,
                work: Some(i),
                bytes: 1,
            }),
            Arc::new(|i: u64| i),
            |_, _| {
                calls += 1;
                if calls == 3 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("closed"));
        assert_eq!(calls, 3);
    }
}
