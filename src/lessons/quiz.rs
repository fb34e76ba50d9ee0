//! The quiz of a lesson: the typed question format, one question at a time in the private
//! chat, instant feedback with the explanation, and the branch's and county's rates.

use anyhow::Result;

use crate::app::{Actor, App};
use crate::domain::{Member, Purpose};
use crate::i18n::Text;
use crate::reply::{Action, Button, Line, Outcome, Reply};
use crate::store::{Notice, Question};

/// Options per question.
const MIN_OPTIONS: usize = 2;
const MAX_OPTIONS: usize = 6;
/// The longest question, option or explanation.
const MAX_PART: usize = 300;

/// Why a typed question was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// No question line before the options.
    NoQuestion,
    /// Fewer than two options.
    TooFewOptions,
    /// More than six.
    TooManyOptions,
    /// No option marked correct.
    NoCorrect,
    /// Several marked correct.
    SeveralCorrect,
    /// No 解析 line.
    NoExplanation,
    /// A part is too long.
    TooLong,
}

impl ParseError {
    /// What the secretary is told.
    pub fn text(self) -> Text {
        match self {
            ParseError::NoQuestion => Text::QuizErrNoQuestion,
            ParseError::TooFewOptions => Text::QuizErrFewOptions {
                min: MIN_OPTIONS.into(),
            },
            ParseError::TooManyOptions => Text::QuizErrManyOptions {
                max: MAX_OPTIONS.into(),
            },
            ParseError::NoCorrect => Text::QuizErrNoCorrect,
            ParseError::SeveralCorrect => Text::QuizErrSeveralCorrect,
            ParseError::NoExplanation => Text::QuizErrNoExplanation,
            ParseError::TooLong => Text::TooLong {
                max: MAX_PART.into(),
            },
        }
    }
}

/// The letter of option `i`: A, B, C…
pub fn letter(i: usize) -> String {
    char::from(b'A' + (i as u8).min(25)).to_string()
}

/// Splits `A. text` (also `A、` `A)` `A：` `Ａ．`, lower case) into its index and text.
fn option_line(line: &str) -> Option<(usize, &str)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let first = match first {
        'Ａ'..='Ｆ' => char::from_u32(first as u32 - 'Ａ' as u32 + 'A' as u32)?,
        'ａ'..='ｆ' => char::from_u32(first as u32 - 'ａ' as u32 + 'A' as u32)?,
        c => c.to_ascii_uppercase(),
    };
    if !('A'..='F').contains(&first) {
        return None;
    }
    let (at, sep) = chars.next()?;
    if !matches!(
        sep,
        '.' | '、' | ')' | '）' | '．' | ':' | '：' | ' ' | '　'
    ) {
        return None;
    }
    Some((
        (first as u8 - b'A') as usize,
        line[at + sep.len_utf8()..].trim(),
    ))
}

/// Strips a correct-answer mark (✓ ✔ * （正确） (correct)) from the end of an option.
fn strip_mark(text: &str) -> (String, bool) {
    let marks = ["✓", "✔", "✅", "*", "（正确）", "(正确)", "(correct)"];
    let t = text.trim_end();
    for m in marks {
        if let Some(rest) = t.strip_suffix(m) {
            return (rest.trim_end().to_string(), true);
        }
    }
    (t.to_string(), false)
}

/// Strips one of `prefixes` and the colon after it (`解析：`, `Answer:`) from the start of a
/// line; a line that only begins with the word (`Why is…`) is not labelled.
fn labelled<'a>(line: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    let lower = line.to_lowercase();
    for p in prefixes {
        if lower.starts_with(&p.to_lowercase()) && line.is_char_boundary(p.len()) {
            let rest = line[p.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                return Some(rest.trim());
            }
        }
    }
    None
}

/// Reads a question typed as:
///
/// ```text
/// 题目：…（the first line; 题目/问题/Q is optional）
/// A. …
/// B. … ✓        (the correct option marked with ✓ or *, or an 答案：B line)
/// 解析：…
/// ```
pub fn parse_question(text: &str) -> Result<Question, ParseError> {
    let mut question = String::new();
    let mut options: Vec<(String, bool)> = Vec::new();
    let mut answer: Option<usize> = None;
    let mut explanation = String::new();
    let mut in_explanation = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = labelled(line, &["解析", "答案解析", "explanation", "why"]) {
            in_explanation = true;
            explanation = rest.to_string();
            continue;
        }
        if in_explanation {
            explanation = format!("{explanation}\n{line}");
            continue;
        }
        if let Some(rest) = labelled(line, &["答案", "正确答案", "answer"]) {
            let probe = rest.chars().next().map(|c| format!("{c}."));
            answer = probe.as_deref().and_then(option_line).map(|(i, _)| i);
            if answer.is_none() {
                return Err(ParseError::NoCorrect);
            }
            continue;
        }
        if let Some((_, option)) = option_line(line).filter(|_| !question.is_empty()) {
            options.push(strip_mark(option));
            continue;
        }
        if options.is_empty() {
            let line = labelled(line, &["题目", "问题", "question", "q"]).unwrap_or(line);
            question = if question.is_empty() {
                line.to_string()
            } else {
                format!("{question}\n{line}")
            };
        } else if let Some(last) = options.last_mut() {
            // A line after an option continues it.
            let (more, marked) = strip_mark(line);
            last.0 = format!("{} {more}", last.0);
            last.1 |= marked;
        }
    }
    if question.is_empty() {
        return Err(ParseError::NoQuestion);
    }
    if options.len() < MIN_OPTIONS {
        // `A. …` first: the options came without a question.
        if option_line(&question).is_some() {
            return Err(ParseError::NoQuestion);
        }
        return Err(ParseError::TooFewOptions);
    }
    if options.len() > MAX_OPTIONS {
        return Err(ParseError::TooManyOptions);
    }
    let marked: Vec<usize> = options
        .iter()
        .enumerate()
        .filter(|(_, (_, m))| *m)
        .map(|(i, _)| i)
        .collect();
    let correct = match (marked.as_slice(), answer) {
        ([], Some(a)) if a < options.len() => a,
        ([one], None) => *one,
        ([one], Some(a)) if *one == a => a,
        ([], _) => return Err(ParseError::NoCorrect),
        _ => return Err(ParseError::SeveralCorrect),
    };
    if explanation.trim().is_empty() {
        return Err(ParseError::NoExplanation);
    }
    let too_long = |s: &str| s.chars().count() > MAX_PART;
    if too_long(&question) || too_long(&explanation) || options.iter().any(|(o, _)| too_long(o)) {
        return Err(ParseError::TooLong);
    }
    Ok(Question {
        seq: 0,
        question,
        options: options.into_iter().map(|(o, _)| o).collect(),
        correct,
        explanation: explanation.trim().to_string(),
    })
}

/// 「📝 《title》测验 第 n/total 题」 and the question.
fn question_text(lesson: &Notice, q: &Question, total: usize) -> Text {
    Text::QuizQuestion {
        title: lesson.title.clone().unwrap_or_default().into(),
        n: (q.seq + 1).into(),
        total: total.into(),
        question: q.question.as_str().into(),
    }
}

/// The question with its options as lines and one button per option.
fn question_reply(to: i64, lesson: &Notice, q: &Question, total: usize) -> Reply {
    let mut reply = Reply::text(to, question_text(lesson, q, total));
    for (i, option) in q.options.iter().enumerate() {
        reply = reply.line(Line::from(Text::Plain {
            text: format!("{}. {option}", letter(i)).into(),
        }));
    }
    let buttons: Vec<Button> = (0..q.options.len())
        .map(|i| {
            Button::new(
                Text::Plain {
                    text: letter(i).into(),
                },
                Action::QuizAnswer {
                    lesson: lesson.id,
                    seq: q.seq,
                    choice: i as i64,
                },
            )
        })
        .collect();
    for row in buttons.chunks(3) {
        reply = reply.row(row.to_vec());
    }
    reply
}

/// The member's next unanswered question, to `chat`; none when the lesson has no quiz or
/// every question is answered.
pub async fn next(app: &App, member: &Member, lesson: &Notice, chat: i64) -> Result<Option<Reply>> {
    let questions = app.store.questions(lesson.id).await?;
    let answered = app.store.member_answers(lesson.id, member.id).await?;
    Ok(questions
        .iter()
        .find(|q| !answered.iter().any(|(s, _)| *s == q.seq))
        .map(|q| question_reply(chat, lesson, q, questions.len())))
}

/// A press of an option.
pub async fn answer(
    app: &App,
    actor: &Actor,
    (lesson_id, seq, choice): (i64, i64, i64),
    message: Option<i32>,
) -> Result<Outcome> {
    let (Some(member), Some(lesson)) = (
        app.store.member_by_telegram(actor.id).await?,
        app.store.notice(lesson_id).await?,
    ) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    if lesson.purpose != Purpose::Lesson {
        return Ok(Outcome::alert(Text::ButtonExpired));
    }
    if !app.store.has_acked(lesson.id, member.id).await? {
        return Ok(Outcome::alert(Text::QuizStudyFirst));
    }
    let questions = app.store.questions(lesson.id).await?;
    let Some(q) = questions.iter().find(|q| q.seq == seq) else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let Some(chosen) = usize::try_from(choice)
        .ok()
        .filter(|c| *c < q.options.len())
    else {
        return Ok(Outcome::alert(Text::ButtonExpired));
    };
    let right = chosen == q.correct;
    if !app
        .store
        .answer_question(lesson.id, member.id, (seq, choice, right), app.now())
        .await?
    {
        return Ok(Outcome::toast(Text::QuizAlreadyAnswered));
    }
    if right {
        crate::points::award(
            app,
            &member,
            "quiz_correct",
            &format!("quiz:{}:{}", lesson.id, seq),
        )
        .await?;
    }
    // The question's message now shows the verdict and the explanation, without buttons.
    let mut shown = Reply::text(actor.id, question_text(&lesson, q, questions.len()));
    for (i, option) in q.options.iter().enumerate() {
        let mark = if i == q.correct {
            " ✅"
        } else if i == chosen {
            " ❌"
        } else {
            ""
        };
        shown = shown.line(Line::from(Text::Plain {
            text: format!("{}. {option}{mark}", letter(i)).into(),
        }));
    }
    let verdict = if right {
        Text::QuizRight
    } else {
        Text::QuizWrong {
            correct: letter(q.correct).into(),
        }
    };
    shown = shown
        .line(Line::from(verdict.clone()))
        .line(Line::from(Text::QuizExplanation {
            text: q.explanation.as_str().into(),
        }));
    let mut out = Outcome::toast(verdict);
    out = out.and(match message {
        Some(m) => shown.editing(m),
        None => shown,
    });
    if let Some(next) = next(app, &member, &lesson, actor.id).await? {
        return Ok(out.and(next));
    }
    // The last question: the member's score and how the branch and the county did.
    let answers = app.store.member_answers(lesson.id, member.id).await?;
    let mine = answers.iter().filter(|(_, c)| *c).count();
    let home = app.store.org(member.org_id).await?;
    let (bc, bt) = app.store.quiz_rate(lesson.id, &home.path).await?;
    let (cc, ct) = app
        .store
        .quiz_rate(lesson.id, &super::root_path(&home.path))
        .await?;
    Ok(out.and(Reply::text(
        actor.id,
        Text::QuizResult {
            correct: mine.into(),
            total: answers.len().into(),
            branch: super::percent(bc, bt).into(),
            county: super::percent(cc, ct).into(),
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_typed_format() {
        let q = parse_question(
            "题目：党的二十大召开于哪一年？\nA. 2021\nB. 2022 ✓\nC. 2023\n解析：2022年10月在北京召开。",
        )
        .unwrap();
        assert_eq!(q.question, "党的二十大召开于哪一年？");
        assert_eq!(q.options, vec!["2021", "2022", "2023"]);
        assert_eq!(q.correct, 1);
        assert_eq!(q.explanation, "2022年10月在北京召开。");
    }

    #[test]
    fn takes_an_answer_line_and_fullwidth_letters() {
        let q = parse_question("Which?\nＡ．one\nb) two\nAnswer: A\nExplanation: because").unwrap();
        assert_eq!(q.options, vec!["one", "two"]);
        assert_eq!(q.correct, 0);
    }

    #[test]
    fn english_words_at_the_start_are_not_labels() {
        let q = parse_question(
            "Why do we study the Constitution?\nAnswer the question below.\nA. duty *\nB. fun\nExplanation: it is a duty.",
        )
        .unwrap();
        assert_eq!(
            q.question,
            "Why do we study the Constitution?\nAnswer the question below."
        );
        let q =
            parse_question("Quiet hours start when?\nA. 22:00 ✓\nB. 9:00\nWhy: default.").unwrap();
        assert_eq!(q.question, "Quiet hours start when?");
        assert_eq!(q.explanation, "default.");
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(
            parse_question("A. x\nB. y*\n解析：z"),
            Err(ParseError::NoQuestion)
        );
        assert_eq!(parse_question("解析：z"), Err(ParseError::NoQuestion));
        assert_eq!(
            parse_question("问？\nA. x*\n解析：z"),
            Err(ParseError::TooFewOptions)
        );
        assert_eq!(
            parse_question("问？\nA. x\nB. y\n解析：z"),
            Err(ParseError::NoCorrect)
        );
        assert_eq!(
            parse_question("问？\nA. x*\nB. y*\n解析：z"),
            Err(ParseError::SeveralCorrect)
        );
        assert_eq!(
            parse_question("问？\nA. x*\nB. y"),
            Err(ParseError::NoExplanation)
        );
        assert_eq!(
            parse_question("问？\nA. 1\nB. 2\nC. 3\nD. 4\nE. 5\nF. 6*\n解析：z")
                .map(|q| q.options.len()),
            Ok(6)
        );
        assert_eq!(
            parse_question("问？\nA. 1\nB. 2\nC. 3\nD. 4\nE. 5\nF. 6*\nA. 7\n解析：z"),
            Err(ParseError::TooManyOptions)
        );
    }
}
