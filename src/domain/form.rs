//! Form descriptions and their values: what a record's edit form shows (field specs) and
//! how its typed record is read from and written to plain strings, with per-field errors.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::parse;
use crate::i18n::Msg;

/// Field values as typed into a form, keyed by field key.
pub type FormValues = BTreeMap<&'static str, String>;

/// One option of a choice field: the stored code and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub label: Msg,
}

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    LongText,
    /// A secret such as an API key: masked, never autocompleted.
    Secret,
    Email,
    Money,
    Count,
    Date,
    /// An instant: the form value is RFC 3339 in UTC; the input shows local time.
    DateTime,
    Choice(&'static [Choice]),
    /// Any number of choices; the form value is the codes joined by commas.
    MultiChoice(&'static [Choice]),
    /// A link to a record of the accounts store; the form value is the account id.
    Account,
}

/// One field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: Msg,
    pub kind: FieldKind,
    pub required: bool,
    pub help: Option<Msg>,
}

impl FieldSpec {
    pub const fn new(key: &'static str, label: Msg, kind: FieldKind) -> Self {
        Self {
            key,
            label,
            kind,
            required: false,
            help: None,
        }
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }
}

/// A validation failure on one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: Msg,
}

/// A record that can be edited through a generic form.
pub trait FormRecord: Sized {
    /// The fields, in display order.
    const FIELDS: &'static [FieldSpec];
    /// The record's current values as form strings.
    fn to_form(&self) -> FormValues;
    /// Reads every field; on any error returns all of them and the caller keeps the old record.
    fn apply_form(&mut self, form: &FormValues, now: DateTime<Utc>) -> Result<(), Vec<FieldError>>;
}

/// Collects typed field values and their errors while a form is read.
pub struct FormReader<'a> {
    form: &'a FormValues,
    errors: Vec<FieldError>,
}

impl<'a> FormReader<'a> {
    pub fn new(form: &'a FormValues) -> Self {
        Self {
            form,
            errors: Vec::new(),
        }
    }

    fn raw(&self, key: &'static str) -> &str {
        self.form.get(key).map(|v| v.trim()).unwrap_or("")
    }

    fn fail(&mut self, field: &'static str, message: Msg) {
        self.errors.push(FieldError { field, message });
    }

    /// Free text, trimmed; required fields must not be empty.
    pub fn text(&mut self, key: &'static str, required: bool) -> String {
        let value = self.raw(key).to_string();
        if required && value.is_empty() {
            self.fail(key, Msg::ErrRequired);
        }
        value
    }

    pub fn email(&mut self, key: &'static str, required: bool) -> String {
        let value = self.text(key, required);
        if !value.is_empty() && !parse::is_email(&value) {
            self.fail(key, Msg::ErrNotAnEmail);
        }
        value
    }

    pub fn money(&mut self, key: &'static str) -> u64 {
        let raw = self.raw(key).to_string();
        if raw.is_empty() {
            return 0;
        }
        parse::parse_money(&raw).unwrap_or_else(|e| {
            self.fail(key, e);
            0
        })
    }

    pub fn count(&mut self, key: &'static str) -> Option<u32> {
        let raw = self.raw(key).to_string();
        if raw.is_empty() {
            return None;
        }
        match parse::parse_count(&raw) {
            Ok(n) => Some(n),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str, required: bool) -> Option<NaiveDate> {
        let raw = self.raw(key).to_string();
        if raw.is_empty() {
            if required {
                self.fail(key, Msg::ErrRequired);
            }
            return None;
        }
        match parse::parse_date(&raw) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    pub fn instant(&mut self, key: &'static str, required: bool) -> Option<DateTime<Utc>> {
        let raw = self.raw(key).to_string();
        if raw.is_empty() {
            if required {
                self.fail(key, Msg::ErrRequired);
            }
            return None;
        }
        match parse::parse_instant(&raw) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    /// A value of a `Choice` field, parsed by the enum's `from_code`.
    pub fn choice<T>(&mut self, key: &'static str, from_code: fn(&str) -> Option<T>) -> Option<T> {
        let raw = self.raw(key).to_string();
        match from_code(&raw) {
            Some(v) => Some(v),
            None => {
                self.fail(
                    key,
                    if raw.is_empty() {
                        Msg::ErrRequired
                    } else {
                        Msg::ErrUnknownChoice
                    },
                );
                None
            }
        }
    }

    /// The values of a `MultiChoice` field; unknown codes are an error.
    pub fn choices<T>(&mut self, key: &'static str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
        let raw = self.raw(key).to_string();
        let mut out = Vec::new();
        for code in raw.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            match from_code(code) {
                Some(v) => out.push(v),
                None => self.fail(key, Msg::ErrUnknownChoice),
            }
        }
        out
    }

    /// Adds an error found by a cross-field rule.
    pub fn reject(&mut self, field: &'static str, message: Msg) {
        self.fail(field, message);
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Builds form values from `(key, value)` pairs.
pub fn values<const N: usize>(pairs: [(&'static str, String); N]) -> FormValues {
    map_from(pairs)
}

/// A map built by inserting pairs one by one. `collect()` into a `BTreeMap` sorts with a
/// stable sort, whose code would be compiled into the wasm once per key/value type.
pub fn map_from<K: Ord, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> std::collections::BTreeMap<K, V> {
    let mut map = std::collections::BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// Formats an optional date for a date input.
pub fn date_value(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Formats an instant for the form (RFC 3339, UTC, seconds).
pub fn instant_value(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Enums stored as short codes and shown through translation keys.
pub trait Coded: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> Msg;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Reads a `Coded` enum from its code; shared by every such enum so each costs little code.
pub fn deserialize_code<'de, D: serde::Deserializer<'de>, T: Coded>(
    deserializer: D,
) -> Result<T, D::Error> {
    let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    T::from_code(&code).ok_or_else(|| serde::de::Error::custom("unknown code"))
}

/// Declares a `Coded` enum with its codes, labels and the `Choice` list for its field.
#[macro_export]
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $choices:ident { $($variant:ident => $code:literal, $label:ident;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant,)+ }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::domain::form::Coded::code(*self))
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::domain::form::deserialize_code(deserializer)
            }
        }
        impl $crate::domain::form::Coded for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn code(self) -> &'static str { match self { $($name::$variant => $code,)+ } }
            fn label(self) -> $crate::i18n::Msg { match self { $($name::$variant => $crate::i18n::Msg::$label,)+ } }
        }
        pub const $choices: &[$crate::domain::form::Choice] = &[
            $($crate::domain::form::Choice { value: $code, label: $crate::i18n::Msg::$label },)+
        ];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_collects_every_error_at_once() {
        let form = values([
            ("name", " ".into()),
            ("email", "nope".into()),
            ("arr", "lots".into()),
            ("date", "2026-02-31".into()),
        ]);
        let mut r = FormReader::new(&form);
        r.text("name", true);
        r.email("email", false);
        r.money("arr");
        r.date("date", false);
        let errors = r.finish().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.message)).collect();
        assert_eq!(
            fields,
            vec![
                ("name", Msg::ErrRequired),
                ("email", Msg::ErrNotAnEmail),
                ("arr", Msg::ErrNotAnAmount),
                ("date", Msg::ErrNotADate),
            ]
        );
    }

    #[test]
    fn empty_optional_fields_are_fine() {
        let form = FormValues::new();
        let mut r = FormReader::new(&form);
        assert_eq!(r.text("a", false), "");
        assert_eq!(r.money("b"), 0);
        assert_eq!(r.count("c"), None);
        assert_eq!(r.date("d", false), None);
        assert_eq!(r.instant("e", false), None);
        assert!(r.finish().is_ok());
    }

    #[test]
    fn coded_enums_are_stored_as_their_codes() {
        use crate::domain::escalation::Channel;
        assert_eq!(
            serde_json::to_string(&Channel::Phone).unwrap(),
            r#""phone""#
        );
        assert_eq!(
            serde_json::from_str::<Channel>(r#""meeting""#).unwrap(),
            Channel::Meeting
        );
        assert!(serde_json::from_str::<Channel>(r#""Meeting""#).is_err());
        assert!(serde_json::from_str::<Channel>("3").is_err());
    }

    #[test]
    fn required_date_and_instant() {
        let form = FormValues::new();
        let mut r = FormReader::new(&form);
        r.date("d", true);
        r.instant("e", true);
        assert_eq!(r.finish().unwrap_err().len(), 2);
    }
}
