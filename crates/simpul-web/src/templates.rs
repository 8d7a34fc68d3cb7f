//! Compiled-in templates rendered with minijinja (auto-escaping, semi-strict undefined).

use crate::i18n::{self, Lang};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State, UndefinedBehavior};
use std::sync::OnceLock;

/// Every template, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "public_home.html",
        include_str!("../templates/public_home.html"),
    ),
    (
        "public_region.html",
        include_str!("../templates/public_region.html"),
    ),
    (
        "region_profile.html",
        include_str!("../templates/region_profile.html"),
    ),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    ("pd_list.html", include_str!("../templates/pd_list.html")),
    (
        "pd_detail.html",
        include_str!("../templates/pd_detail.html"),
    ),
    ("pd_form.html", include_str!("../templates/pd_form.html")),
    (
        "user_list.html",
        include_str!("../templates/user_list.html"),
    ),
    (
        "user_detail.html",
        include_str!("../templates/user_detail.html"),
    ),
    (
        "user_form.html",
        include_str!("../templates/user_form.html"),
    ),
    ("region.html", include_str!("../templates/region.html")),
    (
        "region_form.html",
        include_str!("../templates/region_form.html"),
    ),
    ("tim.html", include_str!("../templates/tim.html")),
    ("audit.html", include_str!("../templates/audit.html")),
    ("account.html", include_str!("../templates/account.html")),
    (
        "catalogue_index.html",
        include_str!("../templates/catalogue_index.html"),
    ),
    (
        "record_list.html",
        include_str!("../templates/record_list.html"),
    ),
    (
        "record_detail.html",
        include_str!("../templates/record_detail.html"),
    ),
    (
        "record_form.html",
        include_str!("../templates/record_form.html"),
    ),
    (
        "record_impact.html",
        include_str!("../templates/record_impact.html"),
    ),
    ("refs.html", include_str!("../templates/refs.html")),
    ("transfer.html", include_str!("../templates/transfer.html")),
    (
        "compliance.html",
        include_str!("../templates/compliance.html"),
    ),
    (
        "compliance_report.html",
        include_str!("../templates/compliance_report.html"),
    ),
    (
        "finding_list.html",
        include_str!("../templates/finding_list.html"),
    ),
    (
        "finding_detail.html",
        include_str!("../templates/finding_detail.html"),
    ),
    ("calendar.html", include_str!("../templates/calendar.html")),
    (
        "notifications.html",
        include_str!("../templates/notifications.html"),
    ),
    (
        "sanction_list.html",
        include_str!("../templates/sanction_list.html"),
    ),
    (
        "sanction_form.html",
        include_str!("../templates/sanction_form.html"),
    ),
    (
        "sanction_detail.html",
        include_str!("../templates/sanction_detail.html"),
    ),
    (
        "signing_key.html",
        include_str!("../templates/signing_key.html"),
    ),
    (
        "evaluation_chart.html",
        include_str!("../templates/evaluation_chart.html"),
    ),
    (
        "evaluation_list.html",
        include_str!("../templates/evaluation_list.html"),
    ),
    (
        "evaluation_period.html",
        include_str!("../templates/evaluation_period.html"),
    ),
    (
        "evaluation_indicator.html",
        include_str!("../templates/evaluation_indicator.html"),
    ),
    (
        "evaluation_simulation.html",
        include_str!("../templates/evaluation_simulation.html"),
    ),
    (
        "evaluation_history.html",
        include_str!("../templates/evaluation_history.html"),
    ),
    (
        "evaluation_report.html",
        include_str!("../templates/evaluation_report.html"),
    ),
];

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

/// `ts|dt`: an RFC 3339 timestamp as `YYYY-MM-DD HH:MM` (UTC).
fn dt(v: String) -> String {
    if v.len() >= 16 && v.as_bytes()[10] == b'T' {
        format!("{} {}", &v[..10], &v[11..16])
    } else {
        v
    }
}

fn build() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    for (name, src) in TEMPLATES {
        if let Err(e) = env.add_template(name, src) {
            // Templates are compiled in; tests render each of them, so this is a build bug.
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env.add_function("t", t);
    env.add_filter("dt", dt);
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
        for (name, _) in super::TEMPLATES {
            env.get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn dt_formats_storage_timestamps() {
        assert_eq!(
            super::dt("2026-11-23T10:05:06.123456Z".into()),
            "2026-11-23 10:05"
        );
        assert_eq!(super::dt("x".into()), "x");
    }
}
