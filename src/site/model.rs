//! [`SiteModel`]: the tables of many sites, bounded by a least-recently-used
//! rule, fed pages in order and asked to clean them.

use super::judge::{self, block_key};
use super::profile::{self, ProfileError};
use super::table::HostTable;
use super::{site_key, SiteConfig};
use crate::article::Article;
use crate::clean::{Draft, Rule};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// One site held in memory.
#[derive(Debug)]
struct Slot {
    table: HostTable,
    /// When it was last used, on the model's clock.
    used: u64,
}

/// What sites have taught so far: a bounded table per site, at most
/// [`SiteConfig::max_hosts`] sites (the least recently used one goes, to
/// its profile file when a profile folder is set).
///
/// Pages are given by URL (or any string whose registrable domain names the
/// site, see [`site_key`]); [`SiteModel::learn_site`] and
/// [`SiteModel::clean_site`] take a site key directly. The result depends
/// only on the order of the calls, so a model fed the same pages in the same
/// order always cleans the same way.
#[derive(Debug)]
pub struct SiteModel {
    config: SiteConfig,
    sites: HashMap<String, Slot>,
    /// Sites by when they were last used, for the least-recently-used rule.
    by_use: BTreeMap<u64, String>,
    clock: u64,
    profiles: Option<PathBuf>,
    problems: Vec<ProfileError>,
}

impl SiteModel {
    /// An empty model.
    pub fn new(config: SiteConfig) -> SiteModel {
        SiteModel {
            config,
            sites: HashMap::new(),
            by_use: BTreeMap::new(),
            clock: 0,
            profiles: None,
            problems: Vec::new(),
        }
    }

    /// Loads each site's table from `dir` when the site is first seen, and
    /// saves it there when it is dropped and at [`SiteModel::save`].
    pub fn with_profiles(mut self, dir: impl Into<PathBuf>) -> SiteModel {
        self.profiles = Some(dir.into());
        self
    }

    /// The model's configuration.
    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// Sites held in memory.
    pub fn sites(&self) -> usize {
        self.sites.len()
    }

    /// Pages the counts of the site of `url` are out of (0 for a site not
    /// held).
    pub fn pages(&self, url: &str) -> u32 {
        site_key(Some(url), None).map_or(0, |site| self.site_pages(&site))
    }

    /// [`SiteModel::pages`] for a site key.
    pub fn site_pages(&self, site: &str) -> u32 {
        self.sites.get(site).map_or(0, |s| s.table.pages())
    }

    /// Profile files that could not be read or written since the last call.
    pub fn take_problems(&mut self) -> Vec<ProfileError> {
        std::mem::take(&mut self.problems)
    }

    /// Counts the lines of `article`, a page of the site of `url`. A URL
    /// with no host teaches nothing.
    pub fn learn(&mut self, url: &str, article: &Article) {
        if let Some(site) = site_key(Some(url), None) {
            let keys: Vec<u64> = article.blocks.iter().filter_map(block_key).collect();
            self.learn_site(&site, &keys);
        }
    }

    /// Counts one page of `site` whose lines have these keys
    /// ([`judge::block_key`]).
    pub fn learn_site(&mut self, site: &str, keys: &[u64]) {
        let (max_lines, decay) = (self.config.max_lines, self.config.decay_pages);
        self.slot(site).add_page(keys, max_lines, decay);
    }

    /// Removes from `article`, a page of the site of `url`, the lines its
    /// site's table says are boilerplate ([`judge`]), each logged as
    /// [`Rule::SiteBoilerplate`] with how often it was seen. Returns how
    /// many blocks went.
    pub fn clean(&mut self, url: &str, article: &mut Article) -> usize {
        match site_key(Some(url), None) {
            Some(site) => self.clean_site(&site, article),
            None => 0,
        }
    }

    /// [`SiteModel::clean`] for a site key.
    pub fn clean_site(&mut self, site: &str, article: &mut Article) -> usize {
        let Some(slot) = self.sites.get(site) else {
            return 0;
        };
        let keys: Vec<Option<u64>> = article.blocks.iter().map(block_key).collect();
        let verdicts = judge::boilerplate(&article.blocks, &keys, &slot.table, &self.config);
        if verdicts.is_empty() {
            return 0;
        }
        let mut draft = Draft::new(std::mem::take(&mut article.blocks));
        for v in &verdicts {
            let detail = format!("seen on {} of {} pages of {site}", v.seen, v.pages);
            draft.remove_because(v.index, Rule::SiteBoilerplate, detail);
        }
        let cleaned = draft.finish();
        article.blocks = cleaned.blocks;
        article.removed.extend(cleaned.removed);
        verdicts.len()
    }

    /// Saves every site held to the profile folder, if one is set.
    ///
    /// # Errors
    /// The first profile that could not be written; the others are still
    /// tried (and reported by [`SiteModel::take_problems`]).
    pub fn save(&mut self) -> Result<(), ProfileError> {
        let Some(dir) = &self.profiles else {
            return Ok(());
        };
        let mut names: Vec<&String> = self.sites.keys().collect();
        names.sort();
        let mut first = None;
        for name in names {
            if let Err(e) = profile::save(dir, name, &self.sites[name].table) {
                match first {
                    None => first = Some(e),
                    Some(_) => self.problems.push(e),
                }
            }
        }
        first.map_or(Ok(()), Err)
    }

    /// The table of `site`, made the most recently used; loaded from its
    /// profile or started empty when not held, dropping the least recently
    /// used site if the model is full.
    fn slot(&mut self, site: &str) -> &mut HostTable {
        self.clock += 1;
        let now = self.clock;
        if let Some(slot) = self.sites.get_mut(site) {
            self.by_use.remove(&slot.used);
            slot.used = now;
            self.by_use.insert(now, site.to_string());
        } else {
            while self.sites.len() >= self.config.max_hosts.max(1) {
                let Some((_, oldest)) = self.by_use.pop_first() else {
                    break;
                };
                if let Some(gone) = self.sites.remove(&oldest) {
                    if let Some(dir) = &self.profiles {
                        if let Err(e) = profile::save(dir, &oldest, &gone.table) {
                            self.problems.push(e);
                        }
                    }
                }
            }
            let table = match &self.profiles {
                None => HostTable::new(),
                Some(dir) => match profile::load(dir, site) {
                    Ok(table) => table.unwrap_or_default(),
                    Err(e) => {
                        self.problems.push(e);
                        HostTable::new()
                    }
                },
            };
            self.sites
                .insert(site.to_string(), Slot { table, used: now });
            self.by_use.insert(now, site.to_string());
        }
        &mut self.sites.get_mut(site).expect("just inserted").table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;

    fn page(i: usize) -> String {
        format!("Harbor Ledger front desk\nArticle {i} starts with its own words.\nStep inside the Tidewater lounge\nArticle {i} ends with its own words.")
    }

    #[test]
    fn least_recently_used_sites_go_and_the_bound_holds() {
        let mut model = SiteModel::new(SiteConfig::new().max_hosts(3));
        let article = Cleaner::default().clean_text(&page(0));
        for host in ["a.com", "b.com", "c.com", "a.com", "d.com"] {
            model.learn(&format!("https://{host}/x"), &article);
            assert!(model.sites() <= 3);
        }
        // b.com was the least recently used when d.com came.
        assert_eq!(model.pages("https://b.com/"), 0);
        assert_eq!(model.pages("https://a.com/"), 2);
        assert_eq!(model.pages("https://c.com/"), 1);
    }

    #[test]
    fn a_dropped_site_comes_back_from_its_profile() {
        let dir = tempfile::tempdir().unwrap();
        let cleaner = Cleaner::default();
        let mut model = SiteModel::new(SiteConfig::new().max_hosts(1)).with_profiles(dir.path());
        for i in 0..5 {
            model.learn("https://harbor.example/p", &cleaner.clean_text(&page(i)));
        }
        model.learn("https://other.example/p", &cleaner.clean_text(&page(9)));
        assert_eq!(model.sites(), 1);
        let mut article = cleaner.clean_text(&page(7));
        model.learn("https://harbor.example/p", &article);
        assert_eq!(model.pages("https://harbor.example/"), 6);
        assert_eq!(model.clean("https://harbor.example/p", &mut article), 2);
        assert!(model.take_problems().is_empty());
    }
}
