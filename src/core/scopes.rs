//! Scope matching, exactly as AuthX 1.7.1 does it (`authx/_internal/_scopes.py`).
//!
//! - A scope held by the token that ends in `:*` is a wildcard for its namespace:
//!   `admin:*` grants `admin`, `admin:users` and `admin:users:edit`, not `adminx`.
//! - A *required* scope is always literal: requiring `admin:*` is met by a
//!   token scope `admin:*` itself, never by `admin:users`.
//! - A bare `*` is literal. Matching is case-sensitive; nothing is trimmed.
//! - A token without a `scopes` claim satisfies only an empty requirement.
//! - With `all_required == false`, at least one required scope must match, so an
//!   empty requirement is *not* satisfied by a token that has a `scopes` claim
//!   (Python's `any([])` is false); this quirk is kept for compatibility.

/// Does the token-side scope `provided` grant the required scope `required`?
///
/// ```
/// use authx_wasm::scopes::scope_matches;
/// assert!(scope_matches("users:read", "users:*"));
/// assert!(scope_matches("admin", "admin:*"));
/// assert!(!scope_matches("adminx", "admin:*"));
/// assert!(!scope_matches("admin:users", "*"));
/// ```
pub fn scope_matches(required: &str, provided: &str) -> bool {
    if required == provided {
        return true;
    }
    match provided.strip_suffix(":*") {
        Some(namespace) => {
            required == namespace
                || (required.len() > namespace.len()
                    && required.starts_with(namespace)
                    && required.as_bytes()[namespace.len()] == b':')
        }
        None => false,
    }
}

/// Do the token's scopes (`provided`, `None` when the claim is absent) satisfy
/// `required`: all of them, or with `all_required == false` at least one?
///
/// ```
/// use authx_wasm::scopes::has_scopes;
/// let held = vec!["read".to_string(), "admin:*".to_string()];
/// assert!(has_scopes(&["read", "admin:users"], Some(&held), true));
/// assert!(!has_scopes(&["read", "write"], Some(&held), true));
/// assert!(has_scopes(&["read", "write"], Some(&held), false));
/// assert!(!has_scopes(&["read"], None, true));
/// ```
pub fn has_scopes<S: AsRef<str>>(
    required: &[S],
    provided: Option<&[String]>,
    all_required: bool,
) -> bool {
    grants(required, provided, all_required)
}

/// [`has_scopes`] for any string type on both sides (borrowed scopes, say).
///
/// ```
/// use authx_wasm::scopes::grants;
/// assert!(grants(&["posts:read"], Some(&["posts:*"]), true));
/// assert!(!grants::<_, &str>(&["posts:read"], None, true));
/// ```
pub fn grants<S: AsRef<str>, P: AsRef<str>>(
    required: &[S],
    provided: Option<&[P]>,
    all_required: bool,
) -> bool {
    let Some(provided) = provided else {
        return required.is_empty();
    };
    let satisfied = |req: &S| {
        provided
            .iter()
            .any(|p| scope_matches(req.as_ref(), p.as_ref()))
    };
    if all_required {
        required.iter().all(satisfied)
    } else {
        required.iter().any(satisfied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (required, provided, expected), checked against AuthX 1.7.1's `match_scope`.
    const MATCH_TABLE: &[(&str, &str, bool)] = &[
        ("read", "read", true),
        ("read", "write", false),
        ("Read", "read", false),
        ("read ", "read", false),
        ("users:read", "users:read", true),
        ("users:read", "users:*", true),
        ("users", "users:*", true),
        ("users:", "users:*", true),
        ("users:read:own", "users:*", true),
        ("usersx", "users:*", false),
        ("user", "users:*", false),
        ("posts:read", "users:*", false),
        ("users:*", "users:*", true),
        ("users:*", "users:read", false),
        ("users:read", "users:read:*", true),
        ("users:read:x", "users:read:*", true),
        ("users:read", "users:*:*", false),
        ("anything", "*", false),
        ("*", "*", true),
        ("users:read", "*:*", false),
        ("*", "*:*", true),
        ("", ":*", true),
        (":x", ":*", true),
        ("x", ":*", false),
        ("", "", true),
        ("a", "", false),
        ("admin", "admin*", false),
        ("admin:users", "admin*", false),
        ("ADMIN:users", "admin:*", false),
    ];

    #[test]
    fn match_truth_table() {
        for &(required, provided, expected) in MATCH_TABLE {
            assert_eq!(
                scope_matches(required, provided),
                expected,
                "required {required:?} provided {provided:?}"
            );
        }
    }

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn all_and_any() {
        let held = owned(&["read", "admin:*"]);
        let none: [&str; 0] = [];
        assert!(has_scopes(&none, Some(&held), true));
        assert!(!has_scopes(&none, Some(&held), false));
        assert!(has_scopes(&none, None, true));
        assert!(has_scopes(&none, None, false));
        assert!(!has_scopes(&["read"], None, false));
        assert!(!has_scopes(&["read"], Some(&[]), true));
        assert!(has_scopes(&["admin", "admin:x", "read"], Some(&held), true));
        assert!(!has_scopes(&["admin", "write"], Some(&held), true));
        assert!(has_scopes(&["admin", "write"], Some(&held), false));
        assert!(!has_scopes(&["write", "delete"], Some(&held), false));
    }
}
