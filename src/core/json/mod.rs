//! Strict JSON (RFC 8259) for headers, claims and keys.
//!
//! Every JSON text this library reads is held to the same rules, wherever it
//! comes from (a token, an option, a key):
//! - the top level is an object;
//! - no object has two members with the same name, at any depth (RFC 7515 §4
//!   and RFC 7519 §4 let a parser reject them or keep the last; libraries pick
//!   differently, which lets one token mean two things to two readers);
//! - numbers are finite `f64`s (`1e400` is refused), strings are valid UTF-8
//!   with no lone surrogate escapes (`"\ud800"`), nesting is at most 128 deep.
//!
//! - [`read`]: the reader used on every token: it checks a text against these rules
//!   without building a tree and hands back the top-level members as borrowed
//!   slices of the text ([`Member`], [`Raw`]); [`JsonObject`] is an owned,
//!   checked object text (custom claims, extra headers).
//! - [`write`]: JSON string escaping and numbers, for minting.
//! - [`value`]: the same rules over `serde_json` trees, for keys (JWK, JWKS);
//!   not in the HMAC-only build (cargo feature `asymmetric` off), which reads
//!   no keys and so has no `serde_json`.

pub mod read;
#[cfg(feature = "asymmetric")]
pub mod value;
pub mod write;

pub use read::{members, JsonObject, Kind, Member, Raw};
#[cfg(feature = "asymmetric")]
pub use value::{parse_object, to_string, type_name, Object};
