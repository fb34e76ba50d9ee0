//! Roster files (CSV or XLSX): reading, checking row by row, and importing all or nothing.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::domain::{Mobility, OrgUnit, Phone};
use crate::i18n::Text;
use crate::store::{ImportRow, ImportSummary, Store, StoreResult};

/// Largest roster file accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
const MAX_NAME: usize = 20;
const MAX_CITY: usize = 20;
const MAX_SKILLS: usize = 200;

/// Why a whole file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Neither CSV nor XLSX.
    Unsupported,
    /// Bigger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Cannot be parsed.
    Unreadable(String),
    /// The header has no name column.
    MissingNameColumn,
    /// No data rows.
    Empty,
}

impl FileProblem {
    /// The words for it.
    pub fn text(&self) -> Text {
        match self {
            FileProblem::Unsupported => Text::ImportUnsupported,
            FileProblem::TooLarge => Text::ImportTooLarge {
                max_mb: (MAX_FILE_BYTES / 1024 / 1024).into(),
            },
            FileProblem::Unreadable(reason) => Text::ImportBadFile {
                reason: reason.into(),
            },
            FileProblem::MissingNameColumn => Text::ImportMissingColumn,
            FileProblem::Empty => Text::ImportEmpty,
        }
    }
}

/// Why one row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// No name.
    MissingName,
    /// The phone cannot be read.
    BadPhone(String),
    /// The phone is also on an earlier row (its number).
    DuplicatePhone(usize),
    /// No phone, and the same name is on an earlier row without one (its number): two people
    /// of one name need their phones to be told apart.
    DuplicateName(usize),
    /// The phone belongs to a member of another unit (its name).
    PhoneElsewhere(String),
    /// The 外出 cell is not yes/no.
    BadMobile(String),
    /// A cell is too long (the column's header).
    CellTooLong(String),
}

impl RowProblem {
    /// The words for it.
    pub fn text(&self) -> Text {
        match self {
            RowProblem::MissingName => Text::ImportMissingName,
            RowProblem::BadPhone(v) => Text::ImportBadPhone { value: v.into() },
            RowProblem::DuplicatePhone(row) => Text::ImportDuplicatePhone { row: (*row).into() },
            RowProblem::DuplicateName(row) => Text::ImportDuplicateName { row: (*row).into() },
            RowProblem::PhoneElsewhere(org) => Text::ImportPhoneElsewhere { branch: org.into() },
            RowProblem::BadMobile(v) => Text::ImportBadMobile { value: v.into() },
            RowProblem::CellTooLong(col) => Text::ImportCellTooLong { column: col.into() },
        }
    }
}

/// A bad row: its number as a spreadsheet shows it (the header is row 1), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Row number.
    pub row: usize,
    /// What is wrong.
    pub problem: RowProblem,
}

/// A read and checked roster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// Good rows with their row numbers.
    pub rows: Vec<(usize, ImportRow)>,
    /// Bad rows.
    pub errors: Vec<RowError>,
}

impl Roster {
    /// Rows in the file that hold data.
    pub fn total(&self) -> usize {
        self.rows.len() + self.errors.len()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Phone,
    Mobile,
    City,
    Skills,
}

fn column_of(header: &str) -> Option<Column> {
    let h: String = header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match h.to_lowercase().as_str() {
        "姓名" | "名字" | "name" => Some(Column::Name),
        "手机" | "手机号" | "手机号码" | "电话" | "联系电话" | "phone" | "tel" => {
            Some(Column::Phone)
        }
        "外出" | "是否外出" | "流动党员" | "外出务工" | "mobile" => {
            Some(Column::Mobile)
        }
        "所在城市" | "城市" | "现居城市" | "务工城市" | "city" => Some(Column::City),
        "技能" | "技能特长" | "特长" | "skills" | "skill" => Some(Column::Skills),
        _ => None,
    }
}

/// Reads a CSV or XLSX roster and checks each row on its own.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Roster, FileProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let lower = file_name.to_lowercase();
    let table = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        csv_table(bytes)?
    } else if lower.ends_with(".xlsx") {
        xlsx_table(bytes)?
    } else {
        return Err(FileProblem::Unsupported);
    };
    check_rows(table)
}

/// Decodes UTF-8 (with or without BOM), or GBK as saved by Excel/WPS on Chinese systems.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Rows with the line number a spreadsheet would show (1-based).
type Table = Vec<(usize, Vec<String>)>;

fn csv_table(bytes: &[u8]) -> Result<Table, FileProblem> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            // The csv reader skips blank lines and its position points at them: step over
            // them, then count the lines before the record.
            r.map(|rec| {
                let line = rec.position().map_or(i + 1, |p| {
                    let bytes = text.as_bytes();
                    let mut start = (p.byte() as usize).min(bytes.len());
                    while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                        start += 1;
                    }
                    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
                });
                (line, rec.iter().map(str::to_string).collect())
            })
            .map_err(|e| FileProblem::Unreadable(e.to_string()))
        })
        .collect()
}

fn xlsx_table(bytes: &[u8]) -> Result<Table, FileProblem> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(FileProblem::Empty)?
        .map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| (first + i + 1, row.iter().map(cell_text).collect()))
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // Phone numbers typed into Excel become numbers: 13800138000, not 1.38e10.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        other => other.to_string(),
    }
}

fn check_rows(table: Table) -> Result<Roster, FileProblem> {
    let mut lines = table
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    // Village rosters often start with a title row ("XX村党员花名册"): the header is the first
    // of the first few rows that names the name column.
    let mut skipped = 0;
    let header = loop {
        let (_, row) = lines.next().ok_or(FileProblem::MissingNameColumn)?;
        if row.iter().any(|h| column_of(h) == Some(Column::Name)) {
            break row;
        }
        skipped += 1;
        if skipped == 5 {
            return Err(FileProblem::MissingNameColumn);
        }
    };
    let columns: Vec<(usize, Column, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| column_of(h).map(|c| (i, c, h.trim().to_string())))
        .collect();
    let mut roster = Roster::default();
    let mut seen_phones: HashMap<Phone, usize> = HashMap::new();
    let mut seen_phoneless: HashMap<String, usize> = HashMap::new();
    for (row_no, cells) in lines {
        let cell = |want: Column| -> (String, String) {
            columns
                .iter()
                .find(|(_, c, _)| *c == want)
                .map(|(i, _, h)| {
                    (
                        cells
                            .get(*i)
                            .map(|s| s.trim().to_string())
                            .unwrap_or_default(),
                        h.clone(),
                    )
                })
                .unwrap_or_default()
        };
        match check_row(&cell, &mut seen_phones, row_no) {
            Ok(row) if row.phone.is_none() => match seen_phoneless.get(&row.name) {
                Some(first) => roster.errors.push(RowError {
                    row: row_no,
                    problem: RowProblem::DuplicateName(*first),
                }),
                None => {
                    seen_phoneless.insert(row.name.clone(), row_no);
                    roster.rows.push((row_no, row));
                }
            },
            Ok(row) => roster.rows.push((row_no, row)),
            Err(problem) => roster.errors.push(RowError {
                row: row_no,
                problem,
            }),
        }
    }
    if roster.total() == 0 {
        return Err(FileProblem::Empty);
    }
    Ok(roster)
}

fn check_row(
    cell: &dyn Fn(Column) -> (String, String),
    seen_phones: &mut HashMap<Phone, usize>,
    row_no: usize,
) -> Result<ImportRow, RowProblem> {
    let (name, name_header) = cell(Column::Name);
    if name.is_empty() {
        return Err(RowProblem::MissingName);
    }
    if name.chars().count() > MAX_NAME {
        return Err(RowProblem::CellTooLong(name_header));
    }
    let (phone_text, _) = cell(Column::Phone);
    let phone = if phone_text.is_empty() {
        None
    } else {
        let phone =
            Phone::parse(&phone_text).map_err(|_| RowProblem::BadPhone(phone_text.clone()))?;
        if let Some(first) = seen_phones.get(&phone) {
            return Err(RowProblem::DuplicatePhone(*first));
        }
        seen_phones.insert(phone.clone(), row_no);
        Some(phone)
    };
    let (mobile_text, _) = cell(Column::Mobile);
    let mobility = if mobile_text.is_empty() {
        None
    } else {
        Some(Mobility::from_roster_cell(&mobile_text).ok_or(RowProblem::BadMobile(mobile_text))?)
    };
    let optional = |col: Column, max: usize| -> Result<Option<String>, RowProblem> {
        let (value, header) = cell(col);
        if value.chars().count() > max {
            Err(RowProblem::CellTooLong(header))
        } else {
            Ok(Some(value).filter(|v| !v.is_empty()))
        }
    };
    Ok(ImportRow {
        name,
        phone,
        mobility,
        city: optional(Column::City, MAX_CITY)?,
        skills: optional(Column::Skills, MAX_SKILLS)?,
    })
}

/// Adds the problems only the database can see: phones that belong to another unit.
pub async fn check_against_store(
    store: &Store,
    org: &OrgUnit,
    roster: &mut Roster,
) -> StoreResult<()> {
    let phones: Vec<&Phone> = roster
        .rows
        .iter()
        .filter_map(|(_, r)| r.phone.as_ref())
        .collect();
    let elsewhere: HashMap<Phone, String> = store
        .phones_elsewhere(org.id, &phones)
        .await?
        .into_iter()
        .collect();
    if elsewhere.is_empty() {
        return Ok(());
    }
    let rows = std::mem::take(&mut roster.rows);
    for (row_no, row) in rows {
        match row.phone.as_ref().and_then(|p| elsewhere.get(p)) {
            Some(unit) => roster.errors.push(RowError {
                row: row_no,
                problem: RowProblem::PhoneElsewhere(unit.clone()),
            }),
            None => roster.rows.push((row_no, row)),
        }
    }
    roster.errors.sort_by_key(|e| e.row);
    Ok(())
}

/// Imports the good rows in one transaction (or, with `dry_run`, counts what it would do).
pub async fn import(
    store: &Store,
    org: &OrgUnit,
    roster: &Roster,
    now: i64,
    dry_run: bool,
    progress: impl FnMut(usize),
) -> StoreResult<ImportSummary> {
    let rows: Vec<ImportRow> = roster.rows.iter().map(|(_, r)| r.clone()).collect();
    store
        .import_members(org.id, &rows, now, dry_run, progress)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_headers_and_reports_each_bad_row() {
        let csv = "姓名,手机,外出,所在城市,技能\n张三,138 0013 8000,是,深圳,电工\n,13900139000,否,,\n李四,12345,否,,\n王五,+86 13800138000,否,,\n赵六,13700137000,也许,,\n\n钱七,,否,,\n";
        let roster = read("名册.csv", csv.as_bytes()).unwrap();
        assert_eq!(roster.rows.len(), 2);
        assert_eq!(
            roster.rows[0].1.phone.as_ref().unwrap().as_str(),
            "13800138000"
        );
        assert_eq!(roster.rows[0].1.mobility, Some(Mobility::Mobile));
        assert_eq!(
            roster.rows[1],
            (
                8,
                ImportRow {
                    name: "钱七".into(),
                    phone: None,
                    mobility: Some(Mobility::Resident),
                    city: None,
                    skills: None
                }
            )
        );
        let problems: Vec<_> = roster
            .errors
            .iter()
            .map(|e| (e.row, e.problem.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (3, RowProblem::MissingName),
                (4, RowProblem::BadPhone("12345".into())),
                (5, RowProblem::DuplicatePhone(2)),
                (6, RowProblem::BadMobile("也许".into())),
            ]
        );
    }

    #[test]
    fn reads_gbk_csv_with_english_headers() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("Name,Phone,Mobile,City\n张三,13800138000,yes,广州\n");
        let roster = read("roster.CSV", &gbk).unwrap();
        assert_eq!(roster.rows[0].1.name, "张三");
        assert_eq!(roster.rows[0].1.city.as_deref(), Some("广州"));
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(read("x.pdf", b"%PDF"), Err(FileProblem::Unsupported));
        assert_eq!(
            read("x.csv", "手机,城市\n13800138000,深圳\n".as_bytes()),
            Err(FileProblem::MissingNameColumn)
        );
        assert_eq!(
            read("x.csv", "姓名,手机\n".as_bytes()),
            Err(FileProblem::Empty)
        );
        assert!(matches!(
            read("x.xlsx", b"not a zip"),
            Err(FileProblem::Unreadable(_))
        ));
        assert_eq!(read("x.csv", b""), Err(FileProblem::MissingNameColumn));
        let titled = read(
            "x.csv",
            "向阳村党员花名册,,\n姓名,手机\n张三,13800138000\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (titled.rows[0].0, titled.rows[0].1.name.as_str()),
            (3, "张三")
        );
    }
}
