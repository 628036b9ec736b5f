//! Attributions for quotations with no cue in their own sentence: continued quotes, a short
//! attribution sentence after, dash credits (`“...” — Jane Doe`), teasers (`... “now,” Putin`),
//! and transcript lines (`PENCE: ...`).

use super::scan::{Kind, Span};
use super::{Attr, Doc, Subject, cues, names};
use crate::model::{Quote, Speaker};

impl Doc<'_> {
    /// A quote with no cue in its sentence: continues an earlier quote of the same speaker
    /// (paragraph-spanning quotes, `“A,” he said. “B.”`), or is named in a short following
    /// sentence (`“A.” Smith said.`), or ends a teaser (`... “now,” Smith`).
    pub(super) fn inherit(
        &self,
        si: usize,
        sent: usize,
        span_speaker: &[Option<Attr>],
    ) -> Option<Attr> {
        let span = self.scan.spans[si];
        if self.names_a_term(&span) {
            return None;
        }
        if si > 0 {
            let prev = self.scan.spans[si - 1];
            let between = self
                .scan
                .body
                .get(prev.close.min(span.open)..span.open)
                .unwrap_or("");
            let near = !between.contains("\n\n") && between.len() < 200;
            if (span.continued || near || between.trim_end().ends_with(':'))
                && let Some(Some(f)) = span_speaker.get(si - 1)
                && !f.1.is_empty()
            {
                return Some(f.clone());
            }
        }
        // `“...” Smith said.` written as a separate sentence.
        if let Some(&(a, b)) = self.scan.sents.get(sent + 1)
            && b - a <= 8
            && let Some(c) = self.cues_in(a, b).first()
            && c.at <= a + 5
        {
            return Some((self.speaker(&c.subject), c.text.clone(), c.also.clone()));
        }
        self.dash_credit(&span)
            .or_else(|| self.teaser(&span))
            .or_else(|| self.dash_lead(&span))
    }

    /// `Mitt Romney -- “...”`: a name, a dash, then the quotation.
    pub(super) fn dash_lead(&self, span: &Span) -> Option<Attr> {
        let mut k = self.scan.toks.partition_point(|t| t.start < span.open);
        let mut dash = String::new();
        while k > 0 && self.scan.toks[k - 1].kind == Kind::Punct && dash.len() < 6 {
            let w = self.word(k - 1);
            if !matches!(w, "―" | "—" | "–" | "-" | ":") {
                break;
            }
            dash.insert_str(0, w);
            k -= 1;
        }
        if dash.is_empty() || k == 0 || !self.is_name_tok(k - 1) {
            return None;
        }
        let s = self.run_back(k - 1, k.saturating_sub(6));
        // Only a name that opens its sentence: `... said Mitt Romney -- “...”` is handled above.
        // `including the former candidate Mitt Romney -- “...”`: a role word may lead the name.
        let role = s > 0
            && self.is_word(s - 1)
            && self.word(s - 1).starts_with(char::is_lowercase)
            && names::is_person_role(self.word(s - 1));
        if s > 0
            && !role
            && !matches!(self.scan.toks[s - 1].kind, Kind::Para)
            && !self.is_punct(s - 1, ".")
            && !self.is_punct(s - 1, ",")
        {
            return None;
        }
        match self.judge_run(s, k) {
            Subject::Person(n, _) => Some((Some(n), dash, Vec::new())),
            _ => None,
        }
    }

    /// `“...” ― Jane Doe` / `"..." -- Jane Doe`: a name after a dash credits the quote.
    /// `known as the “Buffett rule”`, `a so-called “deal”`, `dubbed “Big Bang”`: the quotation
    /// is a name the writer gives, not anybody's words.
    fn names_a_term(&self, span: &Span) -> bool {
        let open = self.scan.toks.partition_point(|t| t.start < span.open);
        let at =
            |k: usize| (k < open && self.is_word(open - 1 - k)).then(|| self.word(open - 1 - k));
        let naming = |w: Option<&str>| {
            matches!(
                w,
                Some("so-called" | "dubbed" | "named" | "titled" | "nicknamed")
            )
        };
        let article = matches!(at(0), Some("the" | "a" | "an"));
        let known_as = |k: usize| at(k) == Some("as") && at(k + 1) == Some("known");
        naming(at(0)) || known_as(0) || article && (naming(at(1)) || known_as(1))
    }

    /// `titled “...” by Ann Lee and Raj Rao`, `“...” was written by Lee`: the author named
    /// after `by`, right after the quotation.
    pub(super) fn by_credit(&self, span: &Span) -> Option<Attr> {
        let mut k = self.scan.toks.partition_point(|t| t.start < span.close);
        if self.is_punct(k, ",") {
            k += 1;
        }
        if self.is_word(k) && matches!(self.word(k), "was" | "is") {
            k += 1;
        }
        if self.is_word(k) && matches!(self.word(k), "written" | "composed" | "co-written") {
            k += 1;
        }
        if !(self.is_word(k) && self.word(k) == "by" && self.is_name_tok(k + 1)) {
            return None;
        }
        let e = self.run_fwd(k + 1, self.scan.toks.len());
        let Subject::Person(n, _) = self.judge_run(k + 1, e) else {
            return None;
        };
        let also = (self.is_word(e) && self.word(e) == "and" && self.is_name_tok(e + 1))
            .then(|| self.judge_run(e + 1, self.run_fwd(e + 1, self.scan.toks.len())))
            .and_then(|s| match s {
                Subject::Person(m, _) => Some(m),
                _ => None,
            });
        Some((Some(n), "by".into(), also.into_iter().collect()))
    }

    pub(super) fn dash_credit(&self, span: &Span) -> Option<Attr> {
        let mut k = self.scan.toks.partition_point(|t| t.start < span.close);
        let mut dash = String::new();
        while k < self.scan.toks.len() && self.scan.toks[k].kind == Kind::Punct && dash.len() < 6 {
            let w = self.word(k);
            if !matches!(w, "―" | "—" | "–" | "-") {
                break;
            }
            dash.push_str(w);
            k += 1;
        }
        if dash.is_empty() || !self.is_name_tok(k) {
            return None;
        }
        let e = self.run_fwd(k, self.scan.toks.len());
        match self.judge_run(k, e) {
            Subject::Person(n, _) => Some((Some(n), dash, Vec::new())),
            _ => None,
        }
    }

    /// `... ready “right now,” Putin` at the end of a paragraph: the name is the speaker.
    pub(super) fn teaser(&self, span: &Span) -> Option<Attr> {
        let k = self.scan.toks.partition_point(|t| t.start < span.close);
        if !self.is_punct(k, ",") && !self.scan.body[span.start..span.end].ends_with(',') {
            return None;
        }
        let s = if self.is_punct(k, ",") { k + 1 } else { k };
        if !self.is_name_tok(s) {
            return None;
        }
        let e = self.run_fwd(s, self.scan.toks.len());
        let ends = e >= self.scan.toks.len() || self.scan.toks[e].kind == Kind::Para;
        if !ends {
            return None;
        }
        match self.judge_run(s, e) {
            Subject::Person(n, _) => Some((Some(n), ",".into(), Vec::new())),
            _ => None,
        }
    }

    /// Transcript lines: a paragraph opening with an all-capitals name and a colon (`PENCE: ...`),
    /// possibly after an opening quote mark.
    pub(super) fn transcript_lines(&self) -> Vec<Quote> {
        let mut out = Vec::new();
        for i in 0..self.scan.toks.len() {
            let para_start = i == 0 || self.scan.toks[i - 1].kind == Kind::Para;
            if !para_start {
                continue;
            }
            let s = if self.scan.toks[i].kind == Kind::Open {
                i + 1
            } else {
                i
            };
            if let Some(q) = self.transcript_quote(s) {
                out.push(q);
            }
        }
        out
    }

    /// The all-capitals speaker label starting at token `s`: (name, token after the colon).
    pub(super) fn transcript_label(&self, s: usize) -> Option<(String, usize)> {
        let mut e = s;
        while e < s + 3
            && self.is_word(e)
            && self
                .word(e)
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '\'' || c == '-')
            && self.word(e).chars().filter(|c| c.is_alphabetic()).count() >= 2
        {
            e += 1;
        }
        if e == s || !self.is_punct(e, ":") {
            return None;
        }
        let words: Vec<String> = (s..e).map(|k| names::title_case(self.word(k))).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let c = names::name_from_run(&refs, false)?;
        if c.tokens.len() == 1 && cues::is_notice_label(&c.tokens[0]) {
            return None;
        }
        // `UPDATE:`, `CLARIFICATION:`: a label names a person the body knows or gives in full,
        // or recurs as the turns of a transcript.
        let known = c
            .tokens
            .last()
            .is_some_and(|l| self.names.registry.knows_last(l));
        let label = &self.scan.body[self.scan.toks[s].start..self.scan.toks[e].end];
        if !(known || c.has_first || c.titled || self.scan.body.matches(label).nth(1).is_some()) {
            return None;
        }
        Some((self.names.registry.canonical(&c).0, e + 1))
    }

    pub(super) fn transcript_quote(&self, s: usize) -> Option<Quote> {
        let (name, cs) = self.transcript_label(s)?;
        let mut ce = cs;
        while ce < self.scan.toks.len() && self.scan.toks[ce].kind != Kind::Para {
            ce += 1;
        }
        while ce > cs && self.scan.toks[ce - 1].kind != Kind::Word {
            ce -= 1;
        }
        if ce <= cs {
            return None;
        }
        let start = self.scan.toks[cs].start;
        let end = self.scan.toks[ce - 1].end;
        Some(Quote {
            speaker: Some(Speaker { name }),
            text: self.scan.body[start..end].to_string(),
            start,
            end,
            cue: ":".into(),
            direct: false,
        })
    }
}
