//! Generated scripts on a real MariaDB, through the `mariadb` client.

mod support;

use support::engines::Engine;
use support::roundtrip::*;

const ENGINE: Engine = Engine::MariaDb;

#[test]
fn example_round_trips() {
    check_round_trips(ENGINE, &EXAMPLE);
}

#[test]
fn corpus_round_trips() {
    check_round_trips(ENGINE, &CORPUS_STRLEN);
}

#[test]
fn ops_linear_round_trips() {
    check_round_trips(ENGINE, &OPS_LINEAR);
}

#[test]
fn settings_round_trip() {
    check_round_trips(ENGINE, &SETTINGS);
}

#[test]
fn branches_round_trip() {
    check_round_trips(ENGINE, &BRANCHES);
}

#[test]
fn data_literals_round_trip() {
    check_round_trips(ENGINE, &DATA_LITERALS);
}

#[test]
fn types_and_flags_round_trip() {
    check_round_trips(ENGINE, &TYPES_AND_FLAGS);
}

#[test]
fn comments_round_trip() {
    check_round_trips(ENGINE, &COMMENTS);
}

#[test]
fn bulk_insert_rows_read_back_exactly() {
    let Some(db) = upgraded(ENGINE, "data_literals") else {
        return;
    };
    let rows = db
        .query("SELECT id, label, note, flag, amount, day, stamp, ratio FROM samples ORDER BY id");
    assert_eq!(
        rows,
        support::rows(&[
            &[
                Some("1"),
                Some("O'Brien \"double\" \\ back\\slash"),
                Some("ünïcödé ✓ 日本"),
                Some("1"),
                Some("3.10"),
                Some("2024-01-02"),
                Some("2024-01-02 03:04:05"),
                Some("0.5"),
            ],
            &[
                Some("2"),
                None,
                Some(""),
                Some("0"),
                Some("-0.01"),
                None,
                None,
                None
            ],
            &[
                Some("3"),
                Some("percent % and colon :name"),
                None,
                None,
                Some("12345678.99"),
                None,
                None,
                None,
            ],
        ])
    );
}
