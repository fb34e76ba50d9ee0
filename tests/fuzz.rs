//! Property tests over what people type and send: command arguments, roster files, cron
//! expressions and callback data. Any input is either understood or refused with a reason,
//! never a panic; well-formed input is always understood. (A short run: proptest's default
//! 256 cases per property, more with `PROPTEST_CASES`.)

use chrono_tz::Asia::Shanghai;
use lianxin::domain::{CronSpec, OrgCode, Phone, QuietHours};
use lianxin::onboarding::roster;
use lianxin::telegram::commands::{self, Command};
use proptest::prelude::*;

/// Text as people (and attackers) send it: any Unicode, with the characters that break naive
/// parsers over-represented.
fn text() -> impl Strategy<Value = String> {
    let odd = prop_oneof![
        Just('\u{200B}'),
        Just('\u{202E}'),
        Just('\u{feff}'),
        Just('\n'),
        Just('\t'),
        Just('\u{a0}'),
        Just('\u{3000}'),
        Just('/'),
        Just('@'),
        Just('\''),
        Just(';'),
        Just(','),
        Just('"'),
        Just('：'),
        any::<char>(),
    ];
    proptest::collection::vec(odd, 0..80).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn any_text_parses_as_a_command_or_not_at_all(s in text(), bot in "[a-z_]{0,12}") {
        if let Some(typed) = commands::parse(&s, &bot) {
            prop_assert!(s.starts_with('/'));
            prop_assert!(s.contains(typed.args), "the arguments come from the text");
            prop_assert_eq!(typed.args.trim(), typed.args);
            if let Some(c) = typed.command {
                prop_assert_eq!(c.name(), typed.name);
            }
        }
    }

    #[test]
    fn every_known_command_is_found_whatever_its_case_and_spacing(
        pick in 0..Command::ALL.len(),
        upper in any::<bool>(),
        gap in prop_oneof![Just(" "), Just("\n"), Just("  \t")],
        args in "[a-z0-9一-龥 ]{0,20}",
    ) {
        let command = Command::ALL[pick];
        let name = if upper { command.name().to_uppercase() } else { command.name().to_string() };
        let typed = format!("/{name}@Lianxin_Bot{gap}{args}");
        let parsed = commands::parse(&typed, "lianxin_bot").expect("a command");
        prop_assert_eq!(parsed.command, Some(command));
        prop_assert_eq!(parsed.args, args.trim());
    }

    #[test]
    fn argument_parsers_refuse_or_accept_without_panicking(s in text()) {
        let _ = Phone::parse(&s);
        let _ = OrgCode::parse(&s);
        let _ = QuietHours::parse(&s);
        let _ = lianxin::lessons::parse_question(&s);
        let _ = lianxin::polls::parse_options(&s);
        let _ = lianxin::notices::parse_when(&s, 1_795_000_000_000, Shanghai);
        let _ = lianxin::admin::parse_since(&s, Shanghai, 1_795_000_000_000);
    }

    #[test]
    fn mobile_numbers_are_read_however_they_are_written(
        digits in "1[3-9][0-9]{9}",
        sep in prop_oneof![Just(""), Just(" "), Just("-")],
        prefix in prop_oneof![Just(""), Just("+86 "), Just("86")],
    ) {
        let written = format!("{prefix}{}{sep}{}{sep}{}", &digits[..3], &digits[3..7], &digits[7..]);
        let phone = Phone::parse(&written).expect("a valid mobile number");
        prop_assert_eq!(phone.as_str(), digits.as_str());
    }

    #[test]
    fn quiet_hours_in_the_right_shape_are_understood(a in 0u32..24, b in 0u32..60, c in 0u32..24, d in 0u32..60) {
        let typed = format!("{a:02}:{b:02}-{c:02}:{d:02}");
        prop_assert!(QuietHours::parse(&typed).is_some() || (a, b) == (c, d), "{}", typed);
    }

    #[test]
    fn any_cron_text_is_either_a_schedule_or_a_reason(s in text()) {
        if let Err(reason) = CronSpec::parse(&s) {
            prop_assert!(!reason.is_empty());
        }
    }

    #[test]
    fn well_formed_cron_expressions_always_parse_and_have_a_next_time(
        minute in 0u32..60, hour in 0u32..24, day in prop_oneof![Just("*".to_string()), (1u32..29).prop_map(|d| d.to_string())],
        weekday in prop_oneof![Just("*".to_string()), (0u32..8).prop_map(|d| d.to_string()), Just("1-5".to_string())],
    ) {
        let expr = format!("{minute} {hour} {day} * {weekday}");
        let spec = CronSpec::parse(&expr).map_err(|e| TestCaseError::fail(format!("{expr}: {e}")))?;
        prop_assert!(spec.schedule().upcoming(Shanghai).next().is_some(), "{}", expr);
    }

    #[test]
    fn any_bytes_as_a_roster_file_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..600), xlsx in any::<bool>()) {
        let _ = roster::read(if xlsx { "名册.xlsx" } else { "名册.csv" }, &bytes);
    }

    #[test]
    fn every_data_row_of_a_csv_roster_is_taken_or_reported_with_its_number(
        rows in proptest::collection::vec((text(), "1[3-9][0-9]{9}|[0-9]{0,14}|", prop_oneof![Just(""), Just("是"), Just("否"), Just("maybe")]), 1..30),
    ) {
        let mut csv = String::from("姓名,手机,外出\n");
        for (name, phone, mobile) in &rows {
            let name = name.replace(['"', '\n', '\r', ','], " ");
            csv.push_str(&format!("\"{name}\",{phone},{mobile}\n"));
        }
        let read = roster::read("名册.csv", csv.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(read.total(), rows.iter().filter(|(n, p, m)| !(n.replace(['"', '\n', '\r', ','], " ").trim().is_empty() && p.is_empty() && m.is_empty())).count());
        for e in &read.errors {
            prop_assert!(e.row >= 2 && e.row <= rows.len() + 1, "row {} of {}", e.row, rows.len());
        }
    }

    #[test]
    fn callback_data_never_issued_finds_nothing(data in text()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let store = store().await;
            let issued = store.put_button("{\"Cancel\":null}", 0).await.unwrap();
            let found = store.button(&data).await.unwrap();
            if data == issued {
                assert!(found.is_some());
            } else {
                assert_eq!(found, None, "{data:?}");
            }
        });
    }
}

/// A migrated store in memory, made once per test thread.
async fn store() -> lianxin::store::Store {
    lianxin::store::Store::open("sqlite::memory:", 1)
        .await
        .unwrap()
}
