//! The answer workflow of one indicator on the workflow kernel ([`EvaluationAnswer`]): claim
//! and submit (PD operator), return or accept (internal assessor), document assessment and
//! interview, objection (sanggah), final validated level with its signature (evaluator). The
//! kernel authorizes each step from the definition, records it in the case's history and
//! audits it; this handler keeps the rules the definition cannot express: the claimed level's
//! range, "submit needs a claim", "sanggah and validate need a document assessment", and
//! imported (archived) periods refusing everything. The case id is `<period id>/<indicator>`.

use super::{framework_of, period};
use crate::kernel::cases::{CaseSource, CaseSummary, Within};
use crate::kernel::step::refused;
use crate::kernel::{Applied, FieldChange, Handler, Loaded, StepInput, Uow};
use crate::{Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::evaluation::{AnswerState, AnswerStep, EvaluationAnswer, Level};
use simpul_domain::ids::{EvaluationId, PdId, RegionId};
use simpul_domain::text::{optional, required};
use simpul_domain::workflow::{check, CaseHead, Code, Refusal, Workflow};
use simpul_domain::{FieldError, Invalid};
use simpul_store::evaluation::{self as store, AnswerRow, PeriodRow};
use simpul_store::Conn;

/// One step of the workflow, as posted by a form or the API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// PD operator: the claimed level (1..5) and its explanation; keeps the answer a draft.
    Claim {
        #[schema(minimum = 1, maximum = 5)]
        level: i64,
        explanation: String,
    },
    /// PD operator: hand the claim to the internal assessor.
    Submit,
    /// Internal assessor: send back to the PD with a note.
    Return { note: String },
    /// Internal assessor: accept the claim for validation.
    Accept {
        #[serde(default)]
        note: Option<String>,
    },
    /// Evaluator: the level the documents support, and the interview notes.
    Assess {
        #[schema(minimum = 1, maximum = 5)]
        document_level: i64,
        #[serde(default)]
        interview_note: Option<String>,
    },
    /// PD operator: an objection to the document assessment.
    Sanggah { text: String },
    /// Evaluator: the final validated level (signed; cannot be changed afterwards).
    Validate {
        #[schema(minimum = 1, maximum = 5)]
        level: i64,
    },
}

impl Step {
    /// The workflow step this is.
    pub fn kind(&self) -> AnswerStep {
        match self {
            Step::Claim { .. } => AnswerStep::Claim,
            Step::Submit => AnswerStep::Submit,
            Step::Return { .. } => AnswerStep::Return,
            Step::Accept { .. } => AnswerStep::Accept,
            Step::Assess { .. } => AnswerStep::Assess,
            Step::Sanggah { .. } => AnswerStep::Sanggah,
            Step::Validate { .. } => AnswerStep::Validate,
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The kernel's input: the step's fields by name; the reviewer's note and the objection
    /// are also the history's comment.
    fn input(&self) -> StepInput {
        let mut fields = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        fields.remove("step");
        let comment = match self {
            Step::Return { note } => Some(note.clone()),
            Step::Accept { note } => note.clone(),
            Step::Sanggah { text } => Some(text.clone()),
            _ => None,
        };
        StepInput {
            comment,
            fields,
            documents: Vec::new(),
        }
    }
}

/// A level 1..5, else "Tingkat harus 1 sampai 5." on `field`.
pub(crate) fn level(field: &str, n: i64) -> Result<i64> {
    u8::try_from(n)
        .ok()
        .and_then(|n| Level::new(n).ok())
        .map(|l| i64::from(l.get()))
        .ok_or_else(|| Invalid(vec![FieldError::new(field, "level_range")]).into())
}

fn rule(code: &'static str) -> AppError {
    AppError::Rule(FieldError::new("status", code))
}

fn invalid(e: FieldError) -> AppError {
    Invalid(vec![e]).into()
}

/// The case id of indicator `n` of period `period`.
pub fn case_id(period: &str, n: u16) -> String {
    format!("{period}/{n}")
}

fn parse_case(id: &str) -> Option<(EvaluationId, u16)> {
    let (p, n) = id.split_once('/')?;
    Some((p.parse().ok()?, n.parse().ok()?))
}

/// The PD indicator `n` is assigned to: the case's PD.
async fn assigned_pd(conn: &mut Conn, period: &str, n: u16) -> Result<Option<PdId>> {
    Ok(store::assignments(conn, period)
        .await?
        .into_iter()
        .find(|a| a.indicator == i64::from(n))
        .and_then(|a| a.pd_id.parse().ok()))
}

/// The case head of an answer (none yet: a draft).
fn head(answer: Option<&AnswerRow>, pd: Option<PdId>) -> CaseHead<AnswerState> {
    CaseHead {
        state: Some(answer.map_or(AnswerState::Draf, |a| a.review_status)),
        pd,
        assignee: None,
    }
}

/// Whether the answer has what `step` needs beyond its state (the handler's own guards
/// that a button can know of in advance).
pub(crate) fn ready(step: AnswerStep, answer: Option<&AnswerRow>) -> bool {
    match step {
        AnswerStep::Sanggah | AnswerStep::Validate => {
            answer.is_some_and(|a| a.document_level.is_some())
        }
        _ => true,
    }
}

/// The canonical document of a final level (sorted keys, no spaces when serialised).
pub fn final_level_document(p: &PeriodRow, a: &AnswerRow) -> serde_json::Value {
    let canonical: std::collections::BTreeMap<&str, serde_json::Value> = [
        ("framework", p.framework.clone().into()),
        ("indicator", a.indicator.into()),
        ("period", p.id.clone().into()),
        ("region", p.region.clone().into()),
        ("validated_at", a.validated_at.clone().into()),
        ("validated_by", a.validated_by.clone().into()),
        ("validated_level", a.validated_level.into()),
        ("year", p.year.into()),
    ]
    .into_iter()
    .collect();
    serde_json::to_value(canonical).unwrap_or_default()
}

/// `ed25519:<public key hex>:<signature hex>`: the platform's Ed25519 signature over the
/// canonical JSON of the final level ([`final_level_document`]), verifiable offline with the
/// key published at `/.well-known/simpul-signing-key`.
pub fn signature(
    p: &PeriodRow,
    a: &AnswerRow,
    key: &simpul_domain::signing::PlatformKey,
) -> String {
    let signed = key.sign(&final_level_document(p, a));
    format!("ed25519:{}:{}", signed.public_key, signed.signature)
}

/// The answer workflow's persistence: the `evaluation_answers` row.
pub(crate) struct AnswerHandler;

impl Handler<EvaluationAnswer> for AnswerHandler {
    const ENTITY: &'static str = "evaluation";
    const LABEL: &'static str = "Evaluasi SPBE";

    async fn load(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<Loaded<EvaluationAnswer>>> {
        Ok(answer_case(conn, region, id).await?.map(|c| Loaded {
            id: c.id,
            head: c.head,
            data: c.data,
        }))
    }

    async fn apply(
        &self,
        uow: &mut Uow,
        app: &App,
        case: Option<&Loaded<EvaluationAnswer>>,
        step: AnswerStep,
        to: AnswerState,
        input: &StepInput,
    ) -> Result<Applied> {
        let case = case.ok_or(AppError::NotFound)?;
        let (pid, n) = parse_case(&case.id).ok_or(AppError::NotFound)?;
        let actor = uow.actor().clone();
        let p = period(uow.conn(), &actor, pid).await?;
        if p.imported {
            return Err(rule("eval_archived"));
        }
        let before = store::get_answer(uow.conn(), &p.id, i64::from(n)).await?;
        let mut a = before.clone().unwrap_or_else(|| AnswerRow {
            period_id: p.id.clone(),
            indicator: i64::from(n),
            ..AnswerRow::default()
        });
        let now = uow.now().to_owned();
        let who = Some(actor.username().to_owned());
        let text = |name: &str| input.text(name).unwrap_or_default();
        let int = |name: &str| input.int(name).unwrap_or(0);
        let mut signed = None;
        match step {
            AnswerStep::Claim => {
                let l = level("level", int("level"))?;
                let e =
                    required("explanation", &text("explanation"), 5000, true).map_err(invalid)?;
                a.claimed_level = Some(l);
                a.explanation = Some(e);
            }
            AnswerStep::Submit => {
                if a.claimed_level.is_none() {
                    return Err(AppError::Rule(FieldError::new("level", "eval_no_claim")));
                }
                (a.submitted_by, a.submitted_at) = (who, Some(now.clone()));
            }
            AnswerStep::Return => {
                let note = required("note", &text("note"), 2000, true).map_err(invalid)?;
                a.reviewer_note = Some(note);
                (a.reviewed_by, a.reviewed_at) = (who, Some(now.clone()));
            }
            AnswerStep::Accept => {
                a.reviewer_note =
                    optional("note", input.text("note").as_deref(), 2000, true).map_err(invalid)?;
                (a.reviewed_by, a.reviewed_at) = (who, Some(now.clone()));
            }
            AnswerStep::Assess => {
                a.document_level = Some(level("document_level", int("document_level"))?);
                a.interview_note = optional(
                    "interview_note",
                    input.text("interview_note").as_deref(),
                    5000,
                    true,
                )
                .map_err(invalid)?;
            }
            AnswerStep::Sanggah => {
                if a.document_level.is_none() {
                    return Err(rule("eval_no_assessment"));
                }
                a.sanggah = Some(required("text", &text("text"), 5000, true).map_err(invalid)?);
                a.sanggah_at = Some(now.clone());
            }
            AnswerStep::Validate => {
                if a.document_level.is_none() {
                    return Err(rule("eval_no_assessment"));
                }
                a.validated_level = Some(level("level", int("level"))?);
                (a.validated_by, a.validated_at) = (who, Some(now.clone()));
                let key = app.platform_key()?;
                let sig = signature(&p, &a, &key);
                let doc = simpul_domain::signing::canonical_json(&final_level_document(&p, &a));
                a.signature = Some(sig.clone());
                signed = Some((doc, sig));
            }
        }
        a.review_status = to;
        a.updated_at = now;
        store::put_answer(uow.conn(), &a).await?;
        let data = serde_json::to_value(&a).unwrap_or_default();
        Ok(Applied {
            id: case.id.clone(),
            fields: changes(&case.data, &data),
            data,
            pd: case.head.pd,
            assignee: None,
            signature: signed,
            title: format!("Indikator {n} · Evaluasi SPBE {}", p.year),
            link: format!("/evaluasi/{}/indikator/{n}", p.id),
        })
    }

    /// The audit actions the evaluation always had: `evaluation.<step>`.
    fn audit_action(&self, step: AnswerStep) -> String {
        format!("evaluation.{}", step.code())
    }
}

/// The answer's fields the step changed (not the bookkeeping `updated_at`).
fn changes(before: &serde_json::Value, after: &serde_json::Value) -> Vec<FieldChange> {
    let Some(after) = after.as_object() else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "updated_at" | "period_id" | "indicator"))
        .filter_map(|(k, v)| {
            let old = before.get(k).cloned().unwrap_or(serde_json::Value::Null);
            (old != *v).then(|| FieldChange {
                field: k.clone(),
                before: old,
                after: v.clone(),
            })
        })
        .collect()
}

impl App {
    /// Applies one workflow step to indicator `n` of period `id`, through the kernel.
    pub async fn evaluation_step(
        &self,
        actor: &Actor,
        id: EvaluationId,
        n: u16,
        step: &Step,
    ) -> Result<AnswerRow> {
        let case = case_id(&id.to_string(), n);
        let out = self
            .take_step::<EvaluationAnswer, _>(
                &AnswerHandler,
                actor,
                Some(&case),
                step.kind(),
                &step.input(),
            )
            .await?;
        serde_json::from_value(out.data)
            .map_err(|e| AppError::Internal(format!("answer {case}: {e}")))
    }

    /// The steps `actor` may take now on indicator `n` of `p` (none in an imported period,
    /// and sanggah or validate only once a document assessment is recorded).
    pub(crate) async fn evaluation_steps(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        p: &PeriodRow,
        n: u16,
        answer: Option<&AnswerRow>,
    ) -> Result<Vec<AnswerStep>> {
        if p.imported {
            return Ok(Vec::new());
        }
        let cfg = self
            .workflow_config(conn, actor.region(), EvaluationAnswer::CODE)
            .await?;
        let pd = assigned_pd(conn, &p.id, n).await?;
        Ok(simpul_domain::workflow::allowed_steps::<EvaluationAnswer>(
            &head(answer, pd),
            &actor.taker(),
            &cfg,
        )
        .into_iter()
        .filter(|s| ready(*s, answer))
        .collect())
    }

    /// Whether `actor` may attach evidence to indicator `n` of `p`: whoever may claim it now
    /// (else 403 for anyone but the assigned PD's operator, "locked" once submitted).
    pub(crate) async fn may_attach_evidence(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        p: &PeriodRow,
        n: u16,
    ) -> Result<()> {
        let cfg = self
            .workflow_config(conn, actor.region(), EvaluationAnswer::CODE)
            .await?;
        let pd = assigned_pd(conn, &p.id, n).await?;
        let answer = store::get_answer(conn, &p.id, i64::from(n)).await?;
        let case = head(answer.as_ref(), pd);
        match check::<EvaluationAnswer>(&case, &actor.taker(), AnswerStep::Claim, &cfg) {
            Ok(_) if !p.imported => Ok(()),
            Ok(_) | Err(Refusal::WrongState) => Err(rule("eval_locked")),
            Err(r) => Err(refused(r)),
        }
    }
}

/// One answer case as the case API and the task list read it.
fn summary(
    p: &PeriodRow,
    n: u16,
    pd: Option<PdId>,
    answer: Option<&AnswerRow>,
) -> CaseSummary<EvaluationAnswer> {
    CaseSummary {
        id: case_id(&p.id, n),
        head: head(answer, pd),
        title: format!("Indikator {n} · Evaluasi SPBE {}", p.year),
        state_since: answer.map_or_else(|| p.created_at.clone(), |a| a.updated_at.clone()),
        data: serde_json::to_value(answer).unwrap_or_default(),
    }
}

/// Case `id` (`<period>/<indicator>`) of the region: `None` for a malformed id, a period of
/// another region or an indicator its framework lacks.
async fn answer_case(
    conn: &mut Conn,
    region: &RegionId,
    id: &str,
) -> Result<Option<CaseSummary<EvaluationAnswer>>> {
    let Some((pid, n)) = parse_case(id) else {
        return Ok(None);
    };
    let Some(p) = store::get_period(conn, region, pid).await? else {
        return Ok(None);
    };
    if framework_of(&p)?.indicator(n).is_none() {
        return Ok(None);
    }
    let pd = assigned_pd(conn, &p.id, n).await?;
    let answer = store::get_answer(conn, &p.id, i64::from(n)).await?;
    Ok(Some(summary(&p, n, pd, answer.as_ref())))
}

/// The `evaluation_answers` of the region's periods as the case API and the task list read
/// them: a case per assigned or answered indicator of a period that is not an archive.
impl CaseSource<EvaluationAnswer> for AnswerHandler {
    async fn summary(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<CaseSummary<EvaluationAnswer>>> {
        answer_case(conn, region, id).await
    }

    async fn in_states(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        states: &[AnswerState],
        scope: Within,
        limit: i64,
    ) -> Result<(Vec<CaseSummary<EvaluationAnswer>>, i64)> {
        let all = answer_cases(conn, region, scope).await?;
        Ok(first(all.into_iter().filter(|c| in_any(c, states)), limit))
    }

    /// Every answer is read once for all the states (an answer's state is in its row).
    async fn each_state(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        states: &[AnswerState],
        scope: Within,
        limit: i64,
    ) -> Result<Vec<(Vec<CaseSummary<EvaluationAnswer>>, i64)>> {
        let mut rest = answer_cases(conn, region, scope).await?;
        Ok(states
            .iter()
            .map(|s| {
                let one = std::slice::from_ref(s);
                let mine;
                (mine, rest) = std::mem::take(&mut rest)
                    .into_iter()
                    .partition(|c| in_any(c, one));
                first(mine.into_iter(), limit)
            })
            .collect())
    }
}

fn in_any(c: &CaseSummary<EvaluationAnswer>, states: &[AnswerState]) -> bool {
    c.head.state.is_some_and(|s| states.contains(&s))
}

/// The first `limit` of `cases`, longest in their state first, and how many there are.
fn first(
    cases: impl Iterator<Item = CaseSummary<EvaluationAnswer>>,
    limit: i64,
) -> (Vec<CaseSummary<EvaluationAnswer>>, i64) {
    let mut items: Vec<_> = cases.collect();
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    items.sort_by(|a, b| a.state_since.cmp(&b.state_since));
    items.truncate(usize::try_from(limit).unwrap_or(0));
    (items, total)
}

/// The answer cases of the region's periods that are not archives (of one PD with
/// `Within::Pd`): a case per assigned or answered indicator. Answers are never assigned to a
/// person, so `Within::Assignee` finds none.
async fn answer_cases(
    conn: &mut Conn,
    region: &RegionId,
    scope: Within,
) -> Result<Vec<CaseSummary<EvaluationAnswer>>> {
    let pd_only = match scope {
        Within::All => None,
        Within::Pd(p) => Some(p),
        Within::Assignee(_) => return Ok(Vec::new()),
    };
    let mut items = Vec::new();
    for p in store::periods(conn, region).await? {
        if p.imported {
            continue;
        }
        let mut cases: std::collections::BTreeMap<u16, (Option<PdId>, Option<AnswerRow>)> =
            Default::default();
        for a in store::assignments(conn, &p.id).await? {
            if let Ok(n) = u16::try_from(a.indicator) {
                cases.entry(n).or_default().0 = a.pd_id.parse().ok();
            }
        }
        for a in store::answers(conn, &p.id).await? {
            if let Ok(n) = u16::try_from(a.indicator) {
                cases.entry(n).or_default().1 = Some(a);
            }
        }
        items.extend(
            cases
                .iter()
                .map(|(n, (pd, a))| summary(&p, *n, *pd, a.as_ref()))
                .filter(|c| pd_only.is_none() || c.head.pd == pd_only),
        );
    }
    Ok(items)
}
