//! `newsdex serve`: a local web page and JSON API over one index, on axum + tokio.
//!
//! The server owns no search logic: every request becomes a [`SearchSpec`] ([`params`]) and goes
//! through the same `search` and `export` code as the CLI. [`api`] answers `/api/*` in the CLI's
//! JSON, [`page`] renders server-side HTML (all state in the query string). Searches run on
//! tokio's blocking pool, since tantivy is synchronous. The index reader reloads on commit, so a
//! running `newsdex index` keeps working and the page sees its commits.

pub mod api;
pub mod html;
pub mod page;
pub mod params;
mod stream;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tantivy::{IndexReader, ReloadPolicy};

use crate::error::Fatal;
use crate::index::Fields;
use crate::search::filters::UnknownName;
use crate::search::{self, Prepared, SearchSpec};

/// What `newsdex serve` needs: the index folder and the address to listen on.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub index: PathBuf,
    pub addr: SocketAddr,
}

/// Shared by every request: one reader, which hands out a fresh searcher after each commit.
pub struct AppState {
    reader: IndexReader,
    fields: Fields,
}

type Shared = Arc<AppState>;

/// Opens the index, binds the address, prints `listening on http://ADDR/` as the first line of
/// stdout (tests and scripts read the port from it with `--port 0`) and serves until killed.
pub fn run(cfg: &ServeConfig) -> anyhow::Result<()> {
    let state = Arc::new(open(&cfg.index)?);
    let listener = std::net::TcpListener::bind(cfg.addr)
        .with_context(|| format!("cannot listen on {}", cfg.addr))?;
    listener.set_nonblocking(true)?;
    let bound = listener.local_addr()?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{bound}/")?;
        out.flush()?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(state))
            .await
            .context("the server stopped")
    })
}

/// Opens the index read-only with a reader that follows commits.
fn open(dir: &std::path::Path) -> anyhow::Result<AppState> {
    let (index, fields) = crate::index::open_existing(dir)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::OnCommitWithDelay)
        .try_into()
        .with_context(|| format!("cannot read the index {}", dir.display()))?;
    Ok(AppState { reader, fields })
}

/// Every route: the page, the article page and the JSON API.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(page::search))
        .route("/article", get(page::article))
        .route("/api/search", get(api::search))
        .route("/api/stats", get(api::stats))
        .route("/api/export", get(api::export))
        .route("/api/article", get(api::article))
        .route("/api/names", get(api::names))
        .with_state(state)
}

impl AppState {
    /// The final query for `spec` on the newest committed searcher, and the first name filter
    /// that matches nothing in the index (the CLI's "did you mean").
    pub fn prepare(&self, spec: &SearchSpec) -> anyhow::Result<(Prepared, Option<UnknownName>)> {
        let p = search::prepare_with(self.reader.searcher(), self.fields, spec)?;
        let unknown = spec.filters.unknown_name(&p.searcher, &p.fields)?;
        Ok((p, unknown))
    }
}

/// A request that failed: the HTTP status and the message shown to the user.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

/// The user's mistakes (query syntax, bad filter values) are 400; anything else is the server's.
impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Failure {
        let users = err.chain().any(|e| {
            matches!(
                e.downcast_ref::<Fatal>(),
                Some(Fatal::QuerySyntax { .. } | Fatal::Usage(_))
            )
        });
        let status = if users {
            StatusCode::BAD_REQUEST
        } else {
            eprintln!("newsdex serve: {err:#}");
            StatusCode::INTERNAL_SERVER_ERROR
        };
        Failure {
            status,
            message: format!("{err:#}"),
        }
    }
}

impl From<Fatal> for Failure {
    fn from(err: Fatal) -> Failure {
        anyhow::Error::from(err).into()
    }
}

/// Runs blocking index work on tokio's blocking pool; a panic there is a 500, not a crash.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the search failed: {e}"),
        })
    })
}
