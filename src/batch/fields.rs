//! The fields of an input record that its output line carries, each kept as
//! the exact JSON text it was given in (`12345678901234567890123`, `1E2`,
//! `1e400`, `"\ud800"` all pass through byte for byte), in input order.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// Named JSON values, as given, in order.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, Box<RawValue>)>);

impl Fields {
    /// No fields.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// The value of field `name` as given (the last one when the name is
    /// repeated, as JSON parsers read it).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| &**v)
    }

    /// Field `name` when it holds a string (escapes decoded).
    pub fn get_str(&self, name: &str) -> Option<String> {
        serde_json::from_str::<String>(self.get(name)?.get()).ok()
    }

    /// Whether field `name` is there and not `null`.
    pub fn present(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.get() != "null")
    }

    /// Whether there is a field `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Takes field `name` out (every occurrence); returns its last value.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let mut taken = None;
        self.0.retain_mut(|(n, v)| {
            if n == name {
                taken = Some(std::mem::replace(v, RawValue::NULL.to_owned()));
                false
            } else {
                true
            }
        });
        taken
    }

    /// Appends a string field.
    pub fn push_str(&mut self, name: &str, value: &str) {
        let json = serde_json::to_string(value).expect("a string serializes");
        let raw = RawValue::from_string(json).expect("a serialized string is JSON");
        self.0.push((name.to_string(), raw));
    }

    /// Appends `null` as field `name`.
    pub fn push_null(&mut self, name: &str) {
        self.0.push((name.to_string(), RawValue::NULL.to_owned()));
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(n, v)| (n.as_str(), &**v))
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Fields;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push(field);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_kept_as_given() {
        let line = r#"{"id":12345678901234567890123, "f":0.1000000000000000055511151231257827,"e":1E2,"big":1e400,"s":"\ud800","u":"caf\u00e9","id":7}"#;
        let fields: Fields = serde_json::from_str(line).unwrap();
        assert_eq!(fields.len(), 7);
        let got: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n, v.get())).collect();
        assert_eq!(got[0], ("id", "12345678901234567890123"));
        assert_eq!(got[1], ("f", "0.1000000000000000055511151231257827"));
        assert_eq!(got[2], ("e", "1E2"));
        assert_eq!(got[3], ("big", "1e400"));
        assert_eq!(got[4], ("s", r#""\ud800""#));
        assert_eq!(fields.get_str("u").as_deref(), Some("café"));
        assert_eq!(fields.get("id").unwrap().get(), "7");
    }
}
