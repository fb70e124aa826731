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
                "the clock returned {}; it must return milliseconds since the epoch, like Date.now()",
                format_number(ms)
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
        return format_number(seconds) + " s since the epoch";
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
    // By hand rather than with `format!`: the HMAC-only build keeps integer
    // formatting out where it can. `year` is within ±31,690,000 here.
    let mut out = String::with_capacity(20);
    if year < 0 {
        out.push('-');
    }
    let two = |out: &mut String, n: i64| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    // `{year:04}`: the sign counts toward the width of 4.
    let digits = exact_digits(year.unsigned_abs(), 0).0;
    for _ in digits.len() + out.len()..4 {
        out.push('0');
    }
    out.push_str(&digits);
    for (sep, n) in [
        ('-', month),
        ('-', day),
        ('T', rem / 3600),
        (':', rem % 3600 / 60),
        (':', rem % 60),
    ] {
        out.push(sep);
        two(&mut out, n);
    }
    out.push('Z');
    out
}

/// Formats a number of seconds for messages: whole when whole, else to the millisecond.
///
/// ```
/// assert_eq!(authx_wasm::clock::format_seconds(192.0), "192");
/// assert_eq!(authx_wasm::clock::format_seconds(0.2481), "0.248");
/// ```
pub fn format_seconds(seconds: f64) -> String {
    if seconds.fract() == 0.0 {
        format_fixed(seconds, 0)
    } else {
        let s = format_fixed(seconds, 3);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

// Number formatting by hand: the same text as `format!("{x}")` and
// `format!("{x:.N}")`, without `core::fmt`'s float machinery (flt2dec, about
// 15 KB of wasm), which only error messages need. Exact decimal expansion with
// a small big integer, then rounding on the digits; the shortest form asks the
// float parser (which the JSON reader links anyway) which rounding reads back.

/// The exact decimal digits of `m · 2^e` (no leading zeros; "0" for zero) and
/// how many of them are after the decimal point.
fn exact_digits(m: u64, e: i32) -> (String, usize) {
    // Little-endian base-10^9 limbs.
    let mut limbs: Vec<u32> = vec![
        (m % 1_000_000_000) as u32,
        (m / 1_000_000_000 % 1_000_000_000) as u32,
        (m / 1_000_000_000_000_000_000) as u32,
    ];
    let mul = |limbs: &mut Vec<u32>, by: u32| {
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let v = u64::from(*l) * u64::from(by) + carry;
            *l = (v % 1_000_000_000) as u32;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push((carry % 1_000_000_000) as u32);
            carry /= 1_000_000_000;
        }
    };
    // m · 2^e, or m · 5^k / 10^k for e = -k.
    let (base, max_step, mut n) = if e >= 0 {
        (2u32, 31u32, e.unsigned_abs())
    } else {
        (5u32, 13u32, e.unsigned_abs())
    };
    while n > 0 {
        let step = n.min(max_step);
        mul(&mut limbs, base.pow(step));
        n -= step;
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut text = String::new();
    for (i, l) in limbs.iter().rev().enumerate() {
        let chunk = l.to_string_digits();
        if i > 0 {
            for _ in chunk.len()..9 {
                text.push('0');
            }
        }
        text.push_str(&chunk);
    }
    let frac = if e < 0 { e.unsigned_abs() as usize } else { 0 };
    (text, frac)
}

/// Decimal digits of a `u32`, without `core::fmt`.
trait Digits {
    fn to_string_digits(self) -> String;
}

impl Digits for u32 {
    fn to_string_digits(self) -> String {
        let mut buf = [0u8; 10];
        let mut i = buf.len();
        let mut n = self;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        buf[i..].iter().map(|&b| char::from(b)).collect()
    }
}

/// `x` split into sign, mantissa and binary exponent (`|x| = m · 2^e`); `None` when not finite.
fn decompose(x: f64) -> Option<(bool, u64, i32)> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    Some((x.is_sign_negative(), m, e))
}

fn non_finite(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_owned()
    } else if x > 0.0 {
        "inf".to_owned()
    } else {
        "-inf".to_owned()
    }
}

/// Rounds the digit string `d` (with an implied point anywhere) to its first
/// `keep` digits, to nearest on the exact rest, an exact half to even (or up
/// with `Round::HalfUp`); `Up` and `Down` force the direction. Returns the kept digits and whether
/// a carry added a digit in front.
fn round_digits(d: &[u8], keep: usize, mode: Round) -> (Vec<u8>, bool) {
    let mut kept: Vec<u8> = d[..keep.min(d.len())].to_vec();
    kept.resize(keep, b'0');
    let rest = d.get(keep..).unwrap_or(&[]);
    let round_up = match mode {
        Round::Up => rest.iter().any(|&c| c != b'0'),
        Round::Down => false,
        Round::HalfEven | Round::HalfUp => match rest.first() {
            None => false,
            Some(&c) if c > b'5' => true,
            Some(&c) if c < b'5' => false,
            Some(_) if rest[1..].iter().any(|&c| c != b'0') => true,
            // An exact half.
            Some(_) if mode == Round::HalfUp => true,
            Some(_) => kept.last().is_some_and(|&c| (c - b'0') % 2 == 1),
        },
    };
    if !round_up {
        return (kept, false);
    }
    for c in kept.iter_mut().rev() {
        if *c == b'9' {
            *c = b'0';
        } else {
            *c += 1;
            return (kept, false);
        }
    }
    kept.insert(0, b'1');
    (kept, true)
}

/// How [`round_digits`] rounds.
#[derive(Clone, Copy, PartialEq)]
enum Round {
    HalfEven,
    HalfUp,
    Up,
    Down,
}

/// Digits with `frac` of them after the point, as positional text.
fn positional(negative: bool, digits: &[u8], frac: usize) -> String {
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let int_len = digits.len().saturating_sub(frac);
    if int_len == 0 {
        out.push('0');
    } else {
        out.extend(digits[..int_len].iter().map(|&b| char::from(b)));
    }
    if frac > 0 {
        out.push('.');
        for _ in digits.len()..frac {
            out.push('0');
        }
        out.extend(digits[int_len..].iter().map(|&b| char::from(b)));
    }
    out
}

/// `x` with exactly `decimals` digits after the point, rounded half to even:
/// the text of `format!("{x:.decimals$}")`.
///
/// ```
/// use authx_wasm::clock::format_fixed;
/// assert_eq!(format_fixed(0.0625, 3), "0.062");
/// assert_eq!(format_fixed(2.5, 0), "2");
/// assert_eq!(format_fixed(-1e-10, 3), "-0.000");
/// ```
pub fn format_fixed(x: f64, decimals: usize) -> String {
    let Some((negative, m, e)) = decompose(x) else {
        return non_finite(x);
    };
    let (text, frac) = exact_digits(m, e);
    let d = text.as_bytes();
    // Keep the digits down to `decimals` after the point.
    let int_len = d.len() as isize - frac as isize;
    let keep = int_len + decimals as isize;
    let digits = if keep < 0 {
        Vec::new()
    } else {
        let (mut kept, _) = round_digits(d, keep as usize, Round::HalfEven);
        if kept.is_empty() {
            kept.push(b'0');
        }
        kept
    };
    positional(negative, &digits, decimals)
}

/// `x` as its shortest text that reads back as `x`, without an exponent: the
/// text of `format!("{x}")`.
///
/// ```
/// use authx_wasm::clock::format_number;
/// assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(format_number(1152921504606846976.0), "1152921504606847000");
/// assert_eq!(format_number(-1.5), "-1.5");
/// assert_eq!(format_number(f64::NAN), "NaN");
/// ```
pub fn format_number(x: f64) -> String {
    let Some((negative, m, e)) = decompose(x) else {
        return non_finite(x);
    };
    if m == 0 {
        return if negative { "-0" } else { "0" }.to_owned();
    }
    let (text, frac) = exact_digits(m, e);
    let d = text.trim_start_matches('0').as_bytes();
    // The value is 0.d × 10^point.
    let point = d.len() as isize - frac as isize;
    for keep in 1..=d.len() {
        // The nearest first (the shortest-digits algorithm rounds a tie up).
        for mode in [Round::HalfUp, Round::Up, Round::Down] {
            let (kept, carry) = round_digits(d, keep, mode);
            let point = point + isize::from(carry);
            let digits = trim_zeros(&kept);
            // The candidate as scientific text, for the parser.
            let mut sci: String = digits.iter().map(|&b| char::from(b)).collect();
            sci.push('e');
            sci.push_str(&signed(point - digits.len() as isize));
            if sci.parse::<f64>().ok() == Some(x.abs()) {
                return shown(negative, digits, point);
            }
        }
    }
    shown(negative, trim_zeros(d), point)
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let end = d.iter().rposition(|&c| c != b'0').map_or(1, |i| i + 1);
    &d[..end]
}

fn signed(n: isize) -> String {
    let digits = (n.unsigned_abs() as u32).to_string_digits();
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// `0.digits × 10^point` as positional text.
fn shown(negative: bool, digits: &[u8], point: isize) -> String {
    if point <= 0 {
        let mut all = vec![b'0'; point.unsigned_abs()];
        all.extend_from_slice(digits);
        let frac = all.len();
        positional(negative, &all, frac)
    } else {
        let point = point as usize;
        let mut all = digits.to_vec();
        if all.len() < point {
            all.resize(point, b'0');
        }
        let frac = all.len() - point;
        positional(negative, &all, frac)
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

    /// Bit patterns that cover every kind of `f64`: random, near powers of
    /// two and ten, subnormal, halves at 3 decimals, large integers.
    fn samples() -> Vec<f64> {
        let mut out = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.0625,
            0.0005,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1e15,
            1e21,
            1e22,
            1e23,
            9007199254740993.0,
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = match i % 4 {
                0 => f64::from_bits(seed),
                1 => (seed % 100_000_000) as f64 / 8000.0 * if seed & 1 == 0 { 1.0 } else { -1.0 },
                2 => {
                    2f64.powi((seed % 2000) as i32 - 1000) * if seed & 2 == 0 { 1.0 } else { -1.0 }
                }
                _ => 10f64.powi((seed % 600) as i32 - 300) * (1.0 + (seed >> 40) as f64 / 1e7),
            };
            out.push(x);
        }
        out
    }

    #[test]
    fn number_text_is_the_std_text() {
        for x in samples() {
            assert_eq!(format_number(x), format!("{x}"), "{:e}", x);
            assert_eq!(format_fixed(x, 3), format!("{x:.3}"), "{:e}", x);
            assert_eq!(format_fixed(x, 0), format!("{x:.0}"), "{:e}", x);
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(format_number(x), format!("{x}"));
            assert_eq!(format_fixed(x, 3), format!("{x:.3}"));
        }
        assert_eq!(format_seconds(-0.0004), "-0");
        assert_eq!(format_iso(f64::NAN), "NaN s since the epoch");
    }

    /// The `format!` text `format_iso` had before it was written by hand.
    fn iso_reference(seconds: f64) -> String {
        if !seconds.is_finite() || seconds.abs() > 1e15 {
            return format!("{seconds} s since the epoch");
        }
        let secs = seconds.floor() as i64;
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let z = days + 719_468;
        let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
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

    #[test]
    fn iso_text_is_the_format_text() {
        for x in samples().into_iter().chain([
            -62_198_755_200.0,
            -62_167_219_200.0,
            -30_000_000_000.0,
            253_402_300_800.0,
            1e15,
            -1e15,
            1e15 + 1.0,
        ]) {
            assert_eq!(format_iso(x), iso_reference(x), "{x:e}");
        }
    }

    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    #[test]
    fn system_clock_reads_the_time() {
        assert!(SystemClock.now_seconds().unwrap() > 1.7e9);
    }
}
