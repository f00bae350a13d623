//! A column rename carried into the SQL text the model keeps about a table
//! (check conditions, index expressions and `where:`): after `alter_column
//! new_name`, a table rebuild or a re-created check must name the column by
//! its new name, or the engine answers `no such column`.

/// `sql` with every reference to column `old` written as `new`: a bare word
/// (compared as the engines compare unquoted names, ignoring ASCII case) or
/// a quoted name (`"old"`, `` `old` ``, `[old]`, compared exactly) that is
/// not a function name (followed by `(`) nor a qualifier (followed by `.`).
/// String literals are left alone. The error says why the text cannot be
/// rewritten safely: a comment, dollar quoting or an unclosed quote in a
/// text that names the column, or a new name that is not a plain lower-case
/// word (every dialect would quote it differently).
pub fn rename_identifier(sql: &str, old: &str, new: &str) -> Result<String, String> {
    if !super::state::sql_names_identifier(sql, old) {
        return Ok(sql.to_owned());
    }
    if sql.contains("--") || sql.contains("/*") || sql.contains('$') {
        return Err(format!(
            "`{sql}` has a comment or dollar quoting, which retort does not rewrite"
        ));
    }
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len() + new.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_ascii_alphanumeric() || c == '_' {
            let start = at;
            while at < chars.len() && (chars[at].is_ascii_alphanumeric() || chars[at] == '_') {
                at += 1;
            }
            let word: String = chars[start..at].iter().collect();
            if word.eq_ignore_ascii_case(old) && !is_name_of_something_else(&chars, at) {
                out.push_str(&bare(new, sql)?);
            } else {
                out.push_str(&word);
            }
            continue;
        }
        match c {
            '\'' => at = copy_string(&chars, at, &mut out, sql)?,
            '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let end = chars[at + 1..]
                    .iter()
                    .position(|&q| q == close)
                    .map(|n| at + 1 + n)
                    .ok_or_else(|| format!("`{sql}` has an unclosed `{c}`"))?;
                let quoted: String = chars[at + 1..end].iter().collect();
                out.push(c);
                if quoted == old && !is_name_of_something_else(&chars, end + 1) {
                    out.push_str(&bare(new, sql)?);
                } else {
                    out.push_str(&quoted);
                }
                out.push(close);
                at = end + 1;
            }
            _ => {
                out.push(c);
                at += 1;
            }
        }
    }
    Ok(out)
}

/// Whether the name that ends before `at` is a function's (`(` follows) or
/// a table's (`.` follows), not a column's.
fn is_name_of_something_else(chars: &[char], at: usize) -> bool {
    chars[at..]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| c == '(' || c == '.')
}

/// `new` as it can be written in the text of every dialect: a plain word.
fn bare(new: &str, sql: &str) -> Result<String, String> {
    let plain = new
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && new
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(new.to_owned())
    } else {
        Err(format!(
            "`{sql}` would need the new name `{new}` quoted, and each dialect quotes differently"
        ))
    }
}

/// Copies the string literal that starts at `at` (`''` inside is a quote)
/// to `out`; returns where it ends.
fn copy_string(
    chars: &[char],
    mut at: usize,
    out: &mut String,
    sql: &str,
) -> Result<usize, String> {
    out.push('\'');
    at += 1;
    loop {
        match chars.get(at) {
            None => return Err(format!("`{sql}` has an unclosed string literal")),
            Some('\'') if chars.get(at + 1) == Some(&'\'') => {
                out.push_str("''");
                at += 2;
            }
            Some('\'') => {
                out.push('\'');
                return Ok(at + 1);
            }
            Some(&c) => {
                out.push(c);
                at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rename_identifier;

    #[test]
    fn renames_bare_and_quoted_references_only() {
        let renamed = |sql| rename_identifier(sql, "qty", "amount");
        assert_eq!(renamed("qty > 0").unwrap(), "amount > 0");
        assert_eq!(
            renamed("QTY >= 0 AND qty < 10").unwrap(),
            "amount >= 0 AND amount < 10"
        );
        assert_eq!(renamed("\"qty\" > 0").unwrap(), "\"amount\" > 0");
        assert_eq!(
            renamed("`qty` > 0 or [qty] < 1").unwrap(),
            "`amount` > 0 or [amount] < 1"
        );
        assert_eq!(renamed("t.qty > 0").unwrap(), "t.amount > 0");
        assert_eq!(
            renamed("qty_max > 0 and 'qty' = note").unwrap(),
            "qty_max > 0 and 'qty' = note"
        );
        assert_eq!(renamed("qty(x) > 0").unwrap(), "qty(x) > 0");
        assert_eq!(renamed("it''s = 'a''qty'").unwrap(), "it''s = 'a''qty'");
        assert_eq!(renamed("length(note) > 1").unwrap(), "length(note) > 1");
    }

    #[test]
    fn refuses_what_it_cannot_rewrite_safely() {
        assert!(rename_identifier("qty > 0 -- positive", "qty", "amount").is_err());
        assert!(rename_identifier("qty > 0", "qty", "Amount").is_err());
        assert!(rename_identifier("qty > 'open", "qty", "amount").is_err());
        // a text that does not name the column is left as it is
        assert_eq!(
            rename_identifier("n > 0 -- x", "qty", "Amount").unwrap(),
            "n > 0 -- x"
        );
    }
}
