//! `simpul check`: evaluates the compliance rules and prints the findings, as text or as the
//! stable JSON document described in docs/CHECK.md.

use anyhow::{anyhow, Result};
use serde::Serialize;
use simpul_app::App;
use simpul_domain::compliance::{Citation, Detail};
use simpul_domain::ids::RegionId;
use simpul_store::findings::{self, Finding};
use simpul_web::i18n::Lang;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Only this region (default: every region in the database).
    #[arg(long)]
    region: Option<String>,
    /// Print the JSON document (docs/CHECK.md) instead of text.
    #[arg(long)]
    json: bool,
    /// Include resolved and excepted findings, not only active ones.
    #[arg(long)]
    all: bool,
    /// Exit with status 1 when any active finding remains (for scripts and CI).
    #[arg(long)]
    strict: bool,
}

/// The JSON document (version 1).
#[derive(Serialize)]
struct Report {
    version: u32,
    generated_at: String,
    regions: Vec<RegionReport>,
}

#[derive(Serialize)]
struct RegionReport {
    region: String,
    pack: Option<String>,
    instrument: Option<String>,
    applicable: i64,
    met: i64,
    rules: RulesOut,
    rules_without_data: Vec<NoDataRule>,
    active_findings: usize,
    findings: Vec<FindingOut>,
}

/// How many rules were checked and met; `applicable`/`met` count checks of `with_data` rules only.
#[derive(Serialize)]
struct RulesOut {
    enabled: usize,
    with_data: usize,
    met: usize,
    no_data: usize,
    transition: usize,
    not_evaluated: usize,
}

/// A rule the pack enables whose data the platform does not hold: in no count of checks.
#[derive(Serialize)]
struct NoDataRule {
    rule: String,
    obligation: String,
    citation: CitationOut,
}

#[derive(Serialize)]
struct FindingOut {
    id: String,
    rule: String,
    obligation: String,
    citation: Option<CitationOut>,
    /// The ayat making the violation sanctionable, when the regulation has one (issue 9.11).
    sanction: Option<simpul_domain::sanction::SanctionBasis>,
    severity: String,
    status: String,
    record_type: String,
    record_id: String,
    record_name: String,
    pd: Option<PdOut>,
    detail: Detail,
    message: String,
    grace_until: Option<String>,
    first_seen: String,
    last_seen: String,
}

#[derive(Serialize)]
struct CitationOut {
    instrument: String,
    pasal: String,
    ayat: Option<String>,
    huruf: Option<String>,
    article: String,
    text: String,
}

#[derive(Serialize)]
struct PdOut {
    id: String,
    name: Option<String>,
}

fn citation(c: &Citation) -> CitationOut {
    CitationOut {
        instrument: c.instrument.clone(),
        pasal: c.pasal.clone(),
        ayat: c.ayat.clone(),
        huruf: c.huruf.clone(),
        article: c.article(),
        text: c.text.clone(),
    }
}

fn active(f: &Finding) -> bool {
    f.status.is_active()
}

async fn region_report(app: &App, region: &RegionId, all: bool) -> Result<RegionReport> {
    let err = |e: simpul_app::AppError| anyhow!(e.to_string());
    app.evaluate_region(region, simpul_app::compliance::Scope::Region)
        .await
        .map_err(err)?;
    let overview = app
        .compliance_overview(&simpul_app::Actor::system(region.clone(), "cli"))
        .await
        .map_err(err)?;
    let counts = &overview.rule_counts;
    let rules_without_data: Vec<NoDataRule> = overview
        .rules
        .iter()
        .filter(|r| r.state == "no_data")
        .map(|r| NoDataRule {
            rule: r.config.rule.code().to_owned(),
            obligation: r.config.rule.code().to_owned(),
            citation: citation(&r.config.citation),
        })
        .collect();
    let mut conn = app.store.read().await?;
    let slug = app.pack_slug(&mut conn, region).await.map_err(err)?;
    let rules = app.rules_for(&mut conn, region).await.map_err(err)?;
    let found = findings::all(&mut conn, region).await?;
    let article = simpul_app::sanctions::article_of(&mut conn, region)
        .await
        .map_err(err)?;
    let latest = findings::latest_day(&mut conn, region).await?;
    let total = latest.iter().find(|d| d.scope.is_empty());
    let out: Vec<FindingOut> = found
        .iter()
        .filter(|f| all || active(f))
        .map(|f| FindingOut {
            id: f.id.clone(),
            rule: f.rule.clone(),
            obligation: f.rule.clone(),
            citation: rules
                .iter()
                .find(|r| r.rule.code() == f.rule)
                .map(|r| citation(&r.citation)),
            sanction: article.and_then(|a| a.basis(&f.rule)),
            severity: f.severity.clone(),
            status: f.status.to_string(),
            record_type: f.subject_kind.clone(),
            record_id: f.subject_id.clone(),
            record_name: f.subject_name.clone(),
            pd: f.pd_id.map(|p| PdOut {
                id: p.to_string(),
                name: f.pd_name.clone(),
            }),
            message: simpul_web::features::compliance::pages::describe(Lang::Id, &f.detail),
            detail: f.detail.clone(),
            grace_until: f.grace_until.clone(),
            first_seen: f.first_seen.clone(),
            last_seen: f.last_seen.clone(),
        })
        .collect();
    Ok(RegionReport {
        region: region.to_string(),
        instrument: slug
            .as_deref()
            .and_then(simpul_app::compliance::pack)
            .map(|p| p.instrument.short()),
        pack: slug,
        applicable: total.map_or(0, |d| d.applicable),
        met: total.map_or(0, |d| d.met),
        rules: RulesOut {
            enabled: counts.enabled,
            with_data: counts.with_data,
            met: counts.met,
            no_data: counts.no_data,
            transition: counts.transition,
            not_evaluated: counts.not_evaluated,
        },
        rules_without_data,
        active_findings: found.iter().filter(|f| active(f)).count(),
        findings: out,
    })
}

pub async fn check(app: &App, args: CheckArgs) -> Result<i32> {
    let regions: Vec<RegionId> = match &args.region {
        Some(r) => vec![RegionId::parse(r).map_err(|e| anyhow!("--region: {e}"))?],
        None => {
            let mut conn = app.store.read().await?;
            simpul_store::regions::list(&mut conn)
                .await?
                .into_iter()
                .map(|r| r.id)
                .collect()
        }
    };
    let mut reports = Vec::new();
    for r in &regions {
        if simpul_store::regions::get(&mut *app.store.read().await?, r)
            .await?
            .is_none()
        {
            return Err(anyhow!("region `{r}` is not in the database"));
        }
        reports.push(region_report(app, r, args.all).await?);
    }
    let active: usize = reports.iter().map(|r| r.active_findings).sum();
    if args.json {
        let doc = Report {
            version: 1,
            generated_at: simpul_domain::now_str(),
            regions: reports,
        };
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        for r in &reports {
            println!(
                "== {} · paket {} ({}) · {} dari {} aturan terpenuhi; {} aturan tanpa data · {} dari {} pemeriksaan terpenuhi (atas {} aturan yang ada datanya) · {} temuan aktif",
                r.region,
                r.pack.as_deref().unwrap_or("-"),
                r.instrument.as_deref().unwrap_or("-"),
                r.rules.met,
                r.rules.with_data,
                r.rules.no_data,
                r.met,
                r.applicable,
                r.rules.with_data,
                r.active_findings
            );
            for n in &r.rules_without_data {
                println!(
                    "[tanpa data] {:<6} {:<26} tidak diperiksa: data belum dicatat di platform",
                    n.rule, n.citation.article
                );
            }
            for f in &r.findings {
                let article = f
                    .citation
                    .as_ref()
                    .map(|c| c.article.clone())
                    .unwrap_or_default();
                let pd =
                    f.pd.as_ref()
                        .and_then(|p| p.name.clone())
                        .unwrap_or_default();
                println!(
                    "[{}] {:<6} {:<26} {:<14} {}: {}{}",
                    f.severity,
                    f.rule,
                    article,
                    pd,
                    f.record_name,
                    f.message,
                    if f.status == "terbuka" {
                        String::new()
                    } else {
                        format!(" ({})", f.status)
                    }
                );
            }
        }
    }
    Ok(if args.strict && active > 0 { 1 } else { 0 })
}
