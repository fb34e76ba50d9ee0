//! Lianxin's own HTTP server on `server.listen`: the Telegram webhook (teloxide's axum
//! listener, behind a constant-time check of the secret token), `/healthz` and `/metrics`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use teloxide::prelude::*;

use crate::app::App;
use crate::metrics::Queue;

/// The header Telegram carries the webhook secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// The delivery worker is taken for stuck when its loop has not come round for this long.
const STUCK_AFTER: Duration = Duration::from_secs(120);

/// The secret Telegram must send with webhook requests: `server.webhook_secret`, or else one
/// derived from the token, the same in every instance of the bot and unknown without it.
pub fn webhook_secret(app: &App, token: &str) -> SecretString {
    if let Some(secret) = &app.config.server.webhook_secret {
        return secret.clone();
    }
    let digest = Sha256::digest(format!("lianxin-webhook:{token}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    SecretString::from(hex)
}

/// Tells Telegram to post updates to `server.webhook_url` with `secret`. Every instance does
/// this on start with the same values; none removes the webhook when it stops (the others
/// carry on; `lianxin run` without a webhook URL switches back to polling).
pub async fn set_webhook(bot: &Bot, url: &str, secret: &SecretString) -> Result<()> {
    let url = reqwest::Url::parse(url).context("server.webhook_url")?;
    bot.set_webhook(url)
        .secret_token(secret.expose_secret().to_string())
        .allowed_updates(crate::telegram::ALLOWED_UPDATES.to_vec())
        .max_connections(40)
        .await
        .context("setWebhook failed: is server.webhook_url right and Telegram reachable?")?;
    Ok(())
}

/// `/healthz` and `/metrics`.
pub fn ops_router(app: App) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(app)
}

/// Refuses webhook requests whose secret token is missing or wrong, comparing in constant time,
/// before teloxide's handler sees them.
pub fn guard_webhook(router: Router, app: App, secret: SecretString) -> Router {
    let secret = Arc::new(secret);
    router.layer(axum::middleware::from_fn(
        move |request: Request, next: Next| {
            let (app, secret) = (app.clone(), secret.clone());
            async move {
                let given = request
                    .headers()
                    .get(SECRET_HEADER)
                    .map(HeaderValue::as_bytes)
                    .unwrap_or_default();
                let expected = secret.expose_secret().as_bytes();
                if given.len() != expected.len() || !bool::from(given.ct_eq(expected)) {
                    app.metrics.refused();
                    tracing::warn!(
                        path = request.uri().path(),
                        "webhook request without the right secret token refused"
                    );
                    return StatusCode::UNAUTHORIZED.into_response();
                }
                next.run(request).await
            }
        },
    ))
}

async fn queue(app: &App) -> Result<Queue> {
    let mut q = Queue {
        due: app.store.outbox_due(app.now()).await?,
        ..Queue::default()
    };
    for (status, n) in app.store.outbox_counts().await? {
        match status.as_str() {
            "queued" => q.queued = n,
            "sending" => q.sending = n,
            "failed" => q.failed = n,
            _ => {}
        }
    }
    Ok(q)
}

async fn healthz(State(app): State<App>) -> Response {
    let database = app.store.ping().await;
    let live = &app.metrics.live;
    let since = live.since_delivery();
    let delivery = since < STUCK_AFTER;
    let queue = if database {
        queue(&app).await.ok()
    } else {
        None
    };
    let ok = database && delivery && queue.is_some();
    let body = json!({
        "status": if ok { "ok" } else { "unhealthy" },
        "database": if database { "ok" } else { "unreachable" },
        "delivery": if delivery { "ok" } else { "stuck" },
        "delivery_loop_secs_ago": since.as_secs(),
        "outbox": queue,
        "instances": live.instances(),
    });
    let code = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, axum::Json(body)).into_response()
}

async fn metrics(State(app): State<App>) -> Response {
    let queue = match queue(&app).await {
        Ok(q) => q,
        Err(e) => {
            tracing::warn!(error = %e, "reading the outbox for /metrics failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response();
        }
    };
    let text = app.metrics.render(&queue);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Serves `router` on `listener` until `stop` resolves, finishing requests in hand.
pub fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::error!(error = %e, "the HTTP server stopped");
        }
    })
}
