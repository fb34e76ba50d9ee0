//! The HTTP side: routing, body parsing, faults/limits, long polling and
//! file downloads.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

use crate::Sim;
use crate::methods::{self, KNOWN_METHODS, Params, Upload};
use crate::state::{ApiErr, is_counted_method};
use crate::types::CallRecord;
use crate::util::{parse_urlencoded, percent_decode};

const BODY_LIMIT: usize = 64 * 1024 * 1024;

const CONFLICT: &str = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

pub(crate) fn router(sim: Sim) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(sim)
}

fn json_response(code: u16, body: &Value) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap_or_default()))
        .unwrap_or_default()
}

fn err_response(e: &ApiErr) -> Response {
    json_response(e.code, &e.to_json())
}

async fn handle(State(sim): State<Sim>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if let Some(rest) = path.strip_prefix("/file/bot") {
        return download(&sim, rest);
    }
    let Some(rest) = path.strip_prefix("/bot") else {
        return err_response(&ApiErr::not_found());
    };
    let (token, method) = rest.split_once('/').unwrap_or((rest, ""));
    let token = percent_decode(token, false);
    let method = method.trim_matches('/').to_ascii_lowercase();
    let arrived = Instant::now();
    if token != sim.inner.cfg.token {
        let e = ApiErr::new(401, "Unauthorized");
        sim.record(arrived, &method, None, &Err(e.clone()));
        return err_response(&e);
    }
    if !KNOWN_METHODS.contains(&method.as_str()) {
        tracing::warn!(method = %method, "tg-sim: unsupported Bot API method, answering 404");
        let e = ApiErr::not_found();
        sim.record(arrived, &method, None, &Err(e.clone()));
        return err_response(&e);
    }
    let params = match parse_params(req).await {
        Ok(p) => p,
        Err(msg) => {
            let e = ApiErr::bad(msg);
            sim.record(arrived, &method, None, &Err(e.clone()));
            return err_response(&e);
        }
    };
    let chat_id = params.i64("chat_id");
    let res = if method == "getupdates" {
        get_updates(&sim, &params).await
    } else {
        run(&sim, &method, &params).await
    };
    sim.record(arrived, &method, chat_id, &res);
    match res {
        Ok(v) => json_response(200, &json!({ "ok": true, "result": v })),
        Err(e) => err_response(&e),
    }
}

impl Sim {
    /// Logs a call and wakes waiters.
    pub(crate) fn record(
        &self,
        at: Instant,
        method: &str,
        chat_id: Option<i64>,
        res: &Result<Value, ApiErr>,
    ) {
        {
            let mut st = self.lock();
            st.log_call(CallRecord {
                at,
                method: method.to_owned(),
                chat_id,
                ok: res.is_ok(),
                error_code: res.as_ref().err().map(|e| i64::from(e.code)),
                description: res.as_ref().err().map(|e| e.description.clone()),
                duration: at.elapsed(),
            });
        }
        self.bump();
    }
}

async fn parse_params(req: Request) -> Result<Params, String> {
    let mut p = Params::default();
    if let Some(q) = req.uri().query() {
        for (k, v) in parse_urlencoded(q) {
            p.map.insert(k, Value::String(v));
        }
    }
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.starts_with("multipart/form-data") {
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| format!("can't parse multipart body: {}", e.body_text()))?;
        while let Some(field) = mp
            .next_field()
            .await
            .map_err(|e| format!("can't parse multipart body: {}", e.body_text()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| format!("can't parse multipart body: {}", e.body_text()))?;
            match file_name {
                Some(file_name) => {
                    p.files.insert(
                        name,
                        Upload {
                            file_name: Some(file_name),
                            bytes: bytes.to_vec(),
                        },
                    );
                }
                None => {
                    p.map.insert(
                        name,
                        Value::String(String::from_utf8_lossy(&bytes).into_owned()),
                    );
                }
            }
        }
        return Ok(p);
    }
    let bytes = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
        .await
        .map_err(|e| format!("can't read request body: {e}"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(p);
    }
    if ct.starts_with("application/json") || bytes.first() == Some(&b'{') {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(o)) => p.map.extend(o),
            _ => return Err("can't parse JSON object".to_owned()),
        }
    } else {
        for (k, v) in parse_urlencoded(&String::from_utf8_lossy(&bytes)) {
            p.map.insert(k, Value::String(v));
        }
    }
    Ok(p)
}

/// Faults, flood limits, then the method itself.
async fn run(sim: &Sim, method: &str, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.i64("chat_id");
    let (delay, fault) = sim.lock().take_faults(method, chat_id);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if let Some(e) = fault.as_ref().and_then(ApiErr::from_fault) {
        return Err(e);
    }
    let mut st = sim.lock();
    let counted = is_counted_method(method);
    let now = Instant::now();
    if counted
        && let Some(l) = st.limits
        && let Err(retry) = st.windows.check(&l, chat_id, now)
    {
        st.limit_violations += 1;
        return Err(ApiErr::retry_after(retry));
    }
    let res = methods::call(&mut st, method, p);
    if counted && res.is_ok() && st.limits.is_some() {
        st.windows.record(chat_id, now);
    }
    res
}

async fn get_updates(sim: &Sim, p: &Params) -> Result<Value, ApiErr> {
    let timeout = p.i64("timeout").unwrap_or(0).clamp(0, 600) as u64;
    let limit = p.i64("limit").unwrap_or(100).clamp(1, 100) as usize;
    let mut rx = sim.subscribe();
    let my_gen = {
        let mut st = sim.lock();
        if !st.webhook_url.is_empty() {
            return Err(ApiErr::new(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            ));
        }
        if let Some(o) = p.i64("offset") {
            st.confirm(o);
        }
        if let Some(list) = p.allowed_updates() {
            st.set_allowed(list);
        }
        st.poll_gen += 1;
        st.poll_gen
    };
    // Wakes an earlier long poll, which then ends with 409.
    sim.bump();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    loop {
        rx.borrow_and_update();
        {
            let mut st = sim.lock();
            if st.poll_gen != my_gen {
                return Err(ApiErr::new(409, CONFLICT));
            }
            if st.shutting_down {
                return Ok(json!([]));
            }
            let ups = st.take_updates(limit);
            if !ups.is_empty() || tokio::time::Instant::now() >= deadline {
                return Ok(Value::Array(ups));
            }
        }
        match tokio::time::timeout_at(deadline, rx.changed()).await {
            Ok(Ok(())) | Err(_) => continue,
            Ok(Err(_)) => return Ok(json!([])),
        }
    }
}

fn download(sim: &Sim, rest: &str) -> Response {
    let (token, path) = rest.split_once('/').unwrap_or((rest, ""));
    if percent_decode(token, false) != sim.inner.cfg.token {
        return err_response(&ApiErr::new(401, "Unauthorized"));
    }
    let path = percent_decode(path, false);
    let st = sim.lock();
    match st.file_paths.get(&path).and_then(|id| st.files.get(id)) {
        Some(f) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(f.bytes.as_ref().clone()))
            .unwrap_or_default(),
        None => err_response(&ApiErr::not_found()),
    }
}
