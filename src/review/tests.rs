//! Unit tests of the walk: which state the rules see, placement, silencing.
//! Every rule is tested end to end in tests/it/lint_*.rs.

use super::*;

/// Ops from a YAML list; op `i` is placed at line `i + 1` of `<id>.yaml`.
fn ops(id: &str, yaml: &str) -> Vec<OpEntry> {
    crate::test_fixtures::ops_in(&format!("{id}.yaml"), yaml)
}

fn revision(id: &str, upgrade: &str, downgrade: Option<&str>) -> Revision {
    crate::test_fixtures::revision(id, ops(id, upgrade), downgrade.map(|d| ops(id, d)))
}

const BASE: &str = r#"
- create_table:
    name: runs
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: status, type: String(32)}
"#;

fn rules_of(notes: &[Note]) -> Vec<(&str, Direction, &str)> {
    notes
        .iter()
        .map(|n| (n.revision.as_str(), n.direction, n.rule))
        .collect()
}

#[test]
fn creating_and_undoing_a_table_is_no_news() {
    let r1 = revision("r1", BASE, None);
    let notes = notes(&[&r1], &[], None).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn dropping_in_the_upgrade_is_destructive() {
    let r1 = revision("r1", BASE, None);
    let r2 = revision(
        "r2",
        "- drop_column: {table: runs, column: status}\n- drop_table: runs",
        None,
    );
    let notes = notes(&[&r1, &r2], &[], None).unwrap();
    assert_eq!(
        rules_of(&notes),
        [
            ("r2", Direction::Upgrade, "destructive-drop-column"),
            ("r2", Direction::Upgrade, "destructive-drop-table"),
        ]
    );
    assert_eq!(notes[0].location, Location::new("r2.yaml", 1, 3));
    assert_eq!(notes[1].location, Location::new("r2.yaml", 2, 3));
}

#[test]
fn a_downgrade_dropping_seeded_or_older_data_is_destructive() {
    let r1 = revision("r1", BASE, None);
    // r2 creates and seeds a table, and its written downgrade also drops
    // a column that existed before r2.
    let r2 = revision(
        "r2",
        "- create_table: {name: kinds, columns: [{name: id, type: Integer, primary_key: true}]}\n\
         - bulk_insert: {table: kinds, rows: [{id: 1}]}",
        Some("- drop_table: kinds\n- drop_column: {table: runs, column: status}"),
    );
    let notes = notes(&[&r1, &r2], &[], None).unwrap();
    assert_eq!(
        rules_of(&notes),
        [
            ("r2", Direction::Downgrade, "destructive-downgrade"),
            ("r2", Direction::Downgrade, "destructive-downgrade"),
        ]
    );
    assert!(
        notes[0].message.contains("bulk_insert"),
        "{}",
        notes[0].message
    );
    assert!(notes[1].message.contains("existed"), "{}", notes[1].message);
}

#[test]
fn a_derived_downgrade_of_a_widening_narrows_and_keeps_the_upgrade_allow() {
    let r1 = revision("r1", BASE, None);
    let r2 = revision(
        "r2",
        "- alter_column: {table: runs, column: status, type: String(64)}\n  \
         review: {allow: [destructive-type-change], reason: values are short}",
        None,
    );
    let notes = notes(&[&r1, &r2], &[], None).unwrap();
    assert_eq!(
        rules_of(&notes),
        [("r2", Direction::Downgrade, "destructive-type-change")]
    );
    assert_eq!(notes[0].allowed.as_deref(), Some("values are short"));
    assert!(!notes[0].is_active());
}

#[test]
fn only_the_revisions_asked_for_get_notes_but_all_are_replayed() {
    let r1 = revision("r1", BASE, None);
    let r2 = revision("r2", "- drop_column: {table: runs, column: status}", None);
    let only: BTreeSet<String> = ["r1".to_owned()].into();
    assert!(notes(&[&r1, &r2], &[], Some(&only)).unwrap().is_empty());
}

#[test]
fn an_allow_naming_no_rule_is_an_error_with_a_suggestion() {
    let r1 = revision(
        "r1",
        "- drop_table: runs\n  review: {allow: [destructive-drop-tabel], reason: x}",
        Some("[]"),
    );
    let errors = check_allows(&[&r1]);
    assert_eq!(errors.len(), 1);
    let text = errors[0].to_string();
    assert!(
        text.starts_with("r1.yaml:1:3: drop_table: review.allow"),
        "{text}"
    );
    assert!(
        text.contains("did you mean `destructive-drop-table`"),
        "{text}"
    );
}

#[test]
fn a_dropped_column_names_what_the_engine_drops_with_it() {
    let postgresql = crate::test_fixtures::facts("postgresql");
    let r1 = revision(
        "r1",
        &format!(
            "{BASE}- create_index: {{name: ix_runs_status, table: runs, columns: [status, id]}}\n"
        ),
        None,
    );
    let r2 = revision("r2", "- drop_column: {table: runs, column: status}", None);
    let notes = notes(&[&r1, &r2], std::slice::from_ref(&postgresql), None).unwrap();
    let takes: Vec<&Note> = notes
        .iter()
        .filter(|n| n.rule == "drop-column-takes")
        .collect();
    assert_eq!(takes.len(), 1, "{notes:?}");
    assert_eq!(
        takes[0].message,
        "dropping column `runs.status` also drops index `ix_runs_status`"
    );
}

#[test]
fn a_dropped_table_names_what_goes_with_it() {
    let postgresql = crate::test_fixtures::facts("postgresql");
    let r1 = revision(
        "r1",
        &format!(
            "{BASE}- create_index: {{name: ix_runs_status, table: runs, columns: [status]}}\n"
        ),
        None,
    );
    let r2 = revision("r2", "- drop_table: runs", None);
    let notes = notes(&[&r1, &r2], std::slice::from_ref(&postgresql), None).unwrap();
    let drops: Vec<&Note> = notes
        .iter()
        .filter(|n| n.rule == "destructive-drop-table")
        .collect();
    assert_eq!(drops.len(), 1, "{notes:?}");
    assert!(
        drops[0]
            .message
            .starts_with("drops table `runs` and every row in it; with it go index `ix_runs_status`, primary key `runs_pkey`"),
        "{}",
        drops[0].message
    );
}

#[test]
fn a_guarded_op_the_model_knows_changes_nothing_says_so() {
    let r1 = revision("r1", BASE, None);
    let r2 = revision(
        "r2",
        "- add_column: {table: runs, column: {name: status, type: String(32)}, if_not_exists: true}\n\
         - drop_column: {table: runs, column: gone, if_exists: true}\n\
         - add_column: {table: runs, column: {name: note, type: Text}, if_not_exists: true}\n\
         - create_index: {name: ix_runs_note, table: runs, columns: [note]}\n\
         - create_index: {name: ix_runs_note, table: runs, columns: [note], if_not_exists: true}\n\
         - drop_table: {name: gone, if_exists: true}\n\
         - create_table: {name: runs, columns: [{name: id, type: Integer}], if_not_exists: true}",
        None,
    );
    let notes = notes(&[&r1, &r2], &[], None).unwrap();
    let guarded = ("r2", Direction::Upgrade, "guarded-op-changes-nothing");
    assert_eq!(
        rules_of(&notes)
            .into_iter()
            .filter(|(_, _, rule)| rule.starts_with("guarded"))
            .collect::<Vec<_>>(),
        [guarded; 5]
    );
    let notes: Vec<&Note> = notes
        .iter()
        .filter(|n| n.rule == "guarded-op-changes-nothing")
        .collect();
    assert!(notes[2]
        .message
        .contains("index `ix_runs_note` is there already"));
    assert!(notes[3].message.contains("table `gone` is not there"));
    assert!(notes[4].message.contains("table `runs` is there already"));
    assert!(
        notes[0]
            .message
            .contains("column `status` is in table `runs` already"),
        "{}",
        notes[0].message
    );
    assert_eq!(notes[1].location, Location::new("r2.yaml", 2, 3));
}

#[test]
fn a_not_null_computed_column_is_filled_by_the_engine() {
    let r1 = revision("r1", BASE, None);
    let r2 = revision(
        "r2",
        "- add_column: {table: runs, column: {name: twice, type: Integer, nullable: false, computed: {sqltext: id * 2, persisted: true}}}",
        None,
    );
    let notes = notes(&[&r1, &r2], &[], None).unwrap();
    assert!(
        !notes
            .iter()
            .any(|n| n.rule == crate::review::catalogue::NOT_NULL_WITHOUT_DEFAULT),
        "{notes:?}"
    );
}
