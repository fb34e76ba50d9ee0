//! Who may do what: roles cover the subtree of the unit they are granted on.

use crate::domain::{Member, MemberStatus, OrgCode, OrgKind, OrgUnit, Role};
use crate::i18n::Text;
use crate::store::{Store, StoreResult};

/// The roles a person holds.
#[derive(Debug, Clone, Default)]
pub struct Staff {
    /// Each role with its unit.
    pub roles: Vec<(Role, OrgUnit)>,
}

/// The outcome of choosing the branch a command is about.
#[derive(Debug, Clone)]
pub enum Pick {
    /// Exactly one branch.
    One(OrgUnit),
    /// Several: the person must choose.
    Choose(Vec<OrgUnit>),
    /// Cannot: why.
    Refused(Text),
}

impl Staff {
    /// Loads a person's roles.
    pub async fn of(store: &Store, telegram_id: i64) -> StoreResult<Staff> {
        Ok(Staff {
            roles: store.roles_of(telegram_id).await?,
        })
    }

    /// Holds any role.
    pub fn is_staff(&self) -> bool {
        !self.roles.is_empty()
    }

    /// Holds a role on this unit or above it.
    pub fn covers(&self, unit: &OrgUnit) -> bool {
        self.roles.iter().any(|(_, r)| r.covers(unit))
    }

    /// The highest units the person holds a role on: none of them lies below another.
    pub fn top_units(&self) -> Vec<OrgUnit> {
        let mut units: Vec<OrgUnit> = Vec::new();
        for (_, unit) in &self.roles {
            if !units.iter().any(|u| u.covers(unit)) {
                units.retain(|u| !unit.covers(u));
                units.push(unit.clone());
            }
        }
        units
    }

    /// The units a staff command is about: the one whose code was typed (if the person covers
    /// it), or else the person's highest units. `Err` is why not.
    pub async fn units_for(
        &self,
        store: &Store,
        code: Option<&str>,
    ) -> StoreResult<Result<Vec<OrgUnit>, Text>> {
        let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
            return Ok(Ok(self.top_units()));
        };
        let unit = match OrgCode::parse(code) {
            Ok(c) => store.org_by_code(&c).await?,
            Err(_) => None,
        };
        Ok(match unit {
            None => Err(Text::UnknownOrg { code: code.into() }),
            Some(u) if !self.covers(&u) => Err(Text::OrgNotInScope { code: code.into() }),
            Some(u) => Ok(vec![u]),
        })
    }

    /// Every branch within the person's units, each once, in tree order.
    pub async fn branches(&self, store: &Store) -> StoreResult<Vec<OrgUnit>> {
        let mut out: Vec<OrgUnit> = Vec::new();
        for (_, unit) in &self.roles {
            for u in store.subtree(unit).await? {
                if u.kind == OrgKind::Branch && !out.iter().any(|o| o.id == u.id) {
                    out.push(u);
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Chooses the branch a command is about, from an optional code typed after it.
    pub async fn pick_branch(&self, store: &Store, arg: &str) -> StoreResult<Pick> {
        if !self.is_staff() {
            return Ok(Pick::Refused(Text::SecretaryOnly));
        }
        let arg = arg.trim();
        if !arg.is_empty() {
            let Some(unit) = (match OrgCode::parse(arg) {
                Ok(code) => store.org_by_code(&code).await?,
                Err(_) => None,
            }) else {
                return Ok(Pick::Refused(Text::UnknownOrg { code: arg.into() }));
            };
            if !self.covers(&unit) {
                return Ok(Pick::Refused(Text::OrgNotInScope { code: arg.into() }));
            }
            match unit.kind {
                OrgKind::Branch => return Ok(Pick::One(unit)),
                // A 党小组 belongs to its branch: members' home is the branch.
                OrgKind::Group => {
                    let mut branch = unit;
                    while branch.kind == OrgKind::Group {
                        let Some(parent) = branch.parent_id else {
                            break;
                        };
                        branch = store.org(parent).await?;
                    }
                    return Ok(if branch.kind == OrgKind::Branch {
                        Pick::One(branch)
                    } else {
                        Pick::Refused(Text::NoBranches)
                    });
                }
                OrgKind::County | OrgKind::Township => {}
            }
            let under = Staff {
                roles: vec![(Role::Secretary, unit)],
            };
            return Ok(match under.branches(store).await? {
                b if b.is_empty() => Pick::Refused(Text::NoBranches),
                mut b if b.len() == 1 => Pick::One(b.remove(0)),
                b => Pick::Choose(b),
            });
        }
        Ok(match self.branches(store).await? {
            b if b.is_empty() => Pick::Refused(Text::NoBranches),
            mut b if b.len() == 1 => Pick::One(b.remove(0)),
            b => Pick::Choose(b),
        })
    }
}

/// The active membership of a Telegram account (not a pending request, not someone who left).
pub async fn active_member(store: &Store, telegram_id: i64) -> StoreResult<Option<Member>> {
    Ok(store
        .member_by_telegram(telegram_id)
        .await?
        .filter(|m| m.status == MemberStatus::Active))
}
