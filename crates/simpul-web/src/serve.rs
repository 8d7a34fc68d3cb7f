//! Serving the router over TCP, with the client address available to handlers as
//! `ConnectInfo<SocketAddr>`.
//!
//! hyper answers a request line over 64 KiB (414) and a head over its buffer (431) itself,
//! with an empty body, before the router sees the request. The connections here replace
//! those automatic answers with the platform's error body: the JSON `errors` body for
//! `/api/` requests, the error page otherwise.

use crate::i18n::{self, Lang};
use axum::extract::connect_info::ConnectInfo;
use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use std::convert::Infallible;
use std::future::{ready, Ready};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower::Service;

/// Serves `router` on `listener` (add `.with_graceful_shutdown(…)` and await it).
pub fn serve(
    listener: TcpListener,
    router: Router,
) -> axum::serve::Serve<Listener, MakeWithPeer, WithPeer> {
    axum::serve(Listener(listener), MakeWithPeer(router))
}

/// A TCP listener whose connections rewrite hyper's empty 414/431 answers.
pub struct Listener(TcpListener);

impl axum::serve::Listener for Listener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        let (io, addr) = axum::serve::Listener::accept(&mut self.0).await;
        (Connection::new(io), addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// Makes the per-connection service: the router with the peer address.
#[derive(Clone)]
pub struct MakeWithPeer(Router);

impl<'a> Service<axum::serve::IncomingStream<'a, Listener>> for MakeWithPeer {
    type Response = WithPeer;
    type Error = Infallible;
    type Future = Ready<Result<WithPeer, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, incoming: axum::serve::IncomingStream<'a, Listener>) -> Self::Future {
        ready(Ok(WithPeer {
            router: self.0.clone(),
            peer: *incoming.remote_addr(),
        }))
    }
}

/// The router, adding `ConnectInfo(peer)` to every request.
#[derive(Clone)]
pub struct WithPeer {
    router: Router,
    peer: SocketAddr,
}

impl Service<Request> for WithPeer {
    type Response = Response;
    type Error = Infallible;
    type Future = <Router as Service<Request>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Service::<Request>::poll_ready(&mut self.router, cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        req.extensions_mut().insert(ConnectInfo(self.peer));
        self.router.call(req)
    }
}

/// How many bytes of a request line tell whether it is for the API (`OPTIONS /api/`).
const START: usize = 16;

/// A client connection. Remembers the start of the request being read, and swaps hyper's
/// automatic 414/431 head for a complete answer.
pub struct Connection {
    io: TcpStream,
    start: Vec<u8>,
    want_start: bool,
    pending: Vec<u8>,
    /// An automatic answer was replaced: on shutdown, read what the client is still sending
    /// (up to [`LINGER`]) so that closing does not reset the connection before the client
    /// has read the answer.
    replaced: bool,
    write_closed: bool,
    discarded: usize,
}

/// At most this much of an overlong request is read and dropped after answering it.
const LINGER: usize = 4 * 1024 * 1024;

impl Connection {
    fn new(io: TcpStream) -> Self {
        Connection {
            io,
            start: Vec::with_capacity(START),
            want_start: true,
            pending: Vec::new(),
            replaced: false,
            write_closed: false,
            discarded: 0,
        }
    }

    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while !self.pending.is_empty() {
            let n = ready!(Pin::new(&mut self.io).poll_write(cx, &self.pending))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.pending.drain(..n);
        }
        Poll::Ready(Ok(()))
    }
}

/// The complete answer replacing hyper's bodiless `head`, if it is one of its automatic ones.
fn replacement(head: &[u8], request_start: &[u8]) -> Option<Vec<u8>> {
    // hyper's automatic answer is a short head alone with `content-length: 0`; a chunk of a
    // response body that merely starts like one is left alone.
    let bodiless = head.len() < 512
        && head.ends_with(b"\r\n\r\n")
        && head
            .windows(19)
            .any(|w| w.eq_ignore_ascii_case(b"content-length: 0\r\n"));
    if !bodiless {
        return None;
    }
    let (status, key) = if head.starts_with(b"HTTP/1.1 414 ") {
        ("414 URI Too Long", "error.uri_too_long")
    } else if head.starts_with(b"HTTP/1.1 431 ") {
        (
            "431 Request Header Fields Too Large",
            "error.headers_too_large",
        )
    } else {
        return None;
    };
    let lang = Lang::default();
    let message = i18n::t(lang, key);
    let api = request_start.windows(6).any(|w| w == b" /api/");
    let (content_type, body) = if api {
        let errors = serde_json::json!({"errors": [{"field": "uri", "detail": message}]});
        ("application/json", errors.to_string())
    } else {
        let html = crate::pages::error_html(lang, &message).unwrap_or(message);
        ("text/html; charset=utf-8", html)
    };
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
         content-security-policy: {}\r\nx-content-type-options: nosniff\r\n\
         x-frame-options: DENY\r\ncache-control: no-store\r\nconnection: close\r\n\r\n",
        body.len(),
        crate::security::CSP,
    );
    Some([head.into_bytes(), body.into_bytes()].concat())
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.io).poll_read(cx, buf))?;
        if self.want_start {
            let new = &buf.filled()[before..];
            let take = new.len().min(START - self.start.len());
            let chunk = new[..take].to_vec();
            self.start.extend_from_slice(&chunk);
            self.want_start = self.start.len() < START && !new.is_empty();
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        ready!(this.drain(cx))?;
        // The next bytes read start the next request.
        this.want_start = true;
        let start = std::mem::take(&mut this.start);
        if let Some(answer) = replacement(buf, &start) {
            this.pending = answer;
            this.replaced = true;
            // Accepted in full; what is still pending goes out on flush.
            let _ = this.drain(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.drain(cx))?;
        if !this.write_closed {
            ready!(Pin::new(&mut this.io).poll_shutdown(cx))?;
            this.write_closed = true;
        }
        let mut scratch = [0u8; 8192];
        while this.replaced && this.discarded < LINGER {
            let mut buf = ReadBuf::new(&mut scratch);
            match ready!(Pin::new(&mut this.io).poll_read(cx, &mut buf)) {
                Ok(()) if !buf.filled().is_empty() => this.discarded += buf.filled().len(),
                _ => break,
            }
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn hypers_bodiless_414_becomes_the_json_error_body_for_the_api() {
        let head = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\n";
        let out = String::from_utf8(replacement(head, b"GET /api/v1/pd?q").unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["errors"][0]["field"], "uri");
    }

    #[test]
    fn other_answers_pass_unchanged() {
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(replacement(ok, b"GET / HTTP/1.1").is_none());
        // A body chunk that starts like hyper's answer but carries content.
        let chunk = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\nmore";
        assert!(replacement(chunk, b"GET /documents/x").is_none());
    }
}
