//! `simpul export` / `simpul import` (the whole-region bundle, docs/BUNDLE.md) and
//! `simpul catalogue export|import|template` (spreadsheets of one catalogue kind).

use crate::config::Config;
use crate::{app_err, open};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use simpul_app::catalogue::bundle::Bundle;
use simpul_app::catalogue::transfer::{self, Format, ImportMode};
use simpul_app::{Actor, App};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::RegionId;
use std::path::{Path, PathBuf};

/// Arguments of `simpul export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Region slug; may be left out when only one region holds data.
    #[arg(long)]
    region: Option<String>,
    /// Bundle file to write (JSON); `-` writes to standard output.
    #[arg(long)]
    out: PathBuf,
}

/// Arguments of `simpul import`.
#[derive(Args)]
pub struct ImportArgs {
    /// Bundle file written by `simpul export`.
    file: PathBuf,
}

/// `simpul catalogue …`.
#[derive(Subcommand)]
pub enum CatalogueCommand {
    /// Write every record of one kind of the region to a spreadsheet.
    Export(SheetArgs),
    /// Check a spreadsheet and import it; exits 1 when any row has a problem.
    Import {
        #[command(flatten)]
        sheet: SheetArgs,
        /// Import the valid rows even when others fail (default: all or nothing).
        #[arg(long)]
        only_valid: bool,
    },
    /// Write an empty spreadsheet with one example row (XLSX: with a "Petunjuk" sheet).
    Template(SheetArgs),
}

#[derive(Args)]
pub struct SheetArgs {
    /// application, service, business_process, dataset, asset, domain, lan_diagram,
    /// lan_change or backup_report.
    #[arg(long)]
    kind: String,
    /// xlsx or csv (default: from the file name).
    #[arg(long)]
    format: Option<String>,
    /// Region slug.
    #[arg(long, default_value = "metro")]
    region: String,
    /// The spreadsheet file.
    file: PathBuf,
}

fn parse_kind(s: &str) -> Result<EntityKind> {
    EntityKind::from_code(s.trim()).ok_or_else(|| {
        let all: Vec<&str> = EntityKind::ALL.iter().map(|k| k.code()).collect();
        anyhow!("unknown kind `{s}`; use one of: {}", all.join(", "))
    })
}

fn parse_format(given: Option<&str>, file: &Path) -> Result<Format> {
    let from_name = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let s = given.unwrap_or(from_name);
    Format::parse(s)
        .ok_or_else(|| anyhow!("unknown format `{s}`; use --format xlsx or --format csv"))
}

async fn region_of(app: &App, slug: Option<&str>) -> Result<RegionId> {
    match slug {
        Some(s) => {
            let region = RegionId::parse(s).map_err(|e| anyhow!(e))?;
            app.region(&region)
                .await
                .map_err(|_| anyhow!("unknown region `{region}`"))?;
            Ok(region)
        }
        None => {
            let mut with_data = app.regions_with_data().await.map_err(app_err)?;
            match with_data.len() {
                1 => Ok(with_data.remove(0)),
                0 => bail!("no region holds data yet; nothing to export"),
                _ => bail!(
                    "several regions hold data; choose one with --region ({})",
                    with_data
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    }
}

/// `simpul export [--region R] --out FILE`.
pub async fn export(cfg: &Config, args: ExportArgs) -> Result<i32> {
    let app = open(cfg).await?;
    let region = region_of(&app, args.region.as_deref()).await?;
    let bundle = app.export_region(&region).await.map_err(app_err)?;
    let json = bundle.to_json();
    if args.out.as_os_str() == "-" {
        print!("{json}");
    } else {
        std::fs::write(&args.out, &json)
            .with_context(|| format!("writing {}", args.out.display()))?;
        println!(
            "Daerah {region} diekspor ke {}: {} Perangkat Daerah, {} anggota Tim Koordinasi, {} akun, {} entri katalog, {} keterkaitan, {} dokumen.",
            args.out.display(),
            bundle.pds.len(),
            bundle.tim_members.len(),
            bundle.users.len(),
            bundle.records.len(),
            bundle.links.len(),
            bundle.documents.len()
        );
    }
    Ok(0)
}

/// `simpul import FILE`.
pub async fn import(cfg: &Config, args: ImportArgs) -> Result<i32> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let bundle = Bundle::from_json(&text).map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    let app = open(cfg).await?;
    let s = app.import_region(&bundle).await.map_err(app_err)?;
    println!(
        "Daerah {} diimpor: {} Perangkat Daerah, {} anggota Tim Koordinasi, {} akun, {} entri katalog, {} keterkaitan, {} dokumen; kode referensi: {} baru, {} berganti nama.",
        s.region, s.pds, s.tim_members, s.users, s.records, s.links, s.documents, s.ref_codes_added, s.ref_codes_renamed
    );
    if !s.usernames.is_empty() {
        println!("Akun yang diimpor belum dapat masuk. Beri kata sandi baru untuk tiap akun:");
        for u in &s.usernames {
            println!("  echo 'kata sandi baru' | simpul user reset-password {u}");
        }
    }
    Ok(0)
}

/// `simpul catalogue export|import|template`.
pub async fn catalogue(cfg: &Config, command: CatalogueCommand) -> Result<i32> {
    let (sheet, mode) = match command {
        CatalogueCommand::Template(sheet) => {
            let kind = parse_kind(&sheet.kind)?;
            let format = parse_format(sheet.format.as_deref(), &sheet.file)?;
            let bytes = transfer::template(kind, format).map_err(app_err)?;
            write_file(&sheet.file, &bytes)?;
            println!(
                "Templat {} ditulis ke {}.",
                kind.code(),
                sheet.file.display()
            );
            return Ok(0);
        }
        CatalogueCommand::Export(sheet) => (sheet, None),
        CatalogueCommand::Import { sheet, only_valid } => (
            sheet,
            Some(if only_valid {
                ImportMode::OnlyValidRows
            } else {
                ImportMode::AllOrNothing
            }),
        ),
    };
    let kind = parse_kind(&sheet.kind)?;
    let format = parse_format(sheet.format.as_deref(), &sheet.file)?;
    let app = open(cfg).await?;
    let region = region_of(&app, Some(&sheet.region)).await?;
    let actor = Actor::system(region, "cli");
    match mode {
        None => {
            let bytes = app
                .export_catalogue(&actor, kind, format)
                .await
                .map_err(app_err)?;
            write_file(&sheet.file, &bytes)?;
            println!(
                "Katalog {} diekspor ke {}.",
                kind.code(),
                sheet.file.display()
            );
            Ok(0)
        }
        Some(mode) => {
            let meta = std::fs::metadata(&sheet.file)
                .with_context(|| format!("reading {}", sheet.file.display()))?;
            if meta.len() > transfer::MAX_BYTES as u64 {
                bail!(
                    "{} is larger than {} MiB",
                    sheet.file.display(),
                    transfer::MAX_BYTES / 1024 / 1024
                );
            }
            let bytes = std::fs::read(&sheet.file)
                .with_context(|| format!("reading {}", sheet.file.display()))?;
            let report = app
                .import_catalogue(&actor, kind, format, &bytes, mode)
                .await
                .map_err(app_err)?;
            print!("{}", report.text());
            Ok(if report.problems.is_empty() { 0 } else { 1 })
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}
