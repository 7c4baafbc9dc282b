//! Every message a person reads: Fluent templates from `message-templates/<lang>/`, rendered by key and language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

use crate::domain::people::Language;

/// The template files, built into the binary so a deployment is one file.
pub const SOURCES: [(Language, &str); 2] = [
    (Language::English, include_str!("../message-templates/en/touchbase.ftl")),
    (Language::Welsh, include_str!("../message-templates/cy/touchbase.ftl")),
];

/// One argument for a template. Text is escaped for Telegram's HTML when rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Other messages, rendered in the same language and put one per line.
    Lines(Vec<Text>),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Lines(vec![value])
    }
}

impl From<Vec<Text>> for Arg {
    fn from(value: Vec<Text>) -> Self {
        Arg::Lines(value)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Number(value)
    }
}

/// A message to render later in its reader's language: a key and its arguments. It is kept in the
/// outbox as it is, and rendered for its channel when it goes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Text {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Text {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Self {
        Self { key: key.into(), args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }
}

pub struct Templates {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

#[derive(Debug, thiserror::Error)]
#[error("message templates for {language} do not parse: {detail}")]
pub struct TemplateLoadError {
    language: &'static str,
    detail: String,
}

impl Templates {
    pub fn load() -> Result<Self, TemplateLoadError> {
        let mut bundles = HashMap::new();
        for (language, source) in SOURCES {
            let fail = |detail: String| TemplateLoadError { language: language.code(), detail };
            let resource =
                FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| fail(format!("{errors:?}")))?;
            let locale = language.code().parse().map_err(|e| fail(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![locale]);
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| fail(format!("{errors:?}")))?;
            bundles.insert(language, bundle);
        }
        Ok(Self { bundles })
    }

    /// Renders `text` in `language` for Telegram's HTML parse mode: every text argument is escaped.
    /// A missing message falls back to English and is logged; the test suite keeps that from happening.
    pub fn render(&self, language: Language, text: &Text) -> String {
        self.render_with(language, text, escape_html)
    }

    /// Renders for places that show text as it is (button labels, command menus).
    pub fn render_plain(&self, language: Language, text: &Text) -> String {
        self.render_with(language, text, str::to_owned)
    }

    /// Renders for a text message: the message's text form (`KEY-sms`: how to answer by text, no
    /// buttons to tap) where it has one, else the message itself, as plain words.
    pub fn render_text_message(&self, language: Language, text: &Text) -> String {
        let text_form = format!("{}-sms", text.key);
        if self.has(language, &text_form) {
            let text = Text { key: Cow::Owned(text_form), args: text.args.clone() };
            return self.render_plain(language, &text);
        }
        self.render_plain(language, text)
    }

    fn render_with(&self, language: Language, text: &Text, escape: fn(&str) -> String) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &text.args {
            match value {
                Arg::Text(s) => args.set(name.clone(), FluentValue::String(Cow::Owned(escape(s)))),
                Arg::Number(n) => args.set(name.clone(), FluentValue::from(*n)),
                Arg::Lines(texts) => {
                    let lines: Vec<String> = texts.iter().map(|t| self.render_with(language, t, escape)).collect();
                    args.set(name.clone(), FluentValue::String(Cow::Owned(lines.join("\n"))));
                }
            }
        }
        for candidate in [language, Language::English] {
            let bundle = &self.bundles[&candidate];
            let Some(pattern) = bundle.get_message(&text.key).and_then(|m| m.value()) else {
                tracing::error!(key = %text.key, language = candidate.code(), "message template missing");
                continue;
            };
            let mut errors = Vec::new();
            let rendered = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                tracing::error!(key = %text.key, language = candidate.code(), ?errors, "message template error");
            }
            return rendered.into_owned();
        }
        text.key.clone().into_owned()
    }

    pub fn has(&self, language: Language, key: &str) -> bool {
        self.bundles[&language].has_message(key)
    }
}

/// Escapes text for Telegram's HTML parse mode (quotes too, so it is safe inside attributes).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_html_special() {
        assert_eq!(escape_html("Sam <3 & \"Jo\""), "Sam &lt;3 &amp; &quot;Jo&quot;");
    }

    #[test]
    fn renders_with_escaped_arguments_and_no_isolation_marks() {
        let templates = Templates::load().unwrap();
        let text = Text::new("child-welcome").arg("name", "Sam <3");
        let rendered = templates.render(Language::English, &text);
        assert!(rendered.contains("Sam &lt;3"), "{rendered}");
        assert!(!rendered.contains('\u{2068}'));
    }
}
