//! Randomness for `jti` and `csrf`: random UUIDs (RFC 9562 version 4).
//!
//! Bytes come from the operating system, or from `crypto.getRandomValues` in
//! browsers, Workers and Node (getrandom's `js` backend). Nothing is drawn at
//! module start: Cloudflare Workers forbid randomness at global scope.
//!
//! Each call into the JavaScript random source costs far more than the bytes
//! it yields (in Node it was half of the time of signing a token, which draws
//! two UUIDs), so UUIDs take their bytes from a pool, per thread, filled with
//! one draw of `POOL_LEN` bytes on first use and again whenever it runs dry.
//! Bytes handed out are zeroed in the pool at once, so the pool never holds the
//! bytes of a UUID already made. [`fill`] (keys, seeds) never uses the pool.

use crate::core::error::{Error, Result};
use std::cell::RefCell;
use zeroize::Zeroize;

/// Fills `buf` with cryptographically secure random bytes, straight from the
/// system's source (not the UUID pool).
pub fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| Error::config(format!("no secure random source is available: {e}")))
}

/// Bytes drawn from the source at a time for UUIDs: 64 UUIDs (32 access tokens with CSRF).
const POOL_LEN: usize = 1024;

/// Bytes of one UUID.
const UUID_LEN: usize = 16;

/// Unused random bytes: `bytes[next..]` are fresh, `bytes[..next]` are zero.
struct Pool {
    bytes: [u8; POOL_LEN],
    next: usize,
}

thread_local! {
    // Empty until the first UUID: nothing is drawn when the module loads.
    static POOL: RefCell<Pool> = const {
        RefCell::new(Pool {
            bytes: [0; POOL_LEN],
            next: POOL_LEN,
        })
    };
}

/// Moves the next 16 pool bytes into `out` (zeroing them in the pool),
/// refilling the pool first when fewer are left.
fn take(out: &mut [u8; UUID_LEN]) -> Result<()> {
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        if pool.next + UUID_LEN > POOL_LEN {
            // On failure the pool stays empty (`next` unchanged) and the next call tries again.
            fill(&mut pool.bytes)?;
            pool.next = 0;
        }
        let at = pool.next;
        let taken = &mut pool.bytes[at..at + UUID_LEN];
        out.copy_from_slice(taken);
        taken.zeroize();
        pool.next = at + UUID_LEN;
        Ok(())
    })
}

/// A random UUID v4 in its lowercase hyphenated form, as Python's `str(uuid.uuid4())`.
///
/// ```
/// let id = authx_wasm::random::uuid_v4().unwrap();
/// assert_eq!(id.len(), 36);
/// assert_eq!(&id[14..15], "4");
/// ```
pub fn uuid_v4() -> Result<String> {
    let mut b = [0u8; UUID_LEN];
    take(&mut b)?;
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
    b.zeroize();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_v4(a: &str) {
        let parts: Vec<_> = a.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{a}");
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert!(
            a.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
            "{a}"
        );
    }

    #[test]
    fn uuids_are_v4_and_differ() {
        let a = uuid_v4().unwrap();
        let b = uuid_v4().unwrap();
        assert_ne!(a, b);
        assert_v4(&a);
        assert_v4(&b);
    }

    #[test]
    fn uuids_across_refills_differ_and_stay_v4() {
        // Three pools' worth and then some: at least two refills, wherever this
        // thread's pool stood before.
        let n = 3 * POOL_LEN / UUID_LEN + 3;
        let ids: Vec<String> = (0..n).map(|_| uuid_v4().unwrap()).collect();
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), n);
        ids.iter().for_each(|id| assert_v4(id));
    }

    #[test]
    fn handed_out_bytes_are_zeroed_in_the_pool() {
        for _ in 0..POOL_LEN / UUID_LEN + 5 {
            uuid_v4().unwrap();
            POOL.with(|pool| {
                let pool = pool.borrow();
                assert!(pool.next > 0 && pool.next <= POOL_LEN);
                assert!(pool.bytes[..pool.next].iter().all(|&b| b == 0));
                // The rest is fresh random bytes (all-zero has odds 2^-8 per byte).
                assert!(pool.bytes[pool.next..].iter().any(|&b| b != 0) || pool.next == POOL_LEN);
            });
        }
    }
}
