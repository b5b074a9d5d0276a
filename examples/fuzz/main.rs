//! A fuzzer that runs on the stable toolchain: a corpus-driven mutation loop
//! over thresh's entry points (page bytes, scraped text, JSONL streams, WARC
//! streams, folders). No coverage instrumentation: inputs are mutated from
//! the corpus in `fuzz/corpus/<target>/`, and an input is kept when it gives
//! an outcome not seen before (see [`targets`]).
//!
//! A finding is a panic, a run over the time budget (`--hang-ms`), a peak
//! RSS over `--max-rss-mb`, or a broken contract (a JSONL stream without one
//! output line per input line); each is saved in `fuzz/findings/` and the
//! exit status is 1. The time budget counts the process's CPU time (never
//! more than the wall clock), so a fuzzer sharing a busy machine does not
//! report slow scheduling as a hang.
//!
//! With `--grow`, the inputs that gave new outcomes (up to 200 per target,
//! each under 32 KiB) are written to the corpus folder at the end, so a long
//! run leaves a corpus the short CI run starts from.
//!
//! ```sh
//! cargo run --release --example fuzz -- --seconds 3600 --target page --grow
//! cargo run --example fuzz -- --seconds 20          # every target, as in CI
//! cargo run --example fuzz -- --init-corpus         # writes the seed corpus
//! ```

mod mutate;
mod seeds;
mod targets;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use targets::Target;

/// Most inputs held in memory per target.
const MAX_CORPUS: usize = 4096;

/// Most inputs `--grow` writes to the corpus folder per target and run.
const MAX_GROWN: usize = 200;

/// Largest input `--grow` writes, so the committed corpus stays small.
const MAX_GROWN_BYTES: usize = 32 << 10;

struct Options {
    targets: Vec<Target>,
    seconds: f64,
    seed: u64,
    corpus: PathBuf,
    findings: PathBuf,
    hang: Duration,
    max_rss_mb: u64,
    init: bool,
    grow: bool,
}

fn options() -> Options {
    let mut o = Options {
        targets: Target::ALL.to_vec(),
        seconds: 10.0,
        seed: 0x5eed,
        corpus: PathBuf::from("fuzz/corpus"),
        findings: PathBuf::from("fuzz/findings"),
        hang: Duration::from_millis(if cfg!(debug_assertions) {
            20_000
        } else {
            2_000
        }),
        max_rss_mb: 2048,
        init: false,
        grow: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--target" => {
                o.targets = match value().as_str() {
                    "all" => Target::ALL.to_vec(),
                    name => vec![Target::from_name(name).unwrap_or_else(|| usage(name))],
                };
                i += 1;
            }
            "--seconds" => {
                o.seconds = value().parse().unwrap_or_else(|_| usage("--seconds"));
                i += 1;
            }
            "--seed" => {
                o.seed = value().parse().unwrap_or_else(|_| usage("--seed"));
                i += 1;
            }
            "--corpus" => {
                o.corpus = PathBuf::from(value());
                i += 1;
            }
            "--hang-ms" => {
                o.hang =
                    Duration::from_millis(value().parse().unwrap_or_else(|_| usage("--hang-ms")));
                i += 1;
            }
            "--max-rss-mb" => {
                o.max_rss_mb = value().parse().unwrap_or_else(|_| usage("--max-rss-mb"));
                i += 1;
            }
            "--init-corpus" => o.init = true,
            "--grow" => o.grow = true,
            other => usage(other),
        }
        i += 1;
    }
    o
}

fn usage(what: &str) -> ! {
    eprintln!(
        "fuzz: bad argument {what:?}\nusage: fuzz [--target page|text|jsonl|warc|folder|all] [--seconds N] [--seed N] [--corpus DIR] [--hang-ms N] [--max-rss-mb N] [--grow] [--init-corpus]"
    );
    std::process::exit(2)
}

/// The process's peak resident set, in MiB (0 where /proc is missing).
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// CPU time used by the whole process (every thread) so far, if known.
fn process_cpu() -> Option<Duration> {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid, writable timespec for the call.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Some(Duration::new(t.tv_sec as u64, t.tv_nsec as u32));
        }
    }
    None
}

/// Time one run took against the budget: its CPU time, capped by the wall
/// clock (several busy threads may use more CPU than wall time).
fn cost(wall: Duration, cpu_before: Option<Duration>) -> Duration {
    match (cpu_before, process_cpu()) {
        (Some(before), Some(after)) => wall.min(after.saturating_sub(before)),
        _ => wall,
    }
}

fn load(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

fn save(dir: &Path, data: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("cannot create the corpus folder");
    let path = dir.join(format!("{:016x}", mutate::hash(data)));
    std::fs::write(&path, data).expect("cannot write to the corpus folder");
    path
}

fn main() {
    let o = options();
    if o.init {
        for target in Target::ALL {
            let dir = o.corpus.join(target.name());
            for seed in seeds::seeds(target) {
                save(&dir, &seed);
            }
            println!(
                "{}: {} seeds in {}",
                target.name(),
                load(&dir).len(),
                dir.display()
            );
        }
        return;
    }
    // Panics are findings, reported once; the default hook's output is noise.
    std::panic::set_hook(Box::new(|_| {}));
    let per_target = Duration::from_secs_f64(o.seconds / o.targets.len() as f64);
    let mut findings = 0;
    let mut rng = mutate::Rng::new(o.seed);
    for target in &o.targets {
        let dir = o.corpus.join(target.name());
        let mut corpus = load(&dir);
        if corpus.is_empty() {
            corpus = seeds::seeds(*target);
        }
        let seeds = corpus.len();
        let mut seen: HashSet<u64> = HashSet::new();
        let started = Instant::now();
        let (mut execs, mut found, mut kept) = (0u64, 0u64, 0usize);
        let mut grown: Vec<Vec<u8>> = Vec::new();
        while started.elapsed() < per_target {
            let input = if execs < seeds as u64 {
                corpus[execs as usize].clone()
            } else {
                mutate::mutate(&mut rng, &corpus)
            };
            let began = Instant::now();
            let cpu_before = process_cpu();
            let result = std::panic::catch_unwind(|| target.run(&input));
            let took = cost(began.elapsed(), cpu_before);
            execs += 1;
            let problem = match &result {
                Err(payload) => Some(format!(
                    "panic: {}",
                    targets::panic_message(payload.as_ref())
                )),
                Ok(Err(broken)) => Some(format!("contract: {broken}")),
                Ok(Ok(_)) if took > o.hang => Some(format!("over the time budget: {took:?}")),
                Ok(Ok(_)) if peak_rss_mb() > o.max_rss_mb => Some(format!(
                    "peak RSS {} MiB over {}",
                    peak_rss_mb(),
                    o.max_rss_mb
                )),
                Ok(Ok(_)) => None,
            };
            if let Some(problem) = problem {
                let path = save(&o.findings.join(target.name()), &input);
                eprintln!("fuzz: {}: {problem}: {}", target.name(), path.display());
                found += 1;
                if problem.starts_with("peak RSS") {
                    break; // The high-water mark stays over from now on.
                }
                continue;
            }
            if let Ok(Ok(signature)) = result {
                if seen.insert(signature) && execs > seeds as u64 && input.len() < 1 << 20 {
                    // Bounded: past the cap a new input takes a random place.
                    if o.grow && grown.len() < MAX_GROWN && input.len() <= MAX_GROWN_BYTES {
                        grown.push(input.clone());
                    }
                    if corpus.len() < MAX_CORPUS {
                        corpus.push(input);
                    } else {
                        let at = rng.below(corpus.len());
                        corpus[at] = input;
                    }
                    kept += 1;
                }
            }
        }
        let secs = started.elapsed().as_secs_f64();
        for input in &grown {
            save(&dir, input);
        }
        println!(
            "{}: {execs} executions in {secs:.1} s ({:.0}/s), {found} findings, {kept} inputs added to a corpus of {}, {} written to it, peak RSS {} MiB",
            target.name(),
            execs as f64 / secs.max(1e-9),
            seeds,
            grown.len(),
            peak_rss_mb()
        );
        findings += found;
    }
    if findings > 0 {
        std::process::exit(1);
    }
}
