//! A site's table saved to a folder of profiles and loaded from it, so that
//! a job over many shards, or tomorrow's crawl, starts warm.
//!
//! One JSON file per site, named after the site key (`example.com.json`;
//! a key with other characters, such as a folder path, is made safe and
//! given a hash: `crawl_site-a~3f2c...json`). The file holds the counts and
//! the 64-bit keys of the lines, never their text:
//! `{"format":"thresh-site-profile","version":1,"site":"example.com","pages":25,"clock":25,"lines":[[key,pages,last],...]}`,
//! lines sorted by key so that the same table always gives the same file.

use super::table::{line_key, HostTable, LineStat};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The `format` field of a profile file.
const FORMAT: &str = "thresh-site-profile";
/// The version of the profile format this build reads and writes.
const VERSION: u32 = 1;

/// Why a profile could not be read or written. Site learning goes on
/// without it: a profile that cannot be read is a site starting cold.
#[derive(Debug)]
#[non_exhaustive]
pub enum ProfileError {
    /// Reading or writing the file failed.
    Io {
        /// The profile file.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The file is not a profile of this format and version.
    Malformed {
        /// The profile file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::Io { path, source } => {
                write!(f, "site profile {}: {source}", path.display())
            }
            ProfileError::Malformed { path, reason } => {
                write!(f, "site profile {} is not usable: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for ProfileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ProfileError::Io { source, .. } => Some(source),
            ProfileError::Malformed { .. } => None,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    site: String,
    pages: u32,
    clock: u32,
    lines: Vec<(u64, u32, u32)>,
}

/// The file in `dir` that holds the profile of `site`.
///
/// ```
/// use std::path::Path;
/// use thresh::site::profile::path_for;
/// assert_eq!(path_for(Path::new("p"), "example.com"), Path::new("p/example.com.json"));
/// let odd = path_for(Path::new("p"), "crawl/Site A");
/// assert!(odd.to_string_lossy().starts_with("p/crawl_site_a~"));
/// ```
pub fn path_for(dir: &Path, site: &str) -> PathBuf {
    let plain = !site.is_empty()
        && site.len() <= 200
        && !site.starts_with('.')
        && site
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if plain {
        return dir.join(format!("{site}.json"));
    }
    let safe: String = site
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    dir.join(format!("{safe}~{:016x}.json", line_key(site)))
}

/// Loads the profile of `site` from `dir`; `Ok(None)` when there is none.
///
/// # Errors
/// The file exists but cannot be read, or is not a profile of this version
/// for this site.
pub fn load(dir: &Path, site: &str) -> Result<Option<HostTable>, ProfileError> {
    let path = path_for(dir, site);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(ProfileError::Io { path, source }),
    };
    let malformed = |reason: String| ProfileError::Malformed {
        path: path.clone(),
        reason,
    };
    let file: File = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(malformed(format!(
            "format {:?} version {}, expected {FORMAT:?} version {VERSION}",
            file.format, file.version
        )));
    }
    if file.site != site {
        return Err(malformed(format!(
            "it is the profile of {:?}, not {site:?}",
            file.site
        )));
    }
    let lines = file
        .lines
        .into_iter()
        .map(|(key, pages, last)| (key, LineStat { pages, last }))
        .collect();
    Ok(Some(HostTable::from_parts(file.pages, file.clock, lines)))
}

/// Saves `table` as the profile of `site` in `dir` (created if needed),
/// through a temporary file renamed into place, so that a reader never sees
/// half a profile.
///
/// # Errors
/// The folder or the file cannot be written.
pub fn save(dir: &Path, site: &str, table: &HostTable) -> Result<(), ProfileError> {
    let path = path_for(dir, site);
    let io_error = |source| ProfileError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io_error)?;
    let mut lines: Vec<(u64, u32, u32)> = table
        .lines()
        .map(|(key, stat)| (key, stat.pages, stat.last))
        .collect();
    lines.sort_unstable();
    let file = File {
        format: FORMAT.into(),
        version: VERSION,
        site: site.into(),
        pages: table.pages(),
        clock: table.clock(),
        lines,
    };
    let json = serde_json::to_vec(&file).expect("a profile serializes");
    let mut temporary = path.clone().into_os_string();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, json).map_err(io_error)?;
    std::fs::rename(&temporary, &path).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_round_trips_and_a_wrong_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut table = HostTable::new();
        table.add_page(&[1, 2, 3], 100, 100);
        table.add_page(&[1, 2], 100, 100);
        save(dir.path(), "example.com", &table).unwrap();
        assert_eq!(load(dir.path(), "example.com").unwrap(), Some(table));
        assert!(load(dir.path(), "other.org").unwrap().is_none());
        std::fs::write(dir.path().join("bad.org.json"), "{").unwrap();
        let err = load(dir.path(), "bad.org").unwrap_err();
        assert!(err.to_string().contains("bad.org.json"), "{err}");
    }
}
