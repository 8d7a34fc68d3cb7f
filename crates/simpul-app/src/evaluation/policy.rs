//! Who may manage SPBE evaluation periods.

use crate::platform::policy::{allow, is_admin};
use crate::{Actor, Result};

/// Open an SPBE evaluation period, assign its indicators to PDs, import earlier years'
/// results: the Dinas Kominfo administrator (who coordinates the evaluation).
pub fn manage_evaluation(a: &Actor) -> Result<()> {
    allow(is_admin(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::policy::test_actor as actor;
    use simpul_domain::user::Role;

    #[test]
    fn only_the_kominfo_administrator_manages_evaluation_periods() {
        for role in Role::ALL {
            let a = actor(role, None);
            assert_eq!(manage_evaluation(&a).is_ok(), role == Role::AdminKominfo);
        }
    }
}
