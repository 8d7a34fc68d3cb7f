//! Outgoing e-mail through an SMTP relay (`[mail] smtp_url`). Plain SMTP only: Simpul hands
//! mail to a relay on the host or the intranet (Postfix, the Pemda's mail server), which does
//! TLS and delivery; that keeps a TLS stack out of the binary.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Mail settings (`[mail]` of the configuration). An empty `smtp_url` turns mail off.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// `smtp://[USER[:PASSWORD]@]HOST[:PORT]`, e.g. `smtp://127.0.0.1:25`.
    pub smtp_url: String,
    /// Sender, e.g. `Simpul <simpul@metrokota.go.id>`.
    pub from: String,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: String::new(),
            from: "Simpul <noreply@localhost>".into(),
        }
    }
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &redact(&self.smtp_url))
            .field("from", &self.from)
            .finish()
    }
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail.smtp_url `{0}` is not smtp://[USER[:PASSWORD]@]HOST[:PORT] (only plain SMTP to a relay is supported)")]
    BadUrl(String),
    #[error("mail.from `{0}` is not an e-mail address")]
    BadFrom(String),
    #[error("recipient `{0}` is not an e-mail address")]
    BadRecipient(String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
}

/// A configured SMTP transport and sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer of a configuration; `None` when mail is off.
    pub fn from_config(c: &MailConfig) -> Result<Option<Mailer>, MailError> {
        let url = c.smtp_url.trim();
        if url.is_empty() {
            return Ok(None);
        }
        let bad = || MailError::BadUrl(redact(url));
        let rest = url.strip_prefix("smtp://").ok_or_else(bad)?;
        let rest = rest.trim_end_matches('/');
        let (creds, hostport) = match rest.rsplit_once('@') {
            Some((c, h)) => (Some(c), h),
            None => (None, rest),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad())?),
            None => (hostport, 25),
        };
        if host.is_empty() || host.contains(['/', '?', ' ']) {
            return Err(bad());
        }
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(Duration::from_secs(30)));
        if let Some(c) = creds {
            let (user, pass) = c.split_once(':').unwrap_or((c, ""));
            b = b.credentials(Credentials::new(user.to_owned(), pass.to_owned()));
        }
        let from = c
            .from
            .parse::<Mailbox>()
            .map_err(|_| MailError::BadFrom(c.from.clone()))?;
        Ok(Some(Mailer {
            transport: b.build(),
            from,
        }))
    }

    /// Sends one plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        self.send_message(to, subject, body, None).await
    }

    /// Sends one plain-text message whose Message-ID is derived from `id` (an outbox
    /// message), so that a receiving server can recognise a repeated delivery.
    pub async fn send_with_id(
        &self,
        to: &str,
        subject: &str,
        body: String,
        id: &str,
    ) -> Result<(), MailError> {
        let domain = self.from.email.domain().to_owned();
        self.send_message(to, subject, body, Some(format!("<{id}@{domain}>")))
            .await
    }

    /// Sends, counting the mail as sent or failed in the metrics.
    async fn send_message(
        &self,
        to: &str,
        subject: &str,
        body: String,
        message_id: Option<String>,
    ) -> Result<(), MailError> {
        let out = self.compose_and_send(to, subject, body, message_id).await;
        super::metrics::mail_sent(out.is_ok());
        out
    }

    async fn compose_and_send(
        &self,
        to: &str,
        subject: &str,
        body: String,
        message_id: Option<String>,
    ) -> Result<(), MailError> {
        let to: Mailbox = to
            .parse()
            .map_err(|_| MailError::BadRecipient(to.to_owned()))?;
        let msg = Message::builder()
            .from(self.from.clone())
            .to(to)
            .message_id(message_id)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.transport
            .send(msg)
            .await
            .map_err(|e| MailError::Smtp(e.to_string()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> MailConfig {
        MailConfig {
            smtp_url: url.into(),
            from: "Simpul <simpul@metrokota.go.id>".into(),
        }
    }

    #[test]
    fn empty_url_turns_mail_off_and_bad_urls_are_refused() {
        assert!(Mailer::from_config(&cfg("")).unwrap().is_none());
        assert!(Mailer::from_config(&cfg("smtp://127.0.0.1:2525"))
            .unwrap()
            .is_some());
        assert!(Mailer::from_config(&cfg("smtp://u:p@relay.local"))
            .unwrap()
            .is_some());
        for bad in ["smtps://x", "http://x", "smtp://:25", "smtp://h:port"] {
            assert!(
                matches!(Mailer::from_config(&cfg(bad)), Err(MailError::BadUrl(_))),
                "{bad}"
            );
        }
        let mut c = cfg("smtp://h");
        c.from = "nope".into();
        assert!(matches!(
            Mailer::from_config(&c),
            Err(MailError::BadFrom(_))
        ));
    }

    #[test]
    fn passwords_never_show_in_debug_output_or_errors() {
        let c = cfg("smtp://kominfo:rahasia@relay:x");
        assert!(!format!("{c:?}").contains("rahasia"));
        let e = Mailer::from_config(&c).err().unwrap().to_string();
        assert!(
            !e.contains("rahasia") && e.contains("kominfo:***@relay"),
            "{e}"
        );
    }
}
