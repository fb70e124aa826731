//! Randomness for `jti` and `csrf`: random UUIDs (RFC 9562 version 4).
//!
//! Bytes come from the operating system, or from `crypto.getRandomValues` in
//! browsers, Workers and Node (getrandom's `js` backend). Nothing is drawn at
//! module start: Cloudflare Workers forbid randomness at global scope.

use crate::core::error::{Error, Result};

/// Fills `buf` with cryptographically secure random bytes.
pub fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| Error::config(format!("no secure random source is available: {e}")))
}

/// A random UUID v4 in its lowercase hyphenated form, as Python's `str(uuid.uuid4())`.
///
/// ```
/// let id = authx_wasm::random::uuid_v4().unwrap();
/// assert_eq!(id.len(), 36);
/// assert_eq!(&id[14..15], "4");
/// ```
pub fn uuid_v4() -> Result<String> {
    let mut b = [0u8; 16];
    fill(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(HEX[(byte >> 4) as usize] as char);
        s.push(HEX[(byte & 15) as usize] as char);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_are_v4_and_differ() {
        let a = super::uuid_v4().unwrap();
        let b = super::uuid_v4().unwrap();
        assert_ne!(a, b);
        let parts: Vec<_> = a.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        assert!(a
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}
