//! Test data builder for findings: an open finding of a PD, inserted as the compliance
//! engine would record it. Defaults: rule APP-2 on an application "Aplikasi Vendor",
//! severity tinggi, recorded now.

use super::Server;
use simpul_domain::ids::RegionId;
use simpul_store::findings::{self, NewFinding};

pub struct OpenFinding {
    pd: String,
    rule: String,
    subject_name: String,
    detail_json: String,
    at: String,
}

/// An open finding of the PD with id `pd` in Kota Metro.
pub fn open_finding(pd: &str) -> OpenFinding {
    OpenFinding {
        pd: pd.to_owned(),
        rule: "APP-2".into(),
        subject_name: "Aplikasi Vendor".into(),
        detail_json: r#"{"key":"x","args":{}}"#.into(),
        at: simpul_domain::now_str(),
    }
}

impl OpenFinding {
    pub fn rule(mut self, rule: &str) -> Self {
        self.rule = rule.into();
        self
    }

    /// The name of the application the finding is about.
    pub fn subject(mut self, name: &str) -> Self {
        self.subject_name = name.into();
        self
    }

    pub fn detail(mut self, json: &str) -> Self {
        self.detail_json = json.into();
        self
    }

    /// When the engine recorded it.
    pub fn at(mut self, when: &str) -> Self {
        self.at = when.into();
        self
    }

    /// Inserts it and returns its id.
    pub async fn insert(self, s: &Server) -> String {
        let region = RegionId::parse("metro").unwrap();
        let id = uuid::Uuid::now_v7().to_string();
        let subject_id = uuid::Uuid::now_v7().to_string();
        let mut tx = s.app.store.begin().await.unwrap();
        findings::insert(
            &mut tx,
            &NewFinding {
                id: id.clone(),
                region: &region,
                rule: &self.rule,
                subject_kind: "application",
                subject_id: &subject_id,
                subject_name: &self.subject_name,
                pd: Some(self.pd.parse().unwrap()),
                severity: "tinggi",
                detail_json: self.detail_json,
                grace_until: None,
            },
            &self.at,
        )
        .await
        .unwrap();
        simpul_store::commit(tx).await.unwrap();
        id
    }
}
