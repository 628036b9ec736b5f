//! Reading a cue word in its sentence: whether it speaks there (the rows of the cue table in
//! [`cues`]), what its kind's rule makes of it (`according to X`, `described X as`, `told Y`,
//! a participle), who its subject is and whether the content stands before or after it.

use super::cues::{self, Condition, CueKind};
use super::names;
use super::scan::Kind;
use super::{Cue, Doc, Subject, TIME_PLACE_PREPOSITIONS};

/// What reading a cue by its kind's rule leaves to do.
enum Reading {
    /// The word does not speak here.
    NotSpeech,
    /// The cue is whole: its kind's rule found the subject too.
    Complete,
    /// The subject is still to be found around the cue; `listener_end` ends a `told` listener.
    FindSubject { listener_end: Option<usize> },
}

impl Doc<'_> {
    /// Finds every cue in sentence `[a, b)` outside quotations.
    pub(super) fn cues_in(&self, a: usize, b: usize) -> Vec<Cue> {
        let mut out: Vec<Cue> = Vec::new();
        for &i in Self::within(&self.hints.cue_words, a, b) {
            let w = self.word(i);
            if let Some(cue) = self.possessive_noun_cue(i, a, w) {
                out.push(cue);
                continue;
            }
            let kind = if w == "According" {
                Some(CueKind::According)
            } else {
                cues::cue_kind(w)
            };
            let Some(mut kind) = kind else {
                continue;
            };
            // `Smith is promising ...`: a progressive form speaks like a finite verb; what stands
            // before its auxiliary decides whether it is one.
            let aux = if kind == CueKind::Participle {
                self.progressive_aux(i, a)
            } else {
                None
            };
            if aux.is_some() {
                kind = CueKind::Verb;
            }
            let p = aux.unwrap_or(i);
            let prev = (p > a && self.is_word(p - 1)).then(|| self.word(p - 1));
            if let Some(cue) = self.make_cue(i, kind, prev, a, b, &out) {
                out.push(cue);
            }
        }
        out
    }

    /// `Trump’s claim that ...`, `Lee’s warning that ...`: a speech noun owned by a named person,
    /// then `that`; the owner speaks.
    fn possessive_noun_cue(&self, i: usize, a: usize, w: &str) -> Option<Cue> {
        // A name right before rejects almost every word cheaply (this runs for each word).
        if i <= a || !self.is_name_tok(i - 1) {
            return None;
        }
        if !(cues::is_speech_noun(w) && self.is_word(i + 1) && self.word(i + 1) == "that") {
            return None;
        }
        let owner = self.word(i - 1);
        if names::strip_possessive(owner).len() == owner.len() {
            return None;
        }
        let s = self.run_back(i - 1, a);
        let subject = self.judge_run(s, i);
        matches!(subject, Subject::Person(..)).then(|| Cue {
            at: i,
            kind: CueKind::Verb,
            text: format!("’s {w}"),
            subject,
            after: i + 2,
            content_before: false,
            subject_start: s,
            direct_only: false,
            also: Vec::new(),
        })
    }

    /// For an `-ing` cue at `i`, the first token of the auxiliaries that make it progressive
    /// (`is saying`, `isn't saying`, `is not saying`, `has been saying`), if any.
    pub(super) fn progressive_aux(&self, i: usize, a: usize) -> Option<usize> {
        let mut k = i;
        while k > a && i - k < 3 && self.is_word(k - 1) {
            let w = self.word(k - 1);
            if cues::is_be_aux(w) {
                return Some(k - 1);
            }
            if w == "been" {
                let perfect = k > a + 1
                    && self.is_word(k - 2)
                    && matches!(self.word(k - 2), "has" | "have" | "had");
                return perfect.then_some(k - 2);
            }
            if !(w == "not" || cues::is_skippable(w) && !matches!(w, "has" | "had" | "have")) {
                return None;
            }
            k -= 1;
        }
        None
    }

    /// `Trump’s tweets`, `Reagan's hopes of`: a cue in `-s` that is also a plural noun, right
    /// after a possessive, is the noun (`Moody's expects` stays a verb: `expects` is no noun); so
    /// is one of the cues that are mostly nouns right before a participle (`tweets attacking the
    /// plan`, `reports focusing on`; `fears mounting risks` is the verb with its object). Read
    /// as a verb, the noun also takes the real cue's content.
    fn plural_noun_cue(&self, i: usize, prev: Option<&str>) -> bool {
        let w = self.word(i);
        if !cues::is_plural_noun_too(w) {
            return false;
        }
        let next = self.word_or_empty(i + 1);
        // `Moody's notes the risk`: a firm's name in `'s` with an object after is the subject.
        let object = next.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                next,
                "the" | "a" | "an" | "its" | "their" | "this" | "these"
            );
        let owned = prev.is_some_and(|p| p.ends_with("’s") || p.ends_with("'s"));
        owned && !object || cues::is_mostly_noun(w) && cues::is_participle_modifier(next)
    }

    /// `early warning systems`, `warning lights`: a cue word before a plural noun (not
    /// followed by `that`: `warning investors that` speaks) names a thing.
    fn compound_noun_cue(&self, i: usize) -> bool {
        let next = self.word_or_empty(i + 1);
        next.len() > 3
            && next.ends_with('s')
            && next.starts_with(|c: char| c.is_ascii_lowercase())
            && !cues::is_function_word(next)
            && self.word_or_empty(i + 2) != "that"
    }

    /// The cue that the cue word at `i` (of `kind`, after the word `prev`) makes in sentence
    /// `[a, b)`, or `None` when it does not speak here. `earlier` holds the sentence's cues
    /// before it (a participle with no subject of its own continues the last one).
    fn make_cue(
        &self,
        i: usize,
        kind: CueKind,
        prev: Option<&str>,
        a: usize,
        b: usize,
        earlier: &[Cue],
    ) -> Option<Cue> {
        if !self.speaks_here(i, prev, a, b) {
            return None;
        }
        let w = self.word(i);
        let passive = prev.is_some_and(cues::is_be) && !w.ends_with("ing");
        let blocked = prev.is_some_and(cues::blocks_cue);
        let mut cue = Cue {
            at: i,
            kind,
            text: w.to_string(),
            subject: Subject::Other,
            after: i + 1,
            content_before: false,
            subject_start: i,
            direct_only: cues::is_direct_only(w),
            also: Vec::new(),
        };
        let reading = match kind {
            CueKind::According => self.read_according(&mut cue, a, b),
            CueKind::Participle => self.read_participle(&mut cue, prev, passive, a, b, earlier),
            CueKind::DescribeAs => self.read_describe(&mut cue, passive, blocked, b),
            CueKind::Told if passive || blocked => Reading::NotSpeech,
            CueKind::Told => self.read_told(&mut cue, b),
            CueKind::Verb => {
                if let Some(by) = self.questioned_by(i, b) {
                    return Some(by);
                }
                if passive || blocked {
                    return None;
                }
                cue.after = self.skip_that(i + 1, b);
                Reading::FindSubject { listener_end: None }
            }
        };
        match reading {
            Reading::NotSpeech => None,
            Reading::Complete => Some(cue),
            Reading::FindSubject { listener_end } => {
                self.find_subject(&mut cue, listener_end, a, b)?;
                Some(cue)
            }
        }
    }

    /// False when the context of the cue word at `i` makes it no speech: a row of the cue
    /// table's conditions fails, the word is a noun here (`Trump’s tweets`, `early warning
    /// systems`), or a form of `be` follows (`What Smith says is wrong`).
    fn speaks_here(&self, i: usize, prev: Option<&str>, a: usize, b: usize) -> bool {
        let w = self.word(i);
        !self.plural_noun_cue(i, prev)
            && !cues::is_be(self.word_or_empty(i + 1))
            && cues::conditions(w).all(|c| self.context_passes(c, i, a, b))
    }

    /// Whether the words around the cue at `i` pass one condition of the cue table.
    fn context_passes(&self, condition: Condition, i: usize, a: usize, b: usize) -> bool {
        let next = self.word_or_empty(i + 1);
        match condition {
            Condition::NextIs(words) => words.contains(&next),
            Condition::NextWordNotIn(words) => !next.is_empty() && !words.contains(&next),
            Condition::NextNotIn(words) => !words.contains(&next),
            Condition::Preposition(words) => {
                let after_adverb = if next.ends_with("ly") { i + 2 } else { i + 1 };
                words.contains(&self.word_or_empty(after_adverb))
            }
            Condition::PersonThenThat => next == "that" && self.person_or_pronoun_before(i, a),
            Condition::PersonTalks => self.person_talks(i, a),
            Condition::QuoteWithin(n) => {
                (i + 1..(i + 1 + n).min(b)).any(|k| self.scan.toks[k].kind == Kind::Open)
            }
            Condition::NoPluralNounAfter => !self.compound_noun_cue(i),
        }
    }

    /// A name or he/she right before the token at `i`, in the sentence starting at `a`.
    fn person_or_pronoun_before(&self, i: usize, a: usize) -> bool {
        i > a
            && (self.is_name_tok(i - 1)
                || self.is_word(i - 1) && names::pronoun(self.word(i - 1)).is_some())
    }

    /// `according to X`: X speaks; the content is the rest of the sentence, before or after.
    fn read_according(&self, cue: &mut Cue, a: usize, b: usize) -> Reading {
        let i = cue.at;
        if self.word_or_empty(i + 1) != "to" {
            return Reading::NotSpeech;
        }
        cue.text = "according to".into();
        let (s, e) = self.subject_right(i + 2, b);
        cue.subject = s;
        cue.after = e;
        cue.content_before = true;
        cue.subject_start = if i > a && self.is_punct(i - 1, ",") {
            i - 1
        } else {
            i
        };
        // `according to X, ...`: content follows when the phrase opens the sentence.
        if i == a || (i == a + 1 && self.is_word(a)) {
            cue.content_before = false;
            // The source may run on past its name (`a senior official close to the talks,`):
            // the content starts after the comma that closes the phrase.
            let comma = (e..b.min(e + 12)).find(|&k| self.is_punct(k, ","));
            cue.after = comma.map_or(e, |k| k + 1);
        }
        Reading::Complete
    }

    /// `..., saying ...`: the participle's owner speaks, or the subject of the sentence.
    fn read_participle(
        &self,
        cue: &mut Cue,
        prev: Option<&str>,
        passive: bool,
        a: usize,
        b: usize,
        earlier: &[Cue],
    ) -> Reading {
        // `while cautioning that`, `by saying`: only a determiner makes it a noun; after `of` it
        // is a gerund with no speaker of its own (`the forefront of questioning`, `accused Lee
        // of saying`).
        let noun = prev.is_some_and(|p| {
            matches!(
                p,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that" | "of"
            )
        });
        if noun || passive {
            return Reading::NotSpeech;
        }
        let i = cue.at;
        cue.subject = match (self.participle_owner(i, a), earlier.last()) {
            (Some((s, start)), _) => {
                cue.also = self.coordinated(start, a, &s).0;
                s
            }
            (None, Some(c)) => c.subject.clone(),
            (None, None) => self.sentence_subject(a, i),
        };
        cue.after = self.skip_that(i + 1, b);
        Reading::Complete
    }

    /// `described the talks as`, `was described by X as “...”`, `called for`: the `as` (or `for`,
    /// `on`) of the same clause, a few words on, ends the cue.
    fn read_describe(&self, cue: &mut Cue, passive: bool, blocked: bool, b: usize) -> Reading {
        let i = cue.at;
        let w = self.word(i);
        let as_at = (i + 1..b.min(i + 12))
            .take_while(|&k| self.is_word(k) || self.is_punct(k, "'") || self.is_punct(k, "’"))
            .find(|&k| self.is_word(k) && self.word(k) == "as");
        if passive {
            // `was described by X as “...”`
            let Some(by) = (i + 1..b.min(i + 4)).find(|&k| self.word_or_empty(k) == "by") else {
                return Reading::NotSpeech;
            };
            let end = as_at.unwrap_or(b);
            let (s, _) = self.subject_back_from(end, by + 1);
            cue.subject = s;
            cue.text = format!("{w} by");
            cue.after = end + 1;
            return Reading::Complete;
        }
        // `identified X as Y` is an assessment; `identified reserves`, `a man identified as` are
        // not speech.
        let identifies = w.starts_with("identif");
        if blocked || identifies && as_at.is_none_or(|k| k == i + 1) {
            return Reading::NotSpeech;
        }
        if let Some(k) = as_at {
            cue.text = format!("{w} as");
            cue.after = k + 1;
        } else if let Some(k) = (i + 1..(i + 3).min(b)).find(|&k| {
            matches!(self.word_or_empty(k), "for" | "on")
                && (k == i + 1 || cues::is_day(self.word(i + 1)))
        }) {
            cue.text = format!("{w} {}", self.word(k));
            cue.after = k + 1;
        } else if matches!(
            self.word_or_empty(i + 1),
            "" | "into" | "off" | "up" | "in" | "out" | "back" | "it" | "him" | "her"
        ) {
            return Reading::NotSpeech;
        }
        Reading::FindSubject { listener_end: None }
    }

    /// `told reporters`, `told The Hill`, `told his radio audience`, `told co-host Ann Price`:
    /// `told` speaks only to a listener, which becomes part of the cue.
    fn read_told(&self, cue: &mut Cue, b: usize) -> Reading {
        let i = cue.at;
        let mut obj = i + 1;
        let first = self.word_or_empty(obj);
        if first.is_empty() || matches!(first, "that" | "the" | "a" | "an") && !self.the_name(obj) {
            cue.after = self.skip_that(obj, b);
            return Reading::FindSubject { listener_end: None };
        }
        let the_name = self.the_name(obj);
        // An owner or a role before the listener.
        let owned = matches!(first, "his" | "her" | "their" | "our" | "my");
        let role_name = !owned
            && first.starts_with(char::is_lowercase)
            && !cues::is_function_word(first)
            && !is_listener_word(first)
            && self.is_name_tok(obj + 1);
        let e = if the_name {
            self.run_fwd(obj + 1, b)
        } else if self.is_name_tok(obj) {
            self.run_fwd(obj, b)
        } else if role_name {
            self.run_fwd(obj + 1, b)
        } else if owned {
            self.owned_listener_end(obj + 1, b)
        } else {
            obj + 1
        };
        let t = self.scan.toks[e.saturating_sub(1).max(obj)];
        cue.text = format!("told {}", &self.scan.body[self.scan.toks[obj].start..t.end]);
        cue.after = self.skip_that(e, b);
        // `told so many lies`: only a listener object makes `told` a speech verb.
        if the_name {
            obj += 1;
        }
        let listener =
            self.is_name_tok(obj) || role_name || owned && e > obj + 1 || is_listener_word(first);
        if !listener {
            return Reading::NotSpeech;
        }
        Reading::FindSubject {
            listener_end: Some(e),
        }
    }

    /// `the` or `The` at `k`, then a name (`told The Hill`).
    fn the_name(&self, k: usize) -> bool {
        matches!(self.word_or_empty(k), "the" | "The") && self.is_name_tok(k + 1)
    }

    /// Finds the subject of a finite cue: a name or phrase to its left (`Smith said`, `..., Smith
    /// said.`), an organisation before an appositive, or a name to its right (`said Smith`).
    /// `listener_end` ends a `told` listener. `None` when the cue is a noun after all.
    fn find_subject(
        &self,
        cue: &mut Cue,
        listener_end: Option<usize>,
        a: usize,
        b: usize,
    ) -> Option<()> {
        let i = cue.at;
        match self.subject_left(i, a) {
            Some((s, start)) => {
                cue.subject = s;
                cue.subject_start = start;
                // `A, B and C, who joked ...`: the relative clause belongs to the last name only.
                let relative = (start..i).any(|k| self.word_or_empty(k) == "who");
                if !relative {
                    (cue.also, cue.subject_start) = self.coordinated(start, a, &cue.subject);
                }
                // `..., Smith said.`: content before when the cue ends the clause (for `told`,
                // after its listener and a time: `..., Lee told The Hill on Monday.`).
                let k = listener_end.map_or(i + 1, |e| self.skip_time(e, b));
                let ends = self.clause_ends_at(k, start, a, b);
                if ends && self.noun_at_clause_end(cue, start, a) {
                    return None;
                }
                cue.content_before = ends && start > a && !self.subordinate(start, a);
            }
            None if let Some(start) = self.org_before_cue(i, a) => {
                cue.subject_start = start;
            }
            // `A port official, who asked not to be named, said the deal was close`: a clause
            // after `said the ...` is the content, not an inverted speaker.
            None if self.clause_follows(i + 1, b) => {}
            None => {
                // `“...,” said Smith` / `..., said Smith.`
                let (s, e) = self.subject_right(i + 1, b);
                cue.subject = s;
                cue.subject_start = if i > a { i - 1 } else { i };
                cue.content_before = true;
                cue.after = e;
            }
        }
        Some(())
    }

    /// True when the clause of a cue whose subject starts at `start` ends at `k`: punctuation
    /// (not `:`, `(` or a currency sign: `promised $120 million` has an object), or a short
    /// adverbial to the sentence's end (`..., Lee said in a statement.`, `..., Lee said before
    /// he died.`).
    fn clause_ends_at(&self, k: usize, start: usize, a: usize, b: usize) -> bool {
        let clause_end = (k..b).find(|&j| !self.is_word(j)).unwrap_or(b);
        k >= b
            || matches!(
                self.scan.toks[k].kind,
                Kind::Punct | Kind::Open | Kind::Close
            ) && !self.is_punct(k, ":")
                && !self.is_punct(k, "(")
                && !["$", "€", "£", "¥"].iter().any(|c| self.is_punct(k, c))
            || self.is_short_adverbial(k, clause_end)
                && (clause_end >= b || self.is_punct(clause_end, "."))
            || start > a && self.is_punct(start - 1, ",") && self.adverbial_to_end(k, b)
    }

    /// `... attacked Lee in early-morning tweets.`: a cue that is also a plural noun, ending its
    /// clause with no named subject and a word right before its noun phrase, is no `..., the
    /// spokesman said` but the noun; nothing was said.
    fn noun_at_clause_end(&self, cue: &Cue, start: usize, a: usize) -> bool {
        let np = if self.after_article(start) {
            start - 1
        } else {
            start
        };
        cue.subject == Subject::Other
            && cues::is_plural_noun_too(self.word(cue.at))
            && np > a
            && self.is_word(np - 1)
    }

    /// `Magma Copper Co, a unit of Newmont, said it ...`: the start of a subject that is no
    /// person, before an appositive that ends right before the cue at `i`, when the content
    /// follows the cue (`said it`, `said that`, `said on Monday`), not a speaker (`said a
    /// spokesman`).
    fn org_before_cue(&self, i: usize, a: usize) -> Option<usize> {
        let next = if self.is_word(i + 1) {
            self.word(i + 1)
        } else {
            return None;
        };
        let content_next = next.starts_with(char::is_lowercase)
            && !matches!(
                next,
                "a" | "an" | "the" | "one" | "two" | "three" | "several"
            )
            || cues::is_day(next);
        if !content_next || i <= a + 1 || !self.is_punct(i - 1, ",") {
            return None;
        }
        self.appositive_other(i - 1, a)
    }

    /// `When pressed by Holt about how ...`, `asked by Lee whether ...`: the person after `by`
    /// asks the question that follows.
    fn questioned_by(&self, i: usize, b: usize) -> Option<Cue> {
        let w = self.word(i);
        let by_name = matches!(w, "asked" | "pressed" | "questioned")
            && self.is_word(i + 1)
            && self.word(i + 1) == "by"
            && self.is_name_tok(i + 2);
        if !by_name {
            return None;
        }
        let e = self.run_fwd(i + 2, b);
        let subject = self.judge_distant_run(i + 2, e);
        let person = matches!(subject, Subject::Person(..));
        let asks = self.is_word(e)
            && matches!(
                self.word(e),
                "about" | "whether" | "if" | "why" | "how" | "what"
            );
        (person && asks).then(|| Cue {
            at: i,
            kind: CueKind::Verb,
            text: format!("{w} by"),
            subject,
            after: e,
            content_before: false,
            subject_start: i,
            direct_only: false,
            also: Vec::new(),
        })
    }

    /// `Dana Reyes talks to the director about ...`: `talks` at `i` is a verb when a person or
    /// he/she stands right before it and `to` or `about` follows.
    fn person_talks(&self, i: usize, a: usize) -> bool {
        if i <= a || !(self.is_word(i + 1) && matches!(self.word(i + 1), "to" | "about")) {
            return false;
        }
        if self.is_word(i - 1) && names::pronoun(self.word(i - 1)).is_some() {
            return true;
        }
        let w = self.word(i - 1);
        self.is_name_tok(i - 1)
            && names::strip_possessive(w).len() == w.len()
            && matches!(
                self.judge_run(self.run_back(i - 1, a), i),
                Subject::Person(..)
            )
    }

    /// End of a listener after an owner (`his radio audience`, `their European partners`): up
    /// to four words that are no function words.
    fn owned_listener_end(&self, from: usize, b: usize) -> usize {
        let mut e = from;
        while e < b
            && e < from + 4
            && self.is_word(e)
            && (self.is_name_tok(e)
                || self.word(e).starts_with(char::is_lowercase)
                    && !cues::is_function_word(self.word(e))
                    && cues::cue_kind(self.word(e)).is_none())
        {
            e += 1;
        }
        e
    }

    /// Skips a time phrase (`on Monday`, `Tuesday`) at `k`.
    fn skip_time(&self, mut k: usize, b: usize) -> usize {
        if k + 1 < b && self.is_word(k) && self.word(k) == "on" && cues::is_day(self.word(k + 1)) {
            k += 2;
        } else if k < b && self.is_word(k) && cues::is_day(self.word(k)) {
            k += 1;
        }
        k
    }

    /// Skips `that`, `:` and a time phrase after a cue (`said on Tuesday that`), or an adverbial
    /// phrase that stands before `that` (`said in a statement that`, `told reporters after the
    /// meeting that`): the content is what follows `that`.
    fn skip_that(&self, k: usize, b: usize) -> usize {
        let k = self.skip_cue_filler(k, b);
        if self.is_word(k) && self.word(k) == "that" {
            return self.skip_cue_filler(k, b);
        }
        self.adverbial_before_that(k, b).unwrap_or(k)
    }

    /// After an adverbial phrase at `k` that runs into `that` within a few words, the token after
    /// `that`; `None` when `k` opens no such phrase.
    fn adverbial_before_that(&self, k: usize, b: usize) -> Option<usize> {
        let opens = self.is_word(k) && {
            let w = self.word(k);
            TIME_PLACE_PREPOSITIONS.contains(&w)
                || matches!(w, "earlier" | "later" | "last" | "this" | "over")
        };
        if !opens {
            return None;
        }
        (k + 1..b.min(k + 8))
            .take_while(|&j| self.is_word(j) && cues::cue_kind(self.word(j)).is_none())
            .find(|&j| self.word(j) == "that")
            .map(|j| j + 1)
    }

    fn skip_cue_filler(&self, mut k: usize, b: usize) -> usize {
        for _ in 0..4 {
            if k >= b {
                break;
            }
            let w = self.word(k);
            if self.is_word(k) && (w == "that" || cues::is_day(w))
                || self.is_punct(k, ":")
                || self.is_punct(k, ",")
            {
                k += 1;
            } else if self.is_word(k) && w == "on" && k + 1 < b && cues::is_day(self.word(k + 1)) {
                k += 2;
            } else if self.is_punct(k, "(") {
                // `thought (foolishly) that ...`: an aside between the cue and its content.
                match (k + 1..b.min(k + 10)).find(|&j| self.is_punct(j, ")")) {
                    Some(j) => k = j + 1,
                    None => break,
                }
            } else {
                break;
            }
        }
        k
    }
}

/// Objects of `told` that are listeners (`told reporters`, `told him`), so `told` is speech.
fn is_listener_word(w: &str) -> bool {
    matches!(
        w,
        "him"
            | "her"
            | "them"
            | "us"
            | "me"
            | "you"
            | "reporters"
            | "journalists"
            | "supporters"
            | "voters"
            | "lawmakers"
            | "members"
            | "students"
            | "viewers"
            | "listeners"
            | "audiences"
            | "attendees"
            | "investors"
            | "analysts"
            | "officials"
            | "police"
            | "congress"
            | "senators"
            | "delegates"
            | "parliament"
            | "troops"
            | "residents"
    )
}
