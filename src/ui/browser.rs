//! Thin wrappers over browser APIs the interface needs: clock, ids, location hash, the
//! remembered language, clipboard (plain and rich), printing, file download and upload,
//! storage estimate and persistence, the time zone (local/UTC conversion with the offset of
//! each date), and the hand-over to assets/boot.js for app updates. No rendering and no
//! business rules here.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, Timelike, Utc};
use js_sys::{Array, Date, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, ClipboardItem, HtmlAnchorElement, HtmlInputElement, Url};

use crate::domain::text::{ranks_by, Collator, LatinFirst, UnicodeEngine};
use crate::domain::time::zone::LocalZone;
use crate::i18n::Lang;

const LANG_KEY: &str = "casebook.lang";

/// The order lists and pickers sort text in for `lang`: the browser's collation, with
/// Chinese names after the others in the English interface.
pub fn list_collator(lang: Lang) -> Box<dyn Collator> {
    match lang {
        Lang::En => Box::new(LatinFirst(BrowserCollator::new())),
        Lang::Zh => Box::new(BrowserCollator::new()),
    }
}

/// The browser's own ICU doing `domain::text`'s Unicode work: `normalize("NFD")`, full case
/// folding as lowercase of uppercase ("Straße" and "STRASSE" fold alike), and non-spacing marks
/// dropped. ASCII text takes a fast path with the same result.
pub struct BrowserUnicode;

thread_local! {
    static MARKS: js_sys::RegExp = js_sys::RegExp::new("\\p{Mn}", "gu");
}

impl UnicodeEngine for BrowserUnicode {
    fn folded(&self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        let nfd = js_sys::JsString::from(text).normalize("NFD");
        String::from(nfd.to_upper_case().to_lower_case().normalize("NFD"))
    }

    fn without_marks(&self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_string();
        }
        MARKS.with(|marks| String::from(js_sys::JsString::from(text).replace_by_pattern(marks, "")))
    }
}

/// The browser's own ICU collation in CLDR's Chinese order: Chinese names in pinyin order
/// ("阿里巴巴" before "百度" before "腾讯"), then Latin letters as in English (case and
/// accents beside their letter); numbers by value.
pub struct BrowserCollator {
    compare: js_sys::Function,
}

impl BrowserCollator {
    pub fn new() -> Self {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"numeric".into(), &JsValue::TRUE);
        let collator = js_sys::Intl::Collator::new(&Array::of1(&"zh".into()), &options);
        Self {
            compare: collator.compare(),
        }
    }
}

impl Default for BrowserCollator {
    fn default() -> Self {
        Self::new()
    }
}

impl BrowserCollator {
    /// How two JavaScript strings compare.
    fn compare_values(&self, a: &JsValue, b: &JsValue) -> std::cmp::Ordering {
        self.compare
            .call2(&JsValue::NULL, a, b)
            .ok()
            .and_then(|n| n.as_f64())
            .map_or(std::cmp::Ordering::Equal, |n| {
                n.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
            })
    }
}

impl Collator for BrowserCollator {
    fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
        self.compare_values(&a.into(), &b.into())
    }

    /// Each text crosses to JavaScript once, not once per comparison.
    fn ranks(&self, texts: &[&str]) -> Vec<usize> {
        let strings: Vec<JsValue> = texts.iter().map(|t| JsValue::from_str(t)).collect();
        ranks_by(texts.len(), &|a, b| {
            self.compare_values(&strings[a], &strings[b])
        })
    }
}

/// The current time.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
}

/// The browser's time zone, daylight saving included: the offset at each instant is the one
/// JavaScript's `Date` gives for that instant, and wall-clock times are read by `Date` too.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserZone;

/// The offset east of UTC for `getTimezoneOffset()` minutes (which count west).
fn offset_east(minutes_west: f64) -> FixedOffset {
    FixedOffset::east_opt(-(minutes_west * 60.0).round() as i32).unwrap_or_else(|| Utc.fix())
}

impl LocalZone for BrowserZone {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        let date = Date::new(&JsValue::from_f64(t.timestamp_millis() as f64));
        offset_east(date.get_timezone_offset())
    }

    fn instant_of(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let date = Date::new_with_year_month_day_hr_min_sec_milli(
            local.year() as u32,
            local.month0() as i32,
            local.day() as i32,
            local.hour() as i32,
            local.minute() as i32,
            local.second() as i32,
            0,
        );
        let millis = date.get_time();
        match DateTime::from_timestamp_millis(millis as i64) {
            Some(t) if millis.is_finite() => {
                t + chrono::Duration::nanoseconds(local.nanosecond().into())
            }
            _ => local.and_utc(),
        }
    }
}

/// The name of the browser's time zone, such as "Europe/Berlin" (empty when unknown).
pub fn zone_name() -> String {
    let options =
        js_sys::Intl::DateTimeFormat::new(&Array::new(), &js_sys::Object::new()).resolved_options();
    Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Today's date where the user is.
pub fn local_today() -> NaiveDate {
    BrowserZone.local_date(now())
}

/// A new random record id.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "{:x}-{:x}",
                Date::now() as u64,
                (js_sys::Math::random() * 1e12) as u64
            )
        })
}

/// `location.hash`, or empty when unavailable.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Navigates to a hash route (`#/…`).
pub fn go_to(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The remembered interface language, else the browser's.
pub fn initial_lang() -> Lang {
    let saved = local_storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    Lang::from_tag(&saved.or(browser).unwrap_or_default())
}

/// Remembers the interface language and sets `<html lang>`.
pub fn apply_lang(lang: Lang) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Whether a new version of the app is installed and waiting: assets/boot.js marks
/// `<html data-update="ready">` (and fires `casebook-update`) when its service worker finds one.
pub fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-update"))
        .is_some_and(|value| value == "ready")
}

/// Asks assets/boot.js to switch to the waiting version; it reloads the page once the new
/// version controls it.
pub fn apply_update() {
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        web_sys::Event::new("casebook-apply-update"),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn session_key_name(connection_id: &str) -> String {
    format!("casebook.key.{connection_id}")
}

/// The API key kept for this browser session only (never in IndexedDB or backups).
pub fn session_key(connection_id: &str) -> Option<String> {
    session_storage()?
        .get_item(&session_key_name(connection_id))
        .ok()
        .flatten()
}

/// Keeps (or with an empty key, forgets) a session-only API key.
pub fn set_session_key(connection_id: &str, key: &str) {
    if let Some(storage) = session_storage() {
        let name = session_key_name(connection_id);
        let _ = if key.is_empty() {
            storage.remove_item(&name)
        } else {
            storage.set_item(&name, key)
        };
    }
}

/// The async clipboard, when the page may use it (secure contexts only).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
    (!clipboard.is_undefined()).then(|| clipboard.unchecked_into())
}

/// Copies text to the clipboard; false when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    match clipboard() {
        Some(clipboard) => JsFuture::from(clipboard.write_text(text)).await.is_ok(),
        None => false,
    }
}

/// Copies `html` as `text/html` and `plain` as `text/plain` in one clipboard item, so a paste
/// into a mail client or a document keeps the formatting; false when the browser refuses.
pub async fn copy_rich(html: &str, plain: &str) -> bool {
    let Some(clipboard) = clipboard() else {
        return false;
    };
    let blob = |text: &str, mime: &str| {
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
    };
    let (Ok(html), Ok(plain)) = (blob(html, "text/html"), blob(plain, "text/plain")) else {
        return false;
    };
    let record = js_sys::Object::new();
    if Reflect::set(&record, &"text/html".into(), &html).is_err()
        || Reflect::set(&record, &"text/plain".into(), &plain).is_err()
    {
        return false;
    }
    let Ok(item) = ClipboardItem::new_with_record_from_str_to_blob_promise(&record) else {
        return false;
    };
    JsFuture::from(clipboard.write(&Array::of1(&item)))
        .await
        .is_ok()
}

/// Opens the browser's print dialog (the print style sheet decides what each page prints).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Url::revoke_object_url(&url)
}

/// Reads the first file chosen in a file input as text.
pub async fn read_chosen_file(input: &HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

/// Bytes used and available to this site, as estimated by the browser.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let estimate = JsFuture::from(storage_manager()?.estimate().ok()?)
        .await
        .ok()?;
    let usage = Reflect::get(&estimate, &"usage".into()).ok()?.as_f64()?;
    let quota = Reflect::get(&estimate, &"quota".into()).ok()?.as_f64()?;
    Some((usage, quota))
}

/// Whether the browser keeps this site's data even under storage pressure.
pub async fn is_persisted() -> Option<bool> {
    JsFuture::from(storage_manager()?.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
}

/// Asks the browser to keep this site's data; returns whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    JsFuture::from(storage_manager()?.persist().ok()?)
        .await
        .ok()?
        .as_bool()
}

/// A UTC instant (RFC 3339) as the value of a `datetime-local` input, in local time.
pub fn local_input_value(utc: &str) -> String {
    let date = Date::new(&JsValue::from_str(utc));
    if utc.is_empty() || date.get_time().is_nan() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// A `datetime-local` value (local time) as a UTC instant; unparseable text is returned
/// unchanged so validation reports it.
pub fn utc_from_local_input(local: &str) -> String {
    let date = Date::new(&JsValue::from_str(local));
    if local.is_empty() || date.get_time().is_nan() {
        local.to_string()
    } else {
        String::from(date.to_iso_string())
    }
}

/// Moves keyboard focus to the element with this id, if present.
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
