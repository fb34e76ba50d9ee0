//! Webhook delivery: while a webhook is set, updates are POSTed to it one at a time, oldest
//! first, with the secret token in `X-Telegram-Bot-Api-Secret-Token`. An update is delivered
//! (and gone) once a request for it is answered with 2xx; otherwise it is tried again, on the
//! next backend when several are set (a load balancer skipping a dead one).

use std::time::Duration;

use crate::Sim;

/// Pause after every backend failed, before trying again.
const RETRY_AFTER: Duration = Duration::from_millis(100);

pub(crate) async fn push(sim: Sim) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "tg-sim: no HTTP client for webhooks");
            return;
        }
    };
    let mut rx = sim.subscribe();
    loop {
        rx.borrow_and_update();
        let job = {
            let st = sim.lock();
            if st.shutting_down {
                return;
            }
            if st.webhook_url.is_empty() {
                None
            } else {
                st.next_for_webhook()
                    .map(|(id, body)| (id, body, targets(&st), st.webhook_secret.clone()))
            }
        };
        let Some((id, body, targets, secret)) = job else {
            if rx.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut delivered = false;
        for (i, url) in targets.iter().enumerate() {
            let mut request = client
                .post(url)
                .header("content-type", "application/json")
                .body(body.clone());
            if !secret.is_empty() {
                request = request.header("x-telegram-bot-api-secret-token", &secret);
            }
            let ok = match request.send().await {
                Ok(r) if r.status().is_success() => true,
                Ok(r) => {
                    tracing::debug!(url, status = %r.status(), "tg-sim: webhook request refused");
                    false
                }
                Err(e) => {
                    tracing::debug!(url, error = %e, "tg-sim: webhook request failed");
                    false
                }
            };
            let mut st = sim.lock();
            st.webhook_posts += 1;
            if ok {
                st.webhook_next = st.webhook_next.wrapping_add(i + 1);
                st.webhook_delivered(id);
                delivered = true;
                break;
            }
            st.webhook_failures += 1;
        }
        sim.bump();
        if !delivered {
            tokio::time::sleep(RETRY_AFTER).await;
        }
    }
}

/// The addresses to try for the next update, the round robin's next backend first.
fn targets(st: &crate::state::State) -> Vec<String> {
    let Ok(url) = reqwest::Url::parse(&st.webhook_url) else {
        return Vec::new();
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    if st.webhook_backends.is_empty() {
        // No load balancer: the URL's own host, with TLS taken off as a proxy in front would.
        let host = url.host_str().unwrap_or("127.0.0.1");
        let port = url.port().unwrap_or(443);
        return vec![format!("http://{host}:{port}{path}")];
    }
    let n = st.webhook_backends.len();
    (0..n)
        .map(|k| {
            let addr = st.webhook_backends[(st.webhook_next + k) % n];
            format!("http://{addr}{path}")
        })
        .collect()
}
