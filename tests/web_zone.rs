//! Browser tests of `BrowserZone`: in whatever zone the browser runs, its offsets, wall-clock
//! times and their instants agree with JavaScript's `Date` on every day of a year (so across
//! any daylight-saving change). Run with `TZ=America/New_York` to check that zone's changes too.
#![cfg(target_arch = "wasm32")]

use casebook::domain::time::zone::LocalZone;
use casebook::ui::browser::{zone_name, BrowserZone};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use js_sys::Date;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js_date(t: DateTime<Utc>) -> Date {
    Date::new(&JsValue::from_f64(t.timestamp_millis() as f64))
}

#[wasm_bindgen_test]
fn offsets_and_wall_clock_times_agree_with_date_all_year() {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 12, 7, 0).unwrap();
    for day in 0..366 {
        let t = start + Duration::days(day) + Duration::minutes(day % 50);
        let js = js_date(t);
        assert_eq!(
            BrowserZone.offset_at(t).local_minus_utc(),
            -(js.get_timezone_offset() * 60.0) as i32,
            "{t}"
        );
        let local = BrowserZone.local(t);
        assert_eq!(
            (local.year(), local.month0(), local.day()),
            (js.get_full_year() as i32, js.get_month(), js.get_date()),
            "{t}"
        );
        assert_eq!(
            (local.hour(), local.minute()),
            (js.get_hours(), js.get_minutes())
        );
        assert_eq!(BrowserZone.instant_of(local), t, "{t} back from {local}");
    }
}

#[wasm_bindgen_test]
fn new_york_changes_when_the_browser_is_there() {
    if zone_name() != "America/New_York" {
        return;
    }
    let wall = |m, d, h, min| {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    };
    let utc = |m, d, h, min| Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap();
    assert_eq!(BrowserZone.instant_of(wall(3, 7, 9, 0)), utc(3, 7, 14, 0));
    assert_eq!(BrowserZone.instant_of(wall(3, 9, 9, 0)), utc(3, 9, 13, 0));
    // Skipped: 02:30 on 8 March is read as EST, 03:30 EDT. Repeated: the earlier 01:30.
    assert_eq!(BrowserZone.instant_of(wall(3, 8, 2, 30)), utc(3, 8, 7, 30));
    assert_eq!(
        BrowserZone.instant_of(wall(11, 1, 1, 30)),
        utc(11, 1, 5, 30)
    );
    assert_eq!(BrowserZone.instant_of(wall(11, 2, 9, 0)), utc(11, 2, 14, 0));
}
