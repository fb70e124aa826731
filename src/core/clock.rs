//! Time: a [`Clock`] in milliseconds since the epoch, as JavaScript's `Date.now()`.
//!
//! The core never reads a clock by itself: every time-dependent function takes
//! the current time as an argument, in seconds (`f64`, unrounded). The bindings
//! read their clock once per call, which keeps the core deterministic and lets
//! tests and Workers inject time.

use crate::core::error::{Error, Result};

/// A source of the current time in milliseconds since the Unix epoch.
pub trait Clock {
    /// Milliseconds since 1970-01-01T00:00:00Z (fractions allowed).
    fn now_ms(&self) -> f64;

    /// The current time in seconds, checked to be a usable number.
    ///
    /// ```
    /// use authx_wasm::{Clock, FixedClock};
    /// assert_eq!(FixedClock(1_500.0).now_seconds().unwrap(), 1.5);
    /// assert!(FixedClock(f64::NAN).now_seconds().is_err());
    /// ```
    fn now_seconds(&self) -> Result<f64> {
        let ms = self.now_ms();
        // 8.64e15 ms is the largest time a JavaScript Date can hold.
        if ms.is_finite() && (0.0..=8.64e15).contains(&ms) {
            Ok(ms / 1000.0)
        } else {
            Err(Error::config(format!(
                "the clock returned {ms}; it must return milliseconds since the epoch, like Date.now()"
            )))
        }
    }
}

/// A clock stopped at a given time (milliseconds), for tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedClock(pub f64);

impl Clock for FixedClock {
    fn now_ms(&self) -> f64 {
        self.0
    }
}

/// The operating system's clock (not available on `wasm32-unknown-unknown`,
/// where the bindings use `Date.now()` instead).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Formats seconds since the epoch as an RFC 3339 UTC time, for messages.
///
/// ```
/// assert_eq!(authx_wasm::clock::format_iso(1796315129.248), "2026-12-03T16:25:29Z");
/// assert_eq!(authx_wasm::clock::format_iso(0.0), "1970-01-01T00:00:00Z");
/// ```
pub fn format_iso(seconds: f64) -> String {
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return format!("{seconds} s since the epoch");
    }
    let secs = seconds.floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Formats a number of seconds for messages: whole when whole, else to the millisecond.
///
/// ```
/// assert_eq!(authx_wasm::clock::format_seconds(192.0), "192");
/// assert_eq!(authx_wasm::clock::format_seconds(0.2481), "0.248");
/// ```
pub fn format_seconds(seconds: f64) -> String {
    if seconds.fract() == 0.0 {
        format!("{seconds:.0}")
    } else {
        let s = format!("{seconds:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_across_leap_years() {
        assert_eq!(format_iso(951_782_400.0), "2000-02-29T00:00:00Z");
        assert_eq!(format_iso(1_300_819_380.0), "2011-03-22T18:43:00Z");
        assert_eq!(format_iso(4_102_444_799.0), "2099-12-31T23:59:59Z");
        assert_eq!(format_iso(-1.0), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn clock_rejects_unusable_values() {
        assert!(FixedClock(-1.0).now_seconds().is_err());
        assert!(FixedClock(f64::INFINITY).now_seconds().is_err());
        assert!(FixedClock(9e15).now_seconds().is_err());
    }

    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    #[test]
    fn system_clock_reads_the_time() {
        assert!(SystemClock.now_seconds().unwrap() > 1.7e9);
    }
}
