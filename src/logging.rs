//! Logs on standard error, with the bot token blotted out wherever it would appear
//! (teloxide's network errors carry the request URL, which contains the token).

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

static SECRETS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();

/// Registers a secret that must never be printed.
pub fn add_secret(secret: &str) {
    if secret.len() >= 6 {
        let list = SECRETS.get_or_init(Default::default);
        let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
        if !list.iter().any(|s| s == secret) {
            list.push(secret.to_string());
        }
    }
}

/// `text` with every registered secret replaced by `***`.
pub fn redact(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(list) = SECRETS.get() {
        for secret in list.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            out = out.replace(secret, "***");
            out = out.replace(&secret.replace(':', "%3A"), "***");
        }
    }
    out
}

/// What is logged unless `RUST_LOG` says otherwise. teloxide's own messages (network errors
/// while receiving updates, among them) are taken in from the `log` crate; the two places that
/// print a whole update they could not read, personal data and all, are left out.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,teloxide=warn,\
    teloxide::dispatching::dispatcher=off,teloxide::update_listeners::webhooks=off";

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines: time, level, message, fields.
    Human,
    /// One JSON object a line (timestamp, level, fields.message, the other fields).
    Json,
}

/// Installs the log subscriber (`RUST_LOG` sets the filter; default `info`). Events at info and
/// above carry no personal data (names, phone numbers, texts) and never the token; ids and
/// counts are what they say.
pub fn init(format: Format) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Redacting)
        .with_target(false);
    let _ = match format {
        Format::Human => builder.try_init(),
        Format::Json => builder.json().try_init(),
    };
}

struct Redacting;

/// Buffers one log event and writes it redacted.
pub struct RedactingWriter(Vec<u8>);

impl Write for RedactingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for RedactingWriter {
    fn drop(&mut self) {
        let text = redact(&String::from_utf8_lossy(&self.0));
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = RedactingWriter;
    fn make_writer(&'a self) -> RedactingWriter {
        RedactingWriter(Vec::with_capacity(256))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn blots_out_secrets_also_url_encoded() {
        super::add_secret("123456:ABC-secret");
        assert_eq!(
            super::redact("GET /bot123456:ABC-secret/getMe"),
            "GET /bot***/getMe"
        );
        assert_eq!(
            super::redact("url=%2Fbot123456%3AABC-secret"),
            "url=%2Fbot***"
        );
    }
}
