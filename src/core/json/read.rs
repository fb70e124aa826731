//! The strict reader: checks a JSON object text in one pass and returns its
//! top-level members as slices of the text, without building a tree.
//!
//! This is what every token's header and payload go through, so it allocates
//! only for the member list and for names that contain escapes. Nested values
//! are checked (duplicate names, numbers, strings, depth) and then kept as raw
//! text: a caller that wants one reads it with [`Raw::as_str`], [`Raw::as_f64`]
//! and friends; JavaScript gets the whole text and lets `JSON.parse` build it.

use std::borrow::Cow;
use std::collections::BTreeSet;

/// How deep arrays and objects may nest (the top-level object is depth 1).
pub const MAX_DEPTH: usize = 128;

/// Objects with more members than this check duplicates with a sorted set
/// instead of a linear scan.
const LINEAR_NAMES: usize = 16;

/// The type of a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A finite number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The type's name with its article, for messages ("a string").
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// A checked JSON value, as the slice of text it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a> {
    /// The value's text, exactly as in the input (nested whitespace included).
    pub text: &'a str,
    /// Its type.
    pub kind: Kind,
}

impl<'a> Raw<'a> {
    /// The string's value (escapes resolved), or `None` for other types.
    ///
    /// ```
    /// use authx_wasm::json::members;
    /// let m = members(br#"{"a":"x\u00e9\n"}"#, "payload").unwrap();
    /// assert_eq!(m[0].value.as_str().as_deref(), Some("x\u{e9}\n"));
    /// ```
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        (self.kind == Kind::String).then(|| unescape(self.text))
    }

    /// The number's value, or `None` for other types.
    pub fn as_f64(&self) -> Option<f64> {
        if self.kind != Kind::Number {
            return None;
        }
        // The reader checked the grammar and that the value is finite.
        self.text.parse().ok()
    }

    /// The boolean's value, or `None` for other types.
    pub fn as_bool(&self) -> Option<bool> {
        (self.kind == Kind::Bool).then(|| self.text == "true")
    }

    /// The items of an array whose items are all strings; `None` for anything else.
    ///
    /// ```
    /// use authx_wasm::json::members;
    /// let m = members(br#"{"s":["a", "b"],"t":["a",1]}"#, "payload").unwrap();
    /// assert_eq!(m[0].value.strings(), Some(vec!["a".to_string(), "b".to_string()]));
    /// assert_eq!(m[1].value.strings(), None);
    /// ```
    pub fn strings(&self) -> Option<Vec<String>> {
        Some(
            self.borrowed_strings()?
                .into_iter()
                .map(Cow::into_owned)
                .collect(),
        )
    }

    /// [`Raw::strings`], borrowing the items that have no escapes.
    pub fn borrowed_strings(&self) -> Option<Vec<Cow<'a, str>>> {
        self.items()?.iter().map(Raw::as_str).collect()
    }

    /// The items of an array, each as raw text; `None` for other types.
    ///
    /// ```
    /// use authx_wasm::json::read::value;
    /// let v = value(br#"[["a"], 1]"#, "t").unwrap();
    /// let items = v.items().unwrap();
    /// assert_eq!((items[0].text, items[1].text), (r#"["a"]"#, "1"));
    /// ```
    pub fn items(&self) -> Option<Vec<Raw<'a>>> {
        if self.kind != Kind::Array {
            return None;
        }
        let mut p = Parser::new(self.text);
        p.pos = 1;
        let mut out = Vec::new();
        p.ws();
        if p.peek() == Some(b']') {
            return Some(out);
        }
        loop {
            p.ws();
            let start = p.pos;
            let kind = p.value(1).ok()?;
            out.push(Raw {
                text: slice(self.text, start, p.pos),
                kind,
            });
            p.ws();
            match p.bump() {
                Some(b',') => continue,
                Some(b']') => return Some(out),
                _ => return None,
            }
        }
    }

    /// Appends the value without insignificant whitespace.
    ///
    /// ```
    /// use authx_wasm::json::members;
    /// let m = members(br#"{"d": { "a" : [1, "x y"] }}"#, "payload").unwrap();
    /// let mut out = String::new();
    /// m[0].value.write_compact(&mut out);
    /// assert_eq!(out, r#"{"a":[1,"x y"]}"#);
    /// ```
    pub fn write_compact(&self, out: &mut String) {
        let bytes = self.text.as_bytes();
        let mut start = 0;
        let mut in_string = false;
        let mut escaped = false;
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else if b == b'"' {
                in_string = true;
            } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                out.push_str(&self.text[start..i]);
                start = i + 1;
            }
        }
        out.push_str(&self.text[start..]);
    }
}

/// One top-level member of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'a> {
    /// The name, escapes resolved.
    pub name: Cow<'a, str>,
    /// The name as written, quotes included (valid JSON string text).
    pub name_text: &'a str,
    /// The value.
    pub value: Raw<'a>,
}

/// Checks `bytes` as one JSON object under the rules of [`super`] and returns its
/// top-level members in document order.
///
/// `what` names the text in messages ("header", "payload", "options.data").
///
/// ```
/// use authx_wasm::json::{members, Kind};
/// let m = members(br#"{"sub":"42","exp":1796315129.25,"data":{"a":[1]}}"#, "payload").unwrap();
/// assert_eq!(m.len(), 3);
/// assert_eq!(m[1].value.as_f64(), Some(1796315129.25));
/// assert_eq!(m[2].value.kind, Kind::Object);
/// let err = members(br#"{"d":{"x":1,"x":2}}"#, "payload").unwrap_err();
/// assert_eq!(err, r#"payload has the member "x" twice"#);
/// assert!(members(b"[1]", "payload").is_err());
/// ```
pub fn members<'a>(bytes: &'a [u8], what: &str) -> Result<Vec<Member<'a>>, String> {
    members_of(utf8(bytes, what)?, what)
}

/// `bytes` as text, or the message for JSON that is not UTF-8.
pub fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} is not valid JSON: not UTF-8 at byte {}",
            e.valid_up_to()
        )
    })
}

/// [`members`] of a text already known to be UTF-8.
pub fn members_of<'a>(text: &'a str, what: &str) -> Result<Vec<Member<'a>>, String> {
    let mut p = Parser::new(text);
    p.ws();
    match p.peek() {
        Some(b'{') => {}
        None => return Err(format!("{what} is not valid JSON: it is empty")),
        Some(_) => {
            let kind = p.value(0).map_err(|e| e.message(what))?;
            p.ws();
            if p.peek().is_some() {
                return Err(Failure::new(p.pos, "trailing characters").message(what));
            }
            return Err(format!("{what} must be a JSON object, not {}", kind.name()));
        }
    }
    let mut out = Vec::new();
    p.object(1, Some(&mut out)).map_err(|e| e.message(what))?;
    p.ws();
    if p.peek().is_some() {
        return Err(Failure::new(p.pos, "trailing characters after the object").message(what));
    }
    Ok(out)
}

/// Checks `bytes` as one JSON value of any type under the rules of [`super`].
///
/// ```
/// use authx_wasm::json::read::value;
/// assert_eq!(value(br#" ["a","b"] "#, "scopes").unwrap().strings().unwrap(), ["a", "b"]);
/// assert!(value(br#"[{"k":1,"k":2}]"#, "scopes").is_err());
/// ```
pub fn value<'a>(bytes: &'a [u8], what: &str) -> Result<Raw<'a>, String> {
    let text = utf8(bytes, what)?;
    let mut p = Parser::new(text);
    p.ws();
    let start = p.pos;
    let kind = p.value(0).map_err(|e| e.message(what))?;
    let end = p.pos;
    p.ws();
    if p.peek().is_some() {
        return Err(Failure::new(p.pos, "trailing characters").message(what));
    }
    Ok(Raw {
        text: slice(text, start, end),
        kind,
    })
}

/// An owned JSON object text that passed [`members`]: custom claims (AuthX's
/// `data`) and extra headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonObject {
    text: String,
}

impl JsonObject {
    /// Checks `text` as a JSON object; `what` names it in messages.
    ///
    /// ```
    /// use authx_wasm::json::JsonObject;
    /// let data = JsonObject::parse(r#"{"role":"editor"}"#, "data").unwrap();
    /// assert_eq!(data.members()[0].name, "role");
    /// assert!(JsonObject::parse("[]", "data").is_err());
    /// ```
    pub fn parse(text: impl Into<String>, what: &str) -> Result<JsonObject, String> {
        let text = text.into();
        members(text.as_bytes(), what)?;
        Ok(JsonObject { text })
    }

    /// Builds an object from checked members, written compactly.
    pub fn from_members<'a>(items: impl IntoIterator<Item = &'a Member<'a>>) -> JsonObject {
        let mut text = String::from("{");
        for m in items {
            if text.len() > 1 {
                text.push(',');
            }
            text.push_str(m.name_text);
            text.push(':');
            m.value.write_compact(&mut text);
        }
        text.push('}');
        JsonObject { text }
    }

    /// The members, in order.
    pub fn members(&self) -> Vec<Member<'_>> {
        // The text was checked when this object was made.
        members_of(&self.text, "object").unwrap_or_default()
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<Raw<'_>> {
        self.members()
            .into_iter()
            .find(|m| m.name == name)
            .map(|m| m.value)
    }

    /// Has the object no members?
    pub fn is_empty(&self) -> bool {
        self.members().is_empty()
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Where and why a text failed.
struct Failure {
    pos: usize,
    why: &'static str,
    duplicate: Option<String>,
}

impl Failure {
    fn new(pos: usize, why: &'static str) -> Failure {
        Failure {
            pos,
            why,
            duplicate: None,
        }
    }

    fn message(&self, what: &str) -> String {
        match &self.duplicate {
            Some(name) => format!("{what} has the member {name:?} twice"),
            None => format!(
                "{what} is not valid JSON: {} at byte {}",
                self.why, self.pos
            ),
        }
    }
}

type Step<T> = Result<T, Failure>;

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            s: text.as_bytes(),
            pos: 0,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    #[inline]
    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn fail<T>(&self, why: &'static str) -> Step<T> {
        Err(Failure::new(self.pos, why))
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// One value at `depth` (its container's depth); the cursor is on its first byte.
    fn value(&mut self, depth: usize) -> Step<Kind> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1, None).map(|()| Kind::Object),
            Some(b'[') => self.array(depth + 1).map(|()| Kind::Array),
            Some(b'"') => self.string().map(|_| Kind::String),
            Some(b't') => self.literal(b"true").map(|()| Kind::Bool),
            Some(b'f') => self.literal(b"false").map(|()| Kind::Bool),
            Some(b'n') => self.literal(b"null").map(|()| Kind::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(|()| Kind::Number),
            Some(_) => self.fail("expected a value"),
            None => self.fail("unexpected end"),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Step<()> {
        if self.s[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.fail("expected a value")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Step<()> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("invalid number"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        // The grammar above is a subset of what `f64::from_str` reads.
        let text = slice(self.text, start, self.pos);
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(()),
            _ => Err(Failure::new(start, "number out of range")),
        }
    }

    fn hex4(&mut self) -> Step<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.bump() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return self.fail("invalid \\u escape"),
            };
            v = v * 16 + u32::from(d);
        }
        Ok(v)
    }

    /// A string; returns the byte range of its text including the quotes.
    fn string(&mut self) -> Step<(usize, usize)> {
        self.string_escaped().map(|(start, end, _)| (start, end))
    }

    /// A string; returns the byte range of its text including the quotes, and
    /// whether it contains escapes.
    fn string_escaped(&mut self) -> Step<(usize, usize, bool)> {
        let start = self.pos;
        let mut escaped = false;
        self.pos += 1;
        loop {
            // Plain bytes are the common case: skip them quickly.
            while let Some(&b) = self.s.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.bump() {
                Some(b'"') => return Ok((start, self.pos, escaped)),
                Some(b'\\') => match self.bump() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => escaped = true,
                    Some(b'u') => {
                        escaped = true;
                        let unit = self.hex4()?;
                        if (0xDC00..0xE000).contains(&unit) {
                            return self.fail("lone surrogate in a \\u escape");
                        }
                        if (0xD800..0xDC00).contains(&unit) {
                            if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                                return self.fail("lone surrogate in a \\u escape");
                            }
                            let low = self.hex4()?;
                            if !(0xDC00..0xE000).contains(&low) {
                                return self.fail("lone surrogate in a \\u escape");
                            }
                        }
                    }
                    _ => return self.fail("invalid escape"),
                },
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail("unterminated string"),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Step<()> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws();
            self.value(depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return self.fail("expected ',' or ']'"),
                None => return self.fail("unexpected end"),
            }
        }
    }

    /// An object at `depth`; its members go to `out` when given (the top level).
    fn object(&mut self, depth: usize, mut out: Option<&mut Vec<Member<'a>>>) -> Step<()> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        let mut names: Vec<Cow<'a, str>> = Vec::new();
        let mut sorted: Option<BTreeSet<Cow<'a, str>>> = None;
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return self.fail("expected a member name");
            }
            let (ns, ne, escaped) = self.string_escaped()?;
            // The reader stops only on ASCII bytes, so these are char boundaries.
            let name_text = slice(self.text, ns, ne);
            let name = if escaped {
                unescape(name_text)
            } else {
                Cow::Borrowed(name_text.get(1..name_text.len() - 1).unwrap_or(""))
            };
            let seen = match &mut sorted {
                Some(set) => !set.insert(name.clone()),
                None => names.contains(&name),
            };
            if seen {
                return Err(Failure {
                    pos: ns,
                    why: "",
                    duplicate: Some(name.into_owned()),
                });
            }
            if sorted.is_none() {
                names.push(name.clone());
                if names.len() > LINEAR_NAMES {
                    sorted = Some(names.drain(..).collect());
                }
            }
            self.ws();
            if self.peek() != Some(b':') {
                return self.fail("expected ':'");
            }
            self.pos += 1;
            self.ws();
            let vs = self.pos;
            let kind = self.value(depth)?;
            if let Some(out) = out.as_deref_mut() {
                out.push(Member {
                    name,
                    name_text,
                    value: Raw {
                        text: slice(self.text, vs, self.pos),
                        kind,
                    },
                });
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return self.fail("expected ',' or '}'"),
                None => return self.fail("unexpected end"),
            }
        }
    }
}

/// `text[start..end]`, or "" if the range is not one (it always is: the reader
/// stops only on ASCII bytes).
#[inline]
fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

/// The value of a checked JSON string literal (with its quotes).
fn unescape(quoted: &str) -> Cow<'_, str> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex(&mut chars);
                let code = if (0xD800..0xDC00).contains(&hi) {
                    chars.next();
                    chars.next();
                    let lo = hex(&mut chars);
                    0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

fn hex(chars: &mut std::str::Chars<'_>) -> u32 {
    (0..4).fold(0, |v, _| {
        v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        members(text.as_bytes(), "payload").unwrap_err()
    }

    #[test]
    fn keeps_member_order_and_raw_values() {
        let m = members(br#" { "z" : 1 , "a":[ true ,null],"m":"x" } "#, "payload").unwrap();
        let names: Vec<_> = m.iter().map(|m| m.name.as_ref()).collect();
        assert_eq!(names, ["z", "a", "m"]);
        assert_eq!(m[1].value.text, "[ true ,null]");
        assert_eq!(m[1].value.kind, Kind::Array);
        assert_eq!(m[2].value.as_str().as_deref(), Some("x"));
    }

    #[test]
    fn rejects_duplicates_at_any_depth_even_when_escaped() {
        assert_eq!(
            err(r#"{"sub":"a","sub":"b"}"#),
            r#"payload has the member "sub" twice"#
        );
        assert_eq!(
            err(r#"{"a":[{"k":1,"k":1}]}"#),
            r#"payload has the member "k" twice"#
        );
        assert_eq!(
            err(r#"{"sub":1,"\u0073ub":2}"#),
            r#"payload has the member "sub" twice"#
        );
        // Past the linear scan, the sorted set must catch it too.
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{{},\"k7\":0}}", many.join(","));
        assert_eq!(err(&text), r#"payload has the member "k7" twice"#);
        assert!(members(format!("{{{}}}", many.join(",")).as_bytes(), "p").is_ok());
    }

    #[test]
    fn rejects_what_is_not_strict_json() {
        for bad in [
            "",
            " ",
            "{",
            "{}}",
            "{} {}",
            r#"{"a"}"#,
            r#"{"a":}"#,
            r#"{"a":1,}"#,
            r#"{,}"#,
            r#"{a:1}"#,
            r#"{'a':1}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":.5}"#,
            r#"{"a":1e}"#,
            r#"{"a":+1}"#,
            r#"{"a":-}"#,
            r#"{"a":NaN}"#,
            r#"{"a":Infinity}"#,
            r#"{"a":1e400}"#,
            r#"{"a":-1e309}"#,
            r#"{"a":tru}"#,
            r#"{"a":nul}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":"\u12"}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            "{\"a\":\"\t\"}",
            "{\"a\":\"\u{0}\"}",
            r#"{"a":[1,]}"#,
            r#"{"a":[1 2]}"#,
            "\u{feff}{}",
            r#"{"a":"x}"#,
            r#"{"a":1"#,
        ] {
            assert!(members(bad.as_bytes(), "payload").is_err(), "{bad:?}");
        }
        assert!(members(b"{\"a\":\"\xff\"}", "payload")
            .unwrap_err()
            .contains("UTF-8"));
        assert_eq!(err("\"x\""), "payload must be a JSON object, not a string");
        assert_eq!(err("[1]"), "payload must be a JSON object, not an array");
        assert!(err("{} x").contains("trailing"));
        assert!(err(r#"{"a":1e400}"#).contains("out of range"));
    }

    #[test]
    fn accepts_strict_json() {
        for good in [
            "{}",
            " {\n\t\"a\" : -0.5e-3 }\r\n",
            r#"{"a":"\ud83d\ude00 \u00e9 \/ \" \\"}"#,
            r#"{"a":[],"b":{},"c":[[]],"d":0,"e":-0,"f":1E+2,"g":false,"h":null}"#,
            r#"{"__proto__":{"x":1}}"#,
            "{\"é\":\"€\"}",
        ] {
            assert!(members(good.as_bytes(), "payload").is_ok(), "{good:?}");
        }
        let m = members(r#"{"a":"\ud83d\ude00\n"}"#.as_bytes(), "p").unwrap();
        assert_eq!(m[0].value.as_str().as_deref(), Some("\u{1F600}\n"));
    }

    #[test]
    fn depth_is_capped() {
        let ok = format!("{{\"a\":{}1{}}}", "[".repeat(126), "]".repeat(126));
        assert!(members(ok.as_bytes(), "p").is_ok());
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(128), "]".repeat(128));
        assert!(err(&deep).contains("nested too deeply"));
        let very = format!("{{\"a\":{}", "[".repeat(100_000));
        assert!(err(&very).contains("nested too deeply"));
    }

    #[test]
    fn float_values_read_exactly() {
        let m = members(br#"{"exp":1796315129.248171}"#, "payload").unwrap();
        assert_eq!(m[0].value.as_f64(), Some(1796315129.248171));
    }

    #[test]
    fn json_object_rebuilds_compactly() {
        let m = members(br#"{"a" : { "b" : [ 1 , "c d" ] }, "\u0065": 2}"#, "p").unwrap();
        let o = JsonObject::from_members(&m);
        assert_eq!(o.as_str(), r#"{"a":{"b":[1,"c d"]},"\u0065":2}"#);
        assert_eq!(o.get("e").and_then(|v| v.as_f64()), Some(2.0));
        assert!(JsonObject::parse("{}", "d").unwrap().is_empty());
    }
}
