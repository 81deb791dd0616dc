//! The sentence that says how stable the leader is.

use super::CityScore;

/// How many cities the sentence names when none leads in most draws.
const CONTENDERS_NAMED: usize = 3;

/// "Bangalore is first in 93% of 1,000 weightings drawn around yours, Pune in 6%." (the
/// runner-up named when it is ever first) or, when no city is
/// first in more than half of the draws, "No city leads in most weightings: A is first in
/// 45%, B in 38% and C in 10% of 1,000 drawn around yours." `cities` in display order.
pub(super) fn leader_sentence(cities: &[CityScore], samples: usize) -> String {
    let mut contenders: Vec<&CityScore> = cities.iter().filter(|c| c.rank.is_some()).collect();
    // A stable sort: equal shares stay in rank order.
    contenders.sort_by(|a, b| b.p_first.total_cmp(&a.p_first));
    let draws = with_thousands(samples);
    match contenders.as_slice() {
        [] => crate::t("scorecard-summary-nobody"),
        [only] => crate::t1("scorecard-summary-only", "city", &only.name),
        [leader, ..] if leader.p_first == 1.0 => {
            crate::t2("scorecard-summary-always", "city", &leader.name, "draws", &draws)
        }
        [leader, runner_up, ..] if leader.p_first > 0.5 => {
            let first = crate::t2("scorecard-summary-first", "city", &leader.name, "share", percent(leader.p_first));
            let among = crate::t1("scorecard-summary-draws", "draws", &draws);
            let lead = crate::t2("scorecard-summary-lead", "first", first, "among", among);
            match runner_up.p_first > 0.0 {
                true => {
                    let runner_up = crate::t2(
                        "scorecard-summary-runner-up",
                        "city",
                        &runner_up.name,
                        "share",
                        percent(runner_up.p_first),
                    );
                    crate::t2("scorecard-summary-leader-runner-up", "lead", lead, "runner_up", runner_up)
                }
                false => crate::t1("scorecard-summary-leader", "lead", lead),
            }
        }
        _ => {
            let named: Vec<String> = contenders
                .iter()
                .filter(|c| c.p_first > 0.0)
                .take(CONTENDERS_NAMED)
                .enumerate()
                .map(|(i, c)| {
                    let key = if i == 0 { "scorecard-summary-first" } else { "scorecard-summary-also" };
                    crate::t2(key, "city", &c.name, "share", percent(c.p_first))
                })
                .collect();
            crate::t2("scorecard-summary-open", "named", join_with_and(&named), "draws", &draws)
        }
    }
}

/// A share as a whole percentage, rounded down so that the shares a sentence names never add
/// up to more than 100%; a share above 0 is never written as 0%.
fn percent(share: f64) -> String {
    let whole = (share * 100.0).floor();
    if whole == 0.0 && share > 0.0 { "<1%".to_string() } else { format!("{whole}%") }
}

/// "A", "A and B", "A, B and C".
fn join_with_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => {
            format!("{}{}{last}", init.join(&crate::t("scorecard-list-comma")), crate::t("scorecard-list-and"))
        }
    }
}

/// 1000 → "1,000".
fn with_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_for_reading() {
        assert_eq!(with_thousands(1000), "1,000");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1_234_567), "1,234,567");
        assert_eq!(percent(0.934), "93%");
        assert_eq!(percent(0.9999), "99%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.515), "51%");
        assert_eq!(percent(0.001), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(join_with_and(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(join_with_and(&["A".into(), "B".into()]), "A and B");
    }
}
