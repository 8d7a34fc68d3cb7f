//! An evaluation period seeded for authorization tests: indicators 1, 3, 4, 5 assigned to
//! DINKES and 2 to BPKAD; 3 submitted, 4 accepted, 5 accepted and document-assessed.

use super::Server;
use simpul_app::evaluation::{PeriodInput, Step};
use simpul_app::Actor;

async fn actor(s: &Server, username: &str) -> Actor {
    Actor::from_user(&s.app.user_by_username(username).await.unwrap())
}

/// Seeds the period and returns its id.
pub async fn seed(s: &Server) -> String {
    let admin = actor(s, "admin.kominfo").await;
    let input = PeriodInput {
        year: 2026,
        ..Default::default()
    };
    let p = s.app.open_evaluation(&admin, &input).await.unwrap();
    let id = p.id.parse().unwrap();
    let dinkes = s.pd_id("DINKES").await.parse().ok();
    let other = s.pd_id("BPKAD").await.parse().ok();
    let pairs = [
        (1, dinkes),
        (2, other),
        (3, dinkes),
        (4, dinkes),
        (5, dinkes),
    ];
    s.app.assign_indicators(&admin, id, &pairs).await.unwrap();
    let (op, k, e) = (
        actor(s, "operator.dinkes").await,
        actor(s, "koordinator").await,
        actor(s, "auditor").await,
    );
    let claim = Step::Claim {
        level: 3,
        explanation: "Perwal".into(),
    };
    for n in [3, 4, 5] {
        s.app.evaluation_step(&op, id, n, &claim).await.unwrap();
        s.app
            .evaluation_step(&op, id, n, &Step::Submit)
            .await
            .unwrap();
    }
    for n in [4, 5] {
        let accept = Step::Accept { note: None };
        s.app.evaluation_step(&k, id, n, &accept).await.unwrap();
    }
    let assess = Step::Assess {
        document_level: 3,
        interview_note: None,
    };
    s.app.evaluation_step(&e, id, 5, &assess).await.unwrap();
    p.id
}
