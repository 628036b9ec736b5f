//! A `Write` that feeds an HTTP response body chunk by chunk, so `/api/export` streams every hit
//! in constant memory like `search --all` does.

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Bytes;
use tokio::sync::mpsc;

/// Bytes per chunk sent to the client.
const CHUNK: usize = 64 * 1024;

type Item = Result<Bytes, io::Error>;

/// The writing end, used on a blocking thread.
pub struct ChannelWriter {
    tx: mpsc::Sender<Item>,
    buf: Vec<u8>,
}

/// The body end: a stream of chunks for `axum::body::Body::from_stream`.
pub struct ChunkStream(mpsc::Receiver<Item>);

/// A connected writer and body stream.
pub fn channel() -> (ChannelWriter, ChunkStream) {
    let (tx, rx) = mpsc::channel(8);
    let w = ChannelWriter {
        tx,
        buf: Vec::with_capacity(CHUNK),
    };
    (w, ChunkStream(rx))
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        // The receiver is gone when the client hung up: stop writing, like a closed pipe.
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }

    /// Ends the body with an error, so the client sees a cut transfer rather than a short file.
    pub fn fail(self, message: String) {
        let _ = self.tx.blocking_send(Err(io::Error::other(message)));
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl futures_core::Stream for ChunkStream {
    type Item = Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Item>> {
        self.0.poll_recv(cx)
    }
}
