//! Base64url without padding (RFC 4648 §5, RFC 7515 §2), decoded strictly.
//!
//! Only the canonical form is accepted: the 64 URL-safe characters, no `=`
//! padding, no whitespace, no length that leaves a lone sextet, and no set bits
//! left over in the last character. Two different strings therefore never decode
//! to the same bytes, so a token cannot be altered without changing its bytes.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a string is not canonical base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Error {
    /// A byte outside the URL-safe alphabet (including `=`, `+`, `/`, whitespace).
    InvalidByte {
        /// Offset of the byte in the input.
        offset: usize,
        /// The byte itself.
        byte: u8,
    },
    /// The length leaves a single character over (`len % 4 == 1`).
    InvalidLength(usize),
    /// The last character carries bits that encode nothing.
    NonCanonical,
}

impl std::fmt::Display for Base64Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Base64Error::InvalidByte { offset, byte } if byte.is_ascii_graphic() => write!(
                f,
                "character '{}' at offset {offset} is not base64url",
                *byte as char
            ),
            Base64Error::InvalidByte { offset, byte } => {
                write!(f, "byte 0x{byte:02x} at offset {offset} is not base64url")
            }
            Base64Error::InvalidLength(len) => {
                write!(
                    f,
                    "length {len} is not a possible unpadded base64url length"
                )
            }
            Base64Error::NonCanonical => {
                f.write_str("the last character has unused bits set (non-canonical)")
            }
        }
    }
}

/// Encodes `bytes` as unpadded base64url, appending to `out`.
///
/// ```
/// let mut s = String::new();
/// authx_wasm::base64url::encode_into(b"hi?", &mut s);
/// assert_eq!(s, "aGk_");
/// ```
pub fn encode_into(bytes: &[u8], out: &mut String) {
    let full = bytes.len() / 3 * 3;
    let mut buf = vec![0u8; bytes.len() / 3 * 4 + [0, 2, 3][bytes.len() % 3]];
    let sym = |n: u32, shift: u32| ALPHABET[((n >> shift) & 63) as usize];
    let (mut i, mut o) = (0, 0);
    while i < full {
        let n =
            (u32::from(bytes[i]) << 16) | (u32::from(bytes[i + 1]) << 8) | u32::from(bytes[i + 2]);
        buf[o] = sym(n, 18);
        buf[o + 1] = sym(n, 12);
        buf[o + 2] = sym(n, 6);
        buf[o + 3] = sym(n, 0);
        i += 3;
        o += 4;
    }
    match bytes[full..] {
        [a] => {
            let n = u32::from(a) << 16;
            buf[o] = sym(n, 18);
            buf[o + 1] = sym(n, 12);
        }
        [a, b] => {
            let n = (u32::from(a) << 16) | (u32::from(b) << 8);
            buf[o] = sym(n, 18);
            buf[o + 1] = sym(n, 12);
            buf[o + 2] = sym(n, 6);
        }
        _ => {}
    }
    // Only alphabet bytes (ASCII) were written.
    out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
}

/// Encodes `bytes` as unpadded base64url.
///
/// ```
/// assert_eq!(authx_wasm::base64url::encode(b"{\"a\":1}"), "eyJhIjoxfQ");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    encode_into(bytes, &mut out);
    out
}

const fn decode_table() -> [u8; 256] {
    let mut table = [0xff_u8; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
}

static DECODE: [u8; 256] = decode_table();

/// Decodes canonical unpadded base64url.
///
/// ```
/// use authx_wasm::base64url::{decode, Base64Error};
/// assert_eq!(decode("aGk_").unwrap(), b"hi?");
/// assert_eq!(decode("aGk="), Err(Base64Error::InvalidByte { offset: 3, byte: b'=' }));
/// assert_eq!(decode("aGl"), Err(Base64Error::NonCanonical)); // "aGk" is the canonical form
/// ```
pub fn decode(input: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = input.as_bytes();
    let rem = bytes.len() % 4;
    if rem == 1 {
        return Err(Base64Error::InvalidLength(bytes.len()));
    }
    let full = bytes.len() - rem;
    let mut out = vec![0u8; full / 4 * 3 + rem.saturating_sub(1)];
    // Invalid bytes map to 0xff: OR-ing every looked-up value and testing the
    // high bit once keeps the loop free of branches; the offset is found after.
    let mut bad = 0u8;
    let (mut i, mut o) = (0, 0);
    while i < full {
        let (a, b, c, d) = (
            DECODE[bytes[i] as usize],
            DECODE[bytes[i + 1] as usize],
            DECODE[bytes[i + 2] as usize],
            DECODE[bytes[i + 3] as usize],
        );
        bad |= a | b | c | d;
        let n = (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
        out[o] = (n >> 16) as u8;
        out[o + 1] = (n >> 8) as u8;
        out[o + 2] = n as u8;
        i += 4;
        o += 3;
    }
    let mut tail = [0u8; 3];
    for (t, &x) in tail.iter_mut().zip(&bytes[full..]) {
        *t = DECODE[x as usize];
        bad |= *t;
    }
    if bad & 0x80 != 0 {
        let offset = bytes
            .iter()
            .position(|&x| DECODE[x as usize] == 0xff)
            .unwrap_or(0);
        return Err(Base64Error::InvalidByte {
            offset,
            byte: bytes[offset],
        });
    }
    let at = full / 4 * 3;
    match (rem, tail) {
        (2, [a, b, _]) => {
            if b & 0x0f != 0 {
                return Err(Base64Error::NonCanonical);
            }
            out[at] = (a << 2) | (b >> 4);
        }
        (3, [a, b, c]) => {
            if c & 0x03 != 0 {
                return Err(Base64Error::NonCanonical);
            }
            out[at] = (a << 2) | (b >> 4);
            out[at + 1] = (b << 4) | (c >> 2);
        }
        _ => {}
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let enc = encode(&data[..len]);
            assert!(!enc.contains('='));
            assert_eq!(decode(&enc).unwrap(), &data[..len], "length {len}");
        }
    }

    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn rejects_padding_std_alphabet_and_whitespace() {
        assert!(matches!(
            decode("Zg=="),
            Err(Base64Error::InvalidByte { byte: b'=', .. })
        ));
        assert!(matches!(
            decode("+/8"),
            Err(Base64Error::InvalidByte {
                byte: b'+',
                offset: 0
            })
        ));
        assert!(matches!(
            decode("Zm9v Yg"),
            Err(Base64Error::InvalidByte { byte: b' ', .. })
        ));
        assert!(matches!(
            decode("Zm9v\nYg"),
            Err(Base64Error::InvalidByte { byte: b'\n', .. })
        ));
        assert!(matches!(
            decode("Zm9vé"),
            Err(Base64Error::InvalidByte { .. })
        ));
    }

    #[test]
    fn rejects_impossible_length_and_non_canonical_tails() {
        assert_eq!(decode("Zm9vY"), Err(Base64Error::InvalidLength(5)));
        assert_eq!(decode("Zh"), Err(Base64Error::NonCanonical));
        assert_eq!(decode("Zm9"), Err(Base64Error::NonCanonical));
        assert_eq!(decode("Zm8"), Ok(b"fo".to_vec()));
    }
}
