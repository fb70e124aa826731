//! # authx-wasm
//!
//! The token model of the Python library [AuthX](https://pypi.org/project/authx/)
//! (access and refresh tokens, the `fresh` flag, scopes with `prefix:*`
//! wildcards, a CSRF claim) as a pure-Rust JWT core, compiled to WebAssembly
//! for browsers, Cloudflare Workers and Node.
//!
//! The core ([`core`]) knows nothing of JavaScript and builds and tests
//! natively; the JavaScript layer (`js`, on `wasm32` only) converts values at
//! the boundary and decides nothing.
//!
//! ```
//! use authx_wasm::{AuthX, Config, KeyMaterial, TokenRequest, TokenType};
//! let auth = AuthX::new(Config::default(), KeyMaterial::Secret(b"s3cret")).unwrap();
//! let mut req = TokenRequest::new(TokenType::Access, "42");
//! req.scopes = Some(vec!["admin:*".into()]);
//! let token = auth.create_token(&req, 1_800_000_000.0).unwrap();
//! let payload = auth.decode(&token, 1_800_000_001.0).unwrap();
//! assert!(payload.has_scopes(&["admin:users"], true));
//! ```
#![deny(missing_docs)]

pub mod core;

pub use crate::core::alg::Algorithm;
pub use crate::core::authx::AuthX;
pub use crate::core::claims::{Audience, Claims, TokenType};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use crate::core::clock::SystemClock;
pub use crate::core::clock::{Clock, FixedClock};
pub use crate::core::config::Config;
pub use crate::core::error::{Error, ErrorKind, Result};
pub use crate::core::keys::spec::KeySpec;
pub use crate::core::keys::{Key, KeyMaterial};
pub use crate::core::mint::TokenRequest;
pub use crate::core::payload::Payload;
pub use crate::core::verify::Requirements;
pub use crate::core::{alg, base64url, clock, config, json, jws, keys, mint, random, scopes};

#[cfg(target_arch = "wasm32")]
pub mod js;
