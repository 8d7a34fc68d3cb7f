use super::data::{parse_shipped, parse_year, CalendarError, DifferenceKind, SHIPPED};
use super::*;
use crate::region::builtin_packs;
use time::macros::date;

fn pack(slug: &str) -> crate::region::RegionPack {
    builtin_packs()
        .unwrap()
        .into_iter()
        .find(|p| p.region.slug.as_str() == slug)
        .unwrap()
}

#[test]
fn every_shipped_year_parses() {
    let years = parse_shipped().unwrap();
    let got: Vec<i32> = years.iter().map(|y| y.year).collect();
    assert_eq!(got, [2025, 2026, 2027]);
    let c = WorkingCalendar::try_national().unwrap();
    assert!(c.covers(2025) && c.covers(2026) && c.covers(2027));
    assert!(!c.covers(2024) && !c.covers(2028));
    assert!(!c.is_provisional(2026));
    assert!(c.is_provisional(2027));
}

#[test]
fn the_shipped_years_count_the_days_the_decrees_announce() {
    // SKB 2025: 17 libur nasional and 10 cuti bersama, plus 18 August by the 2025 amendment;
    // SKB 2026: 17 and 8.
    let years = parse_shipped().unwrap();
    let count = |y: usize, k: HolidayKind| years[y].holidays.iter().filter(|h| h.kind == k).count();
    assert_eq!(count(0, HolidayKind::LiburNasional), 17);
    assert_eq!(count(0, HolidayKind::CutiBersama), 11);
    assert_eq!(count(1, HolidayKind::LiburNasional), 17);
    assert_eq!(count(1, HolidayKind::CutiBersama), 8);
    assert_eq!(years[0].amendments.len(), 1);
}

#[test]
fn five_working_days_from_a_friday_end_on_the_next_friday_without_holidays() {
    let c = WorkingCalendar::national();
    assert_eq!(
        c.add_working_days(date!(2026 - 02 - 20), 5),
        date!(2026 - 02 - 27)
    );
    // Isra Mikraj falls on Fri 16 Jan 2026: the same count from 9 Jan ends on Mon 19 Jan.
    assert_eq!(
        c.add_working_days(date!(2026 - 01 - 09), 5),
        date!(2026 - 01 - 19)
    );
}

#[test]
fn five_working_days_from_before_idul_fitri_2026_skip_the_holidays_and_the_weekend() {
    // Thu 19 Mar Nyepi, Fri 20 cuti bersama, Sat-Sun 21-22 Idulfitri, Mon-Tue 23-24 cuti
    // bersama: counting from Tue 17 Mar, day 1 is Wed 25 Mar (18 Mar is cuti bersama Nyepi).
    let c = WorkingCalendar::national();
    assert!(!c.is_working_day(date!(2026 - 03 - 18)));
    assert_eq!(
        c.add_working_days(date!(2026 - 03 - 17), 5),
        date!(2026 - 03 - 31)
    );
    let weekends_only = WorkingCalendar::default();
    assert_eq!(
        weekends_only.add_working_days(date!(2026 - 03 - 17), 5),
        date!(2026 - 03 - 24)
    );
}

#[test]
fn a_deadline_across_the_independence_day_cuti_bersama_of_2025_moves_by_one_day() {
    let c = WorkingCalendar::national();
    assert_eq!(
        c.day_off(date!(2025 - 08 - 18)).map(|d| d.kind),
        Some(DayOffKind::CutiBersama)
    );
    // Fri 15 Aug + 1 working day: Mon 18 is cuti bersama, so Tue 19.
    assert_eq!(
        c.add_working_days(date!(2025 - 08 - 15), 1),
        date!(2025 - 08 - 19)
    );
}

#[test]
fn a_year_without_data_counts_weekends_only() {
    let c = WorkingCalendar::national();
    assert!(!c.covers(2030));
    // 1 Jan 2030 is a Tuesday: without data it is a working day.
    assert!(c.is_working_day(date!(2030 - 01 - 01)));
    assert!(!c.is_working_day(date!(2026 - 01 - 01)));
}

#[test]
fn a_local_holiday_pushes_the_deadline_by_one_day() {
    let c = WorkingCalendar::national().with_local([date!(2026 - 01 - 13)]);
    assert_eq!(
        c.add_working_days(date!(2026 - 01 - 09), 5),
        date!(2026 - 01 - 20)
    );
}

#[test]
fn galungan_shifts_a_jembrana_deadline_but_not_a_metro_one() {
    let jembrana = pack("jembrana").working_calendar();
    let metro = pack("metro").working_calendar();
    let galungan = date!(2026 - 06 - 17);
    assert_eq!(
        jembrana.day_off(galungan).map(|d| d.name.as_str()),
        Some("Hari Raya Galungan")
    );
    assert!(metro.is_working_day(galungan));
    // Mon 15 Jun 2026 + 3 working days: Tue 16 is 1 Muharam for both; Metro counts 17, 18,
    // 19; Jembrana skips Galungan on the 17th and ends on Mon 22.
    assert_eq!(
        metro.add_working_days(date!(2026 - 06 - 15), 3),
        date!(2026 - 06 - 19)
    );
    assert_eq!(
        jembrana.add_working_days(date!(2026 - 06 - 15), 3),
        date!(2026 - 06 - 22)
    );
}

const GOOD: &str = r#"
year = 2026
[source]
status = "decree"
instrument = "SKB uji"
signed_on = "2025-09-19"

[[holidays]]
date = "2026-01-01"
name = "Tahun Baru 2026 Masehi"
kind = "libur_nasional"

[[holidays]]
date = "2026-03-20"
name = "Cuti bersama Idulfitri"
kind = "cuti_bersama"

[[differences]]
date = "2026-03-20"
differs = "only_here"
justification = "uji"
"#;

fn entry_error(text: &str) -> (String, String) {
    match parse_year("frameworks/calendar/2026.toml", text).unwrap_err() {
        CalendarError::Entry { entry, message, .. } => (entry, message),
        e => panic!("expected an entry error, got {e}"),
    }
}

#[test]
fn a_valid_file_parses_with_its_differences() {
    let y = parse_year("x.toml", GOOD).unwrap();
    assert_eq!(y.holidays.len(), 2);
    assert_eq!(y.differences[0].differs, DifferenceKind::OnlyHere);
}

#[test]
fn a_calendar_file_with_an_unknown_kind_is_refused_naming_file_and_entry() {
    let text = GOOD.replace("kind = \"cuti_bersama\"", "kind = \"cuti\"");
    let err = parse_year("frameworks/calendar/2026.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "frameworks/calendar/2026.toml: holidays[1] (2026-03-20): unknown kind `cuti`"
        ),
        "{err}"
    );
}

#[test]
fn a_calendar_file_with_a_date_of_another_year_is_refused() {
    let (entry, message) = entry_error(&GOOD.replace("2026-01-01", "2025-12-31"));
    assert_eq!(entry, "holidays[0] (2025-12-31)");
    assert!(
        message.contains("outside the file's year 2026"),
        "{message}"
    );
}

#[test]
fn a_calendar_file_listing_a_day_twice_is_refused() {
    let (entry, message) = entry_error(&GOOD.replace("2026-03-20\"\nname", "2026-01-01\"\nname"));
    assert_eq!(entry, "holidays[1] (2026-01-01)");
    assert!(message.contains("duplicate"), "{message}");
}

#[test]
fn a_calendar_file_with_a_bad_date_or_an_unjustified_difference_is_refused() {
    let (entry, _) = entry_error(&GOOD.replace("2026-01-01", "2026-02-30"));
    assert_eq!(entry, "holidays[0] (2026-02-30)");
    let (entry, message) =
        entry_error(&GOOD.replace("justification = \"uji\"", "justification = \" \""));
    assert_eq!(entry, "differences[0] (2026-03-20)");
    assert!(message.contains("justification"), "{message}");
}

#[test]
fn a_calendar_file_with_an_unknown_key_or_status_is_refused_naming_the_file() {
    let err = parse_year(
        "f.toml",
        &GOOD.replace("year = 2026", "year = 2026\nyaer = 1"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("f.toml: "), "{err}");
    let err = parse_year("f.toml", &GOOD.replace("\"decree\"", "\"rumor\""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("source.status `rumor`"), "{err}");
}

#[test]
fn every_shipped_file_is_named_after_its_year() {
    for (file, text) in SHIPPED {
        let y = parse_year(file, text).unwrap();
        assert!(file.ends_with(&format!("/{}.toml", y.year)), "{file}");
    }
}

#[test]
fn a_pack_with_a_bad_local_holiday_is_refused() {
    let text = crate::region::BUILTIN_PACKS[1]
        .1
        .replace("date = \"2026-06-17\"", "date = \"2026-17-06\"");
    let err = crate::region::RegionPack::parse("regions/jembrana.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("regions/jembrana.toml: calendar.local_holidays[2] (2026-17-06): date"),
        "{err}"
    );
}
