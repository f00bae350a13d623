//! Serde over `yaml-rust2`'s marked events: one parse of a revision file
//! gives both the typed values and the positions of its nodes.
//!
//! Scalars resolve as `serde_yaml` 0.9 resolves them (YAML 1.2's core
//! schema: `null`/`~`, `true`/`false`, integers with `0x`/`0o`/`0b`, finite
//! floats and `.inf`/`.nan`; anything quoted is a string), and an error
//! carries the position and the key path of the node it concerns
//! (`upgrade[0].create_table: unknown field ...`), as `serde_yaml`'s do.
//!
//! So that no file can exhaust the stack, nesting deeper than [`MAX_DEPTH`]
//! is refused; aliases, which revision files may not use (the loader refuses
//! anchors first, with their position), are never expanded.

use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// How deeply collections may nest in a revision file.
pub const MAX_DEPTH: usize = 128;

/// The newtype-struct name through which a type asks for a plain numeric
/// scalar's text (see [`crate::revision::Literal`]): a float reaches its
/// visitor as `visit_bytes(text)` instead of `visit_f64`, so that
/// `123456789012345678.12` and `3.10` keep every digit as written.
pub const NUMBER_TEXT: &str = "$retort::number_text";

/// Every event of a YAML stream with its position.
pub type Events = Vec<(Event, Marker)>;

/// Parses `text` into its events.
pub fn events(text: &str) -> Result<Events, yaml_rust2::ScanError> {
    let mut parser = Parser::new_from_str(text);
    let mut events = Vec::new();
    loop {
        let (event, mark) = parser.next_token()?;
        let end = event == Event::StreamEnd;
        events.push((event, mark));
        if end {
            return Ok(events);
        }
    }
}

/// Deserializes the first document of `events`.
pub fn from_events<T: de::DeserializeOwned>(events: &[(Event, Marker)]) -> Result<T, Error> {
    let start = events
        .iter()
        .position(|(event, _)| *event == Event::DocumentStart)
        .map_or(events.len(), |i| i + 1);
    let mut state = State { events };
    let mut de = Deserializer {
        state: &mut state,
        at: start,
        depth: 0,
        path: Path::Root,
    };
    T::deserialize(&mut de)
}

/// A deserialization error: what went wrong, where, and under which key.
#[derive(Debug, Clone)]
pub struct Error {
    message: String,
    mark: Option<Marker>,
    path: Option<String>,
}

impl Error {
    fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            mark: None,
            path: None,
        }
    }

    /// Where the error is: 1-based line and column.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.mark.map(|m| (m.line(), m.col() + 1))
    }

    /// The message with its key path in front, as `serde_yaml` writes it.
    pub fn message(&self) -> String {
        match &self.path {
            Some(path) if !path.is_empty() => format!("{path}: {}", self.message),
            _ => self.message.clone(),
        }
    }

    /// Gives the error the node's place, unless an inner node gave one.
    fn at(mut self, mark: Option<Marker>, path: &Path) -> Self {
        if self.mark.is_none() && mark.is_some() {
            self.mark = mark;
            self.path = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(msg.to_string())
    }
}

/// Where a node sits, for messages: `upgrade[0].create_table`.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Index(&'p Path<'p>, usize),
    Key(&'p Path<'p>, &'p str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

struct State<'e> {
    events: &'e [(Event, Marker)],
}

struct Deserializer<'s, 'e, 'p> {
    state: &'s mut State<'e>,
    /// The next event to read.
    at: usize,
    depth: usize,
    path: Path<'p>,
}

/// What a scalar means when the target type does not say.
enum Resolved<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(&'a str),
}

fn resolve(text: &str, style: TScalarStyle) -> Resolved<'_> {
    if style != TScalarStyle::Plain {
        return Resolved::Str(text);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    if let Some(n) = parse_integer(text) {
        return n;
    }
    let looks_numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    match text.parse::<f64>() {
        Ok(float) if looks_numeric && float.is_finite() => Resolved::Float(float),
        _ => Resolved::Str(text),
    }
}

/// `12`, `-3`, `+4`, `0x1F`, `0o17`, `0b101`.
fn parse_integer(text: &str) -> Option<Resolved<'_>> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, digits),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Resolved::Unsigned(magnitude));
    }
    if magnitude == 0 {
        return Some(Resolved::Signed(0));
    }
    let value = i64::try_from(magnitude - 1).ok()?;
    Some(Resolved::Signed(-value - 1))
}

impl<'s, 'e, 'p> Deserializer<'s, 'e, 'p> {
    fn peek(&self) -> Result<&'e (Event, Marker), Error> {
        self.state
            .events
            .get(self.at)
            .ok_or_else(|| Error::new("unexpected end of the YAML document"))
    }

    fn mark(&self) -> Option<Marker> {
        self.state
            .events
            .get(self.at)
            .or_else(|| self.state.events.last())
            .map(|(_, mark)| *mark)
    }

    /// Where a node starts, for messages: a block mapping's own mark lies
    /// after its first key, so its first key's mark is the better place.
    fn node_mark(&self) -> Option<Marker> {
        match self.state.events.get(self.at) {
            Some((Event::MappingStart(..), _)) => self
                .state
                .events
                .get(self.at + 1)
                .filter(|(event, _)| matches!(event, Event::Scalar(..)))
                .map_or_else(|| self.mark(), |(_, mark)| Some(*mark)),
            _ => self.mark(),
        }
    }

    /// Runs `body` on the node at hand and gives its error the node's place.
    fn node<T>(&mut self, body: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<T, Error> {
        let mark = self.node_mark();
        let (event, _) = self.peek()?;
        let result = match event {
            Event::Alias(_) => Err(Error::new(
                "YAML aliases (`*name`) are not allowed in revision files",
            )),
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, Some(_))
            | Event::MappingStart(_, Some(_)) => Err(Error::new(
                "YAML tags (`!!str`, `!name`) are not used in revision files; quote the value instead",
            )),
            _ => body(self),
        };
        result.map_err(|e| e.at(mark, &self.path))
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new(format!(
                "the YAML nests more than {MAX_DEPTH} levels deep"
            )));
        }
        Ok(())
    }

    /// Skips the node at hand.
    fn skip(&mut self) {
        self.at += node_length(self.state.events, self.at);
    }

    fn scalar(&mut self) -> Option<(&'e str, TScalarStyle)> {
        match self.peek() {
            Ok((Event::Scalar(text, style, ..), _)) => Some((text.as_str(), *style)),
            _ => None,
        }
    }

    fn any<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let (event, _) = self.peek()?;
        match event {
            Event::Scalar(text, style, ..) => {
                self.at += 1;
                match resolve(text, *style) {
                    Resolved::Null => visitor.visit_unit(),
                    Resolved::Bool(b) => visitor.visit_bool(b),
                    Resolved::Unsigned(n) => visitor.visit_u64(n),
                    Resolved::Signed(n) => visitor.visit_i64(n),
                    Resolved::Float(f) => visitor.visit_f64(f),
                    Resolved::Str(s) => visitor.visit_str(s),
                }
            }
            Event::SequenceStart(..) => self.seq(visitor),
            Event::MappingStart(..) => self.map(visitor),
            _ => Err(Error::new("expected a YAML value")),
        }
    }

    fn seq<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        if !matches!(self.peek()?.0, Event::SequenceStart(..)) {
            return self.unexpected(&visitor);
        }
        self.enter()?;
        self.at += 1;
        let value = visitor.visit_seq(SeqAccess { de: self, index: 0 })?;
        if matches!(self.peek()?.0, Event::SequenceEnd) {
            self.at += 1;
        }
        self.depth -= 1;
        Ok(value)
    }

    fn map<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        if !matches!(self.peek()?.0, Event::MappingStart(..)) {
            return self.unexpected(&visitor);
        }
        self.enter()?;
        self.at += 1;
        let value = visitor.visit_map(MapAccess {
            de: self,
            key: None,
        })?;
        // A visitor may stop early (a one-key mapping read as an op).
        while !matches!(self.peek()?.0, Event::MappingEnd) {
            self.skip();
            self.skip();
        }
        self.at += 1;
        self.depth -= 1;
        Ok(value)
    }

    /// The serde error for a node of the wrong kind.
    fn unexpected<'de, V: Visitor<'de>, T>(&mut self, visitor: &V) -> Result<T, Error> {
        let (event, _) = self.peek()?;
        let found = match event {
            Event::Scalar(text, style, ..) => match resolve(text, *style) {
                Resolved::Null => de::Unexpected::Unit,
                Resolved::Bool(b) => de::Unexpected::Bool(b),
                Resolved::Unsigned(n) => de::Unexpected::Unsigned(n),
                Resolved::Signed(n) => de::Unexpected::Signed(n),
                Resolved::Float(f) => de::Unexpected::Float(f),
                Resolved::Str(s) => de::Unexpected::Str(s),
            },
            Event::SequenceStart(..) => de::Unexpected::Seq,
            Event::MappingStart(..) => de::Unexpected::Map,
            _ => de::Unexpected::Other("the end of a collection"),
        };
        Err(de::Error::invalid_type(found, visitor))
    }
}

/// How many events the node starting at `start` spans.
fn node_length(events: &[(Event, Marker)], start: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[start.min(events.len())..].iter().enumerate() {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            Event::StreamEnd | Event::DocumentEnd if depth == 0 => return offset.max(1),
            _ => {}
        }
        if depth == 0 {
            return offset + 1;
        }
    }
    events.len().saturating_sub(start).max(1)
}

macro_rules! by_any {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                self.node(|de| de.any(visitor))
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'_, '_, '_> {
    type Error = Error;

    by_any! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // As serde_yaml: any scalar is its text when a string is asked for.
        self.node(|de| match de.scalar() {
            Some((text, _)) => {
                de.at += 1;
                visitor.visit_str(text)
            }
            None => de.unexpected(&visitor),
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let is_null = self.node(|de| {
            Ok(matches!(
                de.scalar().map(|(text, style)| resolve(text, style)),
                Some(Resolved::Null)
            ))
        })?;
        if is_null {
            self.skip();
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.node(|de| de.any(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == NUMBER_TEXT {
            if let Some((text, style)) = self.scalar() {
                if let Resolved::Float(f) = resolve(text, style) {
                    if f.is_finite() {
                        self.at += 1;
                        return visitor.visit_bytes(text.as_bytes());
                    }
                }
            }
            return self.node(|de| de.any(visitor));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.node(|de| de.seq(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.node(|de| de.map(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // `variant` (a unit variant) or `{variant: value}`.
        self.node(|de| match de.peek()?.0 {
            Event::Scalar(..) => visitor.visit_enum(UnitVariant { de }),
            Event::MappingStart(..) => {
                de.enter()?;
                de.at += 1;
                let value = visitor.visit_enum(VariantAccess { de: &mut *de })?;
                if !matches!(de.peek()?.0, Event::MappingEnd) {
                    return Err(Error::new(
                        "expected a mapping with a single key (the variant)",
                    ));
                }
                de.at += 1;
                de.depth -= 1;
                Ok(value)
            }
            _ => de.unexpected(&visitor),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip();
        visitor.visit_unit()
    }
}

struct SeqAccess<'a, 's, 'e, 'p> {
    de: &'a mut Deserializer<'s, 'e, 'p>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if matches!(self.de.peek()?.0, Event::SequenceEnd) {
            return Ok(None);
        }
        let path = Path::Index(&self.de.path, self.index);
        let mut element = Deserializer {
            state: &mut *self.de.state,
            at: self.de.at,
            depth: self.de.depth,
            path,
        };
        let value = seed.deserialize(&mut element)?;
        self.de.at = element.at;
        self.index += 1;
        Ok(Some(value))
    }
}

struct MapAccess<'a, 's, 'e, 'p> {
    de: &'a mut Deserializer<'s, 'e, 'p>,
    /// The key just read, for the path of its value.
    key: Option<&'e str>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if matches!(self.de.peek()?.0, Event::MappingEnd) {
            return Ok(None);
        }
        self.key = self.de.scalar().map(|(text, _)| text);
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let key = self.key.take().unwrap_or("?");
        let path = Path::Key(&self.de.path, key);
        let mut value = Deserializer {
            state: &mut *self.de.state,
            at: self.de.at,
            depth: self.de.depth,
            path,
        };
        let result = seed.deserialize(&mut value)?;
        self.de.at = value.at;
        Ok(result)
    }
}

struct UnitVariant<'a, 's, 'e, 'p> {
    de: &'a mut Deserializer<'s, 'e, 'p>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, '_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let value = seed.deserialize(&mut *self.de)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, '_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::UnitVariant,
            &"a struct variant",
        ))
    }
}

struct VariantAccess<'a, 's, 'e, 'p> {
    de: &'a mut Deserializer<'s, 'e, 'p>,
}

impl<'de> de::EnumAccess<'de> for VariantAccess<'_, '_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let value = seed.deserialize(&mut *self.de)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(&mut *self.de, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    fn parse<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
        from_events(&events(text).expect("valid YAML"))
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        count: Option<u32>,
        #[serde(default)]
        items: Vec<serde_json::Value>,
    }

    #[test]
    fn scalars_resolve_as_serde_yaml_resolves_them() {
        let values: Vec<serde_json::Value> =
            parse("[~, null, '', true, 'true', 12, -3, +4, 0x1F, 1.5, 1e3, abc, '12', inf, nan]")
                .unwrap();
        let expected = serde_json::json!([
            null, null, "", true, "true", 12, -3, 4, 31, 1.5, 1000.0, "abc", "12", "inf", "nan"
        ]);
        assert_eq!(serde_json::Value::Array(values), expected);
    }

    #[test]
    fn a_string_is_asked_for_so_any_scalar_is_its_text() {
        let doc: Doc = parse("name: 123\ncount: 4\n").unwrap();
        assert_eq!(doc.name, "123");
        assert_eq!(doc.count, Some(4));
    }

    #[test]
    fn errors_carry_position_and_key_path() {
        let error = parse::<Doc>("name: x\nitems: [1]\ncont: 3\n").unwrap_err();
        assert_eq!(error.position(), Some((3, 1)));
        assert!(error.message().contains("unknown field `cont`"), "{error}");
        let error =
            parse::<BTreeMap<String, Vec<Doc>>>("a:\n  - name: x\n    count: -1\n").unwrap_err();
        assert_eq!(error.position(), Some((3, 12)));
        assert!(
            error.message().starts_with("a[0].count: invalid value"),
            "{error}"
        );
    }

    #[test]
    fn aliases_are_not_expanded() {
        let error = parse::<serde_json::Value>("a: &x [1, 2]\nb: *x\n").unwrap_err();
        assert!(error.message().contains("aliases"), "{error}");
        assert_eq!(error.position(), Some((2, 4)));
    }

    #[test]
    fn tags_are_refused() {
        let error = parse::<Doc>("name: !!str 12\n").unwrap_err();
        assert!(
            error.message().contains("quote the value instead"),
            "{error}"
        );
        assert_eq!(error.position().map(|(line, _)| line), Some(1));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let error = parse::<serde_json::Value>(&text).unwrap_err();
        assert!(error.message().contains("nests more than"), "{error}");
    }
}
