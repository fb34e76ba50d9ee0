//! Lessons (微讲习): `/lesson` to write one (title, content, quiz), 「学完了」 and the quiz in
//! the private chat, `/study` for make-up study, `/lessons` for completion and scores.
//!
//! A lesson is a notice with the purpose `lesson`: its audience, copies, quiet hours,
//! progress, reminders and receipts are the notices' own; 「学完了」 is its acknowledgement.

mod quiz;

use anyhow::Result;

use crate::access::Staff;
use crate::app::{Actor, App};
use crate::dialogue::Dialogue;
use crate::domain::{Member, Mobility, NoticeKind, OrgUnit, Purpose};
use crate::i18n::Text;
use crate::notices::dispatch::{self, grouped};
use crate::notices::{self, Content, receipts};
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{LessonItem, NewMessage, Notice};
use crate::telegram::render::MAX_TEXT;

pub use quiz::{ParseError, answer, parse_question};

/// The longest title.
pub const MAX_TITLE: usize = 64;
/// Attachments per lesson.
pub const MAX_ITEMS: i64 = 10;
/// Questions per quiz.
pub const MAX_QUESTIONS: i64 = 5;
/// The longest lesson text (sent in several messages when long).
pub const MAX_LESSON_TEXT: usize = 3 * MAX_TEXT;
/// How far back `/study` looks.
const STUDY_DAYS: i64 = 30;
/// Lessons listed by `/lessons` per unit.
const RECENT: i64 = 6;

/// Asks for the title of a new lesson for `unit`.
pub async fn ask_title(app: &App, actor: &Actor, unit: &OrgUnit) -> Result<Outcome> {
    Dialogue::LessonTitle { org: unit.id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::LessonAskTitle {
                unit: unit.name.as_str().into(),
            },
        )
        .row(vec![Button::new(Text::ButtonCancel, Action::Cancel)]),
    ))
}

/// The title arrived: save the draft and ask for the content.
pub async fn title(app: &App, actor: &Actor, org: i64, text: &str) -> Result<Outcome> {
    let (id, title) =
        match notices::titled_draft(app, actor, org, Purpose::Lesson, (text, MAX_TITLE)).await? {
            Ok(x) => x,
            Err(out) => return Ok(out),
        };
    Dialogue::LessonContent { lesson: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::LessonAskContent {
                title: title.as_str().into(),
            },
        )
        .row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: id },
        )]),
    ))
}

/// A draft lesson of the presser's, or why not.
async fn own_lesson(app: &App, actor: &Actor, id: i64) -> Result<Result<Notice, Outcome>> {
    Ok(match notices::own_draft(app, actor, id).await? {
        Ok(n) if n.purpose == Purpose::Lesson => Ok(n),
        Ok(_) => Err(Outcome::alert(Text::ButtonExpired)),
        Err(out) => Err(out),
    })
}

/// Text or an attachment for the lesson being written.
pub async fn content(app: &App, actor: &Actor, id: i64, content: Content) -> Result<Outcome> {
    let lesson = match own_lesson(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => {
            app.store.clear_dialogue(actor.id).await?;
            return Ok(out);
        }
    };
    let mut items = app.store.lesson_items(id).await?.len() as i64;
    if content.kind == NoticeKind::Text {
        let text = content.body.trim();
        if text.is_empty() {
            return Ok(Outcome::text(actor.id, Text::LessonUnsupported));
        }
        let length = lesson.body.chars().count() + text.chars().count();
        if length > MAX_LESSON_TEXT {
            return Ok(Outcome::text(
                actor.id,
                Text::TooLong {
                    max: MAX_LESSON_TEXT.into(),
                },
            ));
        }
        app.store.append_notice_text(id, text).await?;
    } else {
        if items >= MAX_ITEMS {
            return Ok(Outcome::text(
                actor.id,
                Text::LessonTooManyItems {
                    max: MAX_ITEMS.into(),
                },
            ));
        }
        if content.body.chars().count() > crate::telegram::render::MAX_CAPTION {
            return Ok(Outcome::text(
                actor.id,
                Text::TooLong {
                    max: crate::telegram::render::MAX_CAPTION.into(),
                },
            ));
        }
        let item = LessonItem {
            kind: content.kind,
            body: content.body,
            file_ref: content.file_ref.unwrap_or_default(),
        };
        items = app.store.add_lesson_item(id, &item).await?;
    }
    let chars = app
        .store
        .notice(id)
        .await?
        .map_or(0, |n| n.body.chars().count());
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::LessonContentAdded {
                chars: chars.into(),
                items: items.into(),
            },
        )
        .row(vec![
            Button::new(
                Text::ButtonContentDone,
                Action::LessonContentDone { lesson: id },
            ),
            Button::new(Text::ButtonCancel, Action::NoticeCancel { notice: id }),
        ]),
    ))
}

/// 「内容完成」: a quiz or not?
pub async fn content_done(
    app: &App,
    actor: &Actor,
    id: i64,
    message: Option<i32>,
) -> Result<Outcome> {
    let lesson = match own_lesson(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    if lesson.body.is_empty() && app.store.lesson_items(id).await?.is_empty() {
        return Ok(Outcome::alert(Text::LessonEmpty));
    }
    if matches!(
        Dialogue::load(&app.store, actor.id).await?,
        Some(Dialogue::LessonContent { lesson }) if lesson == id
    ) {
        app.store.clear_dialogue(actor.id).await?;
    }
    let mut reply = Reply::text(actor.id, Text::LessonAskQuiz)
        .row(vec![
            Button::new(Text::ButtonAddQuestion, Action::QuizAdd { lesson: id }),
            Button::new(Text::ButtonNoQuiz, Action::LessonAudience { lesson: id }),
        ])
        .row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: id },
        )]);
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// 「添加测验题」: ask for one question in the typed format.
pub async fn quiz_add(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    if let Err(out) = own_lesson(app, actor, id).await? {
        return Ok(out);
    }
    let count = app.store.questions(id).await?.len() as i64;
    if count >= MAX_QUESTIONS {
        return Ok(Outcome::alert(Text::QuizFull {
            max: MAX_QUESTIONS.into(),
        }));
    }
    Dialogue::QuizQuestion { lesson: id }
        .save(&app.store, actor.id, app.now())
        .await?;
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::QuizAskQuestion {
                n: (count + 1).into(),
            },
        )
        .row(vec![Button::new(
            Text::ButtonCancel,
            Action::NoticeCancel { notice: id },
        )]),
    ))
}

/// A typed quiz question.
pub async fn question(app: &App, actor: &Actor, id: i64, text: &str) -> Result<Outcome> {
    if let Err(out) = own_lesson(app, actor, id).await? {
        app.store.clear_dialogue(actor.id).await?;
        return Ok(out);
    }
    let q = match parse_question(text) {
        Ok(q) => q,
        Err(e) => {
            return Ok(Outcome::reply(
                Reply::text(actor.id, e.text()).line(Line::from(Text::QuizFormatHint)),
            ));
        }
    };
    let count = app.store.add_question(id, &q).await?;
    app.store.clear_dialogue(actor.id).await?;
    let mut row = Vec::new();
    if count < MAX_QUESTIONS {
        row.push(Button::new(
            Text::ButtonAddQuestion,
            Action::QuizAdd { lesson: id },
        ));
    }
    row.push(Button::new(
        Text::ButtonQuizDone,
        Action::LessonAudience { lesson: id },
    ));
    Ok(Outcome::reply(
        Reply::text(
            actor.id,
            Text::QuizQuestionAdded {
                n: count.into(),
                options: q.options.len().into(),
                correct: quiz::letter(q.correct).into(),
            },
        )
        .row(row),
    ))
}

/// The lesson is written: who does it go to?
pub async fn audience(app: &App, actor: &Actor, id: i64, message: Option<i32>) -> Result<Outcome> {
    let lesson = match own_lesson(app, actor, id).await? {
        Ok(n) => n,
        Err(out) => return Ok(out),
    };
    if matches!(
        Dialogue::load(&app.store, actor.id).await?,
        Some(Dialogue::QuizQuestion { lesson } | Dialogue::LessonContent { lesson }) if lesson == id
    ) {
        app.store.clear_dialogue(actor.id).await?;
    }
    let unit = app.store.org(lesson.org_id).await?;
    let mut reply = notices::ask_audience(app, actor, id, &unit).await?;
    if let Some(m) = message {
        reply = reply.editing(m);
    }
    Ok(Outcome::reply(reply))
}

/// The presser and the lesson of a 「学习」 or 「继续测验」 button, if the lesson was for them.
async fn studying(app: &App, actor: &Actor, id: i64) -> Result<Result<(Member, Notice), Outcome>> {
    let lesson = match app.store.notice(id).await? {
        Some(n) if n.purpose == Purpose::Lesson => n,
        _ => return Ok(Err(Outcome::alert(Text::ButtonExpired))),
    };
    Ok(receipts::reader(app, actor, &lesson, actor.id)
        .await?
        .map(|member| (member, lesson)))
}

/// After 「学完了」: the quiz's first unanswered question, if the lesson has a quiz.
pub async fn after_done(app: &App, member: &Member, lesson: &Notice) -> Result<Option<Reply>> {
    let Some(chat) = member.telegram_id else {
        return Ok(None);
    };
    quiz::next(app, member, lesson, chat).await
}

/// `/study`: the member's unfinished lessons of the last 30 days.
pub async fn study(app: &App, actor: &Actor) -> Result<Outcome> {
    let Some(member) = app.store.member_by_telegram(actor.id).await? else {
        return Ok(Outcome::text(actor.id, Text::AckNotMember));
    };
    let home = app.store.org(member.org_id).await?;
    let since = app.now() - STUDY_DAYS * 86_400_000;
    let lessons = app
        .store
        .lessons_for(&home, member.mobility == Mobility::Mobile, since)
        .await?;
    let mut reply = Reply::text(actor.id, Text::StudyHeader);
    let mut open = 0;
    for lesson in lessons {
        let title: String = lesson.title.clone().unwrap_or_default();
        let done = app.store.has_acked(lesson.id, member.id).await?;
        let questions = app.store.questions(lesson.id).await?.len();
        let answered = app.store.member_answers(lesson.id, member.id).await?.len();
        let date = app.format_time(lesson.started_at.unwrap_or(lesson.created_at));
        let date = date.get(..10).unwrap_or_default().to_string();
        if !done {
            open += 1;
            reply = reply
                .line(Line::from(Text::StudyNotDone {
                    title: title.as_str().into(),
                    date: date.into(),
                }))
                .row(vec![Button::new(
                    Text::ButtonStudy {
                        title: short(&title).into(),
                    },
                    Action::StudyLesson { lesson: lesson.id },
                )]);
        } else if answered < questions {
            open += 1;
            reply = reply
                .line(Line::from(Text::StudyQuizLeft {
                    title: title.as_str().into(),
                    left: (questions - answered).into(),
                }))
                .row(vec![Button::new(
                    Text::ButtonQuizContinue {
                        title: short(&title).into(),
                    },
                    Action::QuizContinue { lesson: lesson.id },
                )]);
        }
    }
    if open == 0 {
        return Ok(Outcome::text(actor.id, Text::StudyAllDone));
    }
    Ok(Outcome::reply(reply))
}

fn short(title: &str) -> String {
    if title.chars().count() > 16 {
        format!("{}…", title.chars().take(15).collect::<String>())
    } else {
        title.to_string()
    }
}

/// 「学习」 from `/study` (or make-up after a session): the lesson again, privately.
pub async fn resend(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let (member, lesson) = match studying(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    queue_private_copy(app, &lesson, &member, 0).await?;
    Ok(Outcome::toast(Text::LessonResent))
}

/// Queues a private copy of a lesson to a member (make-up study): not counted as a copy of
/// the lesson's sending.
pub async fn queue_private_copy(
    app: &App,
    lesson: &Notice,
    member: &Member,
    priority: i64,
) -> Result<bool> {
    let Some(chat) = member.telegram_id.filter(|_| member.reachable) else {
        return Ok(false);
    };
    let unit = app.store.org(lesson.org_id).await?;
    let locale = app.locale_of(chat).await;
    let tokens = dispatch::tokens(app, lesson).await?;
    let markup = dispatch::copy_markup(app, lesson, locale, &tokens, None)?;
    let extra = dispatch::extra(app, lesson).await?;
    let rows: Vec<NewMessage> =
        dispatch::copy_rows(app, lesson, &unit.name, locale, chat, &markup, None, &extra)
            .into_iter()
            .map(|m| NewMessage {
                priority,
                notice_id: None,
                ..m
            })
            .collect();
    app.store.enqueue(&rows, app.now()).await?;
    app.delivery.wake();
    Ok(true)
}

/// 「继续测验」 from `/study`.
pub async fn quiz_continue(app: &App, actor: &Actor, id: i64) -> Result<Outcome> {
    let (member, lesson) = match studying(app, actor, id).await? {
        Ok(x) => x,
        Err(out) => return Ok(out),
    };
    if !app.store.has_acked(lesson.id, member.id).await? {
        return Ok(Outcome::alert(Text::QuizStudyFirst));
    }
    Ok(match quiz::next(app, &member, &lesson, actor.id).await? {
        Some(reply) => Outcome::reply(reply),
        None => Outcome::toast(Text::QuizAllAnswered),
    })
}

/// `/lessons`: completion and average score of the latest lessons of the caller's units;
/// for an organizer, one line per branch under each lesson.
pub async fn lessons(app: &App, actor: &Actor) -> Result<Outcome> {
    let staff = Staff::of(&app.store, actor.id).await?;
    if !staff.is_staff() {
        return Ok(Outcome::text(actor.id, Text::SecretaryOnly));
    }
    let units = staff.top_units();
    let mut reply = Reply::text(actor.id, Text::LessonsHeader);
    let mut any = false;
    for unit in &units {
        // Lessons of the unit and below, and those from above that reached it.
        let mut list = app
            .store
            .recent_of(&unit.path, Purpose::Lesson, RECENT)
            .await?;
        for above in app.store.lessons_reaching(unit, RECENT).await? {
            if !list.iter().any(|l| l.id == above.id) {
                list.push(above);
            }
        }
        list.sort_by_key(|l| std::cmp::Reverse(l.started_at));
        list.truncate(RECENT as usize);
        for lesson in list {
            any = true;
            let rows = app.store.lesson_by_branch(&lesson, unit).await?;
            let sum = |f: fn(&crate::store::BranchStudy) -> i64| rows.iter().map(f).sum::<i64>();
            let (readers, done, answered, correct) = (
                sum(|r| r.readers),
                sum(|r| r.done),
                sum(|r| r.answered),
                sum(|r| r.correct),
            );
            let date = app.format_time(lesson.started_at.unwrap_or(lesson.created_at));
            reply = reply.line(Line::from(Text::LessonsLine {
                title: lesson.title.clone().unwrap_or_default().into(),
                date: date.get(..10).unwrap_or_default().to_string().into(),
                done: grouped(done).into(),
                readers: grouped(readers).into(),
                pct: percent(done, readers).into(),
                answered: answered.into(),
                score: percent(correct, answered).into(),
            }));
            if rows.len() > 1 {
                for r in &rows {
                    reply = reply.line(Line::from(Text::LessonsBranchLine {
                        branch: r.name.as_str().into(),
                        done: r.done.into(),
                        readers: r.readers.into(),
                        pct: percent(r.done, r.readers).into(),
                        answered: r.answered.into(),
                        score: percent(r.correct, r.answered).into(),
                    }));
                }
            }
        }
    }
    if !any {
        return Ok(Outcome::text(actor.id, Text::LessonsNone));
    }
    Ok(Outcome::reply(reply))
}

/// `part` of `whole` in whole percent (0 when there is no whole).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

/// The path of the top of the tree a unit is in (`/1/` of `/1/4/9/`).
pub fn root_path(path: &str) -> String {
    let first = path.trim_matches('/').split('/').next().unwrap_or_default();
    format!("/{first}/")
}
