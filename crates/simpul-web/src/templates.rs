//! Compiled-in templates rendered with minijinja (auto-escaping, semi-strict undefined).

use crate::i18n::{self, Lang};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State, UndefinedBehavior};
use simpul_domain::region::TimeZone;
use std::sync::OnceLock;

/// The shared templates (layout, macros, error page, partials), by name; each feature
/// brings its own ([`crate::features::Feature::templates`]).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("page.html", include_str!("../templates/page.html")),
    (
        "partials/timeline.html",
        include_str!("../templates/partials/timeline.html"),
    ),
];

/// Every template: the shared ones and every feature's.
pub fn all() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    TEMPLATES.iter().chain(
        crate::features::FEATURES
            .iter()
            .flat_map(|f| f.templates.iter()),
    )
}

fn lang_of(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or_default()
}

/// `t("key", name=value, …)`: the message in the page's language.
fn t(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let lang = lang_of(state);
    let mut s = i18n::t(lang, key);
    for arg in kwargs.args() {
        let v: Value = kwargs.get(arg)?;
        s = s.replace(&format!("{{{arg}}}"), &v.to_string());
    }
    Ok(s)
}

/// `wf(code, part, name)`: a workflow's label (`wf(code, "label")`) or the label of one of
/// its steps, states or fields (`wf(code, "step", step)`), else the code.
fn wf(state: &State, code: &str, part: &str, name: Option<&str>) -> String {
    i18n::workflow_label(lang_of(state), code, part, name)
}

/// `field_label(name, prefix, labels)`: the label of a form field for the error summary:
/// `labels[name]` when the form passes one, else the message `{prefix}.{name}`, else
/// `field.{name}` (the catalogue's field labels), else the name itself.
fn field_label(state: &State, name: &str, prefix: Option<&str>, labels: Option<Value>) -> String {
    if let Some(l) = labels.and_then(|l| l.get_attr(name).ok()) {
        if !l.is_undefined() && !l.is_none() {
            return l.to_string();
        }
    }
    let lang = lang_of(state);
    [
        format!("{}.{name}", prefix.unwrap_or("field")),
        format!("field.{name}"),
    ]
    .iter()
    .find_map(|k| i18n::lookup(lang, k))
    .unwrap_or_else(|| name.replace('_', " "))
}

/// The zone of the page's region (`tz` in the base context), if any.
fn zone_of(state: &State) -> Option<TimeZone> {
    state
        .lookup("tz")
        .and_then(|v| v.as_str().and_then(TimeZone::parse))
}

/// `ts|dt`: an RFC 3339 timestamp as `YYYY-MM-DD HH:MM WIB`, in the region's zone (named);
/// UTC, named, on pages of no region. Anything else is shown as it is.
fn dt(state: &State, v: String) -> String {
    format_time(&v, zone_of(state))
}

/// The one formatter of times for every page (the `dt` filter).
pub fn format_time(v: &str, zone: Option<TimeZone>) -> String {
    let Some(t) = simpul_domain::parse_rfc3339(v) else {
        return v.to_owned();
    };
    let (t, name) = match zone {
        Some(z) => (t.to_offset(z.offset()), z.code()),
        None => (t.to_offset(time::UtcOffset::UTC), "UTC"),
    };
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    match t.format(&f) {
        Ok(s) => format!("{s} {name}"),
        Err(_) => v.to_owned(),
    }
}

/// `ts|day`: the date of a timestamp in the region's zone (a plain date stays as it is).
fn day(state: &State, v: String) -> String {
    match simpul_domain::parse_rfc3339(&v) {
        Some(t) => t
            .to_offset(zone_of(state).map_or(time::UtcOffset::UTC, TimeZone::offset))
            .date()
            .to_string(),
        None => v,
    }
}

/// `region_today()`: today's date in the region's zone, with the zone named.
fn region_today(state: &State) -> String {
    match zone_of(state) {
        Some(z) => format!("{} {}", z.today(), z.code()),
        None => format!("{} UTC", simpul_domain::now_utc().date()),
    }
}

/// `bytes|size`: a human size ("50 B", "1,2 KiB"), with the page language's decimal mark.
fn size(state: &State, v: i64) -> String {
    human_size(lang_of(state), v)
}

pub fn human_size(lang: Lang, v: i64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if v < 1024 {
        return format!("{v} B");
    }
    let mut x = v as f64 / 1024.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if x < 1024.0 {
            break;
        }
        x /= 1024.0;
        unit = u;
    }
    let n = format!("{x:.1}");
    let n = if lang == Lang::Id {
        n.replace('.', ",")
    } else {
        n
    };
    format!("{n} {unit}")
}

/// `kind|kind_slug`: a kind code's segment in page URLs (`business_process` →
/// `proses-bisnis`, from [`simpul_domain::catalogue::EntityKind::slug`]); an unknown code
/// stays as it is.
fn kind_slug(v: String) -> String {
    simpul_domain::catalogue::EntityKind::from_code(&v).map_or(v, |k| k.slug().to_owned())
}

fn build() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    for (name, src) in all() {
        if let Err(e) = env.add_template(name, src) {
            // Templates are compiled in; tests render each of them, so this is a build bug.
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env.add_function("t", t);
    env.add_function("field_label", field_label);
    env.add_function("wf", wf);
    env.add_filter("dt", dt);
    env.add_filter("day", day);
    env.add_filter("size", size);
    env.add_filter("kind_slug", kind_slug);
    env.add_function("region_today", region_today);
    env
}

/// The process-wide template environment.
pub fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(build)
}

/// Renders `name` with `ctx`.
pub fn render(name: &str, ctx: Value) -> Result<String, minijinja::Error> {
    env().get_template(name)?.render(ctx)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_compiles() {
        let env = super::env();
        for (name, _) in super::all() {
            env.get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn the_timeline_partial_shows_labels_times_in_the_zone_changes_and_the_signature_check() {
        let entries = serde_json::json!([
            {"at": "2026-12-02T17:30:06.123456Z", "actor": "operator.dinkes", "role": "operator_pd",
             "step": "ajukan", "from": null, "to": "diajukan", "comment": null,
             "fields": [{"field": "title", "before": null, "after": "Izin aplikasi"}],
             "documents": [], "signature": null, "signature_valid": null},
            {"at": "2026-12-03T01:00:00.000000Z", "actor": "pimpinan", "role": "pimpinan",
             "step": "setujui", "from": "ditinjau", "to": "disetujui", "comment": "Setuju",
             "fields": [], "documents": [{"id": "d1", "doc_type": "sk", "title": "SK"}],
             "signature": "ed25519:aa:bb", "signature_valid": false}
        ]);
        let html = super::env()
            .get_template("partials/timeline.html")
            .unwrap()
            .render(minijinja::context! {
                lang => "en", tz => "WIT", workflow => "trial",
                timeline => minijinja::Value::from_serialize(&entries),
            })
            .unwrap();
        for want in [
            "2026-12-03 02:30 WIT",
            "Submit",
            "opened as Submitted",
            "Reviewed → Approved",
            "Izin aplikasi",
            "Electronic signature NOT valid",
            "/documents/d1",
            "Setuju",
        ] {
            assert!(html.contains(want), "{want} missing in {html}");
        }
        assert!(!html.contains("Electronic signature valid<"), "{html}");
    }

    #[test]
    fn times_are_shown_in_the_regions_zone_with_the_zone_named() {
        use simpul_domain::region::TimeZone;
        let ts = "2026-12-02T17:30:06.123456Z";
        assert_eq!(
            super::format_time(ts, Some(TimeZone::Wib)),
            "2026-12-03 00:30 WIB"
        );
        assert_eq!(
            super::format_time(ts, Some(TimeZone::Wita)),
            "2026-12-03 01:30 WITA"
        );
        assert_eq!(
            super::format_time(ts, Some(TimeZone::Wit)),
            "2026-12-03 02:30 WIT"
        );
        assert_eq!(super::format_time(ts, None), "2026-12-02 17:30 UTC");
        assert_eq!(super::format_time("x", None), "x");
    }

    #[test]
    fn sizes_are_human_with_the_languages_decimal_mark() {
        use crate::i18n::Lang;
        assert_eq!(super::human_size(Lang::Id, 50), "50 B");
        assert_eq!(super::human_size(Lang::Id, 1229), "1,2 KiB");
        assert_eq!(super::human_size(Lang::En, 1229), "1.2 KiB");
        assert_eq!(super::human_size(Lang::En, 5 * 1024 * 1024), "5.0 MiB");
    }
}
