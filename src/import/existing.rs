//! Alembic's `existing_*` keywords of `alter_column`, checked against the
//! schema model instead of copied blindly: a claim the model agrees with is
//! dropped (the model fills it), a claim it contradicts is kept, so that
//! `retort check` reports the author's claim beside the model's fact.

use super::ops::Item;
use super::revision::{DownRevision, Imported};
use crate::revision::{Op, RawOpItem};
use crate::schema::state::Schema;
use serde_yaml::Value;
use std::collections::BTreeMap;

fn parse_op(value: &Value) -> Option<Op> {
    let text = serde_yaml::to_string(value).ok()?;
    let events = crate::load::yaml::events(&text).ok()?;
    crate::load::yaml::from_events::<RawOpItem>(&events)
        .ok()
        .map(|item| item.op)
}

fn existing_keys(value: &Value) -> Vec<String> {
    value
        .get("alter_column")
        .and_then(Value::as_mapping)
        .map(|body| {
            body.keys()
                .filter_map(Value::as_str)
                .filter(|k| k.starts_with("existing_"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `value` without the `existing_*` keys except `keep`.
fn without_existing(value: &Value, keep: Option<&str>) -> Value {
    let mut value = value.clone();
    if let Some(Value::Mapping(body)) = value.get_mut("alter_column") {
        body.retain(|k, _| {
            k.as_str()
                .is_none_or(|k| !k.starts_with("existing_") || Some(k) == keep)
        });
    }
    value
}

/// The revisions in an order where each comes after its parents (ties by id).
fn order(revisions: &[Imported]) -> Vec<usize> {
    let index: BTreeMap<&str, usize> = revisions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.revision.as_str(), i))
        .collect();
    let mut done = vec![false; revisions.len()];
    let mut out = Vec::new();
    fn visit(
        i: usize,
        revisions: &[Imported],
        index: &BTreeMap<&str, usize>,
        done: &mut Vec<bool>,
        out: &mut Vec<usize>,
    ) {
        if done[i] {
            return;
        }
        done[i] = true;
        let parents: Vec<&String> = match &revisions[i].down_revision {
            DownRevision::None => Vec::new(),
            DownRevision::One(p) => vec![p],
            DownRevision::Many(ps) => ps.iter().collect(),
        };
        for p in parents.into_iter().chain(&revisions[i].depends_on) {
            if let Some(&j) = index.get(p.as_str()) {
                visit(j, revisions, index, done, out);
            }
        }
        out.push(i);
    }
    for &i in index.values() {
        visit(i, revisions, &index, &mut done, &mut out);
    }
    out
}

/// Replays the upgrades from base in order and drops every `existing_*`
/// claim the model agrees with. The replay stops at the first revision it
/// cannot follow (a placeholder, an op the model refuses): from there on,
/// the claims stay as written.
pub fn drop_agreeing_claims(revisions: &mut [Imported]) {
    let mut schema = Schema::default();
    for i in order(revisions) {
        for item in revisions[i].upgrade.iter_mut() {
            let Item::Op(value) = item else {
                return;
            };
            let keys = existing_keys(value);
            let stripped = without_existing(value, None);
            let Some(op) = parse_op(&stripped) else {
                return;
            };
            let mut agreeing = Vec::new();
            for key in &keys {
                let claim = parse_op(&without_existing(value, Some(key)));
                if let Some(claim) = claim {
                    if crate::schema::replay::apply_op(&mut schema.clone(), &claim).is_ok() {
                        agreeing.push(key.clone());
                    }
                }
            }
            if crate::schema::replay::apply_op(&mut schema, &op).is_err() {
                return;
            }
            schema.index_foreign_keys();
            if let Some(Value::Mapping(body)) = value.get_mut("alter_column") {
                for key in agreeing {
                    body.remove(key.as_str());
                }
            }
        }
    }
}
