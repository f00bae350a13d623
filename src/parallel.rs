//! Work spread over the machine's cores, results in input order.
//!
//! Loading thousands of revision files and rendering thousands of steps are
//! independent per item; splitting them into one contiguous chunk per core
//! keeps the output (and so every script) exactly what a loop would give.

use std::num::NonZeroUsize;

/// Below this many items a thread costs more than it saves.
const MIN_ITEMS_PER_THREAD: usize = 64;

/// `items.iter().map(f).collect()`, computed on up to one thread per core.
pub fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let threads = cores.min(items.len() / MIN_ITEMS_PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(results) => results,
                // A panic in `f` is a bug: let it surface as one.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_input() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = super::map(&items, |n| n * 2);
        assert_eq!(doubled, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[usize], |n| *n).is_empty());
        assert_eq!(super::map(&[7], |n| n + 1), vec![8]);
    }
}
