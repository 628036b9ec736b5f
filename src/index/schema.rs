//! The only file that names index fields. Three kinds of documents share one index on disk:
//! `article` (one per article; its quotes are stored on it as spans of its body), `quote` (one per
//! quote, right after its article: the quote's words indexed, nothing stored; see
//! `index::documents`) and `file` (one per source file: its fingerprint, committed together with
//! its articles).

use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TokenizerManager,
};

/// Name of the text analyzer: split on non-alphanumerics, lower-case, fold accents, no stemming,
/// so a phrase query means what the user typed.
pub const NEWS_TOKENIZER: &str = "news";

/// Values of the `kind` field.
pub const KIND_ARTICLE: &str = "article";
/// A second `kind` of article documents that hold at least one quote (quote search starts there).
pub const KIND_QUOTED: &str = "quoted";
/// The kind of quote documents (quote search, `--in-quotes`).
pub const KIND_QUOTE: &str = "quote";
pub const KIND_FILE: &str = "file";

/// The fast field that links a quote document to its article (read by name in `search::join`).
pub const QUOTE_NO: &str = "quote_no";

/// Handles to every field, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub path: Field,
    pub headline: Field,
    pub body: Field,
    pub dateline: Field,
    pub place: Field,
    pub place_key: Field,
    pub date: Field,
    pub people: Field,
    pub person_key: Field,
    pub people_codes: Field,
    pub speakers: Field,
    pub speaker_key: Field,
    pub quote: Field,
    pub quote_no: Field,
    pub quote_of: Field,
    pub quotes: Field,
    pub cues: Field,
    pub url: Field,
    pub author: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub story: Field,
}

/// Names the query language accepts as `field:` prefixes, with the field each maps to.
pub const QUERY_FIELDS: [&str; 6] = ["headline", "body", "people", "speakers", "place", "quote"];

/// A text field with positions (phrases), not stored. Only fields ranked by BM25 (`scored`) keep
/// field norms: one byte per document and field, which adds up over a million documents.
fn text(scored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(NEWS_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
        .set_fieldnorms(scored);
    TextOptions::default().set_indexing_options(indexing)
}

/// An exact key (ids, paths, name keys): one untokenised term, no frequencies, no field norms.
fn key() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

/// Builds the schema of the index on disk and its field handles.
pub fn build() -> (Schema, Fields) {
    let schema = layout();
    let fields = Fields::from_schema(&schema).expect("the schema built here has every field");
    (schema, fields)
}

fn layout() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("kind", key());
    b.add_text_field("id", key() | STORED);
    b.add_text_field("path", key() | STORED | FAST);
    b.add_text_field("headline", text(true) | STORED);
    b.add_text_field("body", text(true) | STORED);
    b.add_text_field("dateline", STORED);
    b.add_text_field("place", text(false) | STORED);
    b.add_text_field("place_key", key());
    b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("people", text(false) | STORED);
    b.add_text_field("person_key", key());
    b.add_text_field("people_codes", key() | STORED);
    b.add_text_field("speakers", text(false) | STORED);
    b.add_text_field("speaker_key", key());
    // Quote documents: the quote's words, ranked by BM25 among quotes.
    b.add_text_field("quote", text(true));
    // Quote documents: the path of their article's file, which deletes them with it.
    b.add_text_field("quote_of", key());
    // An article's quotes as spans of its body with their speakers (see `index::quote_spans`).
    b.add_bytes_field("quotes", STORED);
    // The distinct attribution cues of those quotes, which the spans point into.
    b.add_text_field("cues", STORED);
    b.add_text_field("url", STORED);
    b.add_text_field("author", STORED);
    let fast = NumericOptions::default().set_fast();
    b.add_u64_field("file_size", fast.clone());
    b.add_i64_field("file_mtime", fast.clone());
    b.add_u64_field("file_hash", fast.clone());
    // Quote documents: the quote's place among its article's quotes, from 1, which is also how
    // many documents back its article stands.
    b.add_u64_field(QUOTE_NO, fast.clone());
    // The article's story sketch (`index::story`): which articles are copies of one story.
    b.add_u64_field("story", fast);
    b.build()
}

impl Fields {
    /// Resolves every field by name; the error names the first missing field.
    pub fn from_schema(schema: &Schema) -> Result<Fields, String> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("field {name:?} missing"))
        };
        Ok(Fields {
            kind: f("kind")?,
            id: f("id")?,
            path: f("path")?,
            headline: f("headline")?,
            body: f("body")?,
            dateline: f("dateline")?,
            place: f("place")?,
            place_key: f("place_key")?,
            date: f("date")?,
            people: f("people")?,
            person_key: f("person_key")?,
            people_codes: f("people_codes")?,
            speakers: f("speakers")?,
            speaker_key: f("speaker_key")?,
            quote: f("quote")?,
            quote_no: f(QUOTE_NO)?,
            quote_of: f("quote_of")?,
            quotes: f("quotes")?,
            cues: f("cues")?,
            url: f("url")?,
            author: f("author")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
            file_hash: f("file_hash")?,
            story: f("story")?,
        })
    }
}

/// The analyzer behind [`NEWS_TOKENIZER`]; search uses the same one for query terms.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(80))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers newsdex's analyzers on an opened index (tantivy does not persist them).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NEWS_TOKENIZER, news_analyzer());
}

/// tantivy's default tokenizers plus newsdex's analyzers, for an index about to be built.
pub fn tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(NEWS_TOKENIZER, news_analyzer());
    manager
}

/// Index settings: zstd for the document store (stored bodies are most of an index's size), in
/// larger blocks than tantivy's default so repeated fields of neighbouring documents compress.
/// Level 9 in 256 KB blocks (against 3 in 64 KB) took the 100 MB bench index from 132.9 to
/// 124.8 MB, paying for the quote documents, for about 1 s more CPU per 100 MB indexed.
pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(9),
        }),
        docstore_blocksize: 256 * 1024,
        ..tantivy::IndexSettings::default()
    }
}
