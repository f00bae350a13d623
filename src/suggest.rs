//! "Did you mean" suggestions for misspelt names.

/// ` (did you mean `x`?)` for the candidate nearest to `word`, or an empty
/// string when none is close enough to be a plausible typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates)
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default()
}

/// The candidate nearest to `word` by Jaro-Winkler similarity, if close enough.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ops = ["create_table", "drop_table", "add_column"];
        assert_eq!(nearest("create_tabel", ops), Some("create_table"));
        assert_eq!(nearest("add_colum", ops), Some("add_column"));
        assert_eq!(nearest("frobnicate", ops), None);
        assert_eq!(did_you_mean("frobnicate", ops), "");
    }
}
