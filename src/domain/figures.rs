//! The figures managers take to their board: totals, breakdowns by group, disproportionality (each
//! group's rate beside its share of the caseload, and the relative rate index against a reference
//! group), with small numbers suppressed so no child can be picked out. Pure: facts in, tables out.

use std::collections::BTreeMap;

/// Counts of 1 and 2 are shown as this, never as the number.
pub const SUPPRESSED: &str = "fewer than 3";
/// A group hidden so that a smaller hidden group cannot be worked out from the total.
pub const WITHHELD: &str = "withheld";
/// A relative rate index at or above this is flagged.
pub const FLAG_AT: f64 = 1.25;

/// Shows a count, suppressing 1 and 2.
pub fn shown(count: i64) -> String {
    if (1..3).contains(&count) { SUPPRESSED.to_owned() } else { count.to_string() }
}

pub fn is_suppressed(count: i64) -> bool {
    (1..3).contains(&count)
}

/// The age bands boards use.
pub fn age_band(age: Option<i64>) -> &'static str {
    match age {
        None => "not-recorded",
        Some(a) if a < 10 => "under-10",
        Some(a) if a <= 14 => "10-14",
        Some(a) if a <= 17 => "15-17",
        Some(_) => "18+",
    }
}

/// The groups one child belongs to, as recorded (every option, not two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    pub ethnicity: String,
    pub gender: String,
    pub age_band: String,
    pub looked_after: String,
    pub worker: String,
}

/// What happened for one child in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub children: i64,
    pub scheduled: i64,
    pub confirmed: i64,
    pub came: i64,
    pub late: i64,
    pub missed: i64,
    pub not_reached: i64,
    pub warnings: i64,
    pub children_warned: i64,
    pub referrals: i64,
    pub children_referred: i64,
    pub dropin_signups: i64,
    pub dropin_attended: i64,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.children += other.children;
        self.scheduled += other.scheduled;
        self.confirmed += other.confirmed;
        self.came += other.came;
        self.late += other.late;
        self.missed += other.missed;
        self.not_reached += other.not_reached;
        self.warnings += other.warnings;
        self.children_warned += other.children_warned;
        self.referrals += other.referrals;
        self.children_referred += other.children_referred;
        self.dropin_signups += other.dropin_signups;
        self.dropin_attended += other.dropin_attended;
    }

    /// The columns of every breakdown, in order.
    pub const COLUMNS: [&'static str; 13] = [
        "children",
        "appointments",
        "confirmed",
        "attended",
        "late",
        "missed",
        "not_reached",
        "warnings",
        "children_warned",
        "panel_referrals",
        "children_referred",
        "dropin_signups",
        "dropin_attended",
    ];

    pub fn values(&self) -> [i64; 13] {
        [
            self.children,
            self.scheduled,
            self.confirmed,
            self.came,
            self.late,
            self.missed,
            self.not_reached,
            self.warnings,
            self.children_warned,
            self.referrals,
            self.children_referred,
            self.dropin_signups,
            self.dropin_attended,
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildFacts {
    pub groups: Groups,
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Ethnicity,
    Gender,
    AgeBand,
    LookedAfter,
    Worker,
}

impl Dimension {
    pub const ALL: [Dimension; 5] =
        [Dimension::Ethnicity, Dimension::Gender, Dimension::AgeBand, Dimension::LookedAfter, Dimension::Worker];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Ethnicity => "ethnicity",
            Dimension::Gender => "gender",
            Dimension::AgeBand => "age_band",
            Dimension::LookedAfter => "looked_after",
            Dimension::Worker => "worker",
        }
    }

    fn of(self, groups: &Groups) -> &str {
        match self {
            Dimension::Ethnicity => &groups.ethnicity,
            Dimension::Gender => &groups.gender,
            Dimension::AgeBand => &groups.age_band,
            Dimension::LookedAfter => &groups.looked_after,
            Dimension::Worker => &groups.worker,
        }
    }
}

pub fn total(facts: &[ChildFacts]) -> Counts {
    let mut sum = Counts::default();
    for child in facts {
        sum.add(&child.counts);
    }
    sum
}

/// Totals for each group of a dimension, groups in name order.
pub fn breakdown(facts: &[ChildFacts], dimension: Dimension) -> Vec<(String, Counts)> {
    let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
    for child in facts {
        groups.entry(dimension.of(&child.groups).to_owned()).or_default().add(&child.counts);
    }
    groups.into_iter().collect()
}

/// Groups whose whole row is hidden: those of one or two children (every number about them would
/// describe those children), and then the next smallest group too, so that the total less the
/// groups shown cannot give a hidden one back. Returns (group, why), why being [`SUPPRESSED`] or
/// [`WITHHELD`].
pub fn hidden_groups(groups: &[(String, Counts)]) -> Vec<(String, &'static str)> {
    let mut hidden: Vec<(String, &'static str)> =
        groups.iter().filter(|(_, c)| is_suppressed(c.children)).map(|(g, _)| (g.clone(), SUPPRESSED)).collect();
    if hidden.len() == 1 {
        let next =
            groups.iter().filter(|(_, c)| !is_suppressed(c.children)).min_by_key(|(g, c)| (c.children, g.clone()));
        if let Some((group, _)) = next {
            hidden.push((group.clone(), WITHHELD));
        }
    }
    hidden
}

/// What disproportionality is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Children given at least one warning, per child.
    Warnings,
    /// Children referred to the panel, per child.
    Referrals,
    /// Missed appointments, per appointment.
    Misses,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Warnings, Measure::Referrals, Measure::Misses];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Warnings => "warnings",
            Measure::Referrals => "panel_referrals",
            Measure::Misses => "missed",
        }
    }

    /// (count, base) for the rate.
    fn parts(self, counts: &Counts) -> (i64, i64) {
        match self {
            Measure::Warnings => (counts.children_warned, counts.children),
            Measure::Referrals => (counts.children_referred, counts.children),
            Measure::Misses => (counts.missed, counts.scheduled),
        }
    }
}

/// One group's line in a disproportionality table.
#[derive(Debug, Clone, PartialEq)]
pub struct Disparity {
    pub group: String,
    pub children: i64,
    /// The group's share of the caseload, in per cent.
    pub caseload_share: f64,
    pub count: i64,
    pub base: i64,
    /// The group's share of everyone counted by the measure, in per cent.
    pub measure_share: Option<f64>,
    /// count / base; `None` when the base is 0 or the count is suppressed.
    pub rate: Option<f64>,
    /// rate / the reference group's rate; `None` when either is unknown, suppressed or zero.
    pub rri: Option<f64>,
    pub flagged: bool,
}

/// Each group's rate beside its share of the caseload, and the relative rate index against
/// `reference` (White children for ethnicity, the measure youth justice boards use).
pub fn disparities(facts: &[ChildFacts], dimension: Dimension, measure: Measure, reference: &str) -> Vec<Disparity> {
    let groups = breakdown(facts, dimension);
    let all = total(facts);
    let (all_count, _) = measure.parts(&all);
    let rate_of = |counts: &Counts| {
        let (count, base) = measure.parts(counts);
        (base > 0 && !is_suppressed(count) && !is_suppressed(base)).then(|| count as f64 / base as f64)
    };
    let reference_rate = groups.iter().find(|(g, _)| g == reference).and_then(|(_, c)| rate_of(c)).filter(|r| *r > 0.0);
    groups
        .iter()
        .map(|(group, counts)| {
            let (count, base) = measure.parts(counts);
            let rate = rate_of(counts);
            let rri = match (rate, reference_rate) {
                (Some(rate), Some(reference_rate)) if group != reference => Some(rate / reference_rate),
                _ => None,
            };
            Disparity {
                group: group.clone(),
                children: counts.children,
                caseload_share: percent(counts.children, all.children).unwrap_or(0.0),
                count,
                base,
                measure_share: if is_suppressed(count) { None } else { percent(count, all_count) },
                rate,
                rri,
                flagged: rri.is_some_and(|r| r >= FLAG_AT),
            }
        })
        .collect()
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// A number to two places, as the CSV shows it.
pub fn two_places(value: f64) -> String {
    format!("{value:.2}")
}

/// One table of the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table, one after another, each with its title on a line of its own and a blank line between.
pub fn to_csv(tables: &[Table]) -> String {
    let mut out = String::new();
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        out.push_str(&csv_line(std::slice::from_ref(&table.title)));
        out.push_str(&csv_line(&table.header));
        for row in &table.rows {
            out.push_str(&csv_line(row));
        }
    }
    out
}

fn csv_line(fields: &[String]) -> String {
    let escaped: Vec<String> = fields
        .iter()
        .map(|field| {
            // A leading = + - @ would be read as a formula by spreadsheets: quote it and neutralise.
            let field = if field.len() > 1 && field.starts_with(['=', '+', '-', '@']) && field.parse::<f64>().is_err() {
                format!("'{field}")
            } else {
                field.clone()
            };
            if field.contains([',', '"', '\n', '\r']) || field.contains('\'') {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field
            }
        })
        .collect();
    escaped.join(",") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn child(ethnicity: &str, looked_after: &str, counts: Counts) -> ChildFacts {
        ChildFacts {
            groups: Groups {
                ethnicity: ethnicity.into(),
                gender: "female".into(),
                age_band: "15-17".into(),
                looked_after: looked_after.into(),
                worker: "Alex".into(),
            },
            counts: Counts { children: 1, ..counts },
        }
    }

    #[test]
    fn one_and_two_are_suppressed_nothing_else() {
        assert_eq!(shown(0), "0");
        assert_eq!(shown(1), SUPPRESSED);
        assert_eq!(shown(2), SUPPRESSED);
        assert_eq!(shown(3), "3");
        assert_eq!(shown(120), "120");
    }

    #[test]
    fn age_bands_follow_the_board() {
        let bands: Vec<&str> = [None, Some(9), Some(10), Some(14), Some(15), Some(17), Some(18), Some(25)]
            .into_iter()
            .map(age_band)
            .collect();
        assert_eq!(bands, ["not-recorded", "under-10", "10-14", "10-14", "15-17", "15-17", "18+", "18+"]);
    }

    #[test]
    fn breakdowns_add_up_to_the_total() {
        let facts = vec![
            child("white", "no", Counts { scheduled: 4, came: 3, missed: 1, ..Counts::default() }),
            child("black", "yes", Counts { scheduled: 4, came: 1, missed: 3, ..Counts::default() }),
            child("white", "no", Counts { scheduled: 2, came: 2, ..Counts::default() }),
        ];
        for dimension in Dimension::ALL {
            let mut sum = Counts::default();
            for (_, counts) in breakdown(&facts, dimension) {
                sum.add(&counts);
            }
            assert_eq!(sum, total(&facts), "{dimension:?}");
        }
        let by_ethnicity = breakdown(&facts, Dimension::Ethnicity);
        assert_eq!(by_ethnicity[0].0, "black");
        assert_eq!(by_ethnicity[1].1.children, 2);
    }

    #[test]
    fn the_relative_rate_index_compares_each_group_with_the_reference() {
        let warned = Counts { children_warned: 1, warnings: 1, ..Counts::default() };
        let mut facts = Vec::new();
        // 6 White children, 3 warned: rate 0.5. 4 Black children, 4 warned: rate 1.0, RRI 2.0.
        for i in 0..6 {
            facts.push(child("white", "no", if i < 3 { warned.clone() } else { Counts::default() }));
        }
        for _ in 0..4 {
            facts.push(child("black", "no", warned.clone()));
        }
        // 3 Asian children, none warned: rate 0, RRI 0.
        for _ in 0..3 {
            facts.push(child("asian", "no", Counts::default()));
        }
        let table = disparities(&facts, Dimension::Ethnicity, Measure::Warnings, "white");
        let black = table.iter().find(|d| d.group == "black").unwrap();
        assert_eq!(black.rate, Some(1.0));
        assert_eq!(black.rri, Some(2.0));
        assert!(black.flagged);
        assert!((black.caseload_share - 100.0 * 4.0 / 13.0).abs() < 1e-9);
        assert!((black.measure_share.unwrap() - 100.0 * 4.0 / 7.0).abs() < 1e-9);
        let white = table.iter().find(|d| d.group == "white").unwrap();
        assert_eq!((white.rate, white.rri, white.flagged), (Some(0.5), None, false));
        let asian = table.iter().find(|d| d.group == "asian").unwrap();
        assert_eq!((asian.rri, asian.flagged), (Some(0.0), false));
    }

    #[test]
    fn small_numbers_give_no_rate_and_no_index() {
        let warned = Counts { children_warned: 1, ..Counts::default() };
        let mut facts = Vec::new();
        for _ in 0..5 {
            facts.push(child("white", "no", warned.clone()));
        }
        facts.push(child("mixed", "no", warned.clone()));
        facts.push(child("mixed", "no", Counts::default()));
        facts.push(child("mixed", "no", Counts::default()));
        let table = disparities(&facts, Dimension::Ethnicity, Measure::Warnings, "white");
        let mixed = table.iter().find(|d| d.group == "mixed").unwrap();
        assert_eq!((mixed.rate, mixed.rri, mixed.measure_share), (None, None, None), "1 warned child is suppressed");
        assert!(!mixed.flagged);
    }

    #[test]
    fn no_reference_group_means_no_index() {
        let facts: Vec<ChildFacts> =
            (0..4).map(|_| child("black", "no", Counts { children_warned: 1, ..Counts::default() })).collect();
        let table = disparities(&facts, Dimension::Ethnicity, Measure::Warnings, "white");
        assert_eq!(table[0].rri, None);
    }

    #[test]
    fn misses_are_a_rate_per_appointment() {
        let mut facts = Vec::new();
        for _ in 0..3 {
            facts.push(child("white", "no", Counts { scheduled: 10, missed: 1, ..Counts::default() }));
            facts.push(child("gypsy-roma-traveller", "no", Counts { scheduled: 4, missed: 2, ..Counts::default() }));
        }
        let table = disparities(&facts, Dimension::Ethnicity, Measure::Misses, "white");
        let grt = table.iter().find(|d| d.group == "gypsy-roma-traveller").unwrap();
        assert_eq!(grt.rate, Some(0.5));
        assert!((grt.rri.unwrap() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn small_groups_are_hidden_with_the_next_smallest_so_the_total_cannot_give_them_away() {
        let group = |name: &str, children: i64| (name.to_owned(), Counts { children, ..Counts::default() });
        assert!(hidden_groups(&[group("a", 5), group("b", 3)]).is_empty());
        assert_eq!(
            hidden_groups(&[group("a", 9), group("b", 1), group("c", 4), group("d", 6)]),
            [("b".to_owned(), SUPPRESSED), ("c".to_owned(), WITHHELD)]
        );
        // Two hidden groups already hide each other.
        assert_eq!(
            hidden_groups(&[group("a", 9), group("b", 1), group("c", 2)]),
            [("b".to_owned(), SUPPRESSED), ("c".to_owned(), SUPPRESSED)]
        );
        assert_eq!(hidden_groups(&[group("a", 2)]), [("a".to_owned(), SUPPRESSED)]);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        let table = Table {
            title: "by worker".into(),
            header: vec!["group".into(), "children".into()],
            rows: vec![vec!["Smith, Jo".into(), "3".into()], vec!["=HYPERLINK(\"x\")".into(), "-1".into()]],
        };
        let csv = to_csv(&[table.clone(), table]);
        assert!(csv.starts_with(
            "by worker\r\ngroup,children\r\n\"Smith, Jo\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",-1\r\n\r\nby worker"
        ));
    }
}
