//! The records and links of a region being generated, with their ids.

use super::rng::Rng;
use serde_json::{Map, Value};
use simpul_app::Result;
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId};
use simpul_store::bulk::{BulkLink, BulkRecord};
use std::collections::HashSet;

pub(super) struct Gen {
    pub(super) rng: Rng,
    pub(super) today: time::OffsetDateTime,
    pub(super) records: Vec<BulkRecord>,
    pub(super) links: Vec<BulkLink>,
    pub(super) seen: HashSet<(u32, u32)>,
    pub(super) millis: u64,
}

impl Gen {
    /// The next id: a UUID v7 one millisecond after the previous one.
    pub(super) fn id(&mut self) -> uuid::Uuid {
        self.millis += 1;
        self.rng.uuid(self.millis)
    }

    /// Validates and queues a record; returns its index.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record(
        &mut self,
        kind: EntityKind,
        pd: PdId,
        name: &str,
        code: Option<String>,
        status: &str,
        refc: Option<&str>,
        desc: Option<&str>,
        data: Value,
        retired: Option<String>,
    ) -> Result<usize> {
        let input = RecordInput {
            pd_id: pd.to_string(),
            name: name.to_owned(),
            code,
            status: status.to_owned(),
            ref_code: refc.map(str::to_owned),
            description: desc.map(str::to_owned),
            data: match data {
                Value::Object(m) => m,
                _ => Map::new(),
            },
        };
        let record = input.validate(kind)?;
        let updated = self.today - time::Duration::seconds(self.rng.below(3 * 365 * 86_400) as i64);
        let created = updated - time::Duration::seconds(self.rng.below(365 * 86_400) as i64);
        let id = RecordId(self.id());
        self.records.push(BulkRecord {
            id,
            kind,
            record,
            retired_reason: retired,
            created_at: simpul_domain::rfc3339(created),
            updated_at: simpul_domain::rfc3339(updated),
        });
        Ok(self.records.len() - 1)
    }

    /// Links `from` to `at_least + below(more)` targets picked at random (none when there
    /// are no targets; the random draws are the same either way).
    pub(super) fn link_random(
        &mut self,
        from: usize,
        targets: &[usize],
        at_least: usize,
        more: usize,
        relation: &'static str,
    ) {
        for _ in 0..at_least + self.rng.below(more) {
            if !targets.is_empty() {
                let t = *self.rng.pick(targets);
                self.link(from, t, relation);
            }
        }
    }

    /// Queues a link unless the pair is already linked.
    pub(super) fn link(&mut self, from: usize, to: usize, relation: &'static str) {
        if from != to && self.seen.insert((from as u32, to as u32)) {
            self.links.push(BulkLink {
                from: self.records[from].id,
                to: self.records[to].id,
                relation,
            });
        }
    }
}
