//! Schedule expressions of Application Auto Scaling scheduled actions (spec 5.5):
//! `at(yyyy-mm-ddThh:mm:ss)`, `rate(n minute|minutes|hour|hours|day|days)` and
//! `cron(minutes hours day-of-month month day-of-week year)`.
//!
//! Cron follows the EventBridge syntax AAS uses: `*`, `?`, lists, ranges, `/` steps, month
//! and day names, `L` and `nW`/`LW` in the day of month, `nL` and `n#k` in the day of week.
//! Day-of-week numbers are 1 = SUN ... 7 = SAT unless
//! [`CronDayNumbering::MondayIsOne`] is chosen. Times are UTC: the simulator does not
//! implement the `Timezone` parameter. Resolution is one minute.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Day-of-week numbering in cron expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CronDayNumbering {
    /// EventBridge numbering, 1 = SUN ... 7 = SAT (current AWS docs; default).
    #[default]
    SundayIsOne,
    /// 1 = MON ... 7 = SUN, which the 2023 example "30 6 * * 2 * = every Tuesday" implies.
    MondayIsOne,
}

/// Why a schedule expression was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid schedule expression `{expr}`: {reason}")]
pub struct ScheduleError {
    /// The expression.
    pub expr: String,
    /// What is wrong.
    pub reason: String,
}

/// Unit of a `rate` expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
}

/// A parsed schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Schedule {
    /// Once, at this UTC time.
    At(NaiveDateTime),
    /// Every `amount` units.
    Rate {
        /// How many units.
        amount: u32,
        /// Which unit.
        unit: RateUnit,
    },
    /// A cron expression.
    Cron(CronExpr),
}

impl Schedule {
    /// Does the action run in the minute starting at `now`? `anchor` is the start time of
    /// the action (or the moment it was created, for `rate` without a start time);
    /// `anchored` says whether a start time was given (then a `rate` runs at the anchor
    /// itself, otherwise first one interval later).
    pub fn fires_at(
        &self,
        now: DateTime<Utc>,
        anchor: DateTime<Utc>,
        anchored: bool,
        numbering: CronDayNumbering,
    ) -> bool {
        let now = now.naive_utc();
        match self {
            Schedule::At(at) => truncate_minute(*at) == truncate_minute(now),
            Schedule::Rate { amount, unit } => {
                let step = i64::from(*amount)
                    * match unit {
                        RateUnit::Minutes => 1,
                        RateUnit::Hours => 60,
                        RateUnit::Days => 1440,
                    };
                let since =
                    (truncate_minute(now) - truncate_minute(anchor.naive_utc())).num_minutes();
                since >= 0 && since % step == 0 && (anchored || since > 0)
            }
            Schedule::Cron(c) => c.matches(now, numbering),
        }
    }
}

fn truncate_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::At(t) => write!(f, "at({})", t.format("%Y-%m-%dT%H:%M:%S")),
            Schedule::Rate { amount, unit } => {
                let word = match (unit, *amount == 1) {
                    (RateUnit::Minutes, true) => "minute",
                    (RateUnit::Minutes, false) => "minutes",
                    (RateUnit::Hours, true) => "hour",
                    (RateUnit::Hours, false) => "hours",
                    (RateUnit::Days, true) => "day",
                    (RateUnit::Days, false) => "days",
                };
                write!(f, "rate({amount} {word})")
            }
            Schedule::Cron(c) => write!(f, "cron({})", c.text),
        }
    }
}

impl From<Schedule> for String {
    fn from(s: Schedule) -> String {
        s.to_string()
    }
}

impl TryFrom<String> for Schedule {
    type Error = ScheduleError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl FromStr for Schedule {
    type Err = ScheduleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expr = s.trim();
        let err = |reason: &str| ScheduleError {
            expr: expr.to_string(),
            reason: reason.to_string(),
        };
        let inner = |prefix: &str| {
            expr.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix(')'))
                .map(str::trim)
        };
        if let Some(body) = inner("at(") {
            let t = NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| err("use at(yyyy-mm-ddThh:mm:ss)"))?;
            Ok(Schedule::At(t))
        } else if let Some(body) = inner("rate(") {
            let mut parts = body.split_whitespace();
            let (Some(n), Some(u), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(err("use rate(<n> minutes|hours|days)"));
            };
            let amount: u32 = n
                .parse()
                .map_err(|_| err("the rate value must be a whole number above 0"))?;
            if amount == 0 {
                return Err(err("the rate value must be above 0"));
            }
            let unit = match u {
                "minute" | "minutes" => RateUnit::Minutes,
                "hour" | "hours" => RateUnit::Hours,
                "day" | "days" => RateUnit::Days,
                _ => return Err(err("the rate unit must be minute(s), hour(s) or day(s)")),
            };
            Ok(Schedule::Rate { amount, unit })
        } else if let Some(body) = inner("cron(") {
            CronExpr::parse(body)
                .map(Schedule::Cron)
                .map_err(|reason| err(&reason))
        } else {
            Err(err("expected at(...), rate(...) or cron(...)"))
        }
    }
}

/// A day-of-week reference as written: a number (meaning depends on the numbering) or a
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DowRef {
    Num(u8),
    Name(Weekday),
}

impl DowRef {
    fn weekday(self, numbering: CronDayNumbering) -> Weekday {
        match self {
            DowRef::Name(w) => w,
            DowRef::Num(n) => {
                let from_sunday = match numbering {
                    CronDayNumbering::SundayIsOne => u32::from(n) - 1,
                    CronDayNumbering::MondayIsOne => u32::from(n) % 7,
                };
                // 0 = Sunday.
                match from_sunday {
                    0 => Weekday::Sun,
                    1 => Weekday::Mon,
                    2 => Weekday::Tue,
                    3 => Weekday::Wed,
                    4 => Weekday::Thu,
                    5 => Weekday::Fri,
                    _ => Weekday::Sat,
                }
            }
        }
    }
}

/// One item of the day-of-week field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DowItem {
    /// A plain day (from a list, a range or a step).
    Day(DowRef),
    /// `nL`: the last such weekday of the month.
    Last(DowRef),
    /// `n#k`: the k-th such weekday of the month.
    Nth(DowRef, u8),
}

/// One item of the day-of-month field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DomItem {
    Days(u32),
    Last,
    LastWeekday,
    NearestWeekday(u8),
}

/// A parsed six-field cron expression.
#[derive(Debug, Clone, PartialEq)]
pub struct CronExpr {
    text: String,
    minutes: u64,
    hours: u32,
    months: u16,
    years: Option<Vec<(i32, i32, i32)>>,
    dom: Option<Vec<DomItem>>,
    dow: Option<Vec<DowItem>>,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [(&str, Weekday); 7] = [
    ("SUN", Weekday::Sun),
    ("MON", Weekday::Mon),
    ("TUE", Weekday::Tue),
    ("WED", Weekday::Wed),
    ("THU", Weekday::Thu),
    ("FRI", Weekday::Fri),
    ("SAT", Weekday::Sat),
];

fn is_wild(f: &str) -> bool {
    f == "*" || f == "?"
}

/// Parse a list field of plain numbers into a bit set, with names mapped by `name`.
fn parse_set(
    field: &str,
    lo: u32,
    hi: u32,
    what: &str,
    name: &dyn Fn(&str) -> Option<u32>,
) -> Result<u64, String> {
    let mut set = 0u64;
    let value = |s: &str| -> Result<u32, String> {
        let v = match s.parse::<u32>() {
            Ok(v) => v,
            Err(_) => name(&s.to_ascii_uppercase())
                .ok_or_else(|| format!("`{s}` is not a valid {what}"))?,
        };
        if (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(format!("{what} {v} is outside {lo}-{hi}"))
        }
    };
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s
                    .parse()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or_else(|| format!("step `{s}` in the {what} field must be above 0"))?;
                (r, step)
            }
            None => (item, 1),
        };
        let (start, end) = if range == "*" || range == "?" {
            (lo, hi)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a)?, value(b)?)
        } else {
            let v = value(range)?;
            (v, if item.contains('/') { hi } else { v })
        };
        if start > end {
            return Err(format!(
                "range {start}-{end} in the {what} field runs backwards"
            ));
        }
        let mut v = start;
        while v <= end {
            set |= 1u64 << v;
            v += step;
        }
    }
    Ok(set)
}

fn parse_dow_ref(s: &str) -> Result<DowRef, String> {
    let up = s.to_ascii_uppercase();
    if let Some((_, w)) = DAYS.iter().find(|(n, _)| *n == up) {
        return Ok(DowRef::Name(*w));
    }
    match s.parse::<u8>() {
        Ok(n) if (1..=7).contains(&n) => Ok(DowRef::Num(n)),
        _ => Err(format!("`{s}` is not a day of week (1-7 or SUN-SAT)")),
    }
}

fn parse_dow(field: &str) -> Result<Vec<DowItem>, String> {
    let mut items = Vec::new();
    for item in field.split(',') {
        if item == "L" {
            items.push(DowItem::Day(DowRef::Num(7)));
        } else if let Some(d) = item.strip_suffix('L') {
            items.push(DowItem::Last(parse_dow_ref(d)?));
        } else if let Some((d, k)) = item.split_once('#') {
            let k: u8 = k
                .parse()
                .ok()
                .filter(|k| (1..=5).contains(k))
                .ok_or_else(|| format!("`#{k}` must be #1 to #5"))?;
            items.push(DowItem::Nth(parse_dow_ref(d)?, k));
        } else if item.contains('-') || item.contains('/') || item == "*" {
            // Ranges and steps: names and numbers are both ordered SUN..SAT / 1..7.
            let (range, step) = match item.split_once('/') {
                Some((r, s)) => (
                    r,
                    s.parse::<usize>()
                        .ok()
                        .filter(|s| *s > 0)
                        .ok_or_else(|| format!("step `{s}` must be above 0"))?,
                ),
                None => (item, 1),
            };
            let (a, b) = match range.split_once('-') {
                Some((a, b)) => (parse_dow_ref(a)?, parse_dow_ref(b)?),
                None if range == "*" => (DowRef::Num(1), DowRef::Num(7)),
                None => (parse_dow_ref(range)?, DowRef::Num(7)),
            };
            match (a, b) {
                (DowRef::Num(x), DowRef::Num(y)) if x <= y => {
                    for n in (x..=y).step_by(step) {
                        items.push(DowItem::Day(DowRef::Num(n)));
                    }
                }
                (DowRef::Name(x), DowRef::Name(y)) => {
                    let x = x.num_days_from_sunday() as usize;
                    let y = y.num_days_from_sunday() as usize;
                    if x > y {
                        return Err(format!("day range `{range}` runs backwards"));
                    }
                    for i in (x..=y).step_by(step) {
                        items.push(DowItem::Day(DowRef::Name(DAYS[i].1)));
                    }
                }
                _ => {
                    return Err(format!(
                        "day range `{range}` mixes names and numbers or runs backwards"
                    ));
                }
            }
        } else {
            items.push(DowItem::Day(parse_dow_ref(item)?));
        }
    }
    Ok(items)
}

fn parse_dom(field: &str) -> Result<Vec<DomItem>, String> {
    let mut items = Vec::new();
    let mut plain = Vec::new();
    for item in field.split(',') {
        match item {
            "L" => items.push(DomItem::Last),
            "LW" => items.push(DomItem::LastWeekday),
            _ => {
                if let Some(d) = item.strip_suffix('W') {
                    let d: u8 = d
                        .parse()
                        .ok()
                        .filter(|d| (1..=31).contains(d))
                        .ok_or_else(|| format!("`{item}` needs a day 1-31 before W"))?;
                    items.push(DomItem::NearestWeekday(d));
                } else {
                    plain.push(item);
                }
            }
        }
    }
    if !plain.is_empty() {
        let set = parse_set(&plain.join(","), 1, 31, "day of month", &|_| None)?;
        items.push(DomItem::Days(set as u32));
    }
    Ok(items)
}

fn last_day_of_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |d| d.day())
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl CronExpr {
    /// Parse the six fields inside `cron(...)`.
    pub fn parse(body: &str) -> Result<Self, String> {
        let f: Vec<&str> = body.split_whitespace().collect();
        if f.len() != 6 {
            return Err(format!(
                "cron needs 6 fields (minutes hours day-of-month month day-of-week year), got {}",
                f.len()
            ));
        }
        let minutes = parse_set(f[0], 0, 59, "minute", &|_| None)?;
        let hours = parse_set(f[1], 0, 23, "hour", &|_| None)? as u32;
        let months = parse_set(f[3], 1, 12, "month", &|s| {
            MONTHS.iter().position(|m| *m == s).map(|i| i as u32 + 1)
        })? as u16;
        let dom = if is_wild(f[2]) {
            None
        } else {
            Some(parse_dom(f[2])?)
        };
        let dow = if is_wild(f[4]) {
            None
        } else {
            Some(parse_dow(f[4])?)
        };
        if dom.is_some() && dow.is_some() {
            return Err(
                "set either the day of month or the day of week; the other must be `?`".into(),
            );
        }
        let years = if is_wild(f[5]) {
            None
        } else {
            let mut v = Vec::new();
            for item in f[5].split(',') {
                let (range, step) = match item.split_once('/') {
                    Some((r, s)) => (
                        r,
                        s.parse::<i32>()
                            .ok()
                            .filter(|s| *s > 0)
                            .ok_or_else(|| format!("year step `{s}` must be above 0"))?,
                    ),
                    None => (item, 1),
                };
                let year = |s: &str| {
                    s.parse::<i32>()
                        .ok()
                        .filter(|y| (1970..=2199).contains(y))
                        .ok_or_else(|| format!("`{s}` is not a year 1970-2199"))
                };
                let (a, b) = match range.split_once('-') {
                    Some((a, b)) => (year(a)?, year(b)?),
                    None if item.contains('/') => (year(range)?, 2199),
                    None => {
                        let y = year(range)?;
                        (y, y)
                    }
                };
                v.push((a, b, step));
            }
            Some(v)
        };
        Ok(CronExpr {
            text: f.join(" "),
            minutes,
            hours,
            months,
            years,
            dom,
            dow,
        })
    }

    /// The expression text (fields separated by single spaces).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Does the minute starting at `t` match?
    pub fn matches(&self, t: NaiveDateTime, numbering: CronDayNumbering) -> bool {
        let date = t.date();
        if self.minutes & (1u64 << t.minute()) == 0
            || self.hours & (1u32 << t.hour()) == 0
            || self.months & (1u16 << date.month()) == 0
        {
            return false;
        }
        if let Some(years) = &self.years {
            let y = date.year();
            if !years
                .iter()
                .any(|&(a, b, s)| (a..=b).contains(&y) && (y - a) % s == 0)
            {
                return false;
            }
        }
        if let Some(dom) = &self.dom {
            let last = last_day_of_month(date);
            let day = date.day();
            let ok = dom.iter().any(|item| match item {
                DomItem::Days(set) => set & (1u32 << day) != 0,
                DomItem::Last => day == last,
                DomItem::LastWeekday => {
                    let mut d = date.with_day(last).unwrap_or(date);
                    while !is_weekday(d) {
                        d = d.pred_opt().unwrap_or(d);
                    }
                    d == date
                }
                DomItem::NearestWeekday(n) => {
                    nearest_weekday(date, u32::from(*n).min(last)) == Some(date)
                }
            });
            if !ok {
                return false;
            }
        }
        if let Some(dow) = &self.dow {
            let wd = date.weekday();
            let last = last_day_of_month(date);
            let ok = dow.iter().any(|item| match item {
                DowItem::Day(r) => r.weekday(numbering) == wd,
                DowItem::Last(r) => r.weekday(numbering) == wd && date.day() + 7 > last,
                DowItem::Nth(r, k) => {
                    r.weekday(numbering) == wd && (date.day() - 1) / 7 + 1 == u32::from(*k)
                }
            });
            if !ok {
                return false;
            }
        }
        true
    }
}

fn nearest_weekday(date: NaiveDate, day: u32) -> Option<NaiveDate> {
    let target = date.with_day(day)?;
    if is_weekday(target) {
        return Some(target);
    }
    let last = last_day_of_month(date);
    let (before, after) = if target.weekday() == Weekday::Sat {
        (1i64, 2i64)
    } else {
        (2, 1)
    };
    let forward = target + Duration::days(after);
    let backward = target - Duration::days(before);
    // Prefer the nearer weekday inside the month: Saturday -> Friday, Sunday -> Monday.
    let preferred = if target.weekday() == Weekday::Sat {
        backward
    } else {
        forward
    };
    if preferred.month() == target.month() && preferred.day() <= last {
        Some(preferred)
    } else if target.weekday() == Weekday::Sat {
        Some(forward)
    } else {
        Some(backward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("valid test date")
    }

    fn cron(s: &str) -> CronExpr {
        CronExpr::parse(s).expect("valid cron")
    }

    #[test]
    fn parses_and_prints_all_forms() {
        for s in [
            "at(2021-01-30T12:00:00)",
            "rate(5 hours)",
            "rate(1 minute)",
            "cron(30 6 ? * MON *)",
        ] {
            let parsed: Schedule = s.parse().expect(s);
            assert_eq!(parsed.to_string(), s);
        }
    }

    #[test]
    fn rejects_bad_expressions() {
        for s in [
            "every 5 minutes",
            "rate(0 minutes)",
            "rate(5 weeks)",
            "at(2021-13-01T00:00:00)",
            "cron(* * * *)",
            "cron(61 * * * ? *)",
            "cron(0 0 1 * MON *)",
        ] {
            assert!(s.parse::<Schedule>().is_err(), "{s} should fail");
        }
    }

    #[test]
    fn a14_cron_day_numbering() {
        // 2026-01-05 is a Monday, 2026-01-06 a Tuesday.
        let c = cron("30 6 * * 2 *");
        let monday = at(2026, 1, 5, 6, 30);
        let tuesday = at(2026, 1, 6, 6, 30);
        assert!(c.matches(monday, CronDayNumbering::SundayIsOne));
        assert!(!c.matches(tuesday, CronDayNumbering::SundayIsOne));
        assert!(c.matches(tuesday, CronDayNumbering::MondayIsOne));
        assert!(!c.matches(at(2026, 1, 6, 6, 31), CronDayNumbering::MondayIsOne));
        let named = cron("30 6 ? * TUE *");
        assert!(named.matches(tuesday, CronDayNumbering::SundayIsOne));
        assert!(named.matches(tuesday, CronDayNumbering::MondayIsOne));
    }

    #[test]
    fn steps_ranges_and_lists() {
        let c = cron("0/15 * * * ? *");
        assert!(c.matches(at(2026, 3, 1, 10, 45), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2026, 3, 1, 10, 46), CronDayNumbering::SundayIsOne));
        let c = cron("0 18 ? * MON-FRI *");
        assert!(c.matches(at(2026, 1, 9, 18, 0), CronDayNumbering::SundayIsOne)); // Friday
        assert!(!c.matches(at(2026, 1, 10, 18, 0), CronDayNumbering::SundayIsOne)); // Saturday
        let c = cron("0 8 1,15 JAN-MAR ? 2026");
        assert!(c.matches(at(2026, 2, 15, 8, 0), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2027, 2, 15, 8, 0), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2026, 4, 1, 8, 0), CronDayNumbering::SundayIsOne));
    }

    #[test]
    fn last_nearest_and_nth() {
        let c = cron("0 0 L * ? *");
        assert!(c.matches(at(2026, 2, 28, 0, 0), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2026, 2, 27, 0, 0), CronDayNumbering::SundayIsOne));
        // 2026-02-01 is a Sunday: 1W is Monday the 2nd.
        let c = cron("0 0 1W * ? *");
        assert!(c.matches(at(2026, 2, 2, 0, 0), CronDayNumbering::SundayIsOne));
        // 2026-01-31 is a Saturday: LW is Friday the 30th.
        let c = cron("0 0 LW * ? *");
        assert!(c.matches(at(2026, 1, 30, 0, 0), CronDayNumbering::SundayIsOne));
        // Second Tuesday of January 2026 is the 13th.
        let c = cron("0 0 ? * 3#2 *");
        assert!(c.matches(at(2026, 1, 13, 0, 0), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2026, 1, 6, 0, 0), CronDayNumbering::SundayIsOne));
        // Last Friday of January 2026 is the 30th.
        let c = cron("0 0 ? * 6L *");
        assert!(c.matches(at(2026, 1, 30, 0, 0), CronDayNumbering::SundayIsOne));
        assert!(!c.matches(at(2026, 1, 23, 0, 0), CronDayNumbering::SundayIsOne));
    }

    #[test]
    fn a13_rate_with_start_runs_at_start_and_every_interval() {
        let s: Schedule = "rate(5 hours)".parse().expect("rate");
        let start = Utc
            .with_ymd_and_hms(2021, 1, 30, 12, 0, 0)
            .single()
            .expect("t");
        let fires = |h: i64| {
            s.fires_at(
                start + Duration::hours(h),
                start,
                true,
                CronDayNumbering::SundayIsOne,
            )
        };
        assert!(fires(0));
        assert!(fires(5));
        assert!(!fires(4));
        assert!(fires(10));
        // Without a start time the first run is one interval after creation.
        assert!(!s.fires_at(start, start, false, CronDayNumbering::SundayIsOne));
    }
}
