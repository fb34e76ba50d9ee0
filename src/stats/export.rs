//! `/export [code] [csv]`: a unit's workbook (or CSV files in a zip), sent as a file.

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::domain::OrgUnit;
use crate::export::{Format, Range};
use crate::i18n::Text;
use crate::reply::{Line, Outcome, Reply};

/// Telegram's limit for a file a bot sends.
const MAX_FILE: usize = 50 * 1024 * 1024;

/// `/export [code] [csv|xlsx]`.
pub async fn export(app: &App, actor: &Actor, args: &str) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let mut format = Format::Xlsx;
    let mut code = None;
    for word in args.split_whitespace() {
        match word.to_lowercase().as_str() {
            "csv" => format = Format::Csv,
            "xlsx" | "excel" => format = Format::Xlsx,
            _ if code.is_none() => code = Some(word),
            _ => {
                return Ok(Outcome::text(
                    actor.id,
                    Text::ExportUsage { arg: word.into() },
                ));
            }
        }
    }
    let units = match staff.units_for(&app.store, code).await? {
        Ok(units) => units,
        Err(why) => return Ok(Outcome::text(actor.id, why)),
    };
    let mut out = Outcome::none();
    for unit in units {
        out = out.and(one(app, actor, &unit, format).await?);
    }
    Ok(out)
}

/// One unit's file.
async fn one(app: &App, actor: &Actor, unit: &OrgUnit, format: Format) -> Result<Reply> {
    crate::telegram::render::queue(
        app,
        Outcome::text(
            actor.id,
            Text::ExportWorking {
                unit: unit.name.as_str().into(),
            },
        ),
    )
    .await?;
    let (extension, label) = match format {
        Format::Xlsx => ("xlsx", "xlsx"),
        Format::Csv => ("zip", "csv"),
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(format!("export.{extension}"));
    let summary = match crate::export::export(
        &app.store,
        unit,
        &Range {
            from: None,
            to: None,
        },
        format,
        app.tz(),
        &path,
        &|_, _| {},
    )
    .await
    {
        Ok(summary) => summary,
        Err(e) => {
            if let Some(too_many) = e.downcast_ref::<crate::export::TooManyRows>() {
                return Ok(Reply::text(
                    actor.id,
                    Text::ExportTooManyRows {
                        sheet: too_many.sheet.into(),
                        rows: too_many.rows.into(),
                    },
                ));
            }
            tracing::error!(unit = %unit.code, error = format!("{e:#}"), "an export failed");
            return Ok(Reply::text(actor.id, Text::ExportFailed));
        }
    };
    let rows: u64 = summary.sheets.iter().map(|(_, n)| n).sum();
    app.store
        .audit(
            &actor.id.to_string(),
            "export",
            &format!("{} {label} via the bot: {rows} rows", unit.code),
            app.now(),
        )
        .await?;
    let bytes = tokio::fs::read(&path).await?;
    if bytes.len() > MAX_FILE {
        return Ok(Reply::text(actor.id, Text::ExportTooLarge));
    }
    let name = format!(
        "lianxin-{}-{}.{extension}",
        unit.code,
        app.format_date(app.now())
    );
    Ok(Reply::document(
        actor.id,
        bytes,
        &name,
        vec![Line::from(Text::ExportCaption {
            unit: unit.name.as_str().into(),
            rows: rows.into(),
        })],
    ))
}
