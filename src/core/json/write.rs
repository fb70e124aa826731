//! Writing JSON for new tokens: string literals and whole numbers.
//!
//! Escaping follows RFC 8259 §7 and matches what `JSON.stringify` and
//! `serde_json` emit: `"` and `\` escaped, control characters as `\n`, `\t`,
//! … or `\u00XX`, everything else (non-ASCII included) as UTF-8.

/// Appends `s` as a JSON string literal, quotes included.
///
/// ```
/// let mut out = String::new();
/// authx_wasm::json::write::string(&mut out, "a\"b\\c\n\u{1}é");
/// assert_eq!(out, r#""a\"b\\c\n\u0001é""#);
/// ```
pub fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends a JSON array of string literals.
///
/// ```
/// let mut out = String::new();
/// authx_wasm::json::write::strings(&mut out, &["a".to_string(), "b".to_string()]);
/// assert_eq!(out, r#"["a","b"]"#);
/// ```
pub fn strings(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, s);
    }
    out.push(']');
}

/// Appends a whole number of seconds (the fraction, if any, dropped toward zero).
///
/// ```
/// let mut out = String::new();
/// authx_wasm::json::write::whole(&mut out, 1796316753.9);
/// out.push(',');
/// authx_wasm::json::write::whole(&mut out, -12.0);
/// assert_eq!(out, "1796316753,-12");
/// ```
pub fn whole(out: &mut String, seconds: f64) {
    let mut n = seconds as i64;
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10).unsigned_abs() as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or("0"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_json_stringify() {
        let mut out = String::new();
        string(&mut out, "\u{7f}\u{1f}\u{8}\u{c}\r\t/\u{2028}😀");
        assert_eq!(out, "\"\u{7f}\\u001f\\b\\f\\r\\t/\u{2028}😀\"");
        // What is written reads back to the same string.
        let text = format!("{{\"k\":{out}}}");
        let m = crate::core::json::members(text.as_bytes(), "t").unwrap();
        assert_eq!(
            m[0].value.as_str().unwrap(),
            "\u{7f}\u{1f}\u{8}\u{c}\r\t/\u{2028}😀"
        );
    }

    #[test]
    fn whole_numbers() {
        for (v, s) in [
            (0.0, "0"),
            (-0.5, "0"),
            (9007199254740991.0, "9007199254740991"),
            (-1.0, "-1"),
        ] {
            let mut out = String::new();
            whole(&mut out, v);
            assert_eq!(out, s);
        }
    }
}
