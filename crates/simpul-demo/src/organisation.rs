//! The organisation part of the Kota Metro demo (Perda 8/2019): its Perangkat Daerah
//! (`metro-pd.toml`), one account per role (`accounts.toml`), the Tim Koordinasi SPBE and the
//! region profile (`organisation.toml`), all seeded through the use cases as the system actor
//! `demo`.

use crate::data;
use simpul_app::org::region::RegionInput;
use simpul_app::{Actor, App, Result};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::TimMemberInput;
use simpul_domain::user::UserInput;
use std::collections::HashMap;

/// Creates Metro's PDs, accounts and Tim Koordinasi and fills in its region profile.
pub async fn seed_organisation(app: &App, sys: &Actor, metro: &RegionId) -> Result<()> {
    let mut by_code: HashMap<String, PdId> = HashMap::new();
    for input in &data::pds()? {
        let pd = app.create_pd(sys, input).await?;
        by_code.insert(pd.code.clone(), pd.id);
    }
    let pd = |code: &Option<String>| {
        code.as_deref()
            .and_then(|c| by_code.get(c))
            .map(|p| p.to_string())
    };
    let accounts = data::accounts()?;
    for a in &accounts.account {
        let input = UserInput {
            username: a.username.clone(),
            full_name: a.full_name.clone(),
            email: Some(format!("{}@{}", a.username, accounts.email_domain)),
            role: a.role.clone(),
            pd_id: pd(&a.pd),
            active: true,
        };
        app.create_user(sys, &input, &accounts.password).await?;
    }
    let org = data::organisation()?;
    for m in &org.tim.member {
        let input = TimMemberInput {
            person_name: m.person_name.clone(),
            position: m.position.clone(),
            office: m.office.clone(),
            pd_id: pd(&m.pd),
            decree_ref: Some(org.tim.decree_ref.clone()),
        };
        app.add_tim_member(sys, &input).await?;
    }
    let region = app.region(metro).await?;
    let mut input = RegionInput::from_row(&region);
    input.head_name = Some(org.region.head_name);
    input.sekda_name = Some(org.region.sekda_name);
    input.address = Some(org.region.address);
    input.contact_email = Some(org.region.contact_email);
    input.tim_decree_ref = Some(org.tim.decree_ref);
    input.tim_decree_date = Some(org.tim.decree_date);
    app.update_region(sys, &input).await?;
    Ok(())
}
