//! Stage 2 for text inputs: decoded text to [`Block`](crate::Block)s.
//! (HTML inputs go through [`extract`](crate::extract) instead.)

pub mod text;
