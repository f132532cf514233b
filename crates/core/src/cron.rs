//! Cron schedules (`*/5 * * * *`, `@hourly`), as CronJobs read them, and the calendar the
//! simulation runs on: simulated time 0 is 2026-01-01 00:00 UTC.

/// Minutes from the Unix epoch to simulated time 0 (2026-01-01 00:00 UTC).
pub const EPOCH_MINUTES: u64 = 29_453_760;

/// A parsed five-field schedule: minute, hour, day of month, month, day of week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    fields: [Vec<u32>; 5],
    /// Day of month and day of week are ORed when both are restricted (cron's rule).
    dom_restricted: bool,
    dow_restricted: bool,
}

const RANGES: [(u32, u32); 5] = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];

impl Schedule {
    /// Parses a schedule; `None` when it is not valid cron.
    pub fn parse(text: &str) -> Option<Schedule> {
        let text = match text.trim() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            other => other,
        };
        let parts: Vec<&str> = text.split_whitespace().collect();
        if parts.len() != 5 {
            return None;
        }
        let mut fields: [Vec<u32>; 5] = Default::default();
        for (i, part) in parts.iter().enumerate() {
            fields[i] = parse_field(part, RANGES[i])?;
        }
        // Sunday may be written 7.
        for d in &mut fields[4] {
            if *d == 7 {
                *d = 0;
            }
        }
        Some(Schedule {
            dom_restricted: parts[2] != "*",
            dow_restricted: parts[4] != "*",
            fields,
        })
    }

    /// True when the schedule fires at `minute` (minutes since the Unix epoch).
    pub fn fires_at(&self, minute: u64) -> bool {
        let (month, day, weekday) = civil(minute / 1440);
        let m = (minute % 60) as u32;
        let h = (minute / 60 % 24) as u32;
        let dom = self.fields[2].contains(&day);
        let dow = self.fields[4].contains(&weekday);
        let day_ok = match (self.dom_restricted, self.dow_restricted) {
            (true, true) => dom || dow,
            _ => dom && dow,
        };
        self.fields[0].contains(&m)
            && self.fields[1].contains(&h)
            && self.fields[3].contains(&month)
            && day_ok
    }
}

fn parse_field(part: &str, (low, high): (u32, u32)) -> Option<Vec<u32>> {
    let mut values = Vec::new();
    for item in part.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0)?),
            None => (item, 1),
        };
        let (from, to) = if range == "*" {
            (low, high)
        } else if let Some((a, b)) = range.split_once('-') {
            (a.parse().ok()?, b.parse().ok()?)
        } else {
            let v: u32 = range.parse().ok()?;
            (v, if step > 1 { high } else { v })
        };
        let high = if high == 6 { 7 } else { high };
        if from < low || to > high || from > to {
            return None;
        }
        values.extend((from..=to).step_by(step as usize));
    }
    crate::order::sort(&mut values);
    values.dedup();
    Some(values)
}

/// Month (1–12), day (1–31) and weekday (0 = Sunday) of a day counted from 1970-01-01.
fn civil(days: u64) -> (u32, u32, u32) {
    let weekday = ((days + 4) % 7) as u32;
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (month, day, weekday)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulation_starts_on_new_years_day_2026_a_thursday() {
        assert_eq!(civil(EPOCH_MINUTES / 1440), (1, 1, 4));
        assert_eq!(EPOCH_MINUTES % 1440, 0);
    }

    #[test]
    fn every_minute_and_steps() {
        let every = Schedule::parse("*/1 * * * *").unwrap();
        assert!(every.fires_at(EPOCH_MINUTES + 7));
        let five = Schedule::parse("*/5 * * * *").unwrap();
        assert!(five.fires_at(EPOCH_MINUTES + 10));
        assert!(!five.fires_at(EPOCH_MINUTES + 11));
    }

    #[test]
    fn macros_lists_ranges_and_days() {
        let hourly = Schedule::parse("@hourly").unwrap();
        assert!(hourly.fires_at(EPOCH_MINUTES + 120));
        assert!(!hourly.fires_at(EPOCH_MINUTES + 121));
        let weekdays = Schedule::parse("30 9 * * 1-5").unwrap();
        // 2026-01-02 is a Friday, 2026-01-03 a Saturday.
        assert!(weekdays.fires_at(EPOCH_MINUTES + 1440 + 9 * 60 + 30));
        assert!(!weekdays.fires_at(EPOCH_MINUTES + 2 * 1440 + 9 * 60 + 30));
        assert!(Schedule::parse("0 0 * * 7")
            .unwrap()
            .fires_at(EPOCH_MINUTES + 3 * 1440));
    }

    #[test]
    fn rejects_bad_schedules() {
        for bad in [
            "",
            "* * * *",
            "61 * * * *",
            "*/0 * * * *",
            "a * * * *",
            "5-1 * * * *",
        ] {
            assert_eq!(Schedule::parse(bad), None, "{bad}");
        }
    }
}
