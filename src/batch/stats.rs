//! Counts of a batch run, the one-line summary printed at its end and the
//! JSON written by `--stats FILE`.

use super::record::Skip;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// What a batch run did so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// Records that got an output line.
    pub records: u64,
    /// Records cleaned with some text left.
    pub ok: u64,
    /// Records cleaned with no text left.
    pub empty: u64,
    /// Records whose output line carries an error.
    pub errors: u64,
    /// Entries skipped without an output line (WARC records that are not
    /// HTML responses).
    pub skipped: u64,
    /// Skipped entries by reason.
    pub skipped_by_reason: BTreeMap<&'static str, u64>,
    /// Inputs that could not be read to their end.
    pub failed_inputs: u64,
    /// Bytes of records read (after decompression).
    pub bytes_in: u64,
    /// Wall-clock time so far, in seconds.
    pub seconds: f64,
    /// Removals by cleaning rule, over all records.
    pub removals: BTreeMap<&'static str, u64>,
}

impl Stats {
    /// Megabytes (10^6 bytes) read.
    pub fn mb_in(&self) -> f64 {
        self.bytes_in as f64 / 1e6
    }

    /// Megabytes read per second.
    pub fn mb_per_second(&self) -> f64 {
        self.mb_in() / self.seconds.max(1e-9)
    }

    /// Records per second.
    pub fn records_per_second(&self) -> f64 {
        self.records as f64 / self.seconds.max(1e-9)
    }

    /// Counts one skipped entry.
    pub fn skip(&mut self, why: Skip) {
        self.skipped += 1;
        *self.skipped_by_reason.entry(why.name()).or_default() += 1;
    }

    /// Sets the elapsed time.
    pub fn set_elapsed(&mut self, elapsed: Duration) {
        self.seconds = elapsed.as_secs_f64();
    }

    /// The one-line summary:
    /// `thresh: 3 records (2 ok, 0 empty, 1 errors), 0 skipped, 0.1 MB in 0.01 s (10.0 MB/s, 300 records/s); removed: separator 4`.
    ///
    /// ```
    /// let mut stats = thresh::batch::Stats::default();
    /// stats.records = 2;
    /// stats.ok = 2;
    /// stats.bytes_in = 2_000_000;
    /// stats.seconds = 0.5;
    /// stats.removals.insert("separator", 3);
    /// assert_eq!(
    ///     stats.summary(),
    ///     "thresh: 2 records (2 ok, 0 empty, 0 errors), 0 skipped, 2.0 MB in 0.50 s (4.0 MB/s, 4 records/s); removed: separator 3"
    /// );
    /// ```
    pub fn summary(&self) -> String {
        let mut line = format!(
            "thresh: {} records ({} ok, {} empty, {} errors), {} skipped, {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} records/s)",
            self.records,
            self.ok,
            self.empty,
            self.errors,
            self.skipped,
            self.mb_in(),
            self.seconds,
            self.mb_per_second(),
            self.records_per_second()
        );
        if self.failed_inputs > 0 {
            line.push_str(&format!("; {} inputs failed", self.failed_inputs));
        }
        if !self.removals.is_empty() {
            let parts: Vec<String> = self
                .removals
                .iter()
                .map(|(rule, n)| format!("{rule} {n}"))
                .collect();
            line.push_str("; removed: ");
            line.push_str(&parts.join(", "));
        }
        line
    }

    /// The statistics as a JSON object: every field above plus `mb_in`,
    /// `mb_per_second` and `records_per_second`.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).expect("plain data serialises");
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("mb_in".into(), self.mb_in().into());
            map.insert("mb_per_second".into(), self.mb_per_second().into());
            map.insert(
                "records_per_second".into(),
                self.records_per_second().into(),
            );
        }
        value.to_string()
    }
}
