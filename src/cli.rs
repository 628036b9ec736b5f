//! The command line, as clap derive types only. `cmd` turns these into plain configs; nothing
//! else in the crate sees clap.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::OutputFormat;
use crate::search::SortOrder;
use crate::search::filters::{FilterSpec, Period};

/// `newsdex --version`: the crate version and the commit it was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("NEWSDEX_COMMIT"),
    ")"
);

const MAIN_EXAMPLES: &str = "\
Examples:
  newsdex index ~/news                       index a folder (re-run to update)
  newsdex search '\"territorial issues\"'      a phrase
  newsdex search concessions --speaker rubio --in-quotes
  newsdex search '*' --all --format csv -o hits.csv
  newsdex stats '\"trade deficit\"'

The index is ./index unless --index or NEWSDEX_INDEX names another folder.
Exit codes: 0 found / ok, 1 no hits, 2 error.";

/// Full-text search for news archives: who is named, who is quoted and what they said.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version = VERSION, about, max_term_width = 100, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a corpus of articles (txt, html, json, jsonl, Reuters sgm, and .gz of each).
    #[command(after_help = "Examples:
  newsdex index                          index ./corpus into ./index
  newsdex index ~/news --index ~/news.idx
  newsdex index ~/news --exclude '*/drafts/*' --strict
  newsdex index ~/news --rebuild         start over")]
    Index(IndexArgs),
    /// Search the index: words, phrases, boolean queries and filters.
    #[command(after_help = "Examples:
  newsdex search '\"territorial issues\"'
  newsdex search '\"oil prices\"~2 AND (opec OR saudi) -brent'
  newsdex search concessions --speaker rubio --in-quotes
  newsdex search '*' --speaker ushakov --since 2025-03 --sort -date
  newsdex search '\"trade deficit\"' --all --format csv -o hits.csv
  newsdex search '\"federal reserve\"' --all --format jsonl | jq .headline")]
    Search(SearchArgs),
    /// Print what the indexer extracts from files (people, quotes, dateline) as JSON.
    #[command(after_help = "Examples:
  newsdex extract story.txt
  newsdex extract --show-blocks scraped-page.txt     why each block was kept or dropped
  newsdex extract dump.jsonl | jq '.quotes[] | {speaker: .speaker.name, text}'")]
    Extract(ExtractArgs),
    /// Counts, date range, top people, speakers and places, hits per month.
    #[command(after_help = "Examples:
  newsdex stats
  newsdex stats '\"territorial issues\"' --since 2025
  newsdex stats --speaker rubio --format json")]
    Stats(StatsArgs),
    /// Verify the index: open every segment, compare with the files on disk.
    #[command(
        after_help = "Exit codes: 0 sound and up to date, 1 files changed since indexing, 2 damaged.

Example:
  newsdex check --index ~/news.idx"
    )]
    Check(CheckArgs),
    /// Print one whole article by id, with its people and its quotes marked.
    #[command(
        after_help = "Ids are the `id` of search hits; a quote hit's id (ID@OFFSET) shows its article
with that quote marked.

Examples:
  newsdex show 'corpus/reuters/reut2-000.sgm#42'
  newsdex search concessions --in-quotes --format jsonl --fields id | head -1 | jq -r .id | xargs newsdex show
  newsdex show 'corpus/story.txt' --format json | jq '.quotes[] | {speaker, text}'"
    )]
    Show(ShowArgs),
    /// Serve a local web page and JSON API over the index (read-only; sees new commits).
    #[command(after_help = "Examples:
  newsdex serve                          http://127.0.0.1:8080 over ./index
  newsdex serve --index ~/news.idx --port 9000
  newsdex serve --port 0                 any free port (the first line printed names it)
  curl 'http://127.0.0.1:8080/api/search?q=%22trade+deficit%22&limit=3'")]
    Serve(ServeArgs),
    /// Quickwit, for archives that outgrow one machine: print the index config.
    #[command(after_help = "Examples:
  newsdex quickwit config --index-id news > news.yaml
  quickwit index create --index-config news.yaml --endpoint http://127.0.0.1:7280
  newsdex index ~/news --to-quickwit http://127.0.0.1:7280 --quickwit-index news
  newsdex search '\"oil prices\"' --quickwit http://127.0.0.1:7280 --quickwit-index news")]
    Quickwit(QuickwitArgs),
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  newsdex completions bash > ~/.local/share/bash-completion/completions/newsdex
  newsdex completions zsh > ~/.zfunc/_newsdex
  newsdex completions fish > ~/.config/fish/completions/newsdex.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    #[command(after_help = "Example:
  newsdex man > ~/.local/share/man/man1/newsdex.1 && man newsdex")]
    Man,
}

#[derive(Debug, Args)]
pub struct QuickwitArgs {
    #[command(subcommand)]
    pub command: QuickwitCommand,
}

#[derive(Debug, Subcommand)]
pub enum QuickwitCommand {
    /// Print a Quickwit index config whose doc mapping matches newsdex's schema.
    #[command(after_help = "Examples:
  newsdex quickwit config --index-id news > news.yaml
  newsdex quickwit config --index-id news --no-timestamp-field --format json")]
    Config(QuickwitConfigArgs),
}

#[derive(Debug, Args)]
pub struct QuickwitConfigArgs {
    /// The Quickwit index id.
    #[arg(long, default_value = "newsdex")]
    pub index_id: String,
    /// Do not make `date` the timestamp field: needed when some articles have no date (Quickwit
    /// rejects documents without their timestamp), at the cost of time-pruned searches.
    #[arg(long)]
    pub no_timestamp_field: bool,
    /// Seconds Quickwit waits before committing what it ingested (it becomes searchable then).
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub commit_timeout: u64,
    /// yaml (for `quickwit index create`) or json (for the REST API).
    #[arg(long, value_enum, default_value_t = QuickwitConfigFormat::Yaml)]
    pub format: QuickwitConfigFormat,
}

/// What `newsdex quickwit config` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuickwitConfigFormat {
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder (or file) of articles to index.
    #[arg(default_value = "corpus")]
    pub corpus: PathBuf,
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    pub follow: bool,
    /// Include hidden files and folders.
    #[arg(long)]
    pub hidden: bool,
    /// Skip files larger than this many MiB.
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    pub max_file_size: u64,
    /// Skip paths matching this glob (repeatable), e.g. --exclude '*.csv'.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Throw the existing index away and start over.
    #[arg(long)]
    pub rebuild: bool,
    /// Any failed file makes the run fail (exit 2, nothing committed).
    #[arg(long)]
    pub strict: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Memory budget of the index writer in MiB.
    #[arg(long, default_value_t = 256, value_name = "MIB")]
    pub memory: usize,
    /// Worker threads for reading and extraction (default: number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Commit at least every this many seconds, so an interrupted run keeps its work.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    pub commit_interval: f64,
    #[command(flatten)]
    pub quickwit: QuickwitIngestArgs,
}

/// `newsdex index` into Quickwit instead of the local index.
#[derive(Debug, Args, Clone, Default)]
pub struct QuickwitIngestArgs {
    /// Send the enriched articles to this Quickwit node's ingest API (e.g. http://127.0.0.1:7280)
    /// instead of the local index; needs --quickwit-index.
    #[arg(long, value_name = "URL")]
    pub to_quickwit: Option<String>,
    /// The Quickwit index to send to (created from `newsdex quickwit config` if missing).
    #[arg(long, value_name = "ID", env = "NEWSDEX_QUICKWIT_INDEX")]
    pub quickwit_index: Option<String>,
    /// Where the fingerprints of the files sent are kept (default: newsdex-quickwit-ID.state).
    #[arg(long, value_name = "FILE")]
    pub quickwit_state: Option<PathBuf>,
    /// Largest batch sent to Quickwit, in MiB (Quickwit refuses bodies over 10 MiB by default).
    #[arg(long, default_value_t = 4, value_name = "MIB")]
    pub batch_mb: usize,
    /// Write the enriched articles to this NDJSON file instead (for `quickwit tool local-ingest`).
    #[arg(long, value_name = "FILE", conflicts_with = "to_quickwit")]
    pub ndjson: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Filters shared by `search` and `stats`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only articles that name this person (full name or surname).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles that quote this person (full name or surname).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only articles with this dateline place.
    #[arg(long, value_name = "PLACE")]
    pub place: Vec<String>,
    /// Only articles on or after this date: 2025, 2025-11 or 2025-11-25.
    #[arg(long, value_name = "DATE", value_parser = Period::parse)]
    pub since: Option<Period>,
    /// Only articles on or before this date: 2025, 2025-11 or 2025-11-25.
    #[arg(long, value_name = "DATE", value_parser = Period::parse)]
    pub until: Option<Period>,
    /// --person and --speaker match the whole name only: "May" is not Brian May.
    #[arg(long)]
    pub exact: bool,
}

impl FilterArgs {
    /// The filters as plain values for `search::filters`.
    pub fn spec(&self) -> FilterSpec {
        FilterSpec {
            person: self.person.clone(),
            speaker: self.speaker.clone(),
            place: self.place.clone(),
            since: self.since,
            until: self.until,
            exact: self.exact,
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", "phrase"~2, AND OR NOT, + -, ( ), field:term, * for all.
    pub query: String,
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Any word may match (default: all words must).
    #[arg(long)]
    pub any: bool,
    /// Match the query only inside what the --speaker said; show the quotes as hits.
    #[arg(long)]
    pub in_quotes: bool,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits: score, date (oldest first) or -date (newest first).
    #[arg(long, value_enum, default_value_t = SortOrder::Score, allow_hyphen_values = true)]
    pub sort: SortOrder,
    /// Output format (default: text on a terminal, text otherwise too).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Comma-separated fields for json/jsonl/csv/tsv/md.
    #[arg(long, value_delimiter = ',')]
    pub fields: Vec<String>,
    /// Print only the number of hits.
    #[arg(long)]
    pub count: bool,
    /// Every hit, streamed, no limit (each with its story id).
    #[arg(long)]
    pub all: bool,
    /// One hit per story, with the number of its copies (default for text output).
    #[arg(long, overrides_with = "no_collapse")]
    pub collapse: bool,
    /// Every copy of a story as a hit of its own.
    #[arg(long, overrides_with = "collapse")]
    pub no_collapse: bool,
    /// With collapsing: list each copy's path and date under its story.
    #[arg(long)]
    pub copies: bool,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Overwrite --output if it exists.
    #[arg(long)]
    pub force: bool,
    /// Start csv/tsv output with a UTF-8 byte-order mark, so Excel reads accents and `£` right.
    #[arg(long)]
    pub bom: bool,
    /// Colour the highlights: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Search this Quickwit node (e.g. http://127.0.0.1:7280) instead of the local index; needs
    /// --quickwit-index.
    #[arg(long, value_name = "URL")]
    pub quickwit: Option<String>,
    /// The Quickwit index to search.
    #[arg(long, value_name = "ID", env = "NEWSDEX_QUICKWIT_INDEX")]
    pub quickwit_index: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to extract from.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// jsonl: one article per line; json: one array of articles.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Instead of articles, print each block of a scraped page with what became of it (headline,
    /// body, dropped) and why.
    #[arg(long)]
    pub show_blocks: bool,
}

/// What `newsdex extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only documents matching this query (default: all).
    pub query: Option<String>,
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// text: tables and a histogram; json: the same figures for programs.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

/// What `newsdex stats` and `newsdex show` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as search prints it (a quote hit's ID@OFFSET works too).
    pub id: String,
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// text: for reading, quotes numbered; json: the article and its quotes for programs.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// Colour the quotes: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// TCP port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the index to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Where the index lives.
    #[arg(long, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
}

// The value types belong to the layers that use them; their command-line spelling is here.
impl ValueEnum for OutputFormat {
    fn value_variants<'a>() -> &'a [Self] {
        use OutputFormat::*;
        &[Text, Json, Jsonl, Csv, Tsv, Md]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
            OutputFormat::Tsv => "tsv",
            OutputFormat::Md => "md",
        }))
    }
}

impl ValueEnum for SortOrder {
    fn value_variants<'a>() -> &'a [Self] {
        &[SortOrder::Score, SortOrder::Date, SortOrder::DateDesc]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            SortOrder::Score => PossibleValue::new("score").help("best match first"),
            SortOrder::Date => PossibleValue::new("date").help("oldest first"),
            SortOrder::DateDesc => PossibleValue::new("-date").help("newest first"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_flag_has_help_and_every_subcommand_examples() {
        let cli = Cli::command();
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            let examples = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(examples.contains("newsdex "), "{name}: no examples");
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(arg.get_help().is_some(), "{name} {id}: no help text");
            }
        }
    }
}
