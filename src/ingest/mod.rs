//! Ingestion: find files ([`walk`]), turn their bytes into text ([`decode`]) and split them into
//! [`RawArticle`](crate::model::RawArticle)s by format ([`formats`]).

pub mod decode;
pub mod formats;
pub mod walk;
