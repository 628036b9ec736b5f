//! Where an index's bytes go: per component (postings, positions, terms, fast fields, norms,
//! store) and per field, summed over segments. Used to decide what the schema should keep.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use tantivy::space_usage::SearcherSpaceUsage;

/// Prints one line per (component, field) with its bytes and share of the index, largest first.
pub fn report(dir: &Path) -> anyhow::Result<()> {
    let index = newsdex::index::open_existing(dir)
        .with_context(|| format!("cannot open the index {}", dir.display()))?
        .0;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let docs: u64 = usage
        .segments()
        .iter()
        .map(|seg| u64::from(seg.num_docs()))
        .sum();
    let rows = by_component_and_field(&usage);
    let total = usage.total().get_bytes().max(1);
    let mut sorted: Vec<_> = rows.into_iter().collect();
    sorted.sort_by_key(|row| std::cmp::Reverse(row.1));
    let mut out = std::io::stdout().lock();
    writeln!(out, "{docs} documents, {total} bytes")?;
    for ((component, field), bytes) in sorted {
        let share = 100.0 * bytes as f64 / total as f64;
        writeln!(out, "{component:>10} {field:<14} {bytes:>12} {share:5.1}%")?;
    }
    Ok(())
}

/// Bytes per (component, field), summed over segments; the store counts as one field `(all)`.
pub fn by_component_and_field(usage: &SearcherSpaceUsage) -> BTreeMap<(String, String), u64> {
    let mut rows: BTreeMap<(String, String), u64> = BTreeMap::new();
    for seg in usage.segments() {
        let parts = [
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("terms", seg.termdict()),
            ("fast", seg.fast_fields()),
            ("fieldnorms", seg.fieldnorms()),
        ];
        for (component, per_field) in parts {
            for f in per_field.fields() {
                *rows
                    .entry((component.to_string(), f.field_name().to_string()))
                    .or_default() += f.total().get_bytes();
            }
        }
        *rows.entry(("store".into(), "(all)".into())).or_default() +=
            seg.store().total().get_bytes();
    }
    rows
}
