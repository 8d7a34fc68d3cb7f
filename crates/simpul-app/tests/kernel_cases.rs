//! The workflow kernel end to end on the trial workflow (generic JSON cases), on SQLite and
//! PostgreSQL: a step writes the case, one history event, one audit entry and its outbox
//! rows in one transaction; a refused step writes nothing; a signed step verifies; the
//! outbox delivers each message once, also after a crash before marking it delivered.

mod common;

use serde_json::json;
use simpul_app::kernel::testing::{self, Trial, TrialStep};
use simpul_app::kernel::{StepInput, StepOutcome, Uow};
use simpul_app::{Actor, AppError, Paging};

fn input(fields: serde_json::Value) -> StepInput {
    StepInput {
        comment: None,
        fields: fields.as_object().cloned().unwrap_or_default(),
        documents: Vec::new(),
    }
}

/// `who` takes `step` of the trial workflow on the case `id` (opening one when `None`) with
/// these fields.
async fn trial_step(
    env: &common::Env,
    who: &Actor,
    id: Option<&str>,
    step: TrialStep,
    fields: serde_json::Value,
) -> Result<StepOutcome<Trial>, AppError> {
    let h = testing::handler();
    env.app
        .take_step::<Trial, _>(&h, who, id, step, &input(fields))
        .await
}

async fn actor(env: &common::Env, username: &str) -> Actor {
    Actor::from_user(&env.app.user_by_username(username).await.unwrap())
}

async fn counts(env: &common::Env) -> [i64; 4] {
    let mut out = [0; 4];
    for (i, sql) in [
        "SELECT COUNT(*) FROM cases",
        "SELECT COUNT(*) FROM case_events",
        "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'trial'",
        "SELECT COUNT(*) FROM outbox",
    ]
    .iter()
    .enumerate()
    {
        out[i] = common::count(&env.store, sql).await;
    }
    out
}

#[tokio::test]
async fn a_step_writes_the_case_one_event_one_audit_entry_and_notifications_together() {
    for env in common::envs().await {
        let op = actor(&env, "operator.dinkes").await;
        let before = counts(&env).await;
        let opened = trial_step(
            &env,
            &op,
            None,
            TrialStep::Ajukan,
            json!({"title": "Izin aplikasi"}),
        )
        .await
        .unwrap();
        let after = counts(&env).await;
        assert_eq!(after[0] - before[0], 1, "one case");
        assert_eq!(after[1] - before[1], 1, "one event");
        assert_eq!(after[2] - before[2], 1, "one audit entry");
        // The admin may review: one notification queued for them (not for the operator).
        assert_eq!(after[3] - before[3], 1, "one outbox row");
        let admin = &env.admin;
        // Other workflows (findings of the seeded region) may have tasks too: look at trial's.
        let trial_tasks = |page: simpul_app::kernel::tasks::TaskPage| {
            page.items
                .into_iter()
                .filter(|t| t.workflow == "trial")
                .collect::<Vec<_>>()
        };
        let all = Paging::new(Some(1), Some(200));
        let tasks = trial_tasks(env.app.tasks(admin, all).await.unwrap());
        assert!(tasks.is_empty(), "trial is not registered yet");
        env.app.register_workflow(testing::trial());
        let tasks = trial_tasks(env.app.tasks(admin, all).await.unwrap());
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].case_id, opened.id);
        assert_eq!(tasks[0].steps, ["tinjau"]);
        assert!(tasks[0].due.is_some() && !tasks[0].overdue);
    }
}

#[tokio::test]
async fn a_step_failing_its_guard_writes_nothing() {
    for env in common::envs().await {
        let op = actor(&env, "operator.dinkes").await;
        let id = trial_step(&env, &op, None, TrialStep::Ajukan, json!({"title": "A"}))
            .await
            .unwrap()
            .id;
        let before = counts(&env).await;
        let err = trial_step(&env, &env.admin, Some(&id), TrialStep::Tinjau, json!({}))
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Invalid(_)), "{err:?}");
        let wrong = trial_step(
            &env,
            &actor(&env, "pimpinan").await,
            Some(&id),
            TrialStep::Setujui,
            json!({}),
        )
        .await
        .unwrap_err();
        assert!(matches!(wrong, AppError::WrongState), "{wrong:?}");
        let other = actor(&env, "operator.disdukcapil").await;
        let denied = trial_step(&env, &other, Some(&id), TrialStep::Tarik, json!({}))
            .await
            .unwrap_err();
        assert!(matches!(denied, AppError::Forbidden), "{denied:?}");
        assert_eq!(
            counts(&env).await,
            before,
            "no case change, event, audit or outbox row"
        );
    }
}

#[tokio::test]
async fn a_unit_of_work_without_an_audit_entry_is_refused_and_rolled_back() {
    for env in common::envs().await {
        let mut uow: Uow = env.app.write(&env.admin).await.unwrap();
        uow.queue("notify", &json!({"user": "x"})).await.unwrap();
        let err = uow.commit(&env.app).await.unwrap_err();
        assert!(matches!(err, AppError::Internal(_)), "{err:?}");
        assert_eq!(
            common::count(&env.store, "SELECT COUNT(*) FROM outbox").await,
            0
        );
    }
}

#[tokio::test]
async fn a_signed_step_records_a_signature_that_verifies() {
    for env in common::envs().await {
        let h = testing::handler();
        let op = actor(&env, "operator.dinkes").await;
        let boss = actor(&env, "pimpinan").await;
        let id = trial_step(&env, &op, None, TrialStep::Ajukan, json!({"title": "B"}))
            .await
            .unwrap()
            .id;
        trial_step(
            &env,
            &env.admin,
            Some(&id),
            TrialStep::Tinjau,
            json!({"reason": "lengkap"}),
        )
        .await
        .unwrap();
        env.app
            .take_step::<Trial, _>(
                &h,
                &boss,
                Some(&id),
                TrialStep::Setujui,
                &StepInput::default(),
            )
            .await
            .unwrap();
        let timeline = env.app.timeline(&env.admin, "trial", &id).await.unwrap();
        let steps: Vec<_> = timeline.iter().map(|e| e.step.as_str()).collect();
        assert_eq!(steps, ["ajukan", "tinjau", "setujui"]);
        assert_eq!(timeline[2].signature_valid, Some(true));
        assert_eq!(timeline[1].signature_valid, None);
        assert!(timeline[1].fields.iter().any(|f| f.field == "reason"));
        // Tampering with the signed document breaks the signature.
        let sql = "UPDATE case_events SET signed_json = REPLACE(signed_json, 'setujui', 'tolak') \
                   WHERE step = 'setujui'";
        simpul_store::testing::execute_raw(&env.store, sql)
            .await
            .unwrap();
        let timeline = env.app.timeline(&env.admin, "trial", &id).await.unwrap();
        assert_eq!(timeline[2].signature_valid, Some(false));
    }
}

#[tokio::test]
async fn the_outbox_delivers_each_notification_once_even_after_a_crash_before_marking() {
    for env in common::envs().await {
        let op = actor(&env, "operator.dinkes").await;
        trial_step(&env, &op, None, TrialStep::Ajukan, json!({"title": "C"}))
            .await
            .unwrap();
        let notes = "SELECT COUNT(*) FROM notifications WHERE kind = 'task.new'";
        let first = env.app.deliver_outbox().await.unwrap();
        assert_eq!(first.delivered, 1);
        assert_eq!(common::count(&env.store, notes).await, 1);
        let second = env.app.deliver_outbox().await.unwrap();
        assert_eq!(second.delivered, 0, "nothing left to deliver");
        // A worker that died after delivering and before marking: the row is pending again.
        let sql = "UPDATE outbox SET delivered_at = NULL, lease_until = NULL";
        simpul_store::testing::execute_raw(&env.store, sql)
            .await
            .unwrap();
        let again = env.app.deliver_outbox().await.unwrap();
        assert_eq!(again.delivered, 1, "the row is taken again");
        assert_eq!(
            common::count(&env.store, notes).await,
            1,
            "but not delivered twice"
        );
    }
}

#[tokio::test]
async fn a_bad_outbox_row_fails_alone_and_the_rest_of_its_batch_is_delivered() {
    for env in common::envs().await {
        let op = actor(&env, "operator.dinkes").await;
        trial_step(&env, &op, None, TrialStep::Ajukan, json!({"title": "C"}))
            .await
            .unwrap();
        // A row no worker can read, due before the good one (the same batch).
        let sql = "INSERT INTO outbox (id, region_id, kind, payload_json, created_at, next_attempt_at) \
                   VALUES ('0-bad', 'metro', 'notify', 'not json', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')";
        simpul_store::testing::execute_raw(&env.store, sql)
            .await
            .unwrap();
        let run = env.app.deliver_outbox().await.unwrap();
        assert_eq!((run.delivered, run.failed), (1, 1));
        let notes = "SELECT COUNT(*) FROM notifications WHERE kind = 'task.new'";
        assert_eq!(common::count(&env.store, notes).await, 1);
        let failed = "SELECT COUNT(*) FROM outbox WHERE id = '0-bad' \
                      AND delivered_at IS NULL AND last_error IS NOT NULL";
        assert_eq!(common::count(&env.store, failed).await, 1, "retried later");
    }
}
