//! Status reports (流动党员报到 · 思想汇报): `/report` or the monthly prompt's button asks
//! where the member works now (city level only; a shared location is never stored), what
//! they do, and an optional note in text or voice. `/reports` shows secretaries who reported
//! this month and who has gone quiet.

mod roll;

use anyhow::Result;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::access::active_member;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Mobility, WorkStatus};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::NewReport;

pub use roll::{alive, list, list_for, nudge_silent};

/// The longest city name.
const MAX_CITY: usize = 20;
/// The longest note.
const MAX_NOTE: usize = 1000;

/// A report being made, kept in the member's dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The member.
    pub member: i64,
    /// `resident` or `mobile` after this report.
    pub mobility: String,
    /// The city (`None` at home).
    pub city: Option<String>,
    /// The work status, once chosen.
    pub work: Option<String>,
    /// The note as text.
    pub note: Option<String>,
    /// The note as a voice message.
    pub voice: Option<String>,
}

/// The month a report made now counts for (`2026-11`).
pub fn period(app: &App, at: i64) -> String {
    let local = chrono::DateTime::from_timestamp_millis(at)
        .unwrap_or_default()
        .with_timezone(&app.tz());
    format!("{:04}-{:02}", local.year(), local.month())
}

/// What a work status is called.
pub fn work_text(work: WorkStatus) -> Text {
    Text::WorkStatusName {
        status: work.as_str().into(),
    }
}

/// `/report` (or 「去报到」 on the monthly prompt): the first question.
pub async fn begin(app: &App, actor: &Actor) -> Result<Outcome> {
    let Some(member) = active_member(&app.store, actor.id).await? else {
        return Ok(Outcome::text(actor.id, Text::ProfileNotMember));
    };
    let draft = Draft {
        member: member.id,
        mobility: member.mobility.as_str().into(),
        city: member.city.clone(),
        work: None,
        note: None,
        voice: None,
    };
    let choice = |label: Text, choice: &str| {
        Button::new(
            label,
            Action::ReportWhere {
                choice: choice.into(),
            },
        )
    };
    let reply = match (member.mobility, &member.city) {
        (Mobility::Mobile, Some(city)) => Reply::text(
            actor.id,
            Text::ReportAskWhere {
                city: city.as_str().into(),
            },
        )
        .row(vec![choice(
            Text::ButtonReportSameCity {
                city: city.as_str().into(),
            },
            "same",
        )])
        .row(vec![
            choice(Text::ButtonReportMoved, "moved"),
            choice(Text::ButtonReportHome, "home"),
        ]),
        (Mobility::Mobile, None) => return ask_city(app, actor, draft).await,
        (Mobility::LostContact, _) => Reply::text(actor.id, Text::ReportAskWhereLost).row(vec![
            choice(Text::ButtonReportStillHome, "home"),
            choice(Text::ButtonReportWentAway, "moved"),
        ]),
        _ => Reply::text(actor.id, Text::ReportAskWhereResident).row(vec![
            choice(Text::ButtonReportStillHome, "home"),
            choice(Text::ButtonReportWentAway, "moved"),
        ]),
    };
    Dialogue::Report { draft }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(reply.row(vec![Button::new(
        Text::ButtonCancel,
        Action::Cancel,
    )])))
}

/// The report being made, or why not.
async fn draft_of(app: &App, actor: &Actor) -> Result<Option<Draft>> {
    Ok(match Dialogue::load(&app.store, actor.id).await? {
        Some(Dialogue::Report { draft } | Dialogue::ReportCity { draft })
        | Some(Dialogue::ReportNote { draft }) => Some(draft),
        _ => None,
    })
}

async fn ask_city(app: &App, actor: &Actor, draft: Draft) -> Result<Outcome> {
    Dialogue::ReportCity { draft }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(actor.id, Text::ReportAskCity)
            .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// Same city, moved, or at home.
pub async fn where_chosen(
    app: &App,
    actor: &Actor,
    choice: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let Some(mut draft) = draft_of(app, actor).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    // The question keeps the answer chosen, so the chat reads as it went.
    let answer = match choice {
        "same" => Text::ButtonReportSameCity {
            city: draft.city.clone().unwrap_or_default().into(),
        },
        "moved" if draft.mobility == Mobility::Mobile.as_str() => Text::ButtonReportMoved,
        "moved" => Text::ButtonReportWentAway,
        "home" if draft.mobility == Mobility::Mobile.as_str() => Text::ButtonReportHome,
        _ => Text::ButtonReportStillHome,
    };
    let out = match message {
        Some(m) => Outcome::reply(
            Reply::lines(actor.id, Vec::new())
                .line(Line(vec![Text::ReportAnswered, answer]))
                .editing(m),
        ),
        None => Outcome::none(),
    };
    match choice {
        "same" if draft.city.is_some() => draft.mobility = Mobility::Mobile.as_str().into(),
        "home" => {
            draft.mobility = Mobility::Resident.as_str().into();
            draft.city = None;
        }
        "moved" => return Ok(out.merge(ask_city(app, actor, draft).await?)),
        _ => return Ok(Outcome::alert(Text::ButtonExpired)),
    }
    Ok(out.merge(ask_work(app, actor, draft).await?))
}

/// A location was shared: it is not kept; the city is asked for in words.
pub async fn location_shared(app: &App, actor: &Actor) -> Result<Outcome> {
    let text = Text::ReportLocationDiscarded;
    if let Some(Dialogue::ReportCity { .. }) = Dialogue::load(&app.store, actor.id).await? {
        return Ok(Outcome::reply(
            Reply::text(actor.id, text).line(Line::from(Text::ReportAskCity)),
        ));
    }
    Ok(Outcome::text(actor.id, text))
}

/// The typed city: a city name, nothing finer.
pub async fn city_typed(app: &App, actor: &Actor, draft: Draft, typed: &str) -> Result<Outcome> {
    let city = typed.trim();
    if city.is_empty()
        || city.contains('\n')
        || city.chars().count() > MAX_CITY
        || city.chars().any(|c| c.is_ascii_digit() || c.is_control())
    {
        return Ok(Outcome::text(
            actor.id,
            Text::ReportCityBad {
                max: MAX_CITY.into(),
            },
        ));
    }
    let mut draft = draft;
    draft.city = Some(city.to_string());
    draft.mobility = Mobility::Mobile.as_str().into();
    ask_work(app, actor, draft).await
}

async fn ask_work(app: &App, actor: &Actor, draft: Draft) -> Result<Outcome> {
    Dialogue::Report { draft }
        .save(&app.store, actor.id, app.now())
        .await?;
    let mut reply = Reply::text(actor.id, Text::ReportAskWork);
    for pair in WorkStatus::ALL.chunks(2) {
        reply = reply.row(
            pair.iter()
                .map(|w| {
                    Button::new(
                        work_text(*w),
                        Action::ReportWork {
                            work: w.as_str().into(),
                        },
                    )
                })
                .collect(),
        );
    }
    Ok(Outcome::reply(reply.row(vec![Button::new(
        Text::ButtonCancel,
        Action::Cancel,
    )])))
}

/// The work status: then the optional note.
pub async fn work_chosen(
    app: &App,
    actor: &Actor,
    work: &str,
    message: Option<i32>,
) -> Result<Outcome> {
    let (Some(mut draft), Ok(work)) = (draft_of(app, actor).await?, work.parse::<WorkStatus>())
    else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    draft.work = Some(work.as_str().into());
    Dialogue::ReportNote { draft }
        .save(&app.store, actor.id, app.now())
        .await?;
    let mut out = Outcome::none();
    if let Some(m) = message {
        out = out.and(
            Reply::lines(actor.id, Vec::new())
                .line(Line(vec![Text::ReportSummaryWorkLabel, work_text(work)]))
                .editing(m),
        );
    }
    Ok(out.and(Reply::text(actor.id, Text::ReportAskNote).row(vec![
        Button::new(Text::ButtonSkip, Action::ReportSkipNote),
        Button::new(Text::ButtonCancel, Action::Cancel),
    ])))
}

/// The note, in text or voice (`None` when skipped): then the confirmation.
pub async fn note(
    app: &App,
    actor: &Actor,
    text: Option<&str>,
    voice: Option<&str>,
) -> Result<Outcome> {
    let Some(mut draft) = draft_of(app, actor).await? else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if let Some(text) = text {
        let text = text.trim();
        if text.chars().count() > MAX_NOTE {
            return Ok(Outcome::text(
                actor.id,
                Text::TooLong {
                    max: MAX_NOTE.into(),
                },
            ));
        }
        draft.note = (!text.is_empty()).then(|| text.to_string());
    }
    draft.voice = voice.map(str::to_string);
    let summary = summary(&draft);
    Dialogue::Report { draft }
        .save(&app.store, actor.id, app.now())
        .await?;
    let mut reply = Reply::text(actor.id, Text::ReportConfirmAsk);
    for line in summary {
        reply = reply.line(line);
    }
    Ok(Outcome::reply(reply.row(vec![
        Button::new(Text::ButtonReportSubmit, Action::ReportSubmit),
        Button::new(Text::ButtonCancel, Action::Cancel),
    ])))
}

/// The lines that sum up a report.
fn summary(draft: &Draft) -> Vec<Line> {
    let mut lines = vec![match &draft.city {
        Some(city) if draft.mobility == Mobility::Mobile.as_str() => {
            Line::from(Text::ReportSummaryCity {
                city: city.as_str().into(),
            })
        }
        _ => Line::from(Text::ReportSummaryHome),
    }];
    if let Some(work) = draft.work.as_deref().and_then(|w| w.parse().ok()) {
        lines.push(Line(vec![Text::ReportSummaryWorkLabel, work_text(work)]));
    }
    lines.push(Line::from(match (&draft.note, &draft.voice) {
        (_, Some(_)) => Text::ReportSummaryVoice,
        (Some(note), None) => Text::ReportSummaryNote {
            chars: note.chars().count().into(),
        },
        (None, None) => Text::ReportSummaryNoNote,
    }));
    lines
}

/// 「提交」: the report is kept, the profile updated, the secretaries told of a move.
pub async fn submit(app: &App, actor: &Actor, message: Option<i32>) -> Result<Outcome> {
    let draft = match Dialogue::load(&app.store, actor.id).await? {
        Some(Dialogue::Report { draft }) if draft.work.is_some() => draft,
        _ => return Ok(Outcome::alert(Text::ButtonExpired)),
    };
    let member = match active_member(&app.store, actor.id).await? {
        Some(m) if m.id == draft.member => m,
        _ => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(Outcome::alert(Text::ProfileNotMember));
        }
    };
    let (Ok(mobility), Some(Ok(work))) = (
        draft.mobility.parse::<Mobility>(),
        draft.work.as_deref().map(str::parse::<WorkStatus>),
    ) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let now = app.now();
    let period = period(app, now);
    // Taken first: a double press (on this instance or another) finds no report to submit.
    if !app.store.take_dialogue(actor.id).await? {
        return Ok(Outcome::none());
    }
    let (report, before) = app
        .store
        .add_report(
            &NewReport {
                member_id: member.id,
                period: period.clone(),
                mobility,
                city: draft.city.clone().filter(|_| mobility == Mobility::Mobile),
                work,
                note: draft.note.clone(),
                note_voice: draft.voice.clone(),
            },
            now,
        )
        .await?;
    let awarded =
        crate::points::award(app, &member, "status_report", &format!("report:{period}")).await?;
    let mut out = Outcome::none();
    if let Some(m) = message {
        let mut done = Reply::lines(actor.id, vec![Text::ReportSubmitted]);
        for line in summary(&draft) {
            done = done.line(line);
        }
        out = out.and(done.editing(m));
    }
    out = out.and(Reply::text(
        actor.id,
        match awarded {
            Some(points) => Text::ReportThanksPoints {
                points: points.into(),
            },
            None => Text::ReportThanks,
        },
    ));
    // A change of place goes to the branch's secretaries at once.
    let change = match (member.mobility, mobility, &before, &report.city) {
        (_, Mobility::Mobile, Some(from), Some(to)) if report.moved => {
            Some(Text::ReportMovedToSecretary {
                name: member.name.as_str().into(),
                from: from.as_str().into(),
                to: to.as_str().into(),
            })
        }
        (Mobility::Mobile, Mobility::Mobile, _, _) => None,
        (_, Mobility::Mobile, _, Some(to)) => Some(Text::ReportAwayToSecretary {
            name: member.name.as_str().into(),
            city: to.as_str().into(),
        }),
        (Mobility::Mobile | Mobility::LostContact, Mobility::Resident, _, _) => {
            Some(Text::ReportHomeToSecretary {
                name: member.name.as_str().into(),
            })
        }
        _ => None,
    };
    let branch = app.store.org(member.org_id).await?;
    let secretaries = crate::onboarding::deciders(app, &branch).await?;
    if let Some(change) = change {
        for secretary in &secretaries {
            out = out.and(
                Reply::text(*secretary, change.clone())
                    .line(Line(vec![Text::ReportSummaryWorkLabel, work_text(work)])),
            );
        }
    }
    // The note (思想汇报) is for the secretaries to read.
    if report.note.is_some() || report.note_voice.is_some() {
        let heading = Text::ReportNoteToSecretary {
            name: member.name.as_str().into(),
            month: period.as_str().into(),
        };
        for secretary in &secretaries {
            out = out.and(match &report.note_voice {
                Some(voice) => Reply::media(
                    *secretary,
                    crate::domain::NoticeKind::Voice,
                    voice,
                    vec![Line::from(heading.clone())],
                ),
                None => Reply::text(*secretary, heading.clone()).line(Line::from(Text::Plain {
                    text: report.note.clone().unwrap_or_default().into(),
                })),
            });
        }
    }
    Ok(out)
}
