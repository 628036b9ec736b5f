//! Searching: the query language and filters to a tantivy query ([`query`]), hits with snippets.
