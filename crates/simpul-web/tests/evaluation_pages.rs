//! SPBE evaluation pages on every backend: one indicator walked through every role's form,
//! with the what-if, report, year-over-year and period list pages rendered.

mod common;

use common::Server;
use reqwest::StatusCode;

/// Whether the evaluator's page of `ind` offers any evaluator step.
async fn e_offers(s: &Server, ind: &str) -> bool {
    let page = s.login("auditor").await.get(ind).await.body;
    page.contains("/nilai-dokumen\"") || page.contains("/validasi\"")
}

#[tokio::test]
async fn the_pages_walk_one_indicator_through_every_role() {
    for s in Server::all().await {
        let mut admin = s.login("admin.kominfo").await;
        let r = admin.post("/evaluasi", &[("year", "2027")]).await;
        r.expect(StatusCode::SEE_OTHER);
        let url = r.location();
        let dinkes = s.pd_id("DINKES").await;
        let r = admin
            .post(
                &format!("{url}/penugasan"),
                &[("pd_1", dinkes.as_str()), ("pd_2", "")],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let page = admin.get(&url).await;
        assert!(
            page.body.contains("<svg") && page.body.contains("selected>Dinkes"),
            "{}",
            page.body
        );
        let ind = format!("{url}/indikator/1");
        let mut op = s.login("operator.dinkes").await;
        let form = op.get(&ind).await.body;
        assert!(form.contains("/klaim") && form.contains("Bukti yang sudah ada di platform"));
        assert_eq!(
            op.post(
                &format!("{ind}/klaim"),
                &[("level", "3"), ("explanation", "Ada Perwal")]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            op.post(&format!("{ind}/ajukan"), &[]).await.status,
            StatusCode::SEE_OTHER
        );
        let mut other = s.login("operator.disdukcapil").await;
        assert!(!other.get(&ind).await.body.contains("/klaim"));
        assert_eq!(
            other
                .post(
                    &format!("{ind}/klaim"),
                    &[("level", "5"), ("explanation", "x")]
                )
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let mut k = s.login("koordinator").await;
        let review = k.get(&ind).await.body;
        assert!(review.contains("/terima") && review.contains("/kembalikan\""));
        assert!(
            !e_offers(&s, &ind).await,
            "the evaluator has nothing to do on a submission"
        );
        assert_eq!(
            k.post(&format!("{ind}/terima"), &[("note", "")])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let mut e = s.login("auditor").await;
        let r = e.post(&format!("{ind}/validasi"), &[("level", "3")]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation needs the document assessment first"
        );
        assert_eq!(
            e.post(
                &format!("{ind}/nilai-dokumen"),
                &[("document_level", "3"), ("interview_note", "")]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            e.post(&format!("{ind}/validasi"), &[("level", "3")])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let done = e.get(&ind).await.body;
        assert!(done.contains("id=\"signature\">ed25519:"), "{done}");
        // The final level offers no step to anyone; the timeline shows each step, the last
        // one signed and verified.
        assert!(!done.contains("/validasi\"") && !done.contains("/nilai-dokumen\""));
        assert!(
            done.contains("id=\"timeline\"")
                && done.contains("Penilaian dokumen")
                && done.contains("Diterima → Divalidasi (final)")
                && done.contains("Tanda tangan: sah"),
            "{done}"
        );
        for p in ["/simulasi?l1=5", "/laporan"] {
            let r = k.get(&format!("{url}{p}")).await;
            assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.body);
        }
        assert!(k
            .get(&format!("{url}/simulasi?l1=5"))
            .await
            .body
            .contains("5.00"));
        assert_eq!(k.get("/evaluasi/tahunan").await.status, StatusCode::OK);
        assert_eq!(k.get("/evaluasi").await.status, StatusCode::OK);
        let list = admin.get("/evaluasi").await;
        assert!(list.status == StatusCode::OK && list.body.contains("/evaluasi/impor"));
        let bad = admin.post("/evaluasi", &[("year", "1999")]).await;
        bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn pages_name_layanan_levels_and_never_give_a_partial_index_a_predicate() {
    for s in Server::all().await {
        // Indicators 3, 4 and 5 claimed at level 3, nothing validated.
        let id = common::evaluation::seed(&s).await;
        let url = format!("/evaluasi/{id}");
        let mut k = s.login("koordinator").await;
        let layanan = k.get(&format!("{url}/indikator/32")).await.body;
        for name in ["1 — Informasi", "3 — Transaksi", "5 — Optimalisasi"] {
            assert!(layanan.contains(name), "{name}");
        }
        assert!(!layanan.contains("Terdefinisi"), "{layanan}");
        assert!(k
            .get(&format!("{url}/indikator/1"))
            .await
            .body
            .contains("3 — Terdefinisi"));

        let sim = k.get(&format!("{url}/simulasi?l32=4")).await.body;
        assert!(
            sim.contains("4 — Kolaborasi"),
            "the sandbox names Layanan levels"
        );
        assert!(
            sim.contains("sementara, 4 dari 47 indikator") && !sim.contains("— Baik"),
            "{sim}"
        );

        let report = k.get(&format!("{url}/laporan")).await.body;
        assert!(report.contains("id=\"report-not-final\""), "{report}");
        assert!(report.contains("Hasil belum final."));
        assert!(report.contains("sementara, 3 dari 47 indikator"));
        assert!(!report.contains("— Baik") && !report.contains("SHA-256"));
        assert!(report.contains("Ed25519"));

        let history = k.get("/evaluasi/tahunan").await.body;
        assert!(!history.contains("<td>Baik</td>"), "{history}");
    }
}
