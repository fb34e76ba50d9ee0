use std::fmt;
use std::str::FromStr;

/// The unique ASCII slug of an org unit, e.g. `xiangyang-village`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgCode(String);

/// Why a text is not an org code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid org code {0:?}: use 2–40 characters a–z, 0–9, '-' or '_', starting with a letter or digit"
)]
pub struct OrgCodeError(pub String);

impl OrgCode {
    /// Validates and lower-cases a code.
    pub fn parse(raw: &str) -> Result<OrgCode, OrgCodeError> {
        let code = raw.trim().to_ascii_lowercase();
        let valid = (2..=40).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            && code.as_bytes()[0].is_ascii_alphanumeric();
        if valid {
            Ok(OrgCode(code))
        } else {
            Err(OrgCodeError(raw.to_string()))
        }
    }

    /// The code as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The level of a unit in the tree: county → township → branch → group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgKind {
    /// 县
    County,
    /// 乡镇 / 街道
    Township,
    /// 村 / 社区 党支部
    Branch,
    /// 党小组
    Group,
}

impl OrgKind {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::County => "county",
            OrgKind::Township => "township",
            OrgKind::Branch => "branch",
            OrgKind::Group => "group",
        }
    }

    /// The kind a child of this kind has by default.
    pub fn default_child(parent: Option<OrgKind>) -> OrgKind {
        match parent {
            None => OrgKind::County,
            Some(OrgKind::County) => OrgKind::Township,
            Some(OrgKind::Township) => OrgKind::Branch,
            Some(OrgKind::Branch | OrgKind::Group) => OrgKind::Group,
        }
    }

    /// Whether a unit of this kind may sit under `parent` (None = at the top).
    pub fn may_be_child_of(self, parent: Option<OrgKind>) -> bool {
        match (parent, self) {
            (None, _) => true,
            (Some(OrgKind::Group), _) => false,
            (Some(p), c) => c > p,
        }
    }
}

impl FromStr for OrgKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "county" | "县" => Ok(OrgKind::County),
            "township" | "乡镇" | "街道" => Ok(OrgKind::Township),
            "branch" | "支部" => Ok(OrgKind::Branch),
            "group" | "党小组" => Ok(OrgKind::Group),
            _ => Err(format!(
                "unknown org kind {s:?} (county, township, branch or group)"
            )),
        }
    }
}

/// One unit of the org tree as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnit {
    /// Database id.
    pub id: i64,
    /// Unique slug.
    pub code: OrgCode,
    /// Display name, e.g. 向阳村党支部.
    pub name: String,
    /// Level in the tree.
    pub kind: OrgKind,
    /// Parent unit, none for the top.
    pub parent_id: Option<i64>,
    /// Materialised path of ids, `/1/4/9/`, so a subtree is a prefix match.
    pub path: String,
}

impl OrgUnit {
    /// Whether `other` is this unit or lies below it.
    pub fn covers(&self, other: &OrgUnit) -> bool {
        other.path.starts_with(&self.path)
    }
}

/// A role granted on a unit; it covers the unit's whole subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Branch secretary, deputy or contact person (支部书记 / 联系人).
    Secretary,
    /// County or township organiser (组织部 / 党委).
    Organizer,
}

impl Role {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretary => "secretary",
            Role::Organizer => "organizer",
        }
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "secretary" | "deputy" | "contact" => Ok(Role::Secretary),
            "organizer" | "organiser" => Ok(Role::Organizer),
            _ => Err(format!("unknown role {s:?} (secretary or organizer)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_lowercase_slugs() {
        assert_eq!(
            OrgCode::parse(" XiangYang-1 ").unwrap().as_str(),
            "xiangyang-1"
        );
        for bad in [
            "",
            "a",
            "向阳",
            "has space",
            "-lead",
            "x".repeat(41).as_str(),
        ] {
            assert!(OrgCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_nest_downwards() {
        assert!(OrgKind::Branch.may_be_child_of(Some(OrgKind::Township)));
        assert!(OrgKind::Branch.may_be_child_of(Some(OrgKind::County)));
        assert!(!OrgKind::Township.may_be_child_of(Some(OrgKind::Branch)));
        assert!(!OrgKind::Group.may_be_child_of(Some(OrgKind::Group)));
    }
}
