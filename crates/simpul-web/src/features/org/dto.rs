//! The API bodies of the organisation feature: the region profile, Perangkat Daerah and the
//! Tim Koordinasi SPBE.

use crate::api::dto::{closed, request, response};
use simpul_domain::ids::{PdId, RegionId, TimMemberId, UserId};
use simpul_domain::{org, region};
use simpul_store::regions;

closed! {
    /// Kind of Perangkat Daerah, as organised under PP 18/2016.
    PdKind = org::PdKind::ALL, org::PdKind::code;
    /// Position in the Tim Koordinasi SPBE (ORG-3: chaired by the Sekretaris Daerah).
    TimPosition = org::TimPosition::ALL, org::TimPosition::code;
    /// Kind of legal instrument that sets the region's SPBE rules.
    InstrumentKind = region::InstrumentKind::ALL, region::InstrumentKind::code;
}

response! {
    /// A region as stored: the pack's facts plus the fields an administrator maintains.
    RegionRow from regions::RegionRow {
        #[schema(value_type = String)] id: RegionId,
        name: String,
        kind: String,
        province: String,
        kode_wilayah: String,
        head_title: String,
        capital: String,
        official_domain: String,
        domain_article: Option<String>,
        instrument: Instrument => crate::api::dto::one,
        head_name: Option<String>,
        sekda_name: Option<String>,
        address: Option<String>,
        contact_email: Option<String>,
        tim_decree_ref: Option<String>,
        tim_decree_date: Option<String>,
        created_at: String,
        updated_at: String,
    }
}

response! {
    /// The legal instrument in force.
    #[serde(deny_unknown_fields)] Instrument from region::Instrument {
        #[schema(value_type = InstrumentKind)] kind: region::InstrumentKind,
        number: u32,
        year: u32,
        title: String,
        #[serde(default)] enacted_on: Option<String>,
        #[serde(default)] promulgated_on: Option<String>,
        #[serde(default)] gazette: Option<String>,
        seed: String,
        manager: String,
        manager_article: String,
    }
}

response! {
    /// A Perangkat Daerah as stored.
    PerangkatDaerah from org::PerangkatDaerah {
        #[schema(value_type = String)] id: PdId,
        #[schema(value_type = String)] region: RegionId,
        code: String,
        name: String,
        short_name: String,
        #[schema(value_type = PdKind)] kind: org::PdKind,
        head_name: Option<String>,
        head_title: Option<String>,
        tasks: Option<String>,
        is_kominfo: bool,
        is_planning: bool,
        is_inspectorate: bool,
        mandiri_tik: bool,
        retired_reason: Option<String>,
        created_at: String,
        updated_at: String,
    }
}

request! {
    /// Untrusted input for creating or editing a PD, as typed in a form or sent as JSON.
    PdInput into org::PdInput {
        code: String,
        name: String,
        short_name: String,
        kind: String,
        #[serde(default)] head_name: Option<String>,
        #[serde(default)] head_title: Option<String>,
        #[serde(default)] tasks: Option<String>,
        #[serde(default)] is_kominfo: bool,
        #[serde(default)] is_planning: bool,
        #[serde(default)] is_inspectorate: bool,
        #[serde(default)] mandiri_tik: bool,
    }
}

response! {
    /// A member of the Tim Koordinasi SPBE.
    TimMember from org::TimMember {
        #[schema(value_type = String)] id: TimMemberId,
        #[schema(value_type = String)] region: RegionId,
        person_name: String,
        #[schema(value_type = TimPosition)] position: org::TimPosition,
        office: String,
        #[schema(value_type = Option<String>)] pd_id: Option<PdId>,
        #[schema(value_type = Option<String>)] user_id: Option<UserId>,
        decree_ref: Option<String>,
        created_at: String,
    }
}

request! {
    /// Untrusted input for a Tim Koordinasi member.
    TimMemberInput into org::TimMemberInput {
        person_name: String,
        position: String,
        /// Office held, e.g. "Sekretaris Daerah" or "Kepala Dinas Kominfo".
        office: String,
        #[serde(default)] pd_id: Option<String>,
        #[serde(default)] decree_ref: Option<String>,
    }
}
