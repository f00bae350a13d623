//! Where each top-level key, each op item and each YAML document of a
//! revision file starts, read off its marked events.

use std::collections::BTreeMap;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::{Marker, Scanner, Token, TokenType};

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub(super) line: usize,
    pub(super) column: usize,
}

impl From<Marker> for Pos {
    fn from(m: Marker) -> Self {
        // yaml-rust2's marker column is 0-based.
        Pos {
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

/// Positions of the nodes the later stages cite, from the marked event pass.
#[derive(Debug, Default)]
pub(super) struct Positions {
    /// Each top-level key.
    pub(super) keys: BTreeMap<String, Pos>,
    /// Where each top-level key's value starts.
    pub(super) values: BTreeMap<String, Pos>,
    /// Each item of `upgrade:`.
    pub(super) upgrade_items: Vec<Pos>,
    /// Each item of `downgrade:` (when it is a list).
    pub(super) downgrade_items: Vec<Pos>,
    /// The document is a mapping (a revision file must be one).
    pub(super) root_is_mapping: bool,
    /// The file holds a document (not only comments).
    pub(super) has_document: bool,
    /// Where each YAML document starts (a revision file holds one).
    pub(super) document_starts: Vec<Pos>,
    /// Top-level keys written twice: the key, the second and the first place.
    pub(super) duplicate_keys: Vec<(String, Pos, Pos)>,
    /// The first YAML anchor (`&a`) or alias (`*a`), which revision files
    /// may not use: expanding aliases is how a small file becomes a huge
    /// value ("billion laughs"), and a revision has nothing to repeat.
    pub(super) first_anchor_or_alias: Option<Pos>,
}

impl Positions {
    /// The positions in the events of `text` ([`super::yaml::events`]).
    pub(super) fn of(text: &str, events: &[(Event, Marker)]) -> Positions {
        let mut scanner = PositionScanner::default();
        for (event, mark) in events {
            scanner.observe(event, *mark);
        }
        let mut positions = scanner.positions;
        if positions.first_anchor_or_alias.is_some() {
            // The events mark a block mapping after its first key, not at
            // its anchor: the tokens say where the `&` or `*` is.
            positions.first_anchor_or_alias =
                first_anchor_token(text).or(positions.first_anchor_or_alias);
        }
        positions
    }
}

/// Where the first anchor or alias token of `text` is.
fn first_anchor_token(text: &str) -> Option<Pos> {
    Scanner::new(text.chars()).find_map(|Token(mark, token)| {
        matches!(token, TokenType::Anchor(_) | TokenType::Alias(_)).then(|| Pos::from(mark))
    })
}

/// One open container while walking the events.
enum Frame {
    Map {
        expecting_key: bool,
        key: Option<String>,
    },
    Seq {
        op_list: Option<OpList>,
    },
}

#[derive(Clone, Copy)]
enum OpList {
    Upgrade,
    Downgrade,
}

#[derive(Default)]
struct PositionScanner {
    stack: Vec<Frame>,
    positions: Positions,
    /// An op item that is a mapping: its position is its first key's, because
    /// yaml-rust2 marks a block mapping's start after that key.
    pending_item: Option<OpList>,
    /// The node being started is a mapping (for [`Positions::root_is_mapping`]).
    root_mapping_next: bool,
}

impl PositionScanner {
    /// Records a node starting at `pos` (a scalar, alias, mapping or sequence).
    /// Returns the op list this node is, if it is the value of `upgrade:`/`downgrade:`.
    fn node_start(&mut self, pos: Pos, scalar: Option<&str>) -> Option<OpList> {
        if let Some(list) = self.pending_item.take() {
            match list {
                OpList::Upgrade => self.positions.upgrade_items.push(pos),
                OpList::Downgrade => self.positions.downgrade_items.push(pos),
            }
        }
        let depth = self.stack.len();
        if depth == 0 && !self.positions.has_document {
            self.positions.has_document = true;
            self.positions.root_is_mapping = scalar.is_none() && self.root_mapping_next;
        }
        let mut op_list = None;
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, key }) if depth == 1 => {
                if *expecting_key {
                    if let Some(name) = scalar {
                        if let Some(&first) = self.positions.keys.get(name) {
                            self.positions
                                .duplicate_keys
                                .push((name.to_owned(), pos, first));
                        }
                        self.positions.keys.entry(name.to_owned()).or_insert(pos);
                        *key = Some(name.to_owned());
                    }
                } else if let Some(name) = key.as_deref() {
                    self.positions.values.entry(name.to_owned()).or_insert(pos);
                    op_list = match name {
                        "upgrade" => Some(OpList::Upgrade),
                        "downgrade" => Some(OpList::Downgrade),
                        _ => None,
                    };
                }
            }
            Some(Frame::Seq {
                op_list: Some(list),
            }) => match list {
                OpList::Upgrade => self.positions.upgrade_items.push(pos),
                OpList::Downgrade => self.positions.downgrade_items.push(pos),
            },
            _ => {}
        }
        op_list
    }

    /// A complete node ended: the enclosing mapping now expects the other half.
    fn node_end(&mut self) {
        if let Some(Frame::Map { expecting_key, .. }) = self.stack.last_mut() {
            *expecting_key = !*expecting_key;
        }
    }
}

impl PositionScanner {
    fn observe(&mut self, event: &Event, mark: Marker) {
        let pos = Pos::from(mark);
        let anchored = match event {
            Event::Alias(_) => true,
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _) => *anchor > 0,
            _ => false,
        };
        if anchored && self.positions.first_anchor_or_alias.is_none() {
            self.positions.first_anchor_or_alias = Some(pos);
        }
        match event {
            Event::Scalar(value, ..) => {
                self.node_start(pos, Some(value));
                self.node_end();
            }
            Event::Alias(_) => {
                self.node_start(pos, None);
                self.node_end();
            }
            Event::DocumentStart => self.positions.document_starts.push(pos),
            Event::MappingStart(..) => {
                if let Some(Frame::Seq {
                    op_list: Some(list),
                }) = self.stack.last()
                {
                    self.pending_item = Some(*list);
                    self.stack.push(Frame::Map {
                        expecting_key: true,
                        key: None,
                    });
                    return;
                }
                self.root_mapping_next = true;
                self.node_start(pos, None);
                self.root_mapping_next = false;
                self.stack.push(Frame::Map {
                    expecting_key: true,
                    key: None,
                });
            }
            Event::SequenceStart(..) => {
                let op_list = self.node_start(pos, None);
                self.stack.push(Frame::Seq { op_list });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.node_end();
            }
            _ => {}
        }
    }
}
