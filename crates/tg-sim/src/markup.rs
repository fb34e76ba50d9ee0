//! Text formatting (`parse_mode`) and `reply_markup` validation, following the
//! real Bot API server closely enough to surface the same bot bugs.

use serde_json::{Value, json};

use crate::util::utf16_len;

/// Result of entity parsing: plain text plus Bot API `MessageEntity` objects
/// (UTF-16 offsets).
pub(crate) type Parsed = (String, Vec<Value>);

/// Parses `text` according to `parse_mode` (`HTML`, `MarkdownV2`, `Markdown`,
/// or none). Errors are the part after `Bad Request: can't parse entities: `.
pub(crate) fn parse_text(text: &str, parse_mode: Option<&str>) -> Result<Parsed, String> {
    let res = match parse_mode.map(|m| m.to_ascii_lowercase()) {
        None => Ok((text.to_owned(), Vec::new())),
        Some(m) if m.is_empty() => Ok((text.to_owned(), Vec::new())),
        Some(m) if m == "html" => parse_html(text),
        Some(m) if m == "markdownv2" => parse_markdown_v2(text),
        Some(m) if m == "markdown" => parse_markdown_v1(text),
        Some(_) => Err("Unsupported parse_mode".to_owned()),
    }?;
    Ok(sort_entities(res))
}

fn sort_entities((text, mut ents): Parsed) -> Parsed {
    ents.sort_by_key(|e| {
        (
            e["offset"].as_u64().unwrap_or(0),
            std::cmp::Reverse(e["length"].as_u64().unwrap_or(0)),
        )
    });
    (text, ents)
}

/// Trims leading/trailing whitespace like the real server does, shifting
/// entities accordingly (and clipping them to the remaining text).
pub(crate) fn trim_parsed((text, ents): Parsed) -> Parsed {
    let trimmed_start = text.trim_start();
    let lead16 = utf16_len(&text[..text.len() - trimmed_start.len()]);
    let trimmed = trimmed_start.trim_end().to_owned();
    let total16 = utf16_len(&trimmed);
    let ents = ents
        .into_iter()
        .filter_map(|mut e| {
            let off = e["offset"].as_u64()? as usize;
            let len = e["length"].as_u64()? as usize;
            let start = off.saturating_sub(lead16).min(total16);
            let end = (off + len).saturating_sub(lead16).min(total16);
            if end <= start {
                return None;
            }
            e["offset"] = json!(start);
            e["length"] = json!(end - start);
            Some(e)
        })
        .collect();
    (trimmed, ents)
}

fn entity(kind: &str, extra: Option<(&str, Value)>) -> Value {
    let mut v = json!({ "type": kind });
    if let Some((k, val)) = extra {
        v[k] = val;
    }
    v
}

fn finish(mut e: Value, start: usize, end: usize, out: &mut Vec<Value>) {
    if end > start {
        e["offset"] = json!(start);
        e["length"] = json!(end - start);
        out.push(e);
    }
}

/// A URL teloxide can parse as `reqwest::Url` and Telegram accepts in links.
pub(crate) fn is_valid_url(u: &str) -> bool {
    let Some((scheme, rest)) = u.split_once("://") else {
        return false;
    };
    let scheme_ok = matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "tg" | "ton" | "ftp"
    );
    scheme_ok && !rest.is_empty() && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

// ---------------------------------------------------------------- HTML

struct OpenTag {
    tag: String,
    entity: Option<Value>,
    start: usize,
}

fn decode_html_entity(src: &str) -> Option<(char, usize)> {
    // `src` starts right after '&'
    let semi = src.find(';')?;
    if semi == 0 || semi > 10 {
        return None;
    }
    let name = &src[..semi];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        n if n.starts_with("#x") || n.starts_with("#X") => {
            char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
        }
        n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
        _ => return None,
    };
    Some((ch, semi + 1))
}

fn html_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with('&')
            && let Some((ch, used)) = decode_html_entity(&s[i + 1..])
        {
            out.push(ch);
            i += 1 + used;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (value, remaining) =
                if let Some(q) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let body = &after_eq[1..];
                    match body.find(q) {
                        Some(end) => (&body[..end], &body[end + 1..]),
                        None => (body, ""),
                    }
                } else {
                    let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                };
            attrs.push((name, html_unescape(value)));
            rest = remaining.trim_start();
        } else {
            attrs.push((name, String::new()));
        }
    }
    attrs
}

fn parse_html(src: &str) -> Result<Parsed, String> {
    let mut out = String::new();
    let mut out16 = 0usize;
    let mut ents = Vec::new();
    let mut stack: Vec<OpenTag> = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let c = src[i..].chars().next().unwrap_or('\0');
        if c == '<' {
            let Some(end_rel) = src[i..].find('>') else {
                return Err(format!("Unclosed start tag at byte offset {i}"));
            };
            let inner = &src[i + 1..i + end_rel];
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim().to_ascii_lowercase();
                let Some(open) = stack.pop() else {
                    return Err(format!("Unexpected end tag at byte offset {i}"));
                };
                if !name.is_empty() && name != open.tag {
                    return Err(format!(
                        "Unmatched end tag at byte offset {i}, expected \"</{}>\", found \"</{}>\"",
                        open.tag, name
                    ));
                }
                if let Some(e) = open.entity {
                    finish(e, open.start, out16, &mut ents);
                }
            } else {
                let name_end = inner
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(inner.len());
                let tag = inner[..name_end].to_ascii_lowercase();
                let attrs = parse_attrs(&inner[name_end..]);
                let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                let ent = match tag.as_str() {
                    "b" | "strong" => Some(entity("bold", None)),
                    "i" | "em" => Some(entity("italic", None)),
                    "u" | "ins" => Some(entity("underline", None)),
                    "s" | "strike" | "del" => Some(entity("strikethrough", None)),
                    "tg-spoiler" => Some(entity("spoiler", None)),
                    "span" => {
                        if attr("class").as_deref() != Some("tg-spoiler") {
                            return Err(format!(
                                "Tag \"span\" must have class \"tg-spoiler\" at byte offset {i}"
                            ));
                        }
                        Some(entity("spoiler", None))
                    }
                    "a" => match attr("href") {
                        Some(u) if is_valid_url(&u) => {
                            Some(entity("text_link", Some(("url", json!(u)))))
                        }
                        _ => None,
                    },
                    "code" => {
                        let lang = attr("class")
                            .and_then(|c| c.strip_prefix("language-").map(str::to_owned));
                        match (stack.last_mut(), lang) {
                            (Some(top), Some(lang)) if top.tag == "pre" => {
                                if let Some(e) = top.entity.as_mut() {
                                    e["language"] = json!(lang);
                                }
                                None
                            }
                            _ => Some(entity("code", None)),
                        }
                    }
                    "pre" => Some(entity("pre", None)),
                    "blockquote" => {
                        if attr("expandable").is_some() {
                            Some(entity("expandable_blockquote", None))
                        } else {
                            Some(entity("blockquote", None))
                        }
                    }
                    "tg-emoji" => match attr("emoji-id") {
                        Some(id) => {
                            Some(entity("custom_emoji", Some(("custom_emoji_id", json!(id)))))
                        }
                        None => {
                            return Err(format!(
                                "Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset {i}"
                            ));
                        }
                    },
                    _ => {
                        return Err(format!(
                            "Unsupported start tag \"{tag}\" at byte offset {i}"
                        ));
                    }
                };
                stack.push(OpenTag {
                    tag,
                    entity: ent,
                    start: out16,
                });
            }
            i += end_rel + 1;
        } else if c == '&' {
            if let Some((ch, used)) = decode_html_entity(&src[i + 1..]) {
                out.push(ch);
                out16 += ch.len_utf16();
                i += 1 + used;
            } else {
                out.push('&');
                out16 += 1;
                i += 1;
            }
        } else {
            out.push(c);
            out16 += c.len_utf16();
            i += c.len_utf8();
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            open.tag
        ));
    }
    Ok((out, ents))
}

// ---------------------------------------------------------------- MarkdownV2

const MDV2_RESERVED: &str = "_*[]()~`>#+-=|{}.!";

struct MdOpen {
    kind: &'static str,
    start16: usize,
    byte: usize,
}

fn md_type_name(kind: &str) -> &'static str {
    match kind {
        "bold" => "Bold",
        "italic" => "Italic",
        "underline" => "Underline",
        "strikethrough" => "Strikethrough",
        "spoiler" => "Spoiler",
        "text_link" => "TextUrl",
        "custom_emoji" => "CustomEmoji",
        _ => "Unknown",
    }
}

fn parse_markdown_v2(src: &str) -> Result<Parsed, String> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = String::new();
    let mut out16 = 0usize;
    let mut ents = Vec::new();
    let mut stack: Vec<MdOpen> = Vec::new();
    let mut quote_start: Option<usize> = None;
    let mut at_line_start = true;
    let mut k = 0;
    let push = |out: &mut String, out16: &mut usize, c: char| {
        out.push(c);
        *out16 += c.len_utf16();
    };
    while k < chars.len() {
        let (byte, c) = chars[k];
        let next = chars.get(k + 1).map(|x| x.1);
        if at_line_start {
            at_line_start = false;
            if c == '>' {
                if quote_start.is_none() {
                    quote_start = Some(out16);
                }
                k += 1;
                continue;
            } else if let Some(qs) = quote_start.take() {
                // the quote ended with the previous line (minus its newline)
                finish(
                    entity("blockquote", None),
                    qs,
                    out16.saturating_sub(1),
                    &mut ents,
                );
            }
        }
        match c {
            '\\' => {
                match next {
                    Some(n) if (n as u32) < 127 && (n as u32) > 0 => push(&mut out, &mut out16, n),
                    _ => push(&mut out, &mut out16, '\\'),
                }
                k += 2;
                continue;
            }
            '\n' => {
                push(&mut out, &mut out16, '\n');
                at_line_start = true;
                k += 1;
                continue;
            }
            '`' => {
                let is_pre = next == Some('`') && chars.get(k + 2).map(|x| x.1) == Some('`');
                let open_len = if is_pre { 3 } else { 1 };
                let mut j = k + open_len;
                let mut language = None;
                if is_pre {
                    // optional language up to the first newline
                    let mut l = j;
                    while l < chars.len()
                        && chars[l].1 != '\n'
                        && !chars[l].1.is_whitespace()
                        && chars[l].1 != '`'
                    {
                        l += 1;
                    }
                    if l < chars.len() && chars[l].1 == '\n' {
                        if l > j {
                            language = Some(chars[j..l].iter().map(|x| x.1).collect::<String>());
                        }
                        j = l + 1;
                    }
                }
                let start16 = out16;
                let mut closed = false;
                while j < chars.len() {
                    let cj = chars[j].1;
                    if cj == '\\'
                        && let Some(&(_, n)) = chars.get(j + 1)
                    {
                        push(&mut out, &mut out16, n);
                        j += 2;
                        continue;
                    }
                    if cj == '`' {
                        if !is_pre {
                            closed = true;
                            j += 1;
                            break;
                        }
                        if chars.get(j + 1).map(|x| x.1) == Some('`')
                            && chars.get(j + 2).map(|x| x.1) == Some('`')
                        {
                            closed = true;
                            j += 3;
                            break;
                        }
                    }
                    push(&mut out, &mut out16, cj);
                    j += 1;
                }
                if !closed {
                    return Err(format!(
                        "Can't find end of {} entity at byte offset {byte}",
                        if is_pre { "PreCode" } else { "Code" }
                    ));
                }
                let e = if is_pre {
                    entity("pre", language.map(|l| ("language", json!(l))))
                } else {
                    entity("code", None)
                };
                finish(e, start16, out16, &mut ents);
                k = j;
                continue;
            }
            '*' | '_' | '~' | '|' => {
                let (kind, width) = match c {
                    '*' => ("bold", 1),
                    '_' if next == Some('_') => ("underline", 2),
                    '_' => ("italic", 1),
                    '~' => ("strikethrough", 1),
                    _ if next == Some('|') => ("spoiler", 2),
                    _ => {
                        return Err(format!(
                            "Character '{c}' is reserved and must be escaped with the preceding '\\'"
                        ));
                    }
                };
                if let Some(pos) = stack.iter().rposition(|o| o.kind == kind) {
                    if pos != stack.len() - 1 {
                        let top = stack.last().map(|o| o.kind).unwrap_or("");
                        let top_byte = stack.last().map(|o| o.byte).unwrap_or(0);
                        return Err(format!(
                            "Can't find end of {} entity at byte offset {}",
                            md_type_name(top),
                            top_byte
                        ));
                    }
                    let open = stack.pop().expect("checked");
                    finish(entity(kind, None), open.start16, out16, &mut ents);
                } else {
                    stack.push(MdOpen {
                        kind,
                        start16: out16,
                        byte,
                    });
                }
                k += width;
                continue;
            }
            '!' if next == Some('[') => {
                stack.push(MdOpen {
                    kind: "custom_emoji",
                    start16: out16,
                    byte,
                });
                k += 2;
                continue;
            }
            '[' => {
                stack.push(MdOpen {
                    kind: "text_link",
                    start16: out16,
                    byte,
                });
                k += 1;
                continue;
            }
            ']' => {
                let Some(open) = stack
                    .pop()
                    .filter(|o| o.kind == "text_link" || o.kind == "custom_emoji")
                else {
                    return Err(
                        "Character ']' is reserved and must be escaped with the preceding '\\'"
                            .to_owned(),
                    );
                };
                let mut j = k + 1;
                let mut url = String::new();
                if chars.get(j).map(|x| x.1) == Some('(') {
                    j += 1;
                    let mut closed = false;
                    while j < chars.len() {
                        let cj = chars[j].1;
                        if cj == '\\' && j + 1 < chars.len() {
                            url.push(chars[j + 1].1);
                            j += 2;
                            continue;
                        }
                        if cj == ')' {
                            closed = true;
                            j += 1;
                            break;
                        }
                        url.push(cj);
                        j += 1;
                    }
                    if !closed {
                        return Err(format!(
                            "Can't find end of a url at byte offset {}",
                            chars[k].0
                        ));
                    }
                }
                if open.kind == "custom_emoji" {
                    let id = url
                        .split_once("id=")
                        .map(|(_, id)| id.to_owned())
                        .unwrap_or_default();
                    finish(
                        entity("custom_emoji", Some(("custom_emoji_id", json!(id)))),
                        open.start16,
                        out16,
                        &mut ents,
                    );
                } else if is_valid_url(&url) {
                    finish(
                        entity("text_link", Some(("url", json!(url)))),
                        open.start16,
                        out16,
                        &mut ents,
                    );
                }
                k = j;
                continue;
            }
            c if MDV2_RESERVED.contains(c) => {
                return Err(format!(
                    "Character '{c}' is reserved and must be escaped with the preceding '\\'"
                ));
            }
            _ => {
                push(&mut out, &mut out16, c);
                k += 1;
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "Can't find end of {} entity at byte offset {}",
            md_type_name(open.kind),
            open.byte
        ));
    }
    if let Some(qs) = quote_start {
        finish(entity("blockquote", None), qs, out16, &mut ents);
    }
    Ok((out, ents))
}

// ---------------------------------------------------------------- Markdown (legacy)

fn parse_markdown_v1(src: &str) -> Result<Parsed, String> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = String::new();
    let mut out16 = 0usize;
    let mut ents = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (byte, c) = chars[k];
        let next = chars.get(k + 1).map(|x| x.1);
        match c {
            '\\' if matches!(next, Some('_' | '*' | '`' | '[')) => {
                let n = next.unwrap_or('\\');
                out.push(n);
                out16 += n.len_utf16();
                k += 2;
            }
            '*' | '_' | '`' | '[' => {
                let is_pre =
                    c == '`' && next == Some('`') && chars.get(k + 2).map(|x| x.1) == Some('`');
                let (end_char, kind, open_len) = match c {
                    '*' => ('*', "bold", 1),
                    '_' => ('_', "italic", 1),
                    '`' if is_pre => ('`', "pre", 3),
                    '`' => ('`', "code", 1),
                    _ => (']', "text_link", 1),
                };
                let start16 = out16;
                let mut j = k + open_len;
                let mut closed = false;
                while j < chars.len() {
                    let cj = chars[j].1;
                    if cj == end_char
                        && (!is_pre
                            || (chars.get(j + 1).map(|x| x.1) == Some('`')
                                && chars.get(j + 2).map(|x| x.1) == Some('`')))
                    {
                        closed = true;
                        j += if is_pre { 3 } else { 1 };
                        break;
                    }
                    out.push(cj);
                    out16 += cj.len_utf16();
                    j += 1;
                }
                if !closed {
                    return Err(format!(
                        "Can't find end of the entity starting at byte offset {byte}"
                    ));
                }
                if kind == "text_link" {
                    let mut url = String::new();
                    if chars.get(j).map(|x| x.1) == Some('(') {
                        j += 1;
                        while j < chars.len() && chars[j].1 != ')' {
                            url.push(chars[j].1);
                            j += 1;
                        }
                        j += 1;
                    }
                    if is_valid_url(&url) {
                        finish(
                            entity("text_link", Some(("url", json!(url)))),
                            start16,
                            out16,
                            &mut ents,
                        );
                    }
                } else {
                    finish(entity(kind, None), start16, out16, &mut ents);
                }
                k = j;
            }
            _ => {
                out.push(c);
                out16 += c.len_utf16();
                k += 1;
            }
        }
    }
    Ok((out, ents))
}

// ---------------------------------------------------------------- reply_markup

const INLINE_ACTIONS: &[&str] = &[
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

/// Validates a `reply_markup` object like the real server. Returns the full
/// error description on failure.
pub(crate) fn validate_reply_markup(markup: &Value) -> Result<(), String> {
    let Some(obj) = markup.as_object() else {
        return Err("Bad Request: can't parse reply keyboard markup JSON object".to_owned());
    };
    if let Some(rows) = obj.get("inline_keyboard") {
        let Some(rows) = rows.as_array() else {
            return Err("Bad Request: can't parse inline keyboard: Field \"inline_keyboard\" must be of type Array".to_owned());
        };
        for row in rows {
            let Some(row) = row.as_array() else {
                return Err("Bad Request: can't parse inline keyboard: Field \"inline_keyboard\" must be an Array of Arrays".to_owned());
            };
            for button in row {
                validate_inline_button(button)?;
            }
        }
        return Ok(());
    }
    if let Some(rows) = obj.get("keyboard") {
        let Some(rows) = rows.as_array() else {
            return Err("Bad Request: can't parse reply keyboard markup: Field \"keyboard\" must be of type Array".to_owned());
        };
        for row in rows {
            let Some(row) = row.as_array() else {
                return Err("Bad Request: can't parse reply keyboard markup: Field \"keyboard\" must be an Array of Arrays".to_owned());
            };
            for button in row {
                let text = match button {
                    Value::String(s) => Some(s.as_str()),
                    Value::Object(o) => o.get("text").and_then(Value::as_str),
                    _ => None,
                };
                if text.is_none_or(str::is_empty) {
                    return Err("Bad Request: can't parse keyboard button: Field \"text\" must be of type String".to_owned());
                }
            }
        }
        return Ok(());
    }
    if obj.get("remove_keyboard").is_some() || obj.get("force_reply").is_some() {
        return Ok(());
    }
    Err("Bad Request: can't parse reply keyboard markup JSON object".to_owned())
}

fn validate_inline_button(button: &Value) -> Result<(), String> {
    let Some(b) = button.as_object() else {
        return Err("Bad Request: can't parse InlineKeyboardButton: expected an Object".to_owned());
    };
    match b.get("text").and_then(Value::as_str) {
        Some(t) if !t.is_empty() => {}
        _ => {
            return Err("Bad Request: can't parse InlineKeyboardButton: Field \"text\" must be of type String".to_owned());
        }
    }
    let present: Vec<&str> = INLINE_ACTIONS
        .iter()
        .copied()
        .filter(|k| b.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    if let Some(data) = b.get("callback_data") {
        let Some(data) = data.as_str() else {
            return Err("Bad Request: can't parse InlineKeyboardButton: Field \"callback_data\" must be of type String".to_owned());
        };
        if data.is_empty() {
            // The real server reports an empty callback_data like a missing one.
            return Err("Bad Request: can't parse InlineKeyboardButton: Text buttons are not allowed in the inline keyboard".to_owned());
        }
        if data.len() > 64 {
            return Err("Bad Request: BUTTON_DATA_INVALID".to_owned());
        }
    }
    if let Some(url) = b.get("url") {
        match url.as_str() {
            Some(u) if is_valid_url(u) => {}
            Some(_) => return Err("Bad Request: BUTTON_URL_INVALID".to_owned()),
            None => {
                return Err("Bad Request: can't parse InlineKeyboardButton: Field \"url\" must be of type String".to_owned());
            }
        }
    }
    match present.len() {
        0 => Err("Bad Request: can't parse InlineKeyboardButton: Text buttons are not allowed in the inline keyboard".to_owned()),
        1 => Ok(()),
        _ => Err(format!(
            "Bad Request: can't parse InlineKeyboardButton: exactly one of the optional fields must be used, found {}",
            present.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_basic() {
        let (t, e) = parse_text(
            "<b>你好</b> &lt;x&gt; <a href=\"https://a.b/c?d=1&amp;e=2\">link</a>",
            Some("HTML"),
        )
        .unwrap();
        assert_eq!(t, "你好 <x> link");
        assert_eq!(e[0], json!({"type":"bold","offset":0,"length":2}));
        assert_eq!(e[1]["type"], "text_link");
        assert_eq!(e[1]["url"], "https://a.b/c?d=1&e=2");
        assert_eq!(e[1]["offset"], 7);
    }

    #[test]
    fn html_errors() {
        assert!(
            parse_text("<b>x", Some("HTML"))
                .unwrap_err()
                .contains("Can't find end tag")
        );
        assert!(
            parse_text("<br>", Some("HTML"))
                .unwrap_err()
                .contains("Unsupported start tag \"br\"")
        );
        assert!(
            parse_text("<b><i>x</b></i>", Some("HTML"))
                .unwrap_err()
                .contains("Unmatched end tag")
        );
        assert!(parse_text("a < b", Some("HTML")).is_err());
    }

    #[test]
    fn html_pre_language() {
        let (t, e) = parse_text(
            "<pre><code class=\"language-rust\">fn x</code></pre>",
            Some("HTML"),
        )
        .unwrap();
        assert_eq!(t, "fn x");
        assert_eq!(
            e,
            vec![json!({"type":"pre","language":"rust","offset":0,"length":4})]
        );
    }

    #[test]
    fn mdv2() {
        let (t, e) = parse_text(
            "*bold* _it_ __u__ \\. [l](https://x.y) `c`",
            Some("MarkdownV2"),
        )
        .unwrap();
        assert_eq!(t, "bold it u . l c");
        let kinds: Vec<&str> = e.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["bold", "italic", "underline", "text_link", "code"]);
        assert!(
            parse_text("1.5", Some("MarkdownV2"))
                .unwrap_err()
                .contains("Character '.' is reserved")
        );
        assert!(
            parse_text("*x", Some("MarkdownV2"))
                .unwrap_err()
                .contains("Can't find end of Bold")
        );
    }

    #[test]
    fn md_v1() {
        let (t, e) = parse_text("*b* _i_ [x](https://q.z)", Some("Markdown")).unwrap();
        assert_eq!(t, "b i x");
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn trimming() {
        let (t, e) = trim_parsed((
            "  <b>".to_owned(),
            vec![json!({"type":"bold","offset":2,"length":3})],
        ));
        assert_eq!(t, "<b>");
        assert_eq!(e[0]["offset"], 0);
    }

    #[test]
    fn buttons() {
        let ok = json!({"inline_keyboard":[[{"text":"a","callback_data":"x"}]]});
        assert!(validate_reply_markup(&ok).is_ok());
        let long = json!({"inline_keyboard":[[{"text":"a","callback_data":"x".repeat(65)}]]});
        assert_eq!(
            validate_reply_markup(&long).unwrap_err(),
            "Bad Request: BUTTON_DATA_INVALID"
        );
        let none = json!({"inline_keyboard":[[{"text":"a"}]]});
        assert!(
            validate_reply_markup(&none)
                .unwrap_err()
                .contains("Text buttons")
        );
        let two =
            json!({"inline_keyboard":[[{"text":"a","url":"https://x.y","callback_data":"d"}]]});
        assert!(validate_reply_markup(&two).is_err());
        let bad_url = json!({"inline_keyboard":[[{"text":"a","url":"x.y"}]]});
        assert_eq!(
            validate_reply_markup(&bad_url).unwrap_err(),
            "Bad Request: BUTTON_URL_INVALID"
        );
    }
}
