//! Who speaks: the subject of a cue, read to the left (`Smith said`, `Smith, the minister, said`,
//! `Smith and Jones said`) or to the right (`said Smith`, `according to Smith`), and judged as a
//! named person, a pronoun or somebody else.

use super::names::{self, NameCand};
use super::scan::Kind;
use super::{Doc, Subject, cues};
use crate::lang::lexicon::LEX;

impl Doc<'_> {
    /// Judges the name run `[s, e)` as a subject.
    pub(super) fn judge_run(&self, s: usize, e: usize) -> Subject {
        if e == s + 1 {
            let w = self.word(s);
            if let Some(g) = names::pronoun(w) {
                return Subject::Pronoun(g, self.scan.toks[s].start);
            }
        }
        let Some(c) = self.run_name(s, e) else {
            return self.named_in_full(s, e);
        };
        // `Merrill Lynch said`, `Hong Kong said`: the people finder's lists know the firm or the
        // place (a surname that is also a place, `Houston`, is a person's once named in full).
        let place = !c.has_first
            && !self.registry_knows(&c)
            && crate::extract::people::names_place(&c.tokens);
        if !c.titled && (place || crate::extract::people::names_known_firm(&c.tokens)) {
            return Subject::Other;
        }
        // `Acme Resources said`, `General Motors hopes` (`General` reads as a title): the last
        // word heads a firm's name, unless it is the surname of a person named in full (`David
        // Steel`); a title before that word alone is no such person.
        let lone_titled = c.titled && c.tokens.len() == 1;
        if crate::extract::people::ends_in_firm_word(&c.tokens)
            && (lone_titled || !self.registry_knows(&c))
        {
            return Subject::Other;
        }
        // The people list is asked only when the body's own evidence does not settle it: the
        // look-up compares every person's names.
        let resolve = || crate::extract::people::resolve_name(self.names.people, &c.text());
        let person = self.is_person(&c, e - s);
        let mut known = None;
        if !person {
            known = resolve();
            if known.is_none() && !(c.given_only && self.speaks(s, e)) {
                return Subject::Other;
            }
        }
        let (name, g) = self
            .names
            .registry
            .canonical_at(&c, self.scan.toks[s].start);
        if name.contains(' ') {
            return Subject::Person(name, g);
        }
        // A bare surname the registry could not complete: the people list may know it.
        let known = if person { resolve() } else { known };
        Subject::Person(known.map_or(name, |p| p.name.clone()), g)
    }

    /// The person the people finder names with exactly the run `[s, e)`, when the quote
    /// finder's own word lists reject it (`Jennifer Green said`: `Green` is a party word to
    /// them, `Steve Israel said`: `Israel` is a place to them), titles before it aside. Only a
    /// census first name that is
    /// no common word, then a census surname, counts (`Franco Nevada said`, `Lone Star said` are
    /// firms: `Nevada` is no census surname, `lone` is a common word).
    fn named_in_full(&self, s: usize, e: usize) -> Subject {
        // Leading titles are no part of the name (`Representative Steve Israel said`).
        let mut s = s;
        while e >= s + 3
            && names::lowered(
                names::trim_dots(self.word(s)),
                crate::lang::lexicon::is_title_word,
            )
        {
            s += 1;
        }
        if e < s + 2 {
            return Subject::Other;
        }
        let first_ok = names::lowered(self.word(s), |f| {
            LEX.first.contains(f) && !LEX.common.contains(f)
        });
        let last_ok = || names::lowered(self.word(e - 1), |l| LEX.last.contains(l));
        if !(first_ok && last_ok()) {
            return Subject::Other;
        }
        let text = &self.scan.body[self.scan.toks[s].start..self.scan.toks[e - 1].end];
        self.names
            .people
            .iter()
            .find(|p| p.name == text || p.variants.iter().any(|v| v == text))
            .map_or(Subject::Other, |p| Subject::Person(p.name.clone(), None))
    }

    /// [`Self::judge_run`] for a run away from its cue (before an appositive, opening the
    /// sentence): capitalised words with no first name, title or surname known in the body are
    /// no person unless the people finder agrees (`Saudi Arabia, the largest exporter, was
    /// insisting`).
    pub(super) fn judge_distant_run(&self, s: usize, e: usize) -> Subject {
        if self.is_bare_run(s, e) {
            Subject::Other
        } else {
            self.judge_run(s, e)
        }
    }

    /// Capitalised words with no first name, title or surname known in the body, which the
    /// people finder does not list either.
    fn is_bare_run(&self, s: usize, e: usize) -> bool {
        self.run_name(s, e).is_some_and(|c| {
            let evidence = c.has_first
                || c.titled
                || c.given_only
                || names::initials_then_name(&c.tokens)
                || self.registry_knows(&c);
            !evidence
                && crate::extract::people::resolve_name(self.names.people, &c.text()).is_none()
        })
    }

    /// An appositive `[from, to)` that describes a person's role in its first words (`head of
    /// the commission`, `the international managing director of the bank`).
    fn role_follows(&self, from: usize, to: usize) -> bool {
        (from..to.min(from + 6))
            .take_while(|&k| self.is_word(k) && !matches!(self.word(k), "which" | "whose"))
            .any(|k| names::is_person_role(self.word(k)))
    }

    /// A role word among the few words before token `k` (`The new head of the Bank, Barber
    /// Conable, said`).
    fn role_before(&self, k: usize, a: usize) -> bool {
        (a.max(k.saturating_sub(5))..k)
            .any(|j| self.is_word(j) && names::is_person_role(self.word(j)))
    }

    /// True when the run `[s, e)` is directly the subject of a cue (`Melanie said`, `said
    /// Melanie`), not the object of a preposition (`in Dallas maintains`).
    pub(super) fn speaks(&self, s: usize, e: usize) -> bool {
        let prev = (s > 0 && self.is_word(s - 1)).then(|| self.word(s - 1));
        if prev.is_some_and(cues::is_function_word) {
            return false;
        }
        let cue_before = prev.is_some_and(|w| cues::cue_kind(w) == Some(cues::CueKind::Verb));
        cue_before || self.cue_follows(e)
    }

    /// The body's registry knows the candidate's surname (a person named in full elsewhere).
    fn registry_knows(&self, c: &NameCand) -> bool {
        c.tokens
            .last()
            .is_some_and(|l| self.names.registry.knows_last(l))
    }

    /// Evidence that a candidate is a person: a first name, a title, a surname of a known person,
    /// or two or more capitalised name words.
    pub(super) fn is_person(&self, c: &NameCand, run_len: usize) -> bool {
        let known = c
            .tokens
            .last()
            .is_some_and(|l| self.names.registry.knows_last(l));
        c.has_first || c.titled || known || (c.tokens.len() >= 2 && run_len == c.tokens.len())
    }

    /// Subject written before the cue at `c` (sentence starts at `a`). `None` means nothing
    /// usable is there (the subject is after the cue).
    pub(super) fn subject_left(&self, c: usize, a: usize) -> Option<(Subject, usize)> {
        // `Smith isn't saying ...`: the subject stands before the auxiliary.
        let mut j = if self.word(c).ends_with("ing") {
            self.progressive_aux(c, a).unwrap_or(c)
        } else {
            c
        };
        while j > a {
            let p = j - 1;
            let w = if self.is_word(p) { self.word(p) } else { "" };
            let adverb = cues::is_skippable(w) || self.is_ly_adverb(p);
            let on_day = w == "on" && j < c && cues::is_day(self.word(j));
            if adverb || on_day {
                j = p;
            } else if self.is_punct(p, ")") {
                let mut k = p;
                while k > a && !self.is_punct(k, "(") && p - k < 12 {
                    k -= 1;
                }
                if !self.is_punct(k, "(") {
                    break;
                }
                j = k;
            } else {
                break;
            }
        }
        if j <= a {
            return None;
        }
        let p = j - 1;
        let t = self.scan.toks[p];
        match t.kind {
            Kind::Word => {
                let w = self.word(p);
                if self.is_name_tok(p) {
                    let s = self.run_back(p, a);
                    if let Some(found) = self.person_before_of(s, a) {
                        return Some(found);
                    }
                    return Some((self.judge_run(s, p + 1), s));
                }
                if let Some(g) = names::pronoun(w) {
                    return Some((Subject::Pronoun(g, t.start), p));
                }
                // `Ruiz toured the plant and said ...`: a second verb shares the sentence subject.
                if matches!(w, "and" | "but") && p > a + 2 {
                    let subj = self.sentence_subject(a, p);
                    if subj != Subject::Other {
                        return Some((subj, p));
                    }
                }
                if w == "who" && p > a + 1 && self.is_punct(p - 1, ",") && self.is_name_tok(p - 2) {
                    let s = self.run_back(p - 2, a);
                    return Some((self.judge_run(s, p - 1), s));
                }
                Some((Subject::Other, self.np_start(p, a)))
            }
            Kind::Punct if self.word(p) == "," => self
                .appositive(p, a)
                .or_else(|| self.labelled_before_comma(p, a)),
            Kind::Punct if is_dash(self.word(p)) => self.dash_appositive(p, a),
            _ => None,
        }
    }

    /// `Gov. John Kasich (R-Ohio), said`: a person with a party label in parentheses right
    /// before the comma at `p` (no appositive opens before it).
    fn labelled_before_comma(&self, p: usize, a: usize) -> Option<(Subject, usize)> {
        let end = self.skip_paren_back(p, a);
        if end == p || end <= a || !self.is_name_tok(end - 1) {
            return None;
        }
        let s = self.run_back(end - 1, a);
        // `a task force headed by Sen. Lee (Kan.), said`: the object of a preposition is no subject.
        if s > a && self.is_word(s - 1) && cues::is_function_word(self.word(s - 1)) {
            return None;
        }
        match self.judge_run(s, end) {
            person @ Subject::Person(..) => Some((person, s)),
            _ => None,
        }
    }

    /// `Jane Doe of Banco Sul said`, `Mayor Jane Doe of San Diego said`: the person named before
    /// `of` (the run ending at `s - 2`) speaks, not the firm or place after it.
    fn person_before_of(&self, s: usize, a: usize) -> Option<(Subject, usize)> {
        // `George Lee of The Nation said`: the determiner of the name after `of` is capitalised
        // but no part of a person's name.
        let s = if s > a && self.is_word(s - 1) && matches!(self.word(s - 1), "The" | "the") {
            s - 1
        } else {
            s
        };
        if s < a + 2 || !self.is_word(s - 1) || self.word(s - 1) != "of" || !self.is_name_tok(s - 2)
        {
            return None;
        }
        // `Inspector of Mines Redzuan Sumun`: a role word before `of` is a title, not a person.
        if names::is_person_role(self.word(s - 2)) {
            return None;
        }
        // Evidence of a person is needed (`Range Rover of North America said` is a firm).
        let start = self.run_back(s - 2, a);
        match self.judge_distant_run(start, s - 1) {
            person @ Subject::Person(..) => Some((person, start)),
            _ => None,
        }
    }

    /// `strongly`, `later`: a lower-case `-ly` word at `p` that is an adverb, not a noun such as
    /// `family` or `ally` (`Lee's family said`: the family speaks, not Lee).
    fn is_ly_adverb(&self, p: usize) -> bool {
        let w = self.word(p);
        if !(w.len() > 4 && w.ends_with("ly") && w.starts_with(char::is_lowercase)) {
            return false;
        }
        if matches!(
            w,
            "family" | "ally" | "rally" | "assembly" | "supply" | "monopoly" | "daily" | "anomaly"
        ) {
            return false;
        }
        // After an owner or a determiner the word is a noun.
        !(p > 0
            && self.is_word(p - 1)
            && (names::strip_possessive(self.word(p - 1)).len() != self.word(p - 1).len()
                || matches!(
                    self.word(p - 1),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
                )))
    }

    /// Start of a lower-case noun phrase ending at `p` (`a senior official`), for content bounds.
    pub(super) fn np_start(&self, p: usize, a: usize) -> usize {
        let mut s = p;
        while s > a && self.is_word(s - 1) && p - s < 6 {
            s -= 1;
            if matches!(self.word(s), "the" | "a" | "an" | "The" | "A" | "An") {
                break;
            }
        }
        s
    }

    /// `X, the minister, said`: the comma at `p` closes an appositive; the name precedes it.
    /// Several appositives may stack (`X, the attorney general of Kansas, one of ..., said`).
    pub(super) fn appositive(&self, p: usize, a: usize) -> Option<(Subject, usize)> {
        self.appositive_scan(p, a).0
    }

    /// `Magma Copper Co, a unit of ..., said it ...`: where a subject that is no person starts,
    /// when no person stands before the appositive ending at `p`.
    pub(super) fn appositive_other(&self, p: usize, a: usize) -> Option<usize> {
        match self.appositive_scan(p, a) {
            (None, other) => other,
            _ => None,
        }
    }

    /// The person before the appositive ending at `p`, and the start of the nearest capitalised
    /// subject that is no person.
    fn appositive_scan(&self, p: usize, a: usize) -> (Option<(Subject, usize)>, Option<usize>) {
        let mut other: Option<usize> = None;
        let mut k = p;
        while k > a && p - k < 40 {
            k -= 1;
            match self.scan.toks[k].kind {
                Kind::Open | Kind::Close | Kind::Para => return (None, None),
                // `The campaign's spokesman, Tim Ross, said`: the name is the appositive itself.
                Kind::Punct
                    if self.word(k) == ","
                        && k + 1 < p
                        && self.run_fwd(k + 1, p) == p
                        && let Subject::Person(n, g) = self.judge_run(k + 1, p) =>
                {
                    if self.is_bare_run(k + 1, p) && !self.role_before(k, a) {
                        return (Some((Subject::Other, k + 1)), None);
                    }
                    return (Some((Subject::Person(n, g), k + 1)), None);
                }
                Kind::Punct if self.word(k) == "," && k > a => {
                    // `Sen. Ann Lee (D-Ore.), who ...,`: the name sits before the parenthesis.
                    let name_end = self.skip_paren_back(k, a);
                    if name_end <= a || !self.is_name_tok(name_end - 1) {
                        continue;
                    }
                    let first = self.word(k + 1);
                    let desc = first.starts_with(|c: char| c.is_lowercase())
                        || first.starts_with(|c: char| c.is_ascii_digit())
                        || self.is_name_tok(k + 1);
                    if desc {
                        let s = self.run_back(name_end - 1, a);
                        // `Rep. Tom Cole of Oklahoma, an ally of ..., said`.
                        if let Some(found) = self.person_before_of(s, a) {
                            return (Some(found), None);
                        }
                        let subj = self.judge_run(s, name_end);
                        if subj != Subject::Other {
                            // `Magma Copper Co, a unit of ..., said`: the subject, but no
                            // person (`V. Petrov, head of the commission, said` is one).
                            if self.is_bare_run(s, name_end) && !self.role_follows(k + 1, p) {
                                return (Some((Subject::Other, s)), None);
                            }
                            return (Some((subj, s)), None);
                        }
                        // Only a lower-case description marks an appositive for sure (not
                        // `of Kingstown, R.I., said`).
                        if first.starts_with(char::is_lowercase) {
                            other = other.or(Some(s));
                        }
                    }
                }
                _ => {}
            }
        }
        (None, other)
    }

    /// `Kall -- co-editor of a book on debates -- said`: the dash at `p` closes an aside; the
    /// person named before its opening dash is the subject.
    pub(super) fn dash_appositive(&self, p: usize, a: usize) -> Option<(Subject, usize)> {
        let mut k = p;
        while k > a && is_dash(self.word(k - 1)) && self.scan.toks[k - 1].kind == Kind::Punct {
            k -= 1;
        }
        let open = (a.max(k.saturating_sub(40))..k)
            .rev()
            .take_while(|&j| {
                !matches!(
                    self.scan.toks[j].kind,
                    Kind::Open | Kind::Close | Kind::Para
                )
            })
            .find(|&j| self.scan.toks[j].kind == Kind::Punct && is_dash(self.word(j)))?;
        let mut name_end = open;
        while name_end > a
            && self.scan.toks[name_end - 1].kind == Kind::Punct
            && is_dash(self.word(name_end - 1))
        {
            name_end -= 1;
        }
        // `Lee, the head of Ora Media -- which ... -- told me`: the aside follows an appositive;
        // the person is named before that.
        let before_appositive = || {
            self.appositive(open, a)
                .filter(|(subj, _)| matches!(subj, Subject::Person(..)))
        };
        if name_end <= a || !self.is_name_tok(name_end - 1) {
            return before_appositive();
        }
        let s = self.run_back(name_end - 1, a);
        match self.judge_distant_run(s, name_end) {
            Subject::Other => before_appositive(),
            subj => Some((subj, s)),
        }
    }

    /// Token index just before a parenthesis that ends at `k - 1` (`Lee (D-Ore.)` -> after `Lee`),
    /// or `k` when there is none.
    pub(super) fn skip_paren_back(&self, k: usize, a: usize) -> usize {
        if k == 0 || !self.is_punct(k - 1, ")") {
            return k;
        }
        let mut j = k - 1;
        while j > a && k - j < 12 {
            j -= 1;
            if self.is_punct(j, "(") {
                return j;
            }
        }
        k
    }

    /// Subject written after position `r` (`said Smith`, `said White House spokesman Josh
    /// Earnest`, `according to Smith`), up to `b`: the first name run within a few words.
    pub(super) fn subject_right(&self, r: usize, b: usize) -> (Subject, usize) {
        if r >= b {
            return (Subject::Other, r);
        }
        if self.is_word(r)
            && let Some(g) = names::pronoun(self.word(r))
        {
            return (Subject::Pronoun(g, self.scan.toks[r].start), r + 1);
        }
        let mut k = r;
        while k < b && k < r + 8 {
            if self.is_name_tok(k) {
                let e = self.run_fwd(k, b);
                let judged = self.judge_run(k, e);
                // An organisation, then a lower-case role word, then the name
                // (`White House spokesman Josh Earnest`).
                let role_next = e + 1 < b
                    && self.is_word(e)
                    && self.word(e).starts_with(char::is_lowercase)
                    && !cues::is_function_word(self.word(e))
                    && self.is_name_tok(e + 1);
                if judged == Subject::Other && role_next {
                    k = e;
                    continue;
                }
                if judged == Subject::Other
                    && let Some(name) = self.role_then_name(e, b)
                {
                    k = name;
                    continue;
                }
                if let Some(head) = self.named_head_after(e, b) {
                    return head;
                }
                return (judged, e);
            }
            let t = self.scan.toks[k];
            let ok = match t.kind {
                Kind::Word => !matches!(
                    self.word(k),
                    "that"
                        | "and"
                        | "but"
                        | "in"
                        | "on"
                        | "at"
                        | "to"
                        | "of"
                        | "who"
                        | "which"
                        | "as"
                ),
                Kind::Punct => matches!(self.word(k), "/" | "-" | "’" | "'"),
                _ => false,
            };
            if !ok {
                break;
            }
            k += 1;
        }
        (Subject::Other, r + 1)
    }

    /// `said Ayotte campaign manager Jon Kohan`, `said Clinton's top aide Jake Sullivan`: a
    /// name that modifies lower-case role words, then the person the phrase is about, named in
    /// full. That person is the subject and the run ending at `e` only describes them. The words
    /// must end in a person's role: `the activist group Mosul Eye` is no person, and in `said
    /// Mexico must rebut Trump's claims` the words are a verb phrase.
    fn named_head_after(&self, e: usize, b: usize) -> Option<(Subject, usize)> {
        let mut j = e;
        while j < b
            && j < e + 5
            && self.is_word(j)
            && self.word(j).starts_with(char::is_lowercase)
            && !cues::is_function_word(self.word(j))
            && self.hints.cue_words.binary_search(&j).is_err()
        {
            j += 1;
        }
        if j == e || j >= b || !self.is_name_tok(j) || !is_role_noun(self.word(j - 1)) {
            return None;
        }
        let end = self.run_fwd(j, b);
        match self.judge_run(j, end) {
            Subject::Person(name, g) if name.contains(' ') => Some((Subject::Person(name, g), end)),
            _ => None,
        }
    }

    /// `said Tuvalu's climate envoy, Sione Apinelu`, `according to British Airways' chief
    /// executive, Colin Marshall`: after a place or an organisation (and the apostrophe of a
    /// plural possessive, its own token), lower-case words with a person's role among them and a
    /// comma, the token where the person's name starts.
    fn role_then_name(&self, e: usize, b: usize) -> Option<usize> {
        let mut j = e;
        if j < b && (self.is_punct(j, "'") || self.is_punct(j, "’")) {
            j += 1;
        }
        let mut role = false;
        while j < b && j < e + 8 && self.is_word(j) && self.word(j).starts_with(char::is_lowercase)
        {
            if cues::is_function_word(self.word(j)) {
                return None;
            }
            role |= names::is_person_role(self.word(j));
            j += 1;
        }
        if j < b && self.is_punct(j, ",") {
            j += 1;
        }
        (role && j < b && self.is_name_tok(j)).then_some(j)
    }

    /// `Smith and Jones said`, `Smith, R-Tenn., and Jones said`, `Smith (R-Tenn.) and Jones
    /// said`, `Smith, Jones and Lee said`: the other named people of a list whose last name starts
    /// at `start`, nearest first, and where the list starts. A list ends at the first item that
    /// is not a named person (`In Paris, Smith and Jones said` gives Smith only). `last` is how
    /// the last item was judged: a firm (`Smith, Lee and Co said`) has no people in its name,
    /// and only a list ending in a person runs past two items.
    pub(super) fn coordinated(
        &self,
        start: usize,
        a: usize,
        last: &Subject,
    ) -> (Vec<String>, usize) {
        let mut names = Vec::new();
        let mut first = start;
        let person = matches!(last, Subject::Person(..));
        let named_other = !person && self.is_name_tok(start);
        if named_other || start < a + 2 || !self.is_word(start - 1) || self.word(start - 1) != "and"
        {
            return (names, first);
        }
        // The `and` itself separates the last two names; a serial comma may stand before it.
        let mut sep = self.list_item_end(start - 1, a, true);
        while let Some(end) = sep {
            if end <= a || !self.is_name_tok(end - 1) {
                break;
            }
            let s = self.run_back(end - 1, a);
            let Subject::Person(n, _) = self.judge_run(s, end) else {
                break;
            };
            names.push(n);
            first = s;
            if !person {
                break;
            }
            // Earlier items are joined by commas only.
            sep = self.list_item_end(s, a, false);
        }
        (names, first)
    }

    /// The end (exclusive) of the list item before token `k`, skipping its party label and the
    /// comma after it. `k` is the `and` when `and_at_k`, else the next item, which then needs a
    /// comma before it. `None` when no comma separates them.
    fn list_item_end(&self, k: usize, a: usize, and_at_k: bool) -> Option<usize> {
        let j = self.skip_label_back(k, a);
        if j != k {
            return Some(j);
        }
        if k > a + 1 && self.is_punct(k - 1, ",") {
            return Some(self.skip_paren_back(k - 1, a));
        }
        and_at_k.then_some(k)
    }

    /// Token index just before a party label that ends at `k - 1` (`Lee (R-Tenn.)`, `Lee,
    /// R-Tenn.,`), or `k` when there is none.
    fn skip_label_back(&self, k: usize, a: usize) -> usize {
        let j = self.skip_paren_back(k, a);
        if j != k {
            return j;
        }
        if k < a + 3 || !self.is_punct(k - 1, ",") {
            return k;
        }
        // `R-Tenn.` comes as the word and its dot.
        let mut j = k - 2;
        if self.is_punct(j, ".") && j > a {
            j -= 1;
        }
        let label = self.is_word(j) && is_party_label(self.word(j));
        if label && j > a && self.is_punct(j - 1, ",") {
            j - 1
        } else {
            k
        }
    }

    /// `with Clinton lambasting the plan`, `with Clinton — who ... — lambasting`, `with Lee,
    /// R-Tenn., now saying`: the person written right before a participle cue at `i` (no
    /// comma of its own between), and where that name starts.
    pub(super) fn participle_owner(&self, i: usize, a: usize) -> Option<(Subject, usize)> {
        let mut p = i;
        while p > a + 1 && self.is_word(p - 1) && cues::is_skippable(self.word(p - 1)) {
            p -= 1;
        }
        if p <= a + 1 {
            return None;
        }
        let end = self.skip_label_back(p, a);
        let (subj, s) = if self.is_name_tok(end - 1) {
            let w = self.word(end - 1);
            if names::strip_possessive(w).len() != w.len() {
                return None;
            }
            let s = self.run_back(end - 1, a);
            // `wrote to Lee urging`: the addressee does not speak.
            if s > a && self.is_word(s - 1) && self.word(s - 1) == "to" {
                return None;
            }
            (self.judge_run(s, end), s)
        } else if end == p && self.scan.toks[p - 1].kind == Kind::Punct && is_dash(self.word(p - 1))
        {
            self.dash_appositive(p - 1, a)?
        } else {
            return None;
        };
        matches!(subj, Subject::Person(..)).then_some((subj, s))
    }

    /// Subject of the clause ending before `end` that starts at `lo` (`by senior adviser X`).
    pub(super) fn subject_back_from(&self, end: usize, lo: usize) -> (Subject, usize) {
        let mut k = end;
        while k > lo {
            if self.is_name_tok(k - 1) {
                let s = self.run_back(k - 1, lo);
                return (self.judge_run(s, k), s);
            }
            k -= 1;
        }
        (Subject::Other, lo)
    }

    /// The subject of a sentence, for participle cues: its first name run or he/she.
    pub(super) fn sentence_subject(&self, a: usize, limit: usize) -> Subject {
        let a = self.after_dateline(a, limit);
        let subj = self.subject_at(a, limit);
        if subj != Subject::Other {
            return subj;
        }
        // `After complaints over the cost, Lee revised his plan, promising ...`: the subject
        // follows an opening phrase.
        match self.opening_phrase_end(a, limit) {
            Some(k) => self.subject_at(k, limit),
            None => subj,
        }
    }

    /// `GENEVA, Nov 25 (Reuters) - Port spokesman Ivo Brandt ...`: the first token after a
    /// dateline that opens the sentence at `a` (the subject follows it), else `a`.
    pub(super) fn after_dateline(&self, a: usize, limit: usize) -> usize {
        let Some(start) = self.scan.toks.get(a).map(|t| t.start) else {
            return a;
        };
        // A dateline opens a paragraph and ends with a dash or a colon near its start: most
        // sentences are not there or have neither, and this runs for many of them.
        let head = &self.scan.body.as_bytes()[start..(start + 120).min(self.scan.body.len())];
        if !self.opens_paragraph(a) || !head.iter().any(|&c| matches!(c, b'-' | b':' | 0xE2)) {
            return a;
        }
        let Some(len) = self
            .scan
            .body
            .get(start..)
            .and_then(crate::extract::dateline::leading)
        else {
            return a;
        };
        (a..limit)
            .find(|&k| self.scan.toks[k].start >= start + len)
            .unwrap_or(a)
    }

    /// After an opening adverbial phrase (`After the debate,`, `In a statement Friday,`) at `a`:
    /// the token after its comma.
    pub(super) fn opening_phrase_end(&self, a: usize, limit: usize) -> Option<usize> {
        let first = (a..limit).find(|&i| self.is_word(i))?;
        let opener = matches!(
            self.word(first),
            "After"
                | "Before"
                | "In"
                | "On"
                | "At"
                | "During"
                | "Despite"
                | "When"
                | "While"
                | "As"
                | "Since"
                | "Although"
                | "Though"
                | "Following"
                | "Amid"
                | "Earlier"
                | "Later"
        );
        if !opener {
            return None;
        }
        (first + 1..limit.min(first + 16))
            .take_while(|&k| {
                !matches!(
                    self.scan.toks[k].kind,
                    Kind::Open | Kind::Close | Kind::Para
                )
            })
            .find(|&k| self.is_punct(k, ","))
            .map(|k| k + 1)
    }

    /// The subject at the start of a clause beginning at `a`: its first name run or he/she.
    fn subject_at(&self, a: usize, limit: usize) -> Subject {
        let mut i = a;
        while i < limit && !self.is_word(i) {
            i += 1;
        }
        if i >= limit {
            return Subject::Other;
        }
        if let Some(g) = names::pronoun(self.word(i)) {
            return Subject::Pronoun(g, self.scan.toks[i].start);
        }
        if self.is_name_tok(i) {
            let e = self.run_fwd(i, limit);
            // `Lee’s family said`: the owner is not the subject.
            let last = self.word(e - 1);
            if names::strip_possessive(last).len() != last.len() {
                return Subject::Other;
            }
            let judged = self.judge_distant_run(i, e);
            // `Democratic candidate Hillary Clinton ... and has said`: a party or place, a
            // lower-case role, then the name.
            let role_next = judged == Subject::Other
                && e + 1 < limit
                && self.is_word(e)
                && self.word(e).starts_with(char::is_lowercase)
                && names::is_person_role(self.word(e))
                && self.is_name_tok(e + 1);
            if role_next {
                let e2 = self.run_fwd(e + 1, limit);
                return self.judge_distant_run(e + 1, e2);
            }
            return judged;
        }
        Subject::Other
    }
}

/// A party and state label (`R-Tenn.`, `D-N.Y.`, `I-Vt.`).
fn is_party_label(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// A dash that sets off an aside (`--` comes as two `-` tokens).
fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "—" | "–" | "―")
}

/// A lower-case noun for what a person is or does (`manager`, `aide`, `consultant`): the
/// quote finder's role words and the lexicon's titles and roles.
fn is_role_noun(w: &str) -> bool {
    names::is_person_role(w) || crate::lang::lexicon::is_title_word(w)
}
