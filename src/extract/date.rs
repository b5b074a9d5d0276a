//! Publication dates: a date as a page writes it in, ISO 8601 out
//! (`2019-11-19`, or `2019-11-19T10:00:00+01:00` when the time is given).
//!
//! Read forms:
//!
//! | form | example |
//! |---|---|
//! | ISO 8601 and its loose variants | `2019-11-19T10:00:00.000+0100`, `2019-11-19 10:00`, `2019/11/19`, `20191119` |
//! | day, month and year in digits | `19.11.2019`, `19/11/2019`, `11/19/2019` (day and month told apart only when one is over 12; a dot means day first) |
//! | month in words | `November 19, 2019`, `Nov. 19th 2019 8:02 pm UTC`, `19. März 2019`, `Tue, 19 Nov 2019 10:00:00 +0100` |
//!
//! Month names come from `data/metadata/month-numbers.txt`. A date without
//! a year, or outside the years 1900 to 2100, or that does not exist
//! (`2019-02-30`) is not a date. Text around the date is skipped, so a
//! byline's text ("By Jo Ng - Apr 16, 2015 8:02 pm UTC") can be given whole.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Years a publication date may have.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// Words read after the time, at most, for a time zone or am/pm.
const ZONE_LOOKAHEAD: usize = 2;

/// The date in `raw` as ISO 8601, or `None` when it holds none.
pub(crate) fn iso8601(raw: &str) -> Option<String> {
    let raw = raw.trim();
    iso_like(raw)
        .or_else(|| in_words(raw))
        .map(|stamp| stamp.format())
}

/// A calendar day, and a time of day when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    year: u32,
    month: u32,
    day: u32,
    /// Hours, minutes, seconds.
    time: Option<(u32, u32, u32)>,
    /// The time zone, when given.
    offset: Option<Zone>,
}

impl Stamp {
    fn new(year: u32, month: u32, day: u32) -> Option<Stamp> {
        (YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1)
            .then_some(())
            .filter(|()| day <= days_in_month(year, month))?;
        Some(Stamp {
            year,
            month,
            day,
            time: None,
            offset: None,
        })
    }

    fn format(&self) -> String {
        let mut out = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, s)) = self.time {
            out.push_str(&format!("T{h:02}:{m:02}:{s:02}"));
            match self.offset {
                Some(Zone::Utc) => out.push('Z'),
                Some(Zone::Minutes(offset)) => {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let abs = offset.unsigned_abs();
                    out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
                }
                None => {}
            }
        }
        out
    }
}

/// A time zone as a date gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// `Z`, `UTC`, `GMT`: written `Z`.
    Utc,
    /// An offset from UTC in minutes: written `+01:00`.
    Minutes(i32),
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// `YYYY-MM-DD` (or `/`, `.` separators, or none: `YYYYMMDD`) at the start
/// of `s`, with an optional time and zone after `T` or a space.
fn iso_like(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    let (year, month, day, rest) = if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        if b.get(8).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        (num(&s[..4])?, num(&s[4..6])?, num(&s[6..8])?, &s[8..])
    } else {
        let year = num(s.get(..4)?)?;
        let sep = *b.get(4)?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let (month, rest) = digits(&s[5..], 2)?;
        let rest = rest.strip_prefix(sep as char)?;
        let (day, rest) = digits(rest, 2)?;
        (year, month, day, rest)
    };
    let mut stamp = Stamp::new(year, month, day)?;
    let rest = rest.trim_start_matches(['T', ' ']);
    if let Some((time, after)) = clock(rest) {
        stamp.time = Some(time);
        stamp.offset = zone(after.trim_start());
    }
    Some(stamp)
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` at the start of `s`; the rest after it.
fn clock(s: &str) -> Option<((u32, u32, u32), &str)> {
    let (h, rest) = digits(s, 2)?;
    let (m, mut rest) = digits(rest.strip_prefix(':')?, 2)?;
    let mut sec = 0;
    if let Some((sv, r)) = rest.strip_prefix(':').and_then(|r| digits(r, 2)) {
        sec = sv;
        rest = r;
        if let Some(frac) = rest.strip_prefix(['.', ',']) {
            rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    (h < 24 && m < 60 && sec < 61).then_some(((h, m, sec), rest))
}

/// The zone written `Z`, `UTC`, `GMT`, `+01:00`, `+0100` or `+01` at the
/// start of `s` (`GMT+2` is an offset).
fn zone(s: &str) -> Option<Zone> {
    let upper = s.get(..3).map(str::to_ascii_uppercase);
    if s.starts_with('Z') || matches!(upper.as_deref(), Some("UTC" | "GMT")) {
        let after = s.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        return Some(if after.starts_with(['+', '-']) {
            zone(after)?
        } else {
            Zone::Utc
        });
    }
    let sign = match s.chars().next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let s = s.trim_start_matches(['+', '-', '−']);
    let h = num(s.get(..2)?)?;
    let rest = &s[2..];
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let m = rest.get(..2).and_then(num).unwrap_or(0);
    (h <= 14 && m < 60).then_some(Zone::Minutes(sign * (h * 60 + m) as i32))
}

/// One or up to `max` ASCII digits at the start of `s`, and what follows.
fn digits(s: &str, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// `s` as a number when it is all ASCII digits.
fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A date somewhere in `s`: the first month name with a day next to it and
/// a year after, or the first `D.M.YYYY`-like or ISO word; then a time and
/// zone close after it.
fn in_words(s: &str) -> Option<Stamp> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let found = match month_number(word) {
            Some(month) => around_month(&words, i, month),
            None => numeric_date(word)
                .or_else(|| iso_like(word).filter(|_| word.len() >= 10))
                .map(|stamp| (stamp, i + 1)),
        };
        if found
            .as_ref()
            .is_some_and(|(stamp, _)| stamp.time.is_some())
        {
            return found.map(|(stamp, _)| stamp);
        }
        let Some((mut stamp, next)) = found else {
            continue;
        };
        if let Some((time, offset)) = time_after(&words[next..]) {
            stamp.time = Some(time);
            stamp.offset = offset;
        }
        return Some(stamp);
    }
    None
}

/// The date around a month name at `words[i]`: its day just before it
/// ("19 November", "19. November", "19th of November") or just after it
/// ("November 19"), and a year after that ("2019", "de 2019"). Returns the
/// index past the date.
fn around_month(words: &[&str], i: usize, month: u32) -> Option<(Stamp, usize)> {
    let before = match i.checked_sub(1).map(|j| words[j]) {
        Some(w) if LINKS.contains(&w) => i.checked_sub(2).map(|j| words[j]),
        other => other,
    };
    if let Some(day) = before.and_then(day_number) {
        if let Some((year, end)) = year_at(words, i + 1) {
            return Some((Stamp::new(year, month, day)?, end));
        }
    }
    let day = words.get(i + 1).and_then(|w| day_number(w))?;
    let (year, end) = year_at(words, i + 2)?;
    Some((Stamp::new(year, month, day)?, end))
}

/// Words between a day, a month and a year ("19 de noviembre de 2019").
const LINKS: &[&str] = &["of", "de", "di", "del"];

/// The year at `words[j]`, or after a linking word there; with the index
/// past it.
fn year_at(words: &[&str], j: usize) -> Option<(u32, usize)> {
    let w = words.get(j)?;
    if LINKS.contains(w) {
        return Some((year_number(words.get(j + 1)?)?, j + 2));
    }
    Some((year_number(w)?, j + 1))
}

/// A day of the month: `19`, `19.`, `19th`, `1st`, `1er`, `1º`.
fn day_number(word: &str) -> Option<u32> {
    let digits_end = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = word[digits_end..].to_lowercase();
    let known = ["", ".", "st", "nd", "rd", "th", "er", "º"];
    if digits_end == 0 || digits_end > 2 || !known.contains(&suffix.as_str()) {
        return None;
    }
    let day: u32 = word[..digits_end].parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

/// A four-digit year, maybe followed by punctuation (`2019.`, `2019;`).
fn year_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ';', ')', ':']);
    (w.len() == 4).then(|| num(w)).flatten()
}

/// A `D.M.YYYY`, `D/M/YYYY`, `M/D/YYYY` or `D-M-YYYY` word.
fn numeric_date(word: &str) -> Option<Stamp> {
    let word = word.trim_end_matches(['.', ';', ')', ':']);
    let sep = word.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    if a.len() > 2 || b.len() > 2 || y.len() != 4 {
        return None;
    }
    let (a, b, year) = (num(a)?, num(b)?, num(y)?);
    let (day, month) = if a > 12 || sep == '.' {
        (a, b)
    } else if b > 12 {
        (b, a)
    } else if a == b {
        (a, b)
    } else {
        // 05/04/2019: April the 5th or May the 4th.
        return None;
    };
    Stamp::new(year, month, day)
}

/// A time of day within the first words of `words` (`8:02`, `8:02pm`,
/// `8:02 p.m.`, `10:00:00`), with its zone when one follows.
fn time_after(words: &[&str]) -> Option<((u32, u32, u32), Option<Zone>)> {
    let (at, ((mut h, m, s), rest)) = words
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(i, w)| Some((i, clock(w.trim_start_matches(['@', '(']))?)))?;
    let mut offset = zone(rest);
    let mut meridiem = rest.trim_start().to_ascii_lowercase();
    for w in words.iter().skip(at + 1).take(ZONE_LOOKAHEAD) {
        let lower = w.to_ascii_lowercase();
        if matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m.") {
            meridiem = lower;
        } else if let Some(z) = zone(w) {
            offset.get_or_insert(z);
        }
    }
    if meridiem.starts_with('p') && h < 12 {
        h += 12;
    } else if meridiem.starts_with('a') && h == 12 {
        h = 0;
    }
    (h < 24).then_some(((h, m, s), offset))
}

/// The month a word names, `None` when it names none.
fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches(['.', ',']).to_lowercase();
    MONTHS.get(lower.as_str()).copied()
}

/// Month names to numbers, from `data/metadata/month-numbers.txt`.
static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut months = HashMap::new();
    let lines = include_str!("../../data/metadata/month-numbers.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'));
    for line in lines {
        let mut words = line.split_whitespace();
        let Some(number) = words.next().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        for name in words {
            months.insert(name.to_lowercase(), number);
        }
    }
    months
});

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        iso8601(s)
    }

    #[test]
    fn iso_forms_keep_time_and_offset() {
        assert_eq!(
            iso("2019-11-19T10:00:00+01:00").as_deref(),
            Some("2019-11-19T10:00:00+01:00")
        );
        assert_eq!(
            iso("2019-11-19T10:00:00.000Z").as_deref(),
            Some("2019-11-19T10:00:00Z")
        );
        assert_eq!(
            iso("2019-11-19 10:00 -0500").as_deref(),
            Some("2019-11-19T10:00:00-05:00")
        );
        assert_eq!(
            iso("2020-11-11 12:00:00.000-0600").as_deref(),
            Some("2020-11-11T12:00:00-06:00")
        );
        assert_eq!(
            iso("2017-11-16T14:15+0000").as_deref(),
            Some("2017-11-16T14:15:00+00:00")
        );
        assert_eq!(
            iso("2018-04-05T06:00").as_deref(),
            Some("2018-04-05T06:00:00")
        );
        assert_eq!(iso(" 2019-11-19 ").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("2019/11/19").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("2019-2-3").as_deref(), Some("2019-02-03"));
    }

    #[test]
    fn impossible_dates_are_none() {
        assert_eq!(iso("2019-02-30"), None);
        assert_eq!(iso("2019-13-01"), None);
        assert_eq!(iso("1574154000"), None);
        assert_eq!(iso("0001-01-01T00:00:00"), None);
        assert_eq!(iso("2020-02-29").as_deref(), Some("2020-02-29"));
        assert_eq!(iso("1900-02-29"), None);
        assert_eq!(iso(""), None);
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso("March 2019"), None);
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(iso("November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("19 November 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("Nov. 19th, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("19. März 2019").as_deref(), Some("2019-03-19"));
        assert_eq!(iso("le 3 février 2020").as_deref(), Some("2020-02-03"));
        assert_eq!(
            iso("19 de noviembre de 2019").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            iso("Tue, 19 Nov 2019 10:00:00 +0100").as_deref(),
            Some("2019-11-19T10:00:00+01:00")
        );
        assert_eq!(
            iso("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(),
            Some("2019-11-19T10:00:00Z")
        );
    }

    #[test]
    fn bylines_give_their_date() {
        assert_eq!(
            iso("By Dan Goodin - Apr 16, 2015 8:02 pm UTC").as_deref(),
            Some("2015-04-16T20:02:00Z")
        );
        assert_eq!(
            iso("By GILLIAN MOHNEY March 11, 2015 3:46 PM").as_deref(),
            Some("2015-03-11T15:46:00")
        );
        assert_eq!(
            iso("Posted on 12:30 am, May 1 2016").as_deref(),
            Some("2016-05-01")
        );
        assert_eq!(iso("Jo Ng, 19.11.2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("You may 3 times").as_deref(), None);
    }

    #[test]
    fn digits_only_dates_need_an_unambiguous_order() {
        assert_eq!(iso("19/11/2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("11/19/2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("05.04.2019").as_deref(), Some("2019-04-05"));
        assert_eq!(iso("05/04/2019"), None);
    }
}
