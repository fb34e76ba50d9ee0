//! Message lookup: every user-facing string lives in `messages/<locale>/*.ftl` (Project Fluent).
//!
//! The wording is read from `general.messages_dir` at start, so it can be changed without
//! recompiling; the copies built into the binary are used when that folder does not exist.

mod catalog;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use catalog::{Arg, Text};

use crate::domain::Locale;

/// The message files of each locale, built into the binary.
const EMBEDDED: &[(Locale, &str, &str)] = &[
    (
        Locale::ZhCn,
        "common.ftl",
        include_str!("../../messages/zh-CN/common.ftl"),
    ),
    (
        Locale::ZhCn,
        "onboarding.ftl",
        include_str!("../../messages/zh-CN/onboarding.ftl"),
    ),
    (
        Locale::ZhCn,
        "notices.ftl",
        include_str!("../../messages/zh-CN/notices.ftl"),
    ),
    (
        Locale::ZhCn,
        "points.ftl",
        include_str!("../../messages/zh-CN/points.ftl"),
    ),
    (
        Locale::ZhCn,
        "study.ftl",
        include_str!("../../messages/zh-CN/study.ftl"),
    ),
    (
        Locale::ZhCn,
        "reach.ftl",
        include_str!("../../messages/zh-CN/reach.ftl"),
    ),
    (
        Locale::ZhCn,
        "data.ftl",
        include_str!("../../messages/zh-CN/data.ftl"),
    ),
    (
        Locale::En,
        "common.ftl",
        include_str!("../../messages/en/common.ftl"),
    ),
    (
        Locale::En,
        "onboarding.ftl",
        include_str!("../../messages/en/onboarding.ftl"),
    ),
    (
        Locale::En,
        "notices.ftl",
        include_str!("../../messages/en/notices.ftl"),
    ),
    (
        Locale::En,
        "points.ftl",
        include_str!("../../messages/en/points.ftl"),
    ),
    (
        Locale::En,
        "study.ftl",
        include_str!("../../messages/en/study.ftl"),
    ),
    (
        Locale::En,
        "reach.ftl",
        include_str!("../../messages/en/reach.ftl"),
    ),
    (
        Locale::En,
        "data.ftl",
        include_str!("../../messages/en/data.ftl"),
    ),
];

/// All wording in all locales.
pub struct I18n {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("locales", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl I18n {
    /// Loads `dir/<locale>/*.ftl`, or the built-in wording when `dir` does not exist.
    pub fn load(dir: &Path) -> anyhow::Result<I18n> {
        if !dir.is_dir() {
            return Ok(I18n::embedded());
        }
        let mut files = Vec::new();
        for locale in Locale::ALL {
            let folder = dir.join(locale.tag());
            let mut names: Vec<_> = std::fs::read_dir(&folder)
                .with_context(|| format!("reading {}", folder.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect();
            names.sort();
            for path in names {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                files.push((locale, path.display().to_string(), text));
            }
        }
        I18n::from_sources(files)
    }

    /// The wording built into the binary.
    pub fn embedded() -> I18n {
        I18n::from_sources(
            EMBEDDED
                .iter()
                .map(|(l, n, t)| (*l, n.to_string(), t.to_string())),
        )
        .expect("built-in messages parse")
    }

    fn from_sources(
        files: impl IntoIterator<Item = (Locale, String, String)>,
    ) -> anyhow::Result<I18n> {
        let mut bundles: HashMap<Locale, FluentBundle<FluentResource>> = HashMap::new();
        for (locale, name, text) in files {
            let resource = FluentResource::try_new(text)
                .map_err(|(_, errors)| anyhow::anyhow!("{name}: syntax errors: {errors:?}"))?;
            let bundle = bundles.entry(locale).or_insert_with(|| {
                let mut b =
                    FluentBundle::new_concurrent(vec![locale.tag().parse().expect("valid tag")]);
                // Telegram shows the isolation marks as stray characters.
                b.set_use_isolating(false);
                b
            });
            if let Err(errors) = bundle.add_resource(resource) {
                bail!("{name}: {errors:?}");
            }
        }
        for locale in Locale::ALL {
            if !bundles.contains_key(&locale) {
                bail!("no messages for {locale}");
            }
        }
        Ok(I18n { bundles })
    }

    /// Renders a text in a locale, falling back to Chinese and then to the message id.
    pub fn render(&self, locale: Locale, text: &Text) -> String {
        match self.try_render(locale, text.id(), &text.args()) {
            Ok(s) => s,
            Err(problem) => {
                tracing::warn!(%locale, id = text.id(), %problem, "message rendering problem");
                self.try_render(Locale::ZhCn, text.id(), &text.args())
                    .unwrap_or_else(|_| text.id().to_string())
            }
        }
    }

    /// Renders `id` with `args`, failing on a missing message or a missing argument.
    pub fn try_render(
        &self,
        locale: Locale,
        id: &str,
        args: &[(&'static str, FluentValue<'static>)],
    ) -> Result<String, String> {
        let bundle = self
            .bundles
            .get(&locale)
            .ok_or_else(|| format!("no bundle for {locale}"))?;
        let message = bundle
            .get_message(id)
            .ok_or_else(|| format!("missing message {id}"))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("message {id} has no value"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            Ok(out.into_owned())
        } else {
            Err(format!("{id}: {errors:?}"))
        }
    }

    /// Every message id defined for a locale.
    pub fn ids(&self, locale: Locale) -> Vec<String> {
        let mut ids: Vec<String> = EMBEDDED
            .iter()
            .filter(|(l, _, _)| *l == locale)
            .flat_map(|(_, _, text)| {
                text.lines()
                    .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
                    .filter(|id| {
                        !id.is_empty()
                            && !id.starts_with('#')
                            && !id.starts_with(' ')
                            && !id.contains(' ')
                    })
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        ids.retain(|id| self.bundles.get(&locale).is_some_and(|b| b.has_message(id)));
        ids.sort();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders every catalogue entry in every locale with all its arguments; a missing
    /// message, a missing argument or a message nobody uses fails.
    #[test]
    fn every_text_renders_in_every_locale() {
        for i18n in [
            I18n::embedded(),
            I18n::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/messages"))).unwrap(),
        ] {
            let mut problems = Vec::new();
            for locale in Locale::ALL {
                for (id, names) in Text::ALL {
                    let args: Vec<_> = names
                        .iter()
                        .map(|n| (*n, FluentValue::from(format!("<{n}>"))))
                        .collect();
                    match i18n.try_render(locale, id, &args) {
                        Ok(text) => {
                            for n in *names {
                                if !text.contains(&format!("<{n}>"))
                                    && !matches!(*n, "kind" | "role" | "count" | "status")
                                {
                                    problems
                                        .push(format!("{locale} {id}: argument ${n} is not used"));
                                }
                            }
                        }
                        Err(e) => problems.push(format!("{locale}: {e}")),
                    }
                }
                for id in i18n.ids(locale) {
                    if !Text::ALL.iter().any(|(known, _)| *known == id) {
                        problems.push(format!("{locale} {id}: defined but not in the catalogue"));
                    }
                }
            }
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    }

    #[test]
    fn selectors_pick_the_right_variant() {
        let i18n = I18n::embedded();
        let label =
            |locale, kind: &str| i18n.render(locale, &Text::MobilityLabel { kind: kind.into() });
        assert_eq!(label(Locale::ZhCn, "mobile"), "外出");
        assert_eq!(label(Locale::En, "resident"), "at home");
        assert_eq!(
            i18n.render(
                Locale::En,
                &Text::PendingHeader {
                    count: 1usize.into()
                }
            ),
            "One join request is waiting:"
        );
    }
}
