//! The API bodies of the SPBE evaluation: periods, answers, evidence and the views over them.

use crate::api::dto::response;
use simpul_app::evaluation::{self as views, Criterion, IndicatorView, ScoreView, Suggestion};
use simpul_app::kernel::timeline::TimelineEntry;
use simpul_domain::evaluation::{AnswerState, AnswerStep};
use simpul_store::evaluation as rows;

response! {
    /// A period with its indicator table and both scorecards.
    PeriodOverview from views::PeriodOverview {
        period: PeriodRow => crate::api::dto::one,
        framework_name: String,
        indicators: Vec<IndicatorView>,
        /// From the PDs' claimed levels.
        claimed: Option<ScoreView>,
        /// From the evaluator's validated levels.
        validated: Option<ScoreView>,
    }
}

response! {
    /// One indicator with the criteria of each level, its answer and evidence.
    IndicatorDetail from views::IndicatorDetail {
        indicator: IndicatorView,
        /// The criteria of levels 1..5.
        criteria: Vec<Criterion>,
        answer: Option<AnswerRow> => crate::api::dto::opt,
        evidence: Vec<EvidenceRow> => crate::api::dto::many,
        /// What the catalogue already holds that may support this indicator.
        suggested: Vec<Suggestion>,
        /// The workflow steps the viewer may take now (codes of `evaluation_answer`), from the
        /// kernel's `allowed_steps`: what the page shows forms and buttons for.
        #[schema(value_type = Vec<String>)] steps: Vec<AnswerStep>,
        /// The answer's history (workflow `evaluation_answer`, case `<period>/<indicator>`).
        timeline: Vec<TimelineEntry>,
    }
}

response! {
    /// One evaluation year of a region.
    PeriodRow from rows::PeriodRow {
        id: String,
        region: String,
        year: i64,
        /// Framework code, e.g. `spbe-2020`.
        framework: String,
        /// `terbuka` (in progress) or `arsip` (imported results of an earlier year).
        status: String,
        self_assessment_due: Option<String>,
        validation_due: Option<String>,
        imported: bool,
        created_at: String,
        updated_at: String,
    }
}

response! {
    /// An indicator's responsible PD.
    AssignmentRow from rows::AssignmentRow {
        indicator: i64,
        pd_id: String,
        pd_name: String,
    }
}

response! {
    /// The answer to one indicator: the PD's claim, the internal review, the evaluator's
    /// document assessment, interview and objection, and the final validated level.
    AnswerRow from rows::AnswerRow {
        period_id: String,
        indicator: i64,
        claimed_level: Option<i64>,
        explanation: Option<String>,
        submitted_by: Option<String>,
        submitted_at: Option<String>,
        /// Where the answer is in its workflow: `draf`, `diajukan`, `dikembalikan`, `diterima` or
        /// `divalidasi` (rows validated before the workflow kernel say `diterima` in the column
        /// and are read as `divalidasi`).
        #[schema(value_type = String)] review_status: AnswerState,
        reviewer_note: Option<String>,
        reviewed_by: Option<String>,
        reviewed_at: Option<String>,
        document_level: Option<i64>,
        interview_note: Option<String>,
        sanggah: Option<String>,
        sanggah_at: Option<String>,
        validated_level: Option<i64>,
        validated_by: Option<String>,
        validated_at: Option<String>,
        /// `ed25519:<public key hex>:<signature hex>`: the platform's Ed25519 signature over the
        /// canonical JSON of the final level, verifiable with the key published at
        /// `/.well-known/simpul-signing-key`.
        signature: Option<String>,
        updated_at: String,
    }
}

response! {
    /// An evidence file's metadata; the content is a blob addressed by `sha256`.
    EvidenceRow from rows::EvidenceRow {
        id: String,
        period_id: String,
        indicator: i64,
        title: String,
        filename: String,
        media_type: String,
        size_bytes: i64,
        sha256: String,
        uploaded_by: Option<String>,
        created_at: String,
    }
}
