//! A small blocking HTTP client for Quickwit's REST API: JSON in and out, NDJSON ingest, and
//! retries with exponential back-off on what a busy or restarting cluster answers (429, 5xx,
//! refused or dropped connections). Errors name the URL and carry Quickwit's own message.

use std::time::Duration;

use anyhow::Context;
use serde_json::Value;

/// How hard to try before giving up on one request.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// Wait before the first retry; doubled each time, up to `max_wait`.
    pub first_wait: Duration,
    pub max_wait: Duration,
}

impl Default for Retry {
    /// Eight attempts over about two minutes: long enough for a node to restart.
    fn default() -> Self {
        Retry {
            attempts: 8,
            first_wait: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
        }
    }
}

impl Retry {
    /// The wait before retry number `n` (1-based).
    pub fn wait(&self, n: u32) -> Duration {
        let factor = 2u32.saturating_pow(n.saturating_sub(1));
        self.first_wait.saturating_mul(factor).min(self.max_wait)
    }
}

/// One Quickwit node (any node of a cluster answers for all of it).
pub struct Client {
    agent: ureq::Agent,
    /// `http://host:port`, without a trailing slash.
    base: String,
    retry: Retry,
    /// Where retries are reported (the progress bar, stderr).
    warn: Box<dyn Fn(&str) + Send + Sync>,
}

/// A status and body Quickwit answered with.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Worth another try: overloaded, or a server-side failure that may pass.
    fn transient(&self) -> bool {
        self.status == 429 || (500..600).contains(&self.status) && self.status != 501
    }

    /// Quickwit's error message (`{"message": ...}`), else the body as it came.
    fn message(&self) -> String {
        serde_json::from_str::<Value>(&self.body)
            .ok()
            .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| self.body.trim().chars().take(500).collect())
    }
}

/// Checks and normalises a node URL: `http://host:port`.
pub fn normalize_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let rest = if let Some(r) = url.strip_prefix("http://") {
        r
    } else if url.starts_with("https://") {
        return Err(format!(
            "{url}: https is not supported here; give the node's http:// address (Quickwit serves plain HTTP unless a proxy is put in front)"
        ));
    } else {
        return Err(format!(
            "{url:?} is not a Quickwit URL: give one like http://127.0.0.1:7280"
        ));
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(format!(
            "{url:?} is not a Quickwit node URL: give scheme, host and port only, like http://127.0.0.1:7280"
        ));
    }
    Ok(url.to_string())
}

impl Client {
    pub fn new(url: &str, retry: Retry) -> anyhow::Result<Client> {
        let base = normalize_url(url).map_err(crate::error::Fatal::Usage)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(Client {
            agent,
            base,
            retry,
            warn: Box::new(|m| eprintln!("newsdex: {m}")),
        })
    }

    /// Reports retries through `warn` instead of stderr.
    pub fn on_warning(&mut self, warn: impl Fn(&str) + Send + Sync + 'static) {
        self.warn = Box::new(warn);
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// One request with retries; `body` is sent with `content_type` when given.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> anyhow::Result<Reply> {
        let url = format!("{}{}", self.base, path);
        let mut attempt = 1;
        loop {
            let outcome = self.once(method, &url, body);
            let retryable = match &outcome {
                Ok(reply) => reply.transient(),
                Err(e) => transient_error(e),
            };
            if !retryable || attempt >= self.retry.attempts {
                return match outcome {
                    Ok(reply) => Ok(reply),
                    Err(e) => Err(anyhow::Error::new(e).context(format!(
                        "cannot reach Quickwit at {url} (after {attempt} attempt(s)): is it running? See `newsdex quickwit --help` for how to start one"
                    ))),
                };
            }
            let why = match &outcome {
                Ok(r) => format!("HTTP {} ({})", r.status, r.message()),
                Err(e) => e.to_string(),
            };
            let wait = self.retry.wait(attempt);
            (self.warn)(&format!(
                "Quickwit {method} {path}: {why}; retrying in {:.1} s (attempt {} of {})",
                wait.as_secs_f64(),
                attempt + 1,
                self.retry.attempts
            ));
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    fn once(
        &self,
        method: &str,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<Reply, ureq::Error> {
        let mut response = match (method, body) {
            ("GET", _) => self.agent.get(url).call()?,
            ("DELETE", _) => self.agent.delete(url).call()?,
            (_, Some((content_type, bytes))) => self
                .agent
                .post(url)
                .content_type(content_type)
                .send(bytes)?,
            (_, None) => self.agent.post(url).send_empty()?,
        };
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()?;
        Ok(Reply { status, body })
    }

    /// A request whose answer must be 2xx JSON; anything else is an error naming the request.
    pub fn json(&self, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let reply = self.request(
            method,
            path,
            bytes.as_deref().map(|b| ("application/json", b)),
        )?;
        if !reply.ok() {
            anyhow::bail!(
                "Quickwit at {} refused {method} {path}: HTTP {}: {}",
                self.base,
                reply.status,
                reply.message()
            );
        }
        serde_json::from_str(&reply.body).with_context(|| {
            format!(
                "Quickwit at {} answered {path} with invalid JSON",
                self.base
            )
        })
    }

    /// True when the index exists.
    pub fn index_exists(&self, index: &str) -> anyhow::Result<bool> {
        let reply = self.request("GET", &format!("/api/v1/indexes/{index}"), None)?;
        match reply.status {
            200 => Ok(true),
            404 => Ok(false),
            s => anyhow::bail!(
                "Quickwit at {} answered HTTP {s} for index {index}: {}",
                self.base,
                reply.message()
            ),
        }
    }

    pub fn create_index(&self, config: &Value) -> anyhow::Result<()> {
        self.json("POST", "/api/v1/indexes", Some(config)).map(drop)
    }

    /// Sends NDJSON lines to the ingest API; `commit` makes them searchable before it returns.
    pub fn ingest(&self, index: &str, ndjson: &[u8], commit: bool) -> anyhow::Result<Value> {
        let commit = if commit { "force" } else { "auto" };
        let path = format!("/api/v1/{index}/ingest?commit={commit}&detailed_response=true");
        let reply = self.request("POST", &path, Some(("application/x-ndjson", ndjson)))?;
        if !reply.ok() {
            anyhow::bail!(
                "Quickwit at {} refused a batch for index {index}: HTTP {}: {}",
                self.base,
                reply.status,
                reply.message()
            );
        }
        serde_json::from_str(&reply.body).with_context(|| {
            format!(
                "Quickwit at {} answered the ingest with invalid JSON",
                self.base
            )
        })
    }

    /// Creates a delete task: documents matching `query` (Quickwit's query language) that were
    /// ingested before it are removed in the background; documents sent after it are kept.
    pub fn delete_matching(&self, index: &str, query: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({ "query": query });
        self.json(
            "POST",
            &format!("/api/v1/{index}/delete-tasks"),
            Some(&body),
        )
        .map(drop)
    }

    /// Runs an Elasticsearch-style search body on `_elastic/<index>/_search`.
    pub fn search(&self, index: &str, body: &Value) -> anyhow::Result<Value> {
        self.json(
            "POST",
            &format!("/api/v1/_elastic/{index}/_search"),
            Some(body),
        )
    }
}

/// Transport failures worth retrying: the node refused, reset or timed out.
fn transient_error(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_) | ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            normalize_url("http://127.0.0.1:7280/").as_deref(),
            Ok("http://127.0.0.1:7280")
        );
        assert!(normalize_url("https://qw:7280").is_err());
        assert!(normalize_url("127.0.0.1:7280").is_err());
        assert!(normalize_url("http://qw:7280/api/v1").is_err());
        assert!(normalize_url("http://").is_err());
    }

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let r = Retry::default();
        assert_eq!(r.wait(1), Duration::from_millis(500));
        assert_eq!(r.wait(2), Duration::from_secs(1));
        assert_eq!(r.wait(4), Duration::from_secs(4));
        assert_eq!(r.wait(20), Duration::from_secs(30));
    }

    #[test]
    fn which_answers_are_retried() {
        let r = |status| Reply {
            status,
            body: String::new(),
        };
        assert!(r(429).transient());
        assert!(r(503).transient());
        assert!(!r(400).transient());
        assert!(!r(404).transient());
        assert!(!r(501).transient());
        let msg = Reply {
            status: 400,
            body: r#"{"message":"invalid query"}"#.into(),
        };
        assert_eq!(msg.message(), "invalid query");
    }

    /// A refused connection is retried, then reported with the URL (port 9 is discard; nothing
    /// listens on it here).
    #[test]
    fn unreachable_node_is_an_error_naming_it() {
        let retry = Retry {
            attempts: 2,
            first_wait: Duration::from_millis(1),
            max_wait: Duration::from_millis(1),
        };
        let Ok(mut c) = Client::new("http://127.0.0.1:9", retry) else {
            panic!("valid URL refused");
        };
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = seen.clone();
        c.on_warning(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let err = c.index_exists("news").map(|_| ()).unwrap_err();
        assert!(format!("{err:#}").contains("http://127.0.0.1:9"));
        assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
