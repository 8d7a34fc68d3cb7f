//! A minimal SMTP server on a loopback port that keeps what it receives.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// What the fake SMTP server received: recipients and the DATA of each message.
pub type Inbox = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// Starts a minimal SMTP server (220, EHLO/HELO 250, MAIL/RCPT 250, DATA 354 … "." 250,
/// QUIT 221) on the current tokio runtime; returns its port and its inbox.
pub async fn fake_smtp() -> (u16, Inbox) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let store = inbox.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(session(sock, store.clone()));
        }
    });
    (port, inbox)
}

/// One SMTP connection: every message ends up in `store` when its DATA ends.
async fn session(sock: tokio::net::TcpStream, store: Inbox) {
    let (r, mut w) = sock.into_split();
    let mut lines = BufReader::new(r).lines();
    let _ = w.write_all(b"220 fake ESMTP\r\n").await;
    let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
    while let Ok(Some(line)) = lines.next_line().await {
        if in_data {
            if line == "." {
                in_data = false;
                let msg = (std::mem::take(&mut rcpt), std::mem::take(&mut data));
                store.lock().unwrap().push(msg);
                let _ = w.write_all(b"250 queued\r\n").await;
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 fake\r\n",
            "RCPT" => {
                rcpt.push(line.split(['<', '>']).nth(1).unwrap_or("").to_owned());
                b"250 OK\r\n"
            }
            "DATA" => {
                in_data = true;
                b"354 end with .\r\n"
            }
            "QUIT" => {
                let _ = w.write_all(b"221 bye\r\n").await;
                break;
            }
            _ => b"250 OK\r\n",
        };
        let _ = w.write_all(reply).await;
    }
}
