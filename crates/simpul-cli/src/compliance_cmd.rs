//! `simpul compliance pack`: shows or chooses which region's rule pack applies to a region
//! (the same choice as the Kepatuhan page and `PUT /api/v1/compliance/pack`), then evaluates.

use anyhow::{anyhow, Result};
use simpul_app::{Actor, App};
use simpul_domain::ids::RegionId;

#[derive(clap::Subcommand)]
pub enum ComplianceCommand {
    /// Show the rule pack that applies to a region, or apply another region's pack (`PACK`:
    /// metro, jembrana, limapuluhkota, manggarai; the region's own slug restores its own pack).
    Pack {
        /// The region (required when the database holds more than one).
        #[arg(long)]
        region: Option<String>,
        /// The pack to apply; without it, print the current choice.
        pack: Option<String>,
    },
}

async fn region(app: &App, given: Option<&str>) -> Result<RegionId> {
    let mut conn = app.store.read().await?;
    let all = simpul_store::regions::list(&mut conn).await?;
    let id = match given {
        Some(r) => RegionId::parse(r).map_err(|e| anyhow!("--region: {e}"))?,
        None if all.len() == 1 => all[0].id.clone(),
        None => {
            return Err(anyhow!(
                "--region is required: the database holds {} regions",
                all.len()
            ))
        }
    };
    if !all.iter().any(|r| r.id == id) {
        return Err(anyhow!("region `{id}` is not in the database"));
    }
    Ok(id)
}

fn line(region: &RegionId, slug: Option<&str>) -> String {
    let instrument = slug
        .and_then(simpul_app::compliance::pack)
        .map(|p| p.instrument.short())
        .unwrap_or_else(|| "-".into());
    let whose = if slug == Some(region.as_str()) {
        "paket wilayah sendiri"
    } else {
        "paket wilayah lain"
    };
    format!(
        "{region}: paket aturan {} ({instrument}, {whose})",
        slug.unwrap_or("-")
    )
}

pub async fn run(app: &App, cmd: ComplianceCommand) -> Result<i32> {
    let err = |e: simpul_app::AppError| anyhow!(e.to_string());
    match cmd {
        ComplianceCommand::Pack { region: r, pack } => {
            let r = region(app, r.as_deref()).await?;
            let slug = match pack {
                None => {
                    let mut conn = app.store.read().await?;
                    app.pack_slug(&mut conn, &r).await.map_err(err)?
                }
                Some(p) => {
                    if simpul_app::compliance::pack(&p).is_none() {
                        return Err(anyhow!(
                            "unknown pack `{p}` (metro, jembrana, limapuluhkota, manggarai)"
                        ));
                    }
                    // The region's own slug is stored as "no override".
                    let choice = (p != r.as_str()).then_some(p.as_str());
                    app.set_rule_pack(&Actor::system(r.clone(), "cli"), choice)
                        .await
                        .map_err(err)?
                }
            };
            println!("{}", line(&r, slug.as_deref()));
            Ok(0)
        }
    }
}
