//! The one slug of a revision message, used wherever a message becomes part of
//! a file name: the compiled scripts' `NNNN_<rev>_<slug>.<kind>.sql` and the
//! `<id>_<slug>.yaml` that `retort revision` writes.
//!
//! Only lower-case ASCII letters, digits and `_` survive, so a name is the same
//! on every file system and in every locale; the archive's file names depend
//! on it, so it must not change.

/// The longest slug (Alembic's default `truncate_slug_length`).
const SLUG_MAX: usize = 40;

/// The message as a file-name slug: its ASCII words in lower case joined by
/// `_`, cut at a word boundary to at most 40 characters; a first word longer
/// than that is cut at 40. Empty when the message has no ASCII word.
pub fn slug(message: &str) -> String {
    let mut slug = String::new();
    let words = message
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
        let word = word.to_ascii_lowercase();
        let extra = if slug.is_empty() { 0 } else { 1 };
        if slug.len() + extra + word.len() > SLUG_MAX {
            if slug.is_empty() {
                slug = word[..SLUG_MAX].to_owned();
            }
            break;
        }
        if extra == 1 {
            slug.push('_');
        }
        slug.push_str(&word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn lower_case_ascii_words_joined_by_underscores() {
        assert_eq!(slug("Add error_count to runs!"), "add_error_count_to_runs");
        assert_eq!(slug("add customers.name"), "add_customers_name");
        assert_eq!(slug("Merge r7a and r7b!"), "merge_r7a_and_r7b");
    }

    #[test]
    fn cut_at_a_word_boundary_within_forty() {
        assert_eq!(
            slug("index runs by status and start time for the scheduler's queries"),
            "index_runs_by_status_and_start_time_for"
        );
        assert_eq!(slug(&"x".repeat(50)), "x".repeat(40));
    }

    #[test]
    fn nothing_but_non_ascii_gives_an_empty_slug() {
        assert_eq!(slug("ééé"), "");
        assert_eq!(slug("été 2024"), "t_2024");
    }
}
