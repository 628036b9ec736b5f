//! Copies of one story collapsed: hits are grouped, in the order they are shown, by their stored
//! story sketches (`index::story`). The first hit of a group stands for the story; the others are
//! its copies.
//!
//! Grouping happens at query time, over every hit of the query, rather than at index time: a
//! group then never goes stale when files change or are removed (incremental indexing stays
//! per file), and it costs one fast-field read per hit and a hash look-up per band. A hit joins
//! the first earlier group one of whose first few hits is the same story; so "the story" is the best-ranked
//! (or, sorted by date, the first) copy, and a group's id is that copy's article id.

use rustc_hash::FxHashMap;

use tantivy::columnar::Column;
use tantivy::{DocAddress, Searcher};

use super::hits::{Hit, HitRef, Loader};
use crate::index::story::Sketch;

/// Members of a group a later hit is compared with: its first hit and the next ones that
/// differ from them. A copy is then judged against several copies, not the first alone: two
/// copies of a short story, each edited in a few words, can miss each other's threshold while
/// both meet a third copy's. Bounded, so a chain of near-misses cannot grow a group without end.
const REPRESENTATIVES: usize = 4;

/// Groups hits into stories, one hit at a time.
#[derive(Default)]
pub struct Grouper {
    /// The sketches each group is compared with (see [`REPRESENTATIVES`]); empty for a hit
    /// without a sketch.
    groups: Vec<Vec<Sketch>>,
    /// Band key to the groups that have a representative with it.
    bands: FxHashMap<u64, Vec<usize>>,
}

impl Grouper {
    /// The group of the next hit: an earlier group with the same story, or a new one. A hit
    /// without a sketch (no words, or indexed before sketches) is a story of its own.
    pub fn group(&mut self, sketch: Option<Sketch>) -> usize {
        let Some(s) = sketch else {
            self.groups.push(Vec::new());
            return self.groups.len() - 1;
        };
        match self.earlier_group(&s) {
            Some(g) => {
                let reps = &self.groups[g];
                if reps.len() < REPRESENTATIVES && !reps.contains(&s) {
                    self.represent(g, s);
                }
                g
            }
            None => {
                self.groups.push(Vec::new());
                let g = self.groups.len() - 1;
                self.represent(g, s);
                g
            }
        }
    }

    /// The first group one of whose representatives is the same story as `s`.
    fn earlier_group(&self, s: &Sketch) -> Option<usize> {
        s.bands().find_map(|key| {
            self.bands
                .get(&key)?
                .iter()
                .copied()
                .find(|&g| self.groups[g].iter().any(|r| r.same_story(s)))
        })
    }

    /// Makes `s` a representative of group `g`, found by its band keys.
    fn represent(&mut self, g: usize, s: Sketch) {
        for key in s.bands() {
            let groups = self.bands.entry(key).or_default();
            // A duplicate (another representative of `g` with this key) costs one more
            // comparison; looking for it in a long list would cost more.
            if groups.last() != Some(&g) {
                groups.push(g);
            }
        }
        self.groups[g].push(s);
    }

    /// The number of groups so far.
    pub fn stories(&self) -> usize {
        self.groups.len()
    }
}

/// One story among the hits: the hit that stands for it and its copies, in hit order.
#[derive(Debug, Clone)]
pub struct Story {
    pub first: HitRef,
    pub copies: Vec<HitRef>,
}

/// Groups hits (in the order given) into stories, in the order of their first hits.
pub fn stories(searcher: &Searcher, hits: Vec<HitRef>) -> anyhow::Result<Vec<Story>> {
    let groups = groups(searcher, hits.iter().map(|h| h.article))?;
    let mut out: Vec<Story> = Vec::new();
    for (hit, g) in hits.into_iter().zip(groups) {
        match out.get_mut(g) {
            Some(story) => story.copies.push(hit),
            None => out.push(Story {
                first: hit,
                copies: Vec::new(),
            }),
        }
    }
    Ok(out)
}

/// The group number of each article, in the order given: group `g` is the `g`-th story met.
pub fn groups(
    searcher: &Searcher,
    articles: impl Iterator<Item = DocAddress>,
) -> anyhow::Result<Vec<usize>> {
    let mut sketches = Sketches::new(searcher);
    let mut grouper = Grouper::default();
    articles
        .map(|at| Ok(grouper.group(sketches.get(at)?)))
        .collect()
}

/// Loads every hit from `offset` on, in order, each with its story id (the id of the story's
/// first article among `every`, which comes before its copies), and hands it to `write`: what
/// `--all` exports.
pub fn each_with_story(
    searcher: &Searcher,
    loader: &mut Loader,
    every: Vec<HitRef>,
    offset: usize,
    mut write: impl FnMut(Hit) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let groups = groups(searcher, every.iter().map(|r| r.article))?;
    let mut first_ids: Vec<String> = Vec::new();
    // A skipped hit is only loaded when its story starts there.
    let mut starts = 0;
    let needed: Vec<(HitRef, usize, bool)> = every
        .into_iter()
        .zip(groups)
        .enumerate()
        .filter_map(|(i, (r, g))| {
            let starts_story = g == starts;
            starts += usize::from(starts_story);
            (i >= offset || starts_story).then_some((r, g, i >= offset))
        })
        .collect();
    let refs: Vec<HitRef> = needed.iter().map(|n| n.0).collect();
    let mut rest = needed.iter();
    loader.each(&refs, |mut hit| {
        let Some(&(_, g, shown)) = rest.next() else {
            return Ok(());
        };
        if g == first_ids.len() {
            first_ids.push(hit.id.clone());
        }
        if shown {
            hit.story = first_ids.get(g).cloned();
            write(hit)?;
        }
        Ok(())
    })
}

/// Reads stored sketches, keeping each segment's column open.
pub struct Sketches<'s> {
    searcher: &'s Searcher,
    columns: FxHashMap<u32, Option<Column<u64>>>,
    values: Vec<u64>,
}

impl<'s> Sketches<'s> {
    pub fn new(searcher: &'s Searcher) -> Self {
        Sketches {
            searcher,
            columns: FxHashMap::default(),
            values: Vec::new(),
        }
    }

    /// The sketch of an article; `None` when it has none.
    pub fn get(&mut self, at: DocAddress) -> anyhow::Result<Option<Sketch>> {
        let column = match self.columns.get(&at.segment_ord) {
            Some(c) => c,
            None => {
                let reader = self.searcher.segment_reader(at.segment_ord);
                let column = reader.fast_fields().u64("story").ok();
                self.columns.entry(at.segment_ord).or_insert(column)
            }
        };
        let Some(column) = column else {
            return Ok(None);
        };
        self.values.clear();
        self.values.extend(column.values_for_doc(at.doc_id));
        Ok(Sketch::from_values(&self.values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{documents, schema};
    use crate::model::Article;
    use tantivy::collector::DocSetCollector;
    use tantivy::indexer::UserOperation;
    use tantivy::query::AllQuery;

    const BODY: &str = "Dockworkers in the northern port walked out on Friday over a plan to \
        automate two of its container terminals, halting traffic for the second time this year. \
        The union said the plan would cost 400 jobs; the port's owner said no one would be laid off.";

    #[test]
    fn stored_sketches_read_back_and_copies_group_in_hit_order() -> anyhow::Result<()> {
        let (s, f) = schema::build();
        let index = tantivy::Index::create_in_ram(s);
        schema::register_analyzers(&index);
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let bodies = [
            BODY.to_string(),
            "Farmers expect a record wheat crop after a mild winter and a wet spring.".to_string(),
            BODY.replace("Friday", "Thursday")
                .replace("halting", "stopping"),
        ];
        let articles: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| Article {
                id: format!("a{i}"),
                headline: "Port strike".into(),
                body: body.clone(),
                ..Article::default()
            })
            .collect();
        for a in &articles {
            w.run(
                documents::article_documents(a, &f)
                    .into_iter()
                    .map(UserOperation::Add),
            )?;
        }
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let mut docs: Vec<DocAddress> = searcher
            .search(&AllQuery, &DocSetCollector)?
            .into_iter()
            .collect();
        docs.sort();
        let mut sketches = Sketches::new(&searcher);
        for (at, a) in docs.iter().zip(&articles) {
            assert_eq!(
                sketches.get(*at)?,
                Sketch::of(&a.headline, &a.body),
                "{}",
                a.id
            );
        }
        assert_eq!(groups(&searcher, docs.into_iter())?, vec![0, 1, 0]);
        Ok(())
    }

    /// A sketch with the given word values, no headline key and no numbers.
    fn sketch_of_words(words: impl Fn(usize) -> u64) -> Sketch {
        let mut values = [0u64; crate::index::story::STORED_VALUES];
        for k in 0..crate::index::story::WORD_BINS {
            values[k / 16] |= words(k) << (4 * (k % 16));
        }
        Sketch::from_values(&values).expect("three values")
    }

    #[test]
    fn a_copy_that_misses_the_first_hit_joins_through_a_later_copy() {
        // 26 of 36 values agree from one to the next, 16 from the first to the third.
        let first = sketch_of_words(|_| 1);
        let second = sketch_of_words(|k| if k < 10 { 2 } else { 1 });
        let third = sketch_of_words(|k| match k {
            0..10 => 2,
            10..20 => 3,
            _ => 1,
        });
        assert!(first.same_story(&second) && second.same_story(&third));
        assert!(!first.same_story(&third));
        let mut g = Grouper::default();
        assert_eq!(g.group(Some(first)), 0);
        assert_eq!(g.group(Some(second)), 0);
        assert_eq!(g.group(Some(third)), 0);
        let mut without_second = Grouper::default();
        without_second.group(Some(first));
        assert_eq!(without_second.group(Some(third)), 1);
    }

    #[test]
    fn a_hit_without_a_sketch_is_a_story_of_its_own() {
        let mut g = Grouper::default();
        let s = Sketch::of("", BODY);
        assert_eq!(g.group(s), 0);
        assert_eq!(g.group(None), 1);
        assert_eq!(g.group(None), 2);
        assert_eq!(g.group(s), 0);
        assert_eq!(g.stories(), 3);
    }
}
