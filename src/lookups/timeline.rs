//! The timeline of a set of articles: how many per month, or per week or day when
//! the dates span a short range, so that a chart always has a readable number of
//! bars.

use std::collections::BTreeMap;

use crate::corpus::Document;

/// The width of one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// Calendar days (`YYYY-MM-DD`), for spans up to a month.
    Day,
    /// ISO weeks, labelled by their Monday (`YYYY-MM-DD`), for spans up to half a year.
    Week,
    /// Calendar months (`YYYY-MM`).
    Month,
}

/// One bar: its label, the `date:` filter that selects it, and its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `YYYY-MM` or `YYYY-MM-DD` (a week's Monday).
    pub label: String,
    /// The filter term selecting this bucket (`date:2023-11`, `date:2023-11-06..2023-11-12`).
    pub filter: String,
    /// Articles in it.
    pub count: usize,
}

/// The timeline: consecutive buckets (empty ones included) from the first dated
/// article to the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The bars' width.
    pub granularity: Granularity,
    /// The bars, in time order.
    pub buckets: Vec<Bucket>,
    /// Articles of the set without a date precise enough to place.
    pub undated: usize,
}

/// A civil date as days since 1970-01-01 (Howard Hinnant's algorithm, public domain).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// `(year, month, Some(day))` from an ISO prefix.
fn ymd(date: &str) -> Option<(i64, i64, Option<i64>)> {
    let year = date.get(0..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    let day = date.get(8..10).and_then(|d| d.parse().ok());
    Some((year, month, day))
}

fn ymd_label(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The timeline of `set` (indices into `docs`).
#[must_use]
pub fn timeline(docs: &[Document], set: &[usize]) -> Timeline {
    let dated: Vec<(i64, i64, Option<i64>)> = set.iter().filter_map(|&i| ymd(docs[i].date()?)).collect();
    let undated = set.len() - dated.len();
    let days: Vec<i64> = dated.iter().filter_map(|&(y, m, d)| Some(days_from_civil(y, m, d?))).collect();
    let span = days.iter().max().zip(days.iter().min()).map_or(i64::MAX, |(a, b)| a - b);
    // Finer bars only when every dated article has a day.
    let granularity = match span {
        _ if days.len() < dated.len() || days.is_empty() => Granularity::Month,
        0..=31 => Granularity::Day,
        32..=183 => Granularity::Week,
        _ => Granularity::Month,
    };
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    match granularity {
        Granularity::Month => {
            dated.iter().for_each(|&(y, m, _)| *counts.entry(month_number(y, m)).or_default() += 1)
        }
        Granularity::Day => days.iter().for_each(|&d| *counts.entry(d).or_default() += 1),
        // 1970-01-01 was a Thursday: shift so that weeks start on Monday.
        Granularity::Week => {
            days.iter().for_each(|&d| *counts.entry(d - (d + 3).rem_euclid(7)).or_default() += 1)
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Timeline { granularity, buckets: Vec::new(), undated };
    };
    let step = if granularity == Granularity::Week { 7 } else { 1 };
    let buckets = (first..=last)
        .step_by(step)
        .map(|k| {
            let count = counts.get(&k).copied().unwrap_or(0);
            match granularity {
                Granularity::Month => {
                    let label = month_label(k);
                    Bucket { filter: format!("date:{label}"), label, count }
                }
                Granularity::Day => {
                    let label = ymd_label(k);
                    Bucket { filter: format!("date:{label}"), label, count }
                }
                Granularity::Week => {
                    let label = ymd_label(k);
                    Bucket { filter: format!("date:{label}..{}", ymd_label(k + 6)), label, count }
                }
            }
        })
        .collect();
    Timeline { granularity, buckets, undated }
}

/// Articles per calendar month over a given span of months, so that small charts
/// of several sets (one per entity) share one axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monthly {
    /// The first month of the span (`YYYY-MM`).
    pub first: String,
    /// The last month of the span (`YYYY-MM`).
    pub last: String,
    /// Articles per month, from `first` to `last`.
    pub counts: Vec<usize>,
    /// Articles of the set in all, dated or not.
    pub total: usize,
}

/// A month as a number (`year * 12 + month - 1`), and back as `YYYY-MM` by [`month_label`].
fn month_number(year: i64, month: i64) -> i64 {
    year * 12 + month - 1
}

fn month_key(date: &str) -> Option<i64> {
    ymd(date).map(|(y, m, _)| month_number(y, m))
}

fn month_label(k: i64) -> String {
    format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
}

/// The months from the first to the last dated document of `docs`.
#[must_use]
pub fn month_span(docs: &[Document]) -> Option<(i64, i64)> {
    let months = docs.iter().filter_map(|d| month_key(d.date()?));
    months.fold(None, |span, k| Some(span.map_or((k, k), |(a, b): (i64, i64)| (a.min(k), b.max(k)))))
}

/// The articles of `set` per month of `span` (months outside it are not counted).
#[must_use]
pub fn monthly(docs: &[Document], set: &[usize], span: (i64, i64)) -> Monthly {
    let (first, last) = span;
    let mut counts = vec![0; usize::try_from(last - first + 1).unwrap_or(0)];
    for k in set.iter().filter_map(|&i| month_key(docs.get(i)?.date()?)) {
        if let Some(c) = usize::try_from(k - first).ok().and_then(|i| counts.get_mut(i)) {
            *c += 1;
        }
    }
    Monthly { first: month_label(first), last: month_label(last), counts, total: set.len() }
}

/// For each of `keys`, the articles of the corpus that mention it per month, over
/// the corpus's span of months (`None` when no document is dated), in one pass.
#[must_use]
pub fn entity_timelines(docs: &[Document], keys: &[super::EntityKey]) -> Option<Vec<Monthly>> {
    let span = month_span(docs)?;
    let mut sets: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    super::for_each_mentioning(docs, keys, |d, slots| {
        for &i in slots {
            sets[i].push(d);
        }
    });
    Some(sets.iter().map(|set| monthly(docs, set, span)).collect())
}
