//! The parsed page: an HTML string in, a [`Document`] out.
//!
//! html5ever's tokenizer and tree builder (the HTML standard's parsing rules,
//! unchanged) build a lean arena of our own through [`TreeSink`]: per node
//! its links, and for elements the name and attributes html5ever made, for
//! text nodes the text. Nothing else is kept or computed (scraper's tree
//! sorts attributes, keeps lazily interned ids and classes and records the
//! parse errors), and the arena is read by index.
//!
//! The arena holds the nodes in the order the tree builder created them,
//! detached ones included, as scraper's tree does; the tree is read through
//! the parent, child and sibling links. Text appended next to a text node is
//! merged into it, a `<template>` holds a document fragment with its
//! contents, as in scraper.

use super::tokenize::{Budget, Fallback, Reading};
use crate::config::Budgets;
use hashbrown::HashTable;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use rustc_hash::FxBuildHasher;
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::hash::BuildHasher;

/// Index of a node in a [`Document`]'s arena.
pub type NodeId = u32;

/// Marks a missing link.
const NONE: NodeId = NodeId::MAX;

/// A parsed HTML page.
#[derive(Debug)]
pub struct Document {
    nodes: Vec<Node>,
    /// The greatest [`Node::depth`].
    deepest: u16,
    /// Nodes whose depth was set again because a subtree above them moved:
    /// work done for the tree builder, counted against its budget.
    redepthed: u64,
    /// The distinct (class, id) pairs of the elements.
    names: Names,
}

/// Index of an element's (class, id) pair among the distinct pairs of its
/// document ([`Document::names`]). Elements with the same class and id
/// share it, so what is read from a class and id can be read once a page.
pub type NamesId = u32;

/// The [`NamesId`] of elements with neither a class nor an id (or empty
/// ones).
pub const NO_NAMES: NamesId = 0;

/// The distinct (class, id) pairs of a document's elements, indexed by
/// [`NamesId`], their text kept together in one string (compared there when
/// a pair is looked up, not in the elements' scattered attributes). An
/// absent attribute reads as empty; the first pair is the empty one.
#[derive(Debug)]
pub struct Names {
    text: String,
    /// Where each pair's class and id end in `text`; a pair starts where
    /// the one before it ends.
    ends: Vec<[usize; 2]>,
}

impl Names {
    fn new() -> Names {
        Names {
            text: String::new(),
            ends: vec![[0, 0]],
        }
    }

    /// The number of pairs, the empty one included.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no pairs (never: the empty pair is always there).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The class and id of pair `id`.
    pub fn get(&self, id: NamesId) -> (&str, &str) {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1][1] };
        let [class_end, id_end] = self.ends[i];
        (&self.text[start..class_end], &self.text[class_end..id_end])
    }

    /// Every pair, in [`NamesId`] order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        (0..self.len() as NamesId).map(|i| self.get(i))
    }

    /// Adds a pair, giving it the next [`NamesId`].
    fn push(&mut self, class: &str, id: &str) -> NamesId {
        self.text.push_str(class);
        let class_end = self.text.len();
        self.text.push_str(id);
        self.ends.push([class_end, self.text.len()]);
        (self.ends.len() - 1) as NamesId
    }
}

/// One node and its links.
#[derive(Debug)]
struct Node {
    parent: NodeId,
    prev: NodeId,
    next: NodeId,
    first_child: NodeId,
    last_child: NodeId,
    /// Its depth below the root (kept true when a subtree moves); at most
    /// `u16::MAX`.
    depth: u16,
    data: Data,
}

/// What a node is.
#[derive(Debug)]
pub enum Data {
    /// The document root.
    Document,
    /// An element.
    Element(Element),
    /// A text node.
    Text(StrTendril),
    /// A comment, doctype or processing instruction.
    Other,
    /// A template's contents.
    Fragment,
}

/// An element: its name and attributes as html5ever gives them.
#[derive(Debug)]
pub struct Element {
    name: QualName,
    attrs: Vec<Attribute>,
    names: NamesId,
}

impl Element {
    /// The local name (lowercase for HTML elements).
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// Its (class, id) pair among the document's ([`Document::names`]).
    pub fn names(&self) -> NamesId {
        self.names
    }

    /// Its `class` and `id`, empty when absent.
    fn class_and_id(&self) -> (&str, &str) {
        (
            self.attr(&local_name!("class")).unwrap_or(""),
            self.attr(&local_name!("id")).unwrap_or(""),
        )
    }

    /// The value of the attribute `name` (no namespace).
    ///
    /// A linear scan comparing strings: an element has a handful of
    /// attributes, and interning `name` first would cost more.
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.prefix.is_none() && a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// [`get_attr`](Element::get_attr) by interned name
    /// (`local_name!("class")`): comparing atoms compares two integers, not
    /// two strings, for the attributes read on every element.
    pub fn attr(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.local == *name && a.name.prefix.is_none() && a.name.ns == ns!())
            .map(|a| &*a.value)
    }
}

/// One step of a [`Document::traverse`]: entering or leaving a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Before the node's children.
    Open(NodeId),
    /// After the node's children.
    Close(NodeId),
}

impl Document {
    /// Parses `html` as a whole document: thresh's own tokenizer feeding
    /// html5ever's tree builder when the page is within the subset it
    /// covers (see [`tokenize`](super::tokenize)), html5ever's tokenizer
    /// otherwise.
    pub fn parse(html: &str) -> Document {
        Document::parse_tokenized(html).unwrap_or_else(|_| Document::parse_html5ever(html))
    }

    /// Parses `html` with thresh's tokenizer and html5ever's tree builder,
    /// or says why the page is outside the subset that tokenizer covers.
    pub fn parse_tokenized(html: &str) -> Result<Document, Fallback> {
        let builder = TreeBuilder::new(Sink::new(), Default::default());
        super::tokenize::feed(html, &builder, &Budget::NONE, Reading::Whole)?;
        Ok(builder.sink.finish())
    }

    /// Parses `html` with html5ever's own tokenizer and tree builder.
    pub fn parse_html5ever(html: &str) -> Document {
        html5ever::parse_document(Sink::new(), Default::default()).one(html)
    }

    fn empty(capacity: usize) -> Document {
        let mut doc = Document {
            nodes: Vec::with_capacity(capacity),
            deepest: 0,
            redepthed: 0,
            names: Names::new(),
        };
        doc.push(Data::Document);
        doc
    }

    /// The document root.
    pub fn root(&self) -> NodeId {
        0
    }

    /// Number of nodes, detached ones included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena is empty (never: it holds the root).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// What the node `id` is.
    pub fn data(&self, id: NodeId) -> &Data {
        &self.nodes[id as usize].data
    }

    /// The element `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The text of the text node `id`, if it is one.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id as usize].data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The distinct (class, id) pairs of the document's elements, indexed
    /// by [`Element::names`].
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The parent of `id`, if it has one.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        some(self.nodes[id as usize].parent)
    }

    /// The ancestors of `id`, nearest first (not `id` itself).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), |&a| self.parent(a))
    }

    /// The subtree of `id` in document order, each node entered and left,
    /// without recursion.
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse {
            doc: self,
            root: id,
            next: Some(Edge::Open(id)),
        }
    }

    /// `id` and its descendants in document order.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.traverse(id).filter_map(|e| match e {
            Edge::Open(n) => Some(n),
            Edge::Close(_) => None,
        })
    }

    /// The text of `id`'s subtree, its text nodes joined in document order.
    pub fn text_of(&self, id: NodeId) -> String {
        self.descendants(id).filter_map(|n| self.text(n)).collect()
    }

    fn push(&mut self, data: Data) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first_child: NONE,
            last_child: NONE,
            depth: 0,
            data,
        });
        id
    }

    /// Unlinks `id` from its parent and siblings.
    fn detach(&mut self, id: NodeId) {
        let Node {
            parent, prev, next, ..
        } = self.nodes[id as usize];
        if parent == NONE {
            return;
        }
        let node = &mut self.nodes[id as usize];
        (node.parent, node.prev, node.next) = (NONE, NONE, NONE);
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last_child = prev;
        }
    }

    /// Makes `child` the last child of `parent`.
    fn append(&mut self, parent: NodeId, child: NodeId) {
        let last = self.nodes[parent as usize].last_child;
        if last == child {
            return;
        }
        self.detach(child);
        let node = &mut self.nodes[child as usize];
        (node.parent, node.prev) = (parent, last);
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
        self.nodes[parent as usize].last_child = child;
        self.set_depth(child);
    }

    /// Puts `node` just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: NodeId, node: NodeId) {
        self.detach(node);
        let Node { parent, prev, .. } = self.nodes[sibling as usize];
        let new = &mut self.nodes[node as usize];
        (new.parent, new.prev, new.next) = (parent, prev, sibling);
        if prev != NONE {
            self.nodes[prev as usize].next = node;
        } else {
            self.nodes[parent as usize].first_child = node;
        }
        self.nodes[sibling as usize].prev = node;
        self.set_depth(node);
    }

    /// Sets the depth of `id`, just put in place, from its parent's; when
    /// that moved it, with children (the tree builder moves subtrees when
    /// it mends misnested tags), its descendants' depths are set again.
    #[inline]
    fn set_depth(&mut self, id: NodeId) {
        let parent = self.nodes[id as usize].parent;
        let depth = self.nodes[parent as usize].depth.saturating_add(1);
        let node = &mut self.nodes[id as usize];
        let moved = node.depth != depth && node.first_child != NONE;
        node.depth = depth;
        self.deepest = self.deepest.max(depth);
        if moved {
            self.set_depths_below(id);
        }
    }

    /// Sets the depths of `id`'s descendants from its own, counting them in
    /// `redepthed`.
    #[cold]
    fn set_depths_below(&mut self, id: NodeId) {
        // The subtree in document order, each node after its parent.
        let mut at = self.nodes[id as usize].first_child;
        while at != NONE {
            let parent = self.nodes[at as usize].parent;
            let depth = self.nodes[parent as usize].depth.saturating_add(1);
            self.nodes[at as usize].depth = depth;
            self.deepest = self.deepest.max(depth);
            self.redepthed += 1;
            at = self.next_within(id, at);
        }
    }

    /// The node after `at` in document order within `root`'s subtree
    /// (`root` excluded), or [`NONE`] at its end.
    fn next_within(&self, root: NodeId, mut at: NodeId) -> NodeId {
        let first = self.nodes[at as usize].first_child;
        if first != NONE {
            return first;
        }
        while at != root {
            let next = self.nodes[at as usize].next;
            if next != NONE {
                return next;
            }
            at = self.nodes[at as usize].parent;
        }
        NONE
    }

    /// The text node `id`'s text, to append to; `None` for other nodes.
    fn text_mut(&mut self, id: NodeId) -> Option<&mut StrTendril> {
        match self.nodes.get_mut(id as usize).map(|n| &mut n.data) {
            Some(Data::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// Puts `text` at `place`: into the text node already next to it there
    /// (the parser hands text over in pieces), or as a new text node.
    fn place_text(&mut self, place: Place, text: StrTendril) {
        let neighbour = match place {
            Place::LastChildOf(parent) => self.nodes[parent as usize].last_child,
            Place::Before(sibling) => self.nodes[sibling as usize].prev,
        };
        if let Some(t) = self.text_mut(neighbour) {
            t.push_tendril(&text);
            return;
        }
        let id = self.push(Data::Text(text));
        match place {
            Place::LastChildOf(parent) => self.append(parent, id),
            Place::Before(sibling) => self.insert_before(sibling, id),
        }
    }
}

impl Document {
    /// The whole arena, for comparing two parses (tests and the fuzzer):
    /// every node in creation order with its links, names, attributes and
    /// text.
    #[doc(hidden)]
    pub fn dump(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let _ = write!(
                out,
                "{i}: p{} v{} n{} f{} l{} ",
                n.parent, n.prev, n.next, n.first_child, n.last_child
            );
            let _ = match &n.data {
                Data::Element(e) => {
                    let attrs: Vec<_> = e
                        .attrs
                        .iter()
                        .map(|a| (&*a.name.ns, &*a.name.local, &*a.value))
                        .collect();
                    writeln!(out, "{} {} {attrs:?}", &*e.name.ns, e.name())
                }
                Data::Text(t) => writeln!(out, "{:?}", &**t),
                other => writeln!(out, "{other:?}"),
            };
        }
        out
    }
}

/// Where the tree builder puts a node.
#[derive(Clone, Copy)]
enum Place {
    /// After the last child of the node.
    LastChildOf(NodeId),
    /// Just before the node, which has a parent.
    Before(NodeId),
}

fn some(id: NodeId) -> Option<NodeId> {
    (id != NONE).then_some(id)
}

/// Iterator of [`Document::traverse`].
pub struct Traverse<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<Edge>,
}

impl Iterator for Traverse<'_> {
    type Item = Edge;
    fn next(&mut self) -> Option<Edge> {
        let edge = self.next?;
        let nodes = &self.doc.nodes;
        self.next = match edge {
            Edge::Open(n) => Some(match some(nodes[n as usize].first_child) {
                Some(child) => Edge::Open(child),
                None => Edge::Close(n),
            }),
            Edge::Close(n) if n == self.root => None,
            Edge::Close(n) => match some(nodes[n as usize].next) {
                Some(sibling) => Some(Edge::Open(sibling)),
                None => some(nodes[n as usize].parent).map(Edge::Close),
            },
        };
        Some(edge)
    }
}

/// Builds a [`Document`] for html5ever's tree builder.
pub(crate) struct Sink {
    doc: RefCell<Document>,
    /// How many times the tree builder asked an element's name: its scans
    /// of the stack of open elements, the work that grows with nesting.
    lookups: Cell<u64>,
    /// Each (class, id) pair met so far, found by its hash.
    names: RefCell<NamesTable>,
}

/// Finds the [`NamesId`] of a (class, id) pair among those a page has
/// given so far, or gives it the next.
#[derive(Default)]
struct NamesTable {
    /// The hash of each pair and its index in [`Document::names`].
    table: HashTable<(u64, NamesId)>,
}

impl NamesTable {
    /// The [`NamesId`] of `element`'s class and id, `names` growing by the
    /// pair if it is new.
    fn intern(&mut self, names: &mut Names, element: &Element) -> NamesId {
        let (class, id) = element.class_and_id();
        if class.is_empty() && id.is_empty() {
            return NO_NAMES;
        }
        let hash = FxBuildHasher.hash_one((class, id));
        let same = |&(h, n): &(u64, NamesId)| h == hash && names.get(n) == (class, id);
        if let Some(&(_, n)) = self.table.find(hash, same) {
            return n;
        }
        let n = names.push(class, id);
        self.table.insert_unique(hash, (hash, n), |&(h, _)| h);
        n
    }
}

/// Bytes of a page per node of its tree, a rough guess: a tree that grows
/// past it is moved as it grows, as without it; room it leaves unused is
/// not touched. On 142 traf-dev pages under callgrind it took 0.5% of the
/// instructions away (the moves' copies), 0.2% on 150 news pages.
const NODE_BYTES: usize = 128;

impl Sink {
    pub(crate) fn new() -> Sink {
        Sink::for_page(0)
    }

    /// A sink for a page of `len` bytes: room for the nodes such a page
    /// usually has, so that the tree is seldom moved as it grows.
    pub(crate) fn for_page(len: usize) -> Sink {
        Sink {
            doc: RefCell::new(Document::empty(len / NODE_BYTES)),
            lookups: Cell::new(0),
            names: RefCell::default(),
        }
    }

    /// Whether the tree built from the first `pos` bytes of a page shows
    /// the page may be past what [`guard`](super::guard) allows: nesting
    /// deeper than half of [`Budgets::max_depth`], more nodes than half a
    /// node per byte (formatting elements reopened in every paragraph), or
    /// stack scans and depths set again past 64 per byte (the work that is
    /// quadratic in nesting). The constants leave room for every ordinary page.
    pub(crate) fn grown_past(&self, pos: usize, budgets: &Budgets) -> bool {
        let doc = self.doc.borrow();
        let pos = pos as u64;
        usize::from(doc.deepest) > budgets.max_depth / 2
            || doc.nodes.len() as u64 > pos / 2 + 10_000
            || self.lookups.get() + doc.redepthed > 64 * pos + 100_000
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        self.doc.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.lookups.set(self.lookups.get() + 1);
        Ref::map(self.doc.borrow(), |doc| match doc.data(*target) {
            Data::Element(e) => &e.name,
            _ => unreachable!("the tree builder asks only elements' names"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let mut doc = self.doc.borrow_mut();
        let mut element = Element {
            name,
            attrs,
            names: NO_NAMES,
        };
        element.names = self.names.borrow_mut().intern(&mut doc.names, &element);
        let id = doc.push(Data::Element(element));
        if template {
            let contents = doc.push(Data::Fragment);
            doc.append(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.doc.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.doc.borrow_mut().push(Data::Other)
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut doc = self.doc.borrow_mut();
        let id = doc.push(Data::Other);
        doc.append(0, id);
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut doc = self.doc.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => doc.append(*parent, id),
            NodeOrText::AppendText(text) => doc.place_text(Place::LastChildOf(*parent), text),
        }
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut doc = self.doc.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            doc.detach(id);
        }
        if doc.nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => doc.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => doc.place_text(Place::Before(*sibling), text),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.doc.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.doc.borrow().nodes[*target as usize].first_child
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut doc = self.doc.borrow_mut();
        let doc = &mut *doc;
        let Data::Element(e) = &mut doc.nodes[*target as usize].data else {
            unreachable!("the tree builder adds attributes to elements only");
        };
        for attr in attrs {
            if !e.attrs.iter().any(|a| a.name == attr.name) {
                e.attrs.push(attr);
            }
        }
        e.names = self.names.borrow_mut().intern(&mut doc.names, e);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.doc.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut doc = self.doc.borrow_mut();
        let mut child = doc.nodes[*node as usize].first_child;
        while child != NONE {
            let next = doc.nodes[child as usize].next;
            doc.append(*new_parent, child);
            child = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names, for comparing with scraper's.
    fn outline(doc: &Document) -> String {
        let mut out = String::new();
        for edge in doc.traverse(doc.root()) {
            match edge {
                Edge::Open(n) => match doc.data(n) {
                    Data::Element(e) => out.push_str(&format!("<{}>", e.name())),
                    Data::Text(t) => out.push_str(t),
                    Data::Fragment => out.push_str("[frag]"),
                    _ => out.push('!'),
                },
                Edge::Close(n) => {
                    if let Some(e) = doc.element(n) {
                        out.push_str(&format!("</{}>", e.name()));
                    }
                }
            }
        }
        out
    }

    fn scraper_outline(html: &scraper::Html) -> String {
        use ego_tree::iter::Edge as E;
        use scraper::Node as N;
        let mut out = String::new();
        for edge in html.tree.root().traverse() {
            match edge {
                E::Open(n) => match n.value() {
                    N::Element(e) => out.push_str(&format!("<{}>", e.name())),
                    N::Text(t) => out.push_str(t),
                    N::Fragment => out.push_str("[frag]"),
                    _ => out.push('!'),
                },
                E::Close(n) => {
                    if let Some(e) = n.value().as_element() {
                        out.push_str(&format!("</{}>", e.name()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn same_tree_as_scraper_on_repaired_markup() {
        let pages = [
            "<!doctype html><p>a<b>b<i>c</b>d</i>e</p>",
            "<table><tr><td>x</td></tr>stray<div>foster</div></table>after",
            "<template><p>in</p></template><p>out",
            "<html lang=en><body class=a><html class=b data-x=1><p>text</p>",
            "<a href=1>one<div>two<a href=2>three</a></div></a><!-- c --><?pi x?>",
            "<ul><li>a<li>b</ul><select><option>o<option>p</select>",
            "<svg><title>t</title><foreignObject><p>f</p></foreignObject></svg><math><mi>x</mi></math>",
            "<p>a</p>  <p>b<table>c<tr>d</table>",
        ];
        for page in pages {
            let ours = Document::parse(page);
            let theirs = scraper::Html::parse_document(page);
            assert_eq!(outline(&ours), scraper_outline(&theirs), "{page}");
            assert_eq!(ours.len(), theirs.tree.nodes().count(), "{page}");
        }
    }

    #[test]
    fn attributes_added_to_html_are_read() {
        let doc = Document::parse("<html lang=en><body><html class=b lang=fr>");
        let html = doc
            .descendants(doc.root())
            .find_map(|n| doc.element(n))
            .unwrap();
        assert_eq!(html.name(), "html");
        assert_eq!(html.get_attr("lang"), Some("en"));
        assert_eq!(html.get_attr("class"), Some("b"));
        assert_eq!(html.attr(&local_name!("class")), Some("b"));
        assert_eq!(html.attr(&local_name!("id")), None);
        assert_eq!(html.attr(&LocalName::from("data-not-static")), None);
    }

    #[test]
    fn text_of_joins_descendant_texts() {
        let doc = Document::parse("<p id=x>one <b>two</b> three</p>");
        let p = doc
            .descendants(doc.root())
            .find(|&n| {
                doc.element(n)
                    .is_some_and(|e| e.get_attr("id") == Some("x"))
            })
            .unwrap();
        assert_eq!(doc.text_of(p), "one two three");
        assert!(doc.ancestors(p).any(|a| a == doc.root()));
    }

    /// Each element's [`NamesId`] points at its own class and id (empty
    /// when absent), and elements share one exactly when both agree.
    fn assert_names_match_attributes(doc: &Document) {
        let elements: Vec<&Element> = (0..doc.len() as NodeId)
            .filter_map(|n| doc.element(n))
            .collect();
        for e in &elements {
            let own = (
                e.attr(&local_name!("class")).unwrap_or(""),
                e.attr(&local_name!("id")).unwrap_or(""),
            );
            assert_eq!(doc.names().get(e.names()), own, "<{}>", e.name());
            assert_eq!(e.names() == NO_NAMES, own == ("", ""), "<{}>", e.name());
            for other in &elements {
                let other_own = (
                    other.attr(&local_name!("class")).unwrap_or(""),
                    other.attr(&local_name!("id")).unwrap_or(""),
                );
                assert_eq!(e.names() == other.names(), own == other_own);
            }
        }
        let distinct: std::collections::HashSet<(&str, &str)> = doc.names().iter().collect();
        assert_eq!(distinct.len(), doc.names().len(), "each pair once");
    }

    #[test]
    fn elements_with_the_same_class_and_id_share_their_names() {
        let page = "<html class=b><body><div class='card x'>1</div><div class='card x'>2</div>\
                    <div class='card x' id=last>3</div><div id='card x'>4</div><p class=''>5\
                    <p id=''>6<p class='card x' CLASS=other>7<svg class=card><g id=last/></svg>\
                    <p xml:lang=en class=a>8<html id=h class=ignored lang=fr>";
        let doc = Document::parse(page);
        assert_names_match_attributes(&doc);
        // The empty pair, "b" (the first `<html>`'s, left when the second
        // adds an id), "card x", ("card x", "last"), ("", "card x"), "card",
        // ("", "last"), "a", and ("b", "h").
        assert_eq!(doc.names().len(), 9);
        let html = doc
            .element(doc.descendants(doc.root()).nth(1).unwrap())
            .unwrap();
        assert_eq!(html.name(), "html");
        assert_eq!(doc.names().get(html.names()), ("b", "h"));
    }

    proptest::proptest! {
        #[test]
        fn names_match_the_attributes_on_any_markup(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<div class=a>", "<div class=b id=x>", "<div id=x>", "<p class='a'>",
                    "<p class=\"a \">", "<span CLASS=b>", "</div>", "</p>", "text ",
                    "<html class=h>", "<body id=x>", "<table class=a>", "<td>", "<svg class=b>",
                    "<b class=a>", "<i id=y>", "</b>", "<template class=a>", "<a class=b id=y>",
                ]),
                0..40,
            )
        ) {
            let doc = Document::parse(&parts.concat());
            assert_names_match_attributes(&doc);
        }
    }
}
