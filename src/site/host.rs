//! Which site a record belongs to: the registrable domain of its URL, or,
//! for a page file without one, the folder that holds it.
//!
//! The registrable domain follows a documented simple rule rather than the
//! full public-suffix list: the last two labels of the host
//! (`news.example.com` → `example.com`), or the last three when the label
//! before a two-letter country code is a generic second level such as `co`,
//! `com`, `org`, `net`, `ac`, `gov` or `edu` (`www.bbc.co.uk` → `bbc.co.uk`,
//! `abc.net.au` → `abc.net.au`). An IP address is its own site. Hosting
//! platforms that give each customer a subdomain (`*.github.io`,
//! `*.blogspot.com`) are one site under this rule.

/// Second-level labels that, before a two-letter country code, are part of
/// the public suffix (`co.uk`, `com.au`, `org.br`...).
const GENERIC_SECOND_LEVEL: &[&str] = &[
    "ac", "co", "com", "edu", "gob", "gov", "govt", "ltd", "me", "mil", "ne", "net", "nic", "or",
    "org", "plc", "sch",
];

/// The site key of a record: the registrable domain of `url` when it has a
/// host, else the folder of `file_name` (a page file in a walked folder).
/// `None` when neither says (a JSONL record without a URL).
///
/// ```
/// use thresh::site::site_key;
/// assert_eq!(site_key(Some("https://news.example.com/a?b=1"), None).as_deref(), Some("example.com"));
/// assert_eq!(site_key(None, Some("crawl/tidewater/p01.html")).as_deref(), Some("crawl/tidewater"));
/// assert_eq!(site_key(None, None), None);
/// ```
pub fn site_key(url: Option<&str>, file_name: Option<&str>) -> Option<String> {
    if let Some(domain) = url.and_then(url_host).map(|h| registrable_domain(&h)) {
        return Some(domain);
    }
    let file = std::path::Path::new(file_name?);
    let folder = file.parent()?.to_string_lossy();
    Some(if folder.is_empty() {
        ".".to_string()
    } else {
        folder.into_owned()
    })
}

/// The host of `url`, lower-cased, without user info, port or a final dot;
/// `None` when the URL has no authority (`mailto:`, a bare path).
///
/// ```
/// use thresh::site::host::url_host;
/// assert_eq!(url_host("HTTPS://user@WWW.Example.COM.:8080/x").as_deref(), Some("www.example.com"));
/// assert_eq!(url_host("/just/a/path"), None);
/// ```
pub fn url_host(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        // An IPv6 literal keeps its colons.
        host.split_once(']')
            .map_or(host, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The registrable domain of `host` by the rule in this module's header.
///
/// ```
/// use thresh::site::host::registrable_domain;
/// assert_eq!(registrable_domain("www.bbc.co.uk"), "bbc.co.uk");
/// assert_eq!(registrable_domain("a.b.example.org"), "example.org");
/// assert_eq!(registrable_domain("192.168.0.7"), "192.168.0.7");
/// assert_eq!(registrable_domain("localhost"), "localhost");
/// ```
pub fn registrable_domain(host: &str) -> String {
    let is_ip = host.contains(':') || host.split('.').all(|l| l.parse::<u8>().is_ok());
    let labels: Vec<&str> = host.split('.').collect();
    if is_ip || labels.len() <= 2 {
        return host.to_string();
    }
    let n = labels.len();
    let keep = if labels[n - 1].len() == 2 && GENERIC_SECOND_LEVEL.contains(&labels[n - 2]) {
        3
    } else {
        2
    };
    labels[n - keep..].join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains_of_one_site_share_a_key_and_country_suffixes_are_kept() {
        let key = |u: &str| site_key(Some(u), None).unwrap();
        assert_eq!(
            key("https://www.example.com/a"),
            key("http://blog.example.com/b")
        );
        assert_eq!(key("https://www.abc.net.au/news/1"), "abc.net.au");
        assert_eq!(key("https://news.example.de/x"), "example.de");
        assert_eq!(key("http://[::1]:8080/x"), "::1");
    }

    #[test]
    fn a_url_without_a_host_falls_back_to_the_file_folder() {
        assert_eq!(
            site_key(Some("not a url"), Some("a/b/c.html")).as_deref(),
            Some("a/b")
        );
        assert_eq!(site_key(None, Some("c.html")).as_deref(), Some("."));
    }
}
