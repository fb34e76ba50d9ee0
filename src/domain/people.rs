use std::str::FromStr;

/// Where a member is in relation to their membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    /// Waiting for a secretary's approval.
    Pending,
    /// A member of the branch.
    Active,
    /// No longer a member of the branch.
    Left,
    /// Personal data erased at the member's request; records kept anonymously.
    Erased,
}

impl MemberStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Pending => "pending",
            MemberStatus::Active => "active",
            MemberStatus::Left => "left",
            MemberStatus::Erased => "erased",
        }
    }
}

impl FromStr for MemberStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(MemberStatus::Pending),
            "active" => Ok(MemberStatus::Active),
            "left" => Ok(MemberStatus::Left),
            "erased" => Ok(MemberStatus::Erased),
            _ => Err(format!("unknown member status {s:?}")),
        }
    }
}

/// Whether a member lives at home or works away (流动党员).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mobility {
    /// 在家
    Resident,
    /// 外出
    Mobile,
    /// 失联
    LostContact,
}

impl Mobility {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Mobility::Resident => "resident",
            Mobility::Mobile => "mobile",
            Mobility::LostContact => "lost",
        }
    }

    /// Reads the yes/no or word a roster uses for "works away": 是/否, 外出/在家, yes/no, 1/0.
    /// An empty cell is not an answer: the caller treats it as unknown.
    pub fn from_roster_cell(cell: &str) -> Option<Mobility> {
        match cell.trim().to_lowercase().as_str() {
            "否" | "在家" | "no" | "n" | "0" | "false" | "resident" | "×" => {
                Some(Mobility::Resident)
            }
            "是" | "外出" | "流动" | "yes" | "y" | "1" | "true" | "mobile" | "√" | "✓" => {
                Some(Mobility::Mobile)
            }
            "失联" | "lost" => Some(Mobility::LostContact),
            _ => None,
        }
    }
}

impl FromStr for Mobility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "resident" => Ok(Mobility::Resident),
            "mobile" => Ok(Mobility::Mobile),
            "lost" => Ok(Mobility::LostContact),
            _ => Err(format!("unknown mobility {s:?}")),
        }
    }
}

/// A member of a branch as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Database id.
    pub id: i64,
    /// Home branch (流出地).
    pub org_id: i64,
    /// Name; empty until the member or the roster gives it.
    pub name: String,
    /// Normalised phone, if known.
    pub phone: Option<super::Phone>,
    /// Linked Telegram account, once the member has joined through the bot.
    pub telegram_id: Option<i64>,
    /// Membership status.
    pub status: MemberStatus,
    /// At home, working away, or lost contact.
    pub mobility: Mobility,
    /// Whether the roster or the member has said so (else `mobility` is only a default).
    pub mobility_known: bool,
    /// Current city (city level only).
    pub city: Option<String>,
    /// Host organisation (流入地), free text.
    pub host_org: Option<String>,
    /// Skills, free text.
    pub skills: Option<String>,
    /// Whether Telegram still delivers to the member.
    pub reachable: bool,
}

impl Member {
    /// What the profile still lacks, in the order the bot asks for it. Skills are optional
    /// and asked once, until answered or skipped.
    pub fn questions(&self) -> Vec<ProfileField> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(ProfileField::Name);
        }
        if !self.mobility_known || self.mobility == Mobility::LostContact {
            out.push(ProfileField::Mobility);
        } else if self.lacks_city() {
            out.push(ProfileField::City);
        }
        if self.skills.is_none() {
            out.push(ProfileField::Skills);
        }
        out
    }

    /// Working away, but where is not known.
    pub fn lacks_city(&self) -> bool {
        self.mobility == Mobility::Mobile
            && self.city.as_deref().is_none_or(|c| c.trim().is_empty())
    }
}

/// A field of the profile that the member can fill in or edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProfileField {
    /// 姓名
    Name,
    /// 在家 / 外出
    Mobility,
    /// 所在城市
    City,
    /// 技能
    Skills,
}
