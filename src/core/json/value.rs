//! Strict JSON over `serde_json` trees, for keys (JWK, JWKS): the rules of [`super`].
//!
//! `serde_json` keeps the last of two members with the same name; RFC 7515
//! §4 and RFC 7519 §4 say a parser must either reject such input or use the last
//! one, and different libraries pick differently, which lets one token mean two
//! things. We reject duplicates at every depth. The top level must be an object;
//! numbers that do not fit an `f64` (such as `1e400`) are refused by the parser.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// A JSON object with its members in document order.
pub type Object = Map<String, Value>;

/// Parses `bytes` as one JSON object, refusing duplicate member names at any depth.
///
/// `what` names the part being parsed ("header", "payload") in error messages.
///
/// ```
/// use authx_wasm::json::parse_object;
/// assert_eq!(parse_object(br#"{"a":1,"b":[true]}"#, "payload").unwrap().len(), 2);
/// let err = parse_object(br#"{"sub":"a","sub":"b"}"#, "payload").unwrap_err();
/// assert_eq!(err, r#"payload has the member "sub" twice"#);
/// assert!(parse_object(b"[1]", "payload").is_err());
/// ```
pub fn parse_object(bytes: &[u8], what: &str) -> Result<Object, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = StrictSeed
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            let text = e.to_string();
            match text.strip_prefix(DUPLICATE_MARK) {
                Some(rest) => {
                    let rest = rest.rsplit_once(" at line ").map_or(rest, |(r, _)| r);
                    format!("{what} has the member {rest}")
                }
                None => format!("{what} is not valid JSON: {text}"),
            }
        })?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(format!(
            "{what} must be a JSON object, not {}",
            type_name(&other)
        )),
    }
}

/// Serializes a value as compact JSON text.
pub fn to_string(value: &impl serde::Serialize) -> String {
    // Serializing a `Value`, a `Map` or a plain struct to a string cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// The JSON type name of `value`, for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

const DUPLICATE_MARK: &str = "\u{1}dup:";

struct StrictSeed;

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "{DUPLICATE_MARK}{key:?} twice"
                )));
            }
            let StrictValue(v) = access.next_value()?;
            map.insert(key, v);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_member_order() {
        let map = parse_object(br#"{"z":1,"a":2,"m":3}"#, "payload").unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
    }

    #[test]
    fn rejects_nested_duplicates() {
        let err = parse_object(br#"{"data":{"x":1,"x":2}}"#, "payload").unwrap_err();
        assert_eq!(err, r#"payload has the member "x" twice"#);
        let err = parse_object(br#"{"a":[{"k":1,"k":1}]}"#, "header").unwrap_err();
        assert_eq!(err, r#"header has the member "k" twice"#);
    }

    #[test]
    fn rejects_non_objects_trailing_data_and_huge_numbers() {
        assert_eq!(
            parse_object(b"\"x\"", "payload").unwrap_err(),
            "payload must be a JSON object, not a string"
        );
        assert!(parse_object(b"{} {}", "payload")
            .unwrap_err()
            .starts_with("payload is not valid JSON"));
        assert!(parse_object(br#"{"exp":1e400}"#, "payload").is_err());
        assert!(parse_object(b"{\"a\":\"\xff\"}", "payload").is_err());
    }

    #[test]
    fn float_exp_round_trips_exactly() {
        let map = parse_object(br#"{"exp":1796315129.248171}"#, "payload").unwrap();
        assert_eq!(map["exp"].as_f64(), Some(1796315129.248171));
        assert_eq!(to_string(&map), r#"{"exp":1796315129.248171}"#);
    }
}
