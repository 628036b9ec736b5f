//! Quotes and reported speech with their speakers: direct quotes in straight or curly marks
//! (hard-wrapped and paragraph-spanning too), "X said that ...", "..., he said." with the pronoun
//! resolved, "according to X", "described by X as “...”".
//!
//! One linear scan builds paragraphs, quotation spans, tokens and sentences ([`scan`]); speech cues
//! ([`cues`]) are found on tokens, their subject is read to the left (or right, for "said X"), and
//! names are judged and canonicalised per body ([`names`]). A speaker that is not a named person
//! (an organisation, "a senior official", an unresolved pronoun) is `None`, never a guess.

mod cue_reading;
mod cues;
mod fallbacks;
mod names;
mod scan;
mod subjects;

use crate::model::{Person, Quote, Speaker};
use cues::CueKind;
use names::{Gender, NameCand, Registry};
use scan::{Kind, Scanned, Span, Tok};
use std::borrow::Cow;

/// Every attribution in `body`; speakers are resolved against `people` (found in the same body).
pub fn find_quotes(body: &str, people: &[Person]) -> Vec<Quote> {
    let doc = Doc::new(body, people);
    doc.attribute()
}

/// Who a cue's subject is.
#[derive(Debug, Clone, PartialEq)]
enum Subject {
    /// A named person: canonical name and gender.
    Person(String, Option<Gender>),
    /// he / she, with the position to resolve from.
    Pronoun(Option<Gender>, usize),
    /// Somebody who is not a named person (organisation, description, they/we).
    Other,
}

/// A cue found in a sentence, with its speaker.
#[derive(Debug, Clone)]
struct Cue {
    /// Token index of the cue word.
    at: usize,
    kind: CueKind,
    /// The cue as output (`said`, `told reporters`, `according to`).
    text: String,
    subject: Subject,
    /// First token of the content after the cue (reported speech), if any.
    after: usize,
    /// True when the subject is written after the cue (`said Smith`) or before it with the
    /// content before both (`..., Smith said`): the content is then the start of the sentence.
    content_before: bool,
    /// Token index where the subject phrase starts (content before ends before it).
    subject_start: usize,
    /// The cue only attributes quotation marks (`called it “...”`, `asked`), never reported speech.
    direct_only: bool,
    /// The other named speakers of a list (`Smith and Jones said`, `Smith, Jones and Lee said`).
    also: Vec<String>,
}

/// One mention of a person, for pronoun resolution.
#[derive(Debug, Clone)]
struct Mention {
    pos: usize,
    /// Sentence index of the mention.
    sent: usize,
    name: String,
    gender: Option<Gender>,
    /// The mention opens its sentence or is followed by a speech verb: a likely subject, which
    /// pronouns refer back to.
    subject: bool,
}

/// How many sentences back a pronoun may find its person.
const PRONOUN_REACH: usize = 20;

/// An attribution found for a quotation: speaker, cue, and the other speakers of coordinated
/// subjects (`Smith and Jones said`).
type Attr = (Option<String>, String, Vec<String>);

/// A body, scanned once, with what the passes over it share.
struct Doc<'a> {
    /// Its tokens, sentences and quotation spans.
    scan: Scanned<'a>,
    /// Per-token hints, computed once.
    hints: Hints,
    /// Who is named in it.
    names: Names<'a>,
}

/// Per-token hints over a scanned body, computed in one pass (the passes over each sentence
/// look at no other words).
struct Hints {
    /// For each token, whether it can be part of a name run (hot).
    name_tok: Vec<bool>,
    /// Words outside quotations that may open a cue, by token index (ascending).
    cue_words: Vec<usize>,
    /// Words outside quotations that may open a description of somebody, likewise.
    determiners: Vec<usize>,
}

impl Hints {
    fn of(scan: &Scanned) -> Hints {
        let (body, toks) = (scan.body, &scan.toks);
        let mut name_tok = Vec::with_capacity(toks.len());
        let (mut cue_words, mut determiners) = (Vec::new(), Vec::new());
        for (k, (t, span)) in toks.iter().zip(&scan.tok_span).enumerate() {
            let (name, hint) = word_flags(body, t, span.is_some());
            name_tok.push(name);
            match hint {
                Hint::Cue => cue_words.push(k),
                Hint::Determiner => determiners.push(k),
                Hint::None => {}
            }
        }
        date_months_are_no_names(body, toks, &mut name_tok);
        Hints {
            name_tok,
            cue_words,
            determiners,
        }
    }
}

/// The people of a body: those the people finder named, the names the quote finder read, and
/// the mentions and descriptions pronouns resolve to.
struct Names<'a> {
    /// People found in the body by `extract::people`.
    people: &'a [Person],
    registry: Registry,
    /// Name candidates of the maximal capitalised runs outside quotations `(start, end,
    /// candidate)`, ascending: found once by [`Doc::collect_names`], asked for again when
    /// the subjects of cues are judged.
    run_names: Vec<(usize, usize, NameCand)>,
    mentions: Vec<Mention>,
    /// Unnamed people written as subjects (`The woman waved.`, `the man said`), by byte
    /// position: a later he/she more likely refers to them than to a person named before.
    descriptions: Vec<(usize, Option<Gender>)>,
}

impl<'a> Doc<'a> {
    fn new(body: &'a str, people: &'a [Person]) -> Self {
        let scan = Scanned::new(body);
        let hints = Hints::of(&scan);
        let mut doc = Doc {
            scan,
            hints,
            names: Names {
                people,
                registry: Registry::default(),
                run_names: Vec::new(),
                mentions: Vec::new(),
                descriptions: Vec::new(),
            },
        };
        doc.collect_names(people);
        doc.names.descriptions = doc.collect_descriptions();
        doc
    }

    fn word(&self, i: usize) -> &'a str {
        let t = self.scan.toks[i];
        &self.scan.body[t.start..t.end]
    }

    fn is_word(&self, i: usize) -> bool {
        self.scan.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// The word at `i`, or `""` when token `i` is punctuation or past the end.
    fn word_or_empty(&self, i: usize) -> &'a str {
        if self.is_word(i) { self.word(i) } else { "" }
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.scan.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.word(i) == p
    }

    /// The token indices of `list` (ascending) that lie in `[a, b)`.
    fn within(list: &[usize], a: usize, b: usize) -> &[usize] {
        let lo = list.partition_point(|&i| i < a);
        let hi = list.partition_point(|&i| i < b);
        &list[lo..hi.max(lo)]
    }

    /// True for a token that can be part of a name run.
    fn is_name_tok(&self, i: usize) -> bool {
        self.hints.name_tok.get(i).copied().unwrap_or(false)
    }

    /// The capitalised run ending at token `end` (inclusive), searching back no further than `lo`.
    fn run_back(&self, end: usize, lo: usize) -> usize {
        let mut s = end;
        while s > lo {
            let p = s - 1;
            let name = self.is_name_tok(p) && self.scan.tok_span[p] == self.scan.tok_span[end];
            let particle = self.is_word(p)
                && names::is_particle(self.word(p))
                && p > lo
                && self.is_name_tok(p - 1);
            if !(name || particle) {
                break;
            }
            s = p;
        }
        s
    }

    /// The capitalised run starting at `start`, no further than `hi` (exclusive); returns its end.
    fn run_fwd(&self, start: usize, hi: usize) -> usize {
        let mut e = start;
        while e < hi
            && (self.is_name_tok(e)
                || (e > start
                    && self.is_word(e)
                    && names::is_particle(self.word(e))
                    && self.is_name_tok(e + 1)))
        {
            e += 1;
        }
        e
    }

    /// The name candidate of the run `[s, e)`: the one found for it by [`Self::collect_names`],
    /// else read now.
    fn run_name(&self, s: usize, e: usize) -> Option<Cow<'_, NameCand>> {
        let k = self.names.run_names.partition_point(|r| r.0 < s);
        match self.names.run_names.get(k) {
            Some((rs, re, c)) if (*rs, *re) == (s, e) => Some(Cow::Borrowed(c)),
            _ => self.read_run_name(s, e).map(Cow::Owned),
        }
    }

    /// The name candidate of the run `[s, e)`, its words gathered on the stack (this runs for
    /// every capitalised run; a run longer than [`names::MAX_RUN`] words is never a name).
    fn read_run_name(&self, s: usize, e: usize) -> Option<NameCand> {
        if e <= s || e - s > names::MAX_RUN {
            return None;
        }
        let mut words = [""; names::MAX_RUN];
        for (w, i) in words.iter_mut().zip(s..e) {
            *w = self.word(i);
        }
        names::name_from_run(&words[..e - s], self.after_article(s))
    }

    /// First pass: names with evidence (first name or title) go to the registry, then every run
    /// that names a known person becomes a mention for pronoun resolution.
    fn collect_names(&mut self, people: &[Person]) {
        for p in people {
            let toks: Vec<&str> = p.name.split_whitespace().collect();
            if let Some(c) = names::name_from_run(&toks, false) {
                self.names.registry.add(&c);
            }
        }
        let runs: Vec<(usize, usize, NameCand)> = self
            .all_runs()
            .into_iter()
            .filter_map(|(s, e)| self.read_run_name(s, e).map(|c| (s, e, c)))
            .collect();
        for (s, e, c) in &runs {
            // A lone first name counts when it speaks (`Melanie said`).
            if c.has_first || c.titled || c.given_only && self.speaks(*s, *e) {
                // Only a full name as a subject decides who a later bare surname is (not `for
                // his wife Hillary Clinton`).
                let pos = self
                    .is_speaking_subject(*s, *e)
                    .then(|| self.scan.toks[*s].start);
                self.names.registry.add_at(c, pos);
            }
        }
        for (s, e, c) in &runs {
            let (s, e) = (*s, *e);
            {
                let known = c
                    .tokens
                    .last()
                    .is_some_and(|l| self.names.registry.knows_last(l));
                if known {
                    let (name, gender) =
                        self.names.registry.canonical_at(c, self.scan.toks[s].start);
                    let subject = self.is_subject_run(s, e);
                    self.names.mentions.push(Mention {
                        pos: self.scan.toks[s].start,
                        sent: self.sentence_of(s),
                        name,
                        gender,
                        subject,
                    });
                }
            }
        }
        self.names.run_names = runs;
    }

    /// Described people who are subjects (`The woman waved.`, `A trader said`, `..., said an
    /// analyst`): where each starts, and its gender when the noun gives one. An unnamed source
    /// (`an analyst`, `a spokesman`) has none and stands between a pronoun and every name.
    fn collect_descriptions(&self) -> Vec<(usize, Option<Gender>)> {
        let mut out = Vec::new();
        for &(a, b) in &self.scan.sents {
            let opener = (a..b).find(|&i| self.is_word(i));
            for &i in Self::within(&self.hints.determiners, a, b) {
                let w = self.word(i);
                let found = if matches!(w, "the" | "The" | "a" | "A" | "an" | "An") {
                    self.described_person(i + 1, b).map(|(e, g)| (e, Some(g)))
                } else {
                    None
                };
                let found = found.or_else(|| {
                    cues::is_indefinite(w)
                        .then(|| self.unnamed_source(i + 1, b))
                        .flatten()
                        .map(|e| (e, None))
                });
                let Some((end, g)) = found else {
                    continue;
                };
                let after_cue = i > a && cues::cue_kind(self.word(i - 1)).is_some();
                if opener == Some(i) || self.cue_follows(end) || g.is_none() && after_cue {
                    out.push((self.scan.toks[i].start, g));
                }
            }
        }
        out
    }

    /// `[senior] analyst`, `[company] spokesman`: the end token of an anonymous source's noun
    /// within three lower-case words after an indefinite article, unless a name follows it
    /// (`an analyst, Jane Lee,`, `a spokesman Jane Lee`).
    fn unnamed_source(&self, from: usize, b: usize) -> Option<usize> {
        let mut k = from;
        while k < b && k < from + 3 && self.is_word(k) {
            let w = self.word(k);
            if !w.starts_with(|c: char| c.is_lowercase()) {
                return None;
            }
            if cues::is_unnamed_source_noun(w) {
                let named =
                    self.is_name_tok(k + 1) || self.is_punct(k + 1, ",") && self.is_name_tok(k + 2);
                return (!named).then_some(k + 1);
            }
            k += 1;
        }
        None
    }

    /// `[45-year-old] woman`: the end token and gender of a person noun after a determiner.
    fn described_person(&self, from: usize, b: usize) -> Option<(usize, Gender)> {
        let mut k = from;
        while k < b && k < from + 3 && self.is_word(k) {
            let w = self.word(k);
            if !w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()) {
                return None;
            }
            if let Some(g) = names::person_noun_gender(names::strip_possessive(w)) {
                return Some((k + 1, g));
            }
            k += 1;
        }
        None
    }

    /// True when the run `[s, e)` opens its sentence (after an optional title or opening words
    /// such as `But`) or is followed by a speech verb.
    fn is_subject_run(&self, s: usize, e: usize) -> bool {
        // `Smith’s office said`: the owner is not who speaks.
        let last = self.word(e - 1);
        if names::strip_possessive(last).len() != last.len() {
            return false;
        }
        // `..., said Jane Cole, a lawyer.`: the name after a cue is its speaker.
        if s > 0 && self.is_word(s - 1) {
            let w = self.word(s - 1);
            let after_cue = cues::cue_kind(w).is_some_and(|k| k == CueKind::Verb)
                || w == "to" && s > 1 && self.is_word(s - 2) && self.word(s - 2) == "according";
            if after_cue {
                return true;
            }
        }
        self.opens_or_speaks(s, e)
            || self.main_clause_before_aux(s, e)
            || self.names_opening_description(s, e)
    }

    /// `The deputy mayor, Lena Okafor, spent the day ...`, `Japan's trade minister, Ken Abe,
    /// was more cautious`: a name set off by commas right after the short description that
    /// opens its sentence names that sentence's subject.
    fn names_opening_description(&self, s: usize, e: usize) -> bool {
        if s < 3 || !self.is_punct(s - 1, ",") || !self.is_punct(e, ",") {
            return false;
        }
        let (a, _) = self.scan.sents[self.sentence_of(s)];
        // The words after the determiner or after a capitalised owner (`Japan's`).
        let first = self.word(a);
        let owner = first.starts_with(char::is_uppercase)
            && names::strip_possessive(first).len() < first.len();
        let nouns = if owner || matches!(first, "The" | "A" | "An" | "Its" | "Their") {
            a + 1
        } else {
            return false;
        };
        let mut description = nouns..s - 1;
        !description.is_empty()
            && description.len() <= 4
            && description.all(|k| self.is_word(k) && self.word(k).starts_with(char::is_lowercase))
    }

    /// `In a statement, nominee Ann Lee was more careful.`: a name before an auxiliary that
    /// opens its clause (after an opening phrase and a few role words at most; not `... on
    /// whether President Lee would`) is the subject of the main clause.
    fn main_clause_before_aux(&self, s: usize, e: usize) -> bool {
        let aux = self.is_word(e)
            && matches!(
                self.word(e),
                "was" | "is" | "has" | "had" | "will" | "would" | "could" | "can" | "did" | "does"
            );
        if !aux || self.scan.sents.is_empty() {
            return false;
        }
        let (a, _) = self.scan.sents[self.sentence_of(s).min(self.scan.sents.len() - 1)];
        let k = self.opening_phrase_end(a, s).unwrap_or(a);
        s - k <= 3
            && (k..s).all(|j| {
                self.is_word(j) && {
                    let w = self.word(j);
                    !cues::is_function_word(w)
                        && cues::cue_kind(w).is_none()
                        && !matches!(w, "whether" | "if" | "how" | "why" | "what" | "when")
                }
            })
    }

    /// A full name that certainly speaks or acts: followed by a speech verb, right after an
    /// inverted cue (`,” said Jane Cole`), or opening its sentence; not the object of a verb
    /// (`accused Rafael Cole`) nor an apposition (`for his wife Hillary Clinton`).
    fn is_speaking_subject(&self, s: usize, e: usize) -> bool {
        let last = self.word(e - 1);
        if names::strip_possessive(last).len() != last.len() {
            return false;
        }
        let inverted = s > 1
            && self.is_word(s - 1)
            && cues::cue_kind(self.word(s - 1)).is_some_and(|k| k == CueKind::Verb)
            && matches!(self.scan.toks[s - 2].kind, Kind::Punct | Kind::Close);
        inverted || self.opens_or_speaks(s, e)
    }

    /// True when the run `[s, e)` opens its sentence (after openers such as `But` or a day) or
    /// a speech cue follows it.
    fn opens_or_speaks(&self, s: usize, e: usize) -> bool {
        // Only openers may precede a subject in its sentence (`Meanwhile, Putin ...`).
        let mut k = s;
        while k > 0 && s - k < 5 {
            let p = k - 1;
            let opener = if self.is_word(p) {
                let w = self.word(p);
                cues::is_stop_cap(w)
                    || cues::is_day(w)
                    || matches!(w, "on" | "last" | "week" | "night" | "morning")
            } else {
                self.is_punct(p, ",")
            };
            if !opener {
                break;
            }
            k = p;
        }
        let opens = k == 0
            || matches!(self.scan.toks[k - 1].kind, Kind::Para | Kind::Close)
            || self.is_punct(k - 1, ".");
        opens || self.cue_follows(e)
    }

    /// True when a speech cue follows token `e`, after a few skippable words (`also said`).
    fn cue_follows(&self, e: usize) -> bool {
        let mut j = e;
        while j < self.scan.toks.len()
            && j < e + 3
            && self.is_word(j)
            && cues::is_skippable(self.word(j))
        {
            j += 1;
        }
        self.is_word(j) && cues::cue_kind(self.word(j)).is_some()
    }

    /// Every maximal capitalised run outside quotations.
    fn all_runs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        // From name token to name token: most tokens are none, skipped by a tight search.
        while let Some(k) = self
            .hints
            .name_tok
            .get(i..)
            .and_then(|r| r.iter().position(|&n| n))
        {
            i += k;
            if self.scan.tok_span[i].is_none() {
                let e = self.run_fwd(i, self.scan.toks.len());
                out.push((i, e));
                i = e.max(i + 1);
            } else {
                i += 1;
            }
        }
        out
    }

    /// True when `the`, `a` or `an` directly precedes token `s`.
    fn after_article(&self, s: usize) -> bool {
        s > 0
            && self.is_word(s - 1)
            && matches!(self.word(s - 1), "the" | "a" | "an" | "The" | "A" | "An")
    }

    /// Resolves a subject to a speaker name.
    fn speaker(&self, s: &Subject) -> Option<String> {
        match s {
            Subject::Person(n, _) => Some(n.clone()),
            Subject::Pronoun(g, pos) => self.resolve_pronoun(*g, *pos),
            Subject::Other => None,
        }
    }

    /// The most recent subject mention before `pos` whose gender fits, within a few sentences
    /// (long features keep returning to one person with `he`).
    fn resolve_pronoun(&self, g: Option<Gender>, pos: usize) -> Option<String> {
        let tok = self.scan.toks.partition_point(|t| t.start < pos);
        let sent = self.sentence_of(tok);
        let idx = self.names.mentions.partition_point(|m| m.pos < pos);
        let m = self.names.mentions[..idx]
            .iter()
            .rev()
            .take_while(|m| m.sent + PRONOUN_REACH >= sent)
            .find(|m| m.subject && (g.is_none() || m.gender.is_none() || m.gender == g))?;
        // `Ann Lee spoke. The woman next to her waved. “...,” she said`: the description is the
        // nearer antecedent; better no speaker than the wrong one.
        let lo = self.names.descriptions.partition_point(|d| d.0 < m.pos);
        let described = self.names.descriptions[lo..]
            .iter()
            .take_while(|d| d.0 < pos)
            .any(|d| d.1.is_none() || g.is_some_and(|g| Some(g) == d.1));
        (!described).then(|| m.name.clone())
    }

    /// Token range of sentence containing token `i`.
    fn sentence_of(&self, i: usize) -> usize {
        self.scan.sents.partition_point(|&(_, b)| b <= i)
    }

    /// Main pass: direct quotes get the cue of their sentence (or of a neighbour), every other cue
    /// gives reported speech.
    fn attribute(&self) -> Vec<Quote> {
        let mut out = Vec::new();
        let sent_cues: Vec<Vec<Cue>> = self
            .scan
            .sents
            .iter()
            .map(|&(a, b)| self.cues_in(a, b))
            .collect();
        let mut used: Vec<Vec<bool>> = sent_cues.iter().map(|c| vec![false; c.len()]).collect();
        let mut span_speaker: Vec<Option<Attr>> = vec![None; self.scan.spans.len()];
        // Quotations that open a paragraph and found no attribution.
        let mut orphans: Vec<usize> = Vec::new();
        for (si, span) in self.scan.spans.iter().enumerate() {
            let open_tok = self.scan.toks.partition_point(|t| t.start < span.open);
            if self
                .scan
                .toks
                .get(open_tok)
                .is_none_or(|t| t.start != span.open)
            {
                continue;
            }
            if self.transcript_label(open_tok + 1).is_some() {
                continue;
            }
            let sent = self.sentence_of(open_tok);
            let found = self.cue_for_span(span, sent, &sent_cues, &mut used);
            // A cue with no named speaker loses to a name leading the quotation with a dash.
            let found = match found {
                Some((None, ..)) => self.dash_lead(span).or(found),
                f => f,
            };
            let found = found
                .or_else(|| self.by_credit(span))
                .or_else(|| self.inherit(si, sent, &span_speaker));
            span_speaker[si] = found.clone();
            let Some((speaker, cue, also)) = found else {
                if self.opens_paragraph(open_tok) {
                    orphans.push(si);
                }
                continue;
            };
            if cue.is_empty() {
                continue;
            }
            for who in std::iter::once(speaker).chain(also.into_iter().map(Some)) {
                out.push(Quote {
                    speaker: who.map(|name| Speaker { name }),
                    text: self.scan.body[span.start..span.end].to_string(),
                    start: span.start,
                    end: span.end,
                    cue: cue.clone(),
                    direct: true,
                });
            }
        }
        for (sent, cues_here) in sent_cues.iter().enumerate() {
            for (ci, cue) in cues_here.iter().enumerate() {
                if used[sent][ci] || cue.direct_only {
                    continue;
                }
                if let Some(q) = self.reported(sent, cues_here, ci) {
                    for other in &cue.also {
                        let mut q2 = q.clone();
                        q2.speaker = Some(Speaker {
                            name: other.clone(),
                        });
                        out.push(q2);
                    }
                    out.push(q);
                }
            }
        }
        out.extend(self.transcript_lines());
        out.sort_by_key(|q| q.start);
        let continued: Vec<Quote> = orphans
            .into_iter()
            .filter_map(|si| self.continues_previous(&self.scan.spans[si], &out))
            .collect();
        out.extend(continued);
        out.sort_by_key(|q| q.start);
        inherit_enclosing_speaker(&mut out);
        out
    }

    /// True when the quotation mark at token `i` opens its paragraph (the zero-width paragraph
    /// break shares the mark's offset, so `i` may be the break itself).
    fn opens_paragraph(&self, i: usize) -> bool {
        i == 0 || self.scan.toks[i].kind == Kind::Para || self.scan.toks[i - 1].kind == Kind::Para
    }

    /// A quotation paragraph with no cue continues the speaker of the paragraph before it, when
    /// that paragraph's last attribution names a person and nobody else is named after it.
    fn continues_previous(&self, span: &Span, out: &[Quote]) -> Option<Quote> {
        let open_tok = self.scan.toks.partition_point(|t| t.start < span.open);
        let para = (0..=open_tok.min(self.scan.toks.len().saturating_sub(1)))
            .rev()
            .find(|&k| self.scan.toks[k].kind == Kind::Para)?;
        let prev_start = (0..para)
            .rev()
            .find(|&k| self.scan.toks[k].kind == Kind::Para)
            .map_or(0, |k| k + 1);
        let (lo, hi) = (
            self.scan.toks.get(prev_start)?.start,
            self.scan.toks[para].start,
        );
        let last = out.iter().rev().find(|q| q.start >= lo && q.start < hi)?;
        let name = &last.speaker.as_ref()?.name;
        let others = self
            .names
            .mentions
            .iter()
            .filter(|m| m.pos >= last.start && m.pos < hi)
            .any(|m| &m.name != name);
        if others {
            return None;
        }
        Some(Quote {
            speaker: last.speaker.clone(),
            text: self.scan.body[span.start..span.end].to_string(),
            start: span.start,
            end: span.end,
            cue: "(continued)".into(),
            direct: true,
        })
    }

    /// The cue in the quote's own sentence: the nearest one after the closing mark, else the
    /// nearest before the opening mark.
    fn cue_for_span(
        &self,
        span: &Span,
        sent: usize,
        sent_cues: &[Vec<Cue>],
        used: &mut [Vec<bool>],
    ) -> Option<Attr> {
        let cues_here = sent_cues.get(sent)?;
        let after = cues_here
            .iter()
            .position(|c| self.scan.toks[c.at].start >= span.close)
            .filter(|&i| !self.subordinate_after(span, &cues_here[i]));
        let before = cues_here
            .iter()
            .rposition(|c| self.scan.toks[c.at].end <= span.open);
        let pick = match (after, before) {
            (Some(i), Some(j)) => {
                // Prefer the cue right after the quote (`“...,” she said`) when it is close.
                let gap = self.scan.toks[cues_here[i].at].start - span.close;
                if gap < 60 || cues_here[j].kind == CueKind::Participle {
                    Some(i)
                } else {
                    Some(j)
                }
            }
            (Some(i), None) => Some(i),
            (None, Some(j)) => Some(j),
            (None, None) => None,
        }?;
        used[sent][pick] = true;
        let c = &cues_here[pick];
        Some((self.speaker(&c.subject), c.text.clone(), c.also.clone()))
    }

    /// True when the cue after the quotation is in a subordinate clause whose subject directly
    /// follows the conjunction (`X was “wrong” when he said ...`, `the “Lee rule” after Lee
    /// complained ...`): that cue speaks about something else, not the quotation before it.
    /// (`“...,” after a weak March, said Lee` keeps its cue: `after` is a preposition there.)
    fn subordinate_after(&self, span: &Span, cue: &Cue) -> bool {
        let from = self.scan.toks.partition_point(|t| t.start < span.close);
        let k = cue.subject_start;
        k > from
            && k < cue.at
            && self.is_word(k - 1)
            && matches!(
                self.word(k - 1),
                "when"
                    | "after"
                    | "before"
                    | "because"
                    | "since"
                    | "until"
                    | "unless"
                    | "although"
                    | "though"
                    | "whereas"
                    | "while"
                    | "if"
            )
    }

    /// Reported speech for the cue `ci` of a sentence, which no direct quote used. The content
    /// may hold one more attribution (`Lee said Ruiz told him ...`) but not two: each byte of
    /// the body is then in a bounded number of quotes, even in `said said said ...`.
    fn reported(&self, sent: usize, cues_here: &[Cue], ci: usize) -> Option<Quote> {
        let cue = &cues_here[ci];
        let (a, b) = self.scan.sents[sent];
        let (cs, ce) = if cue.content_before {
            // A dateline opening the sentence is not part of what was said (looked for only
            // when the content can start there).
            let lo = ci.checked_sub(2).map_or_else(
                || self.after_dateline(a, b),
                |j| (cues_here[j].at + 1).max(a).min(cue.subject_start),
            );
            let mut e = cue.subject_start;
            while e > lo && self.scan.toks[e - 1].kind != Kind::Word {
                e -= 1;
            }
            (lo, e)
        } else {
            // The content runs over the next cue (`said the bank wanted ...`) up to the one
            // after, unless that one is inside a clause too (`what he had expected`).
            let hi = cues_here
                .iter()
                .skip(ci + 2)
                .find(|c| !self.subordinate(c.subject_start, a))
                .map_or(b, |c| c.subject_start.min(c.at).max(cue.after).min(b));
            let mut e = hi;
            while e > cue.after && self.scan.toks[e - 1].kind != Kind::Word {
                e -= 1;
            }
            (cue.after, e)
        };
        let not_speech = !cue.content_before
            && (self.is_request_or_deal(cue, cs) || self.is_short_adverbial(cs, ce));
        if ce <= cs || ce - cs < 2 || not_speech {
            return None;
        }
        let start = self.scan.toks[cs].start;
        let end = self.scan.toks[ce - 1].end;
        Some(Quote {
            speaker: self.speaker(&cue.subject).map(|name| Speaker { name }),
            text: self.scan.body[start..end].to_string(),
            start,
            end,
            cue: cue.text.clone(),
            direct: false,
        })
    }

    /// `confirmed what he had expected.`, `higher than he thought.`: the subject starting at
    /// `start` follows a subordinating word, so its cue is inside a clause: it does not end a
    /// quotation (`..., he said.`) nor bound what an earlier cue reports.
    fn subordinate(&self, start: usize, a: usize) -> bool {
        start > a && self.is_word(start - 1) && SUBORDINATORS.contains(&self.word(start - 1))
    }

    /// True when the words from `r` run into a finite verb before any punctuation or name
    /// (`the deal was close`, `the port would reopen`): a clause, so not a speaker's name.
    fn clause_follows(&self, r: usize, b: usize) -> bool {
        (r..b.min(r + 6))
            .take_while(|&k| {
                self.is_word(k)
                    && !self.is_name_tok(k)
                    && !matches!(self.word(k), "who" | "which" | "that")
            })
            .any(|k| {
                let w = self.word(k);
                matches!(w, "is" | "was" | "are" | "were") || is_aux(w)
            })
    }

    /// `told reporters after the meeting.`, `said during a visit`: a few words opening with a
    /// preposition of time or place say when or where, not what.
    fn is_short_adverbial(&self, cs: usize, ce: usize) -> bool {
        let words = (cs..ce).filter(|&k| self.is_word(k)).count();
        words < 5 && self.is_word(cs) && TIME_PLACE_PREPOSITIONS.contains(&self.word(cs))
    }

    /// `..., Lee told reporters after meeting the trade ministers of three countries.`: from `k`
    /// to the sentence end only a phrase of time or place, with no clause (no `that`, auxiliary
    /// or cue) in it. After a comma before the speaker, the content is then what came before.
    fn adverbial_to_end(&self, k: usize, b: usize) -> bool {
        let opens = self.is_word(k) && TIME_PLACE_PREPOSITIONS.contains(&self.word(k));
        opens
            && b - k < 24
            && (k..b).all(|j| {
                !self.is_word(j) || {
                    let w = self.word(j);
                    !matches!(w, "that" | "who" | "which")
                        && !cues::is_be(w)
                        && !is_aux(w)
                        && cues::cue_kind(w).is_none()
                }
            })
    }

    /// `asked not to be named`, `asked to see the file`, `agreed on a date`, `agreed to pay`:
    /// what follows `asked` or `agreed` there is a request or a deal, not what somebody said.
    fn is_request_or_deal(&self, cue: &Cue, content: usize) -> bool {
        let verb = cue.text.as_str();
        let asks_or_agrees = verb.starts_with("ask") || verb.starts_with("agree");
        asks_or_agrees
            && self.is_word(content)
            && matches!(
                self.word(content),
                "to" | "not" | "on" | "with" | "for" | "upon"
            )
    }
}

/// Auxiliaries and modals that make a finite clause (`it would`, `prices had`).
fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "would"
            | "will"
            | "had"
            | "has"
            | "have"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
    )
}

/// Prepositions that open a phrase of when or where after a cue (`said after the meeting`,
/// `told reporters in Riga that`).
const TIME_PLACE_PREPOSITIONS: [&str; 8] = [
    "after",
    "before",
    "during",
    "following",
    "at",
    "in",
    "on",
    "outside",
];

/// What a word outside quotations may open, for the passes over each sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// Nothing those passes look at.
    None,
    /// A cue: a speech verb, `According`, or a speech noun (`Lee's claim that`).
    Cue,
    /// An article or indefinite that may open a description (`the woman`, `an analyst`).
    Determiner,
}

/// For token `t` (inside a quotation or not): whether it can be part of a name run, and its
/// [`Hint`].
fn word_flags(body: &str, t: &Tok, quoted: bool) -> (bool, Hint) {
    if t.kind != Kind::Word {
        return (false, Hint::None);
    }
    let w = &body[t.start..t.end];
    // The first letter splits the lists: cue verbs and speech nouns are lower-case, names and
    // `According` capitalised.
    if w.starts_with(|c: char| c.is_ascii_lowercase()) {
        let hint = if quoted {
            Hint::None
        } else if is_determiner(w) {
            Hint::Determiner
        } else if cues::may_be_cue_word(w)
            && (cues::listed_cue_kind(w).is_some() || cues::is_speech_noun(w))
        {
            Hint::Cue
        } else {
            Hint::None
        };
        return (false, hint);
    }
    let name = names::is_cap(w) && !cues::is_stop_cap(w) && names::pronoun(w).is_none();
    let hint = if quoted {
        Hint::None
    } else if is_determiner(w) {
        Hint::Determiner
    } else if w == "According" {
        Hint::Cue
    } else {
        Hint::None
    };
    (name, hint)
}

/// Articles and indefinites that may open a description of somebody (`the woman`, `an
/// analyst`, `one trader`).
fn is_determiner(w: &str) -> bool {
    // Every one opens with `t`, `a` or `o` in either case: the first byte turns most words away
    // before the lists (this runs for every word).
    let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
    matches!(first, Some(b't' | b'a' | b'o'))
        && (matches!(w, "the" | "The") || cues::is_indefinite(w))
}

/// `Since last August Smart said`, `In June Baker said`: a month written after a time word and
/// before another capitalised word is a date, not the given name it can also be (August, June,
/// May), so it is not part of the name run.
fn date_months_are_no_names(body: &str, toks: &[Tok], name_tok: &mut [bool]) {
    let word = |i: usize| {
        let t = toks[i];
        (t.kind == Kind::Word).then(|| &body[t.start..t.end])
    };
    // Only pairs of name tokens are looked at: a tight search skips the other tokens.
    let mut i = 1;
    while let Some(k) = name_tok
        .get(i..)
        .and_then(|r| r.windows(2).position(|p| p[0] && p[1]))
    {
        let at = i + k;
        i = at + 1;
        if word(at).is_some_and(crate::lang::months::is_written_month)
            && word(at - 1).is_some_and(cues::is_time_lead)
        {
            name_tok[at] = false;
        }
    }
}

/// `Lee said Moscow wanted the talks to stay “out of the headlines”`: a quotation with no named
/// speaker inside what a named person said is that person's too.
fn inherit_enclosing_speaker(quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() || !quotes[i].direct {
            continue;
        }
        let (start, end) = (quotes[i].start, quotes[i].end);
        let enclosing = quotes.iter().find(|o| {
            o.speaker.is_some()
                && o.start <= start
                && end <= o.end
                && (o.start, o.end) != (start, end)
        });
        if let Some(o) = enclosing.map(|o| (o.speaker.clone(), o.cue.clone())) {
            quotes[i].speaker = o.0;
            quotes[i].cue = o.1;
        }
    }
}

/// Words that open a subordinate clause: a cue whose subject follows one ends no quotation.
const SUBORDINATORS: [&str; 14] = [
    "what", "which", "who", "whom", "that", "how", "why", "when", "where", "whether", "than",
    "because", "if", "unless",
];

#[cfg(test)]
mod tests;
