// TEMPORARY benchmark probe (not to be committed).
#[tokio::main]
async fn main() {
    tracing_subscriber_init();
    let url = std::env::args().nth(1).unwrap();
    let n: u32 = std::env::args().nth(2).unwrap().parse().unwrap();
    let store = simpul_store::Store::connect(&url, true).await.unwrap();
    store.migrate().await.unwrap();
    let app = simpul_app::App::new(store, Default::default());
    app.ensure_regions().await.unwrap();
    app.ensure_ref_codes().await.unwrap();
    let t = std::time::Instant::now();
    app.seed_scale(n, simpul_app::demo_scale::ScaleSpec::REGION, |l| {
        println!(
            "{} {} {} gen {:?} write {:?}",
            l.region, l.records, l.links, l.generate, l.write
        )
    })
    .await
    .unwrap();
    println!("total {:?}", t.elapsed());
}
fn tracing_subscriber_init() {}
