//! docs/reference.md's YAML examples are valid revision-file YAML: each op
//! list parses as ops, each column as a column, the revision as a revision.

use crate::support;

use retort::revision::{Column, RawOpItem};
use retort::types::ColumnType;

/// Each ```yaml block of the page, with the line it starts at.
fn yaml_blocks(page: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (number, line) in page.lines().enumerate() {
        match &mut current {
            None if line.trim_end() == "```yaml" => current = Some((number + 1, String::new())),
            Some(_) if line.starts_with("```") => blocks.extend(current.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[derive(serde::Deserialize)]
struct TypeOnly {
    #[allow(dead_code)]
    r#type: ColumnType,
}

#[test]
fn every_yaml_example_of_the_reference_parses() {
    let page = std::fs::read_to_string(support::repo_root().join("docs/reference.md")).unwrap();
    let blocks = yaml_blocks(&page);
    assert!(blocks.len() >= 20, "{} blocks", blocks.len());
    for (line, body) in blocks {
        let at = format!("docs/reference.md:{line}");
        if body.starts_with("revision:") {
            retort::load::parse_revision(body.as_bytes(), "docs/example.yaml".into())
                .unwrap_or_else(|e| panic!("{at}: {e}"));
        } else if body.starts_with("- name:") {
            serde_yaml::from_str::<Vec<Column>>(&body).unwrap_or_else(|e| panic!("{at}: {e}"));
        } else if body.starts_with("- ") {
            serde_yaml::from_str::<Vec<RawOpItem>>(&body).unwrap_or_else(|e| panic!("{at}: {e}"));
        } else if body.starts_with("type:") {
            serde_yaml::from_str::<TypeOnly>(&body).unwrap_or_else(|e| panic!("{at}: {e}"));
        } else {
            panic!("{at}: a YAML example this test does not know how to check:\n{body}");
        }
    }
}
