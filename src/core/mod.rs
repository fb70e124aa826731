//! The pure-Rust core: no JavaScript types, builds and tests natively.
//!
//! One concept per module; data flows one way: token text → [`jws`] →
//! [`claims`] → [`verify`] → [`payload`], and request → [`mint`] → token text.

pub mod alg;
pub mod authx;
pub mod base64url;
pub mod claims;
pub mod clock;
pub mod config;
pub mod error;
pub mod json;
pub mod jws;
pub mod keys;
pub mod mint;
pub mod payload;
pub mod random;
pub mod scopes;
pub mod verify;
