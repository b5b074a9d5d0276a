//! Site learning in a batch: the writer's side of the stream, in input
//! order, between the workers and the output.
//!
//! Each record's page comes from a worker cleaned but not rendered, with its
//! site key and its lines' keys. In input order, its lines are counted in
//! its site's table (a [`SiteModel`]) and the record joins a queue of
//! events (records, and the begin and end of inputs, which must keep their
//! place among the records). The event at the front leaves the queue when
//! it is ready: a record is ready when its site has
//! [`SiteConfig::warmup_pages`] pages (its own and the ones after it so far),
//! when the queue holds more than [`SiteConfig::held_limit`] records or
//! [`SiteConfig::max_held_bytes`] of text, or at the end of the stream. It is
//! then cleaned of its site's boilerplate with the table as it is at that
//! moment, and rendered. Every step depends only on the order of the
//! records, never on which worker finished first, so the output is the
//! same whatever `-j`.

use super::output::Cleaned;
use super::record::Skip;
use super::{Render, StreamError, Unit};
use crate::article::Article;
use crate::site::{SiteConfig, SiteModel};
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use super::error::RecordError;
use super::fields::Fields;

/// A page cleaned by a worker and waiting for its site's verdict.
#[derive(Debug)]
pub struct Pending {
    /// The cleaned page, not rendered yet.
    pub article: Article,
    /// Its site ([`site_key`](crate::site::site_key)).
    pub site: String,
    /// The keys of its lines ([`block_key`](crate::site::judge::block_key)).
    pub keys: Vec<u64>,
}

impl Pending {
    /// Bytes of text it holds.
    fn bytes(&self) -> usize {
        self.article.blocks.iter().map(|b| b.text.len()).sum()
    }
}

/// What a worker made of a record's page.
#[derive(Debug)]
pub enum Done {
    /// Finished: no site to learn from, or site learning is off.
    Rendered(Box<Cleaned>),
    /// Waiting for its site's verdict.
    Pending(Box<Pending>),
}

/// One event of the output stream, in input order.
pub enum Event {
    /// An input starts.
    Begin(Arc<Unit>),
    /// A record, with its fields and what became of it.
    Record {
        /// The input it came from.
        unit: Arc<Unit>,
        /// Its number in the input.
        number: u64,
        /// Its size as read.
        bytes_in: u64,
        /// Its fields.
        fields: Fields,
        /// The cleaned page, or why there is none.
        result: Result<Done, RecordError>,
    },
    /// An entry skipped.
    Skipped(Skip),
    /// An input failed.
    Failed(StreamError),
    /// The current input ends.
    End,
}

/// The queue and the site tables.
pub struct Hold {
    model: SiteModel,
    render: Render,
    queue: VecDeque<Event>,
    records: usize,
    bytes: usize,
}

impl Hold {
    /// An empty queue over `model`, rendering with `render`.
    pub fn new(model: SiteModel, render: Render) -> Hold {
        Hold {
            model,
            render,
            queue: VecDeque::new(),
            records: 0,
            bytes: 0,
        }
    }

    /// The site tables.
    pub fn model(&mut self) -> &mut SiteModel {
        &mut self.model
    }

    /// Adds the next event of the stream; a pending page's lines are
    /// counted in its site's table now.
    pub fn push(&mut self, event: Event) {
        if let Event::Record {
            result: Ok(Done::Pending(pending)),
            ..
        } = &event
        {
            self.model.learn_site(&pending.site, &pending.keys);
            self.records += 1;
            self.bytes += pending.bytes();
        }
        self.queue.push_back(event);
    }

    /// The front event if it is ready (any event once `end` is set), its
    /// page cleaned of its site's boilerplate and rendered.
    pub fn pop(&mut self, end: bool) -> Option<Event> {
        let config: &SiteConfig = self.model.config();
        let full = self.records > config.held_limit()
            || self.bytes > config.max_held_bytes
            || self.queue.len() > 4 * config.held_limit().max(1);
        let warmup = config.warmup_pages;
        let ready = match self.queue.front()? {
            Event::Record {
                result: Ok(Done::Pending(p)),
                ..
            } => end || full || self.model.site_pages(&p.site) >= warmup,
            _ => true,
        };
        if !ready {
            return None;
        }
        let event = self.queue.pop_front()?;
        Some(match event {
            Event::Record {
                unit,
                number,
                bytes_in,
                fields,
                result: Ok(Done::Pending(pending)),
            } => {
                self.records -= 1;
                self.bytes -= pending.bytes();
                let result = self.finish(*pending).map(|c| Done::Rendered(Box::new(c)));
                Event::Record {
                    unit,
                    number,
                    bytes_in,
                    fields,
                    result,
                }
            }
            other => other,
        })
    }

    /// Cleans a page of its site's boilerplate and renders it.
    fn finish(&mut self, pending: Pending) -> Result<Cleaned, RecordError> {
        let Pending {
            mut article, site, ..
        } = pending;
        self.model.clean_site(&site, &mut article);
        let render = &self.render;
        let text = catch_unwind(AssertUnwindSafe(|| render(&article))).map_err(|payload| {
            RecordError::Panicked(super::pool::panic_message(payload.as_ref()))
        })?;
        Ok(Cleaned {
            text,
            metadata: std::mem::take(&mut article.metadata),
            removed: std::mem::take(&mut article.removed),
        })
    }
}
