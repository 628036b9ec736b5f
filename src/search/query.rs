//! The query language: a small lexer and recursive-descent parser from the user's text to an
//! [`Ast`], and the translation of that tree into a tantivy query over newsdex fields.
//!
//! Grammar (precedence from loose to tight):
//!
//! ```text
//! query   := or
//! or      := seq ("OR" seq)*
//! seq     := conj conj*                 juxtaposition: all must match, or any with --any
//! conj    := unary ("AND" unary)*
//! unary   := ("NOT" | "-") unary | "+" unary | primary
//! primary := [field ":"] (word | "phrase"[~N] | "(" or ")") | "*"
//! ```
//!
//! Errors are [`Fatal::QuerySyntax`] with a character position, never panics; nesting depth and the
//! number of terms are bounded so hostile input cannot overflow the stack or hang.

use tantivy::Term;
use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::error::Fatal;
use crate::index::schema::{self, Fields, QUERY_FIELDS};

/// Deepest nesting of parentheses and NOTs accepted.
pub const MAX_DEPTH: usize = 64;
/// Most words and phrases a query may hold.
pub const MAX_TERMS: usize = 20_000;
/// Largest phrase slop accepted.
pub const MAX_SLOP: u32 = 1_000;

/// A field the user may name with a `field:` prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QField {
    Headline,
    Body,
    People,
    Speakers,
    Place,
    Quote,
}

impl QField {
    fn parse(name: &str) -> Option<QField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "headline" => QField::Headline,
            "body" => QField::Body,
            "people" => QField::People,
            "speakers" => QField::Speakers,
            "place" => QField::Place,
            "quote" => QField::Quote,
            _ => return None,
        })
    }

    fn field(self, f: &Fields) -> Field {
        match self {
            QField::Headline => f.headline,
            QField::Body => f.body,
            QField::People => f.people,
            QField::Speakers => f.speakers,
            QField::Place => f.place,
            QField::Quote => f.quote,
        }
    }
}

/// The parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// `*`: every document.
    All,
    /// A word; several tokens after analysis (`U.S.`) make it a phrase.
    Word { field: Option<QField>, text: String },
    /// A quoted phrase with its slop.
    Phrase {
        field: Option<QField>,
        text: String,
        slop: u32,
    },
    /// Every child must match (`NOT` children must not).
    And(Vec<Ast>),
    /// Any child may match.
    Or(Vec<Ast>),
    /// Juxtaposed clauses: the default occurrence applies to plain children.
    Seq(Vec<Ast>),
    /// Must not match.
    Not(Box<Ast>),
    /// Must match (`+`), even under `--any`.
    Required(Box<Ast>),
}

impl Ast {
    /// True when a word or phrase of the query is meant for `field` (`quote:`, `headline:`, ...).
    pub fn reads(&self, field: QField) -> bool {
        match self {
            Ast::Word { field: f, .. } | Ast::Phrase { field: f, .. } => *f == Some(field),
            Ast::And(items) | Ast::Or(items) | Ast::Seq(items) => {
                items.iter().any(|a| a.reads(field))
            }
            Ast::Not(inner) | Ast::Required(inner) => inner.reads(field),
            Ast::All => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String, u32),
    Field(QField),
    LParen,
    RParen,
    And,
    Or,
    Not,
    Plus,
    Minus,
    Star,
}

/// A syntax error; the query is shown escaped, so the caret position is moved to match.
pub fn syntax(query: &str, position: usize, reason: impl Into<String>) -> Fatal {
    let prefix: String = query.chars().take(position).collect();
    Fatal::QuerySyntax {
        query: crate::text::escape_control(query),
        position: crate::text::escape_control(&prefix).chars().count(),
        reason: reason.into(),
    }
}

/// Splits the query into tokens with their character positions.
fn lex(query: &str) -> Result<Vec<(Tok, usize)>, Fatal> {
    let chars: Vec<char> = query.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        match c {
            '(' => {
                toks.push((Tok::LParen, i));
                i += 1;
            }
            ')' => {
                toks.push((Tok::RParen, i));
                i += 1;
            }
            '"' => {
                let (tok, next) = lex_phrase(query, &chars, i)?;
                toks.push((tok, start));
                i = next;
            }
            '+' | '-' if ends_term(chars.get(i + 1)) => {
                return Err(syntax(
                    query,
                    i,
                    format!("`{c}` needs a term right after it"),
                ));
            }
            '+' => {
                toks.push((Tok::Plus, i));
                i += 1;
            }
            '-' => {
                toks.push((Tok::Minus, i));
                i += 1;
            }
            '*' if ends_term(chars.get(i + 1)) => {
                toks.push((Tok::Star, i));
                i += 1;
            }
            _ => {
                let (tok, next) = lex_word(query, &chars, i)?;
                toks.push((tok, start));
                i = next;
            }
        }
    }
    Ok(toks)
}

/// Reads a word, an operator word (`AND`, `OR`, `NOT`) or a field prefix (`speaker:`) starting
/// at `start`.
fn lex_word(query: &str, chars: &[char], start: usize) -> Result<(Tok, usize), Fatal> {
    let mut j = start;
    while j < chars.len() && !is_break(chars[j]) {
        if chars[j] == ':' && j > start {
            break;
        }
        j += 1;
    }
    let word: String = chars[start..j].iter().collect();
    if chars.get(j) == Some(&':') && is_field_name(&word) {
        let field = QField::parse(&word).ok_or_else(|| {
            syntax(
                query,
                start,
                format!(
                    "unknown field `{word}:` (fields: {})",
                    QUERY_FIELDS.join(", ")
                ),
            )
        })?;
        if ends_term(chars.get(j + 1)) {
            return Err(syntax(
                query,
                j,
                format!("`{word}:` needs a word, \"phrase\" or (group) right after it"),
            ));
        }
        return Ok((Tok::Field(field), j + 1));
    }
    // A colon that is not a field prefix (`10:30`) is part of the word.
    while j < chars.len() && !is_break(chars[j]) {
        j += 1;
    }
    let word: String = chars[start..j].iter().collect();
    let tok = match word.as_str() {
        "AND" | "&&" => Tok::And,
        "OR" | "||" => Tok::Or,
        "NOT" => Tok::Not,
        _ => Tok::Word(word),
    };
    Ok((tok, j))
}

/// True at the end of a term: the query's end, a space or a closing parenthesis.
fn ends_term(c: Option<&char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || *c == ')')
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

fn is_field_name(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
}

/// Reads a quoted phrase starting at `open` and an optional `~N` slop.
fn lex_phrase(query: &str, chars: &[char], open: usize) -> Result<(Tok, usize), Fatal> {
    let close = chars[open + 1..]
        .iter()
        .position(|&c| c == '"')
        .map(|p| p + open + 1)
        .ok_or_else(|| syntax(query, open, "this quote is never closed"))?;
    let text: String = chars[open + 1..close].iter().collect();
    let mut next = close + 1;
    let mut slop = 0;
    if chars.get(next) == Some(&'~') {
        let digits: String = chars[next + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return Err(syntax(
                query,
                next,
                "`~` after a phrase needs a number: \"oil prices\"~2",
            ));
        }
        slop = digits
            .parse::<u32>()
            .ok()
            .filter(|s| *s <= MAX_SLOP)
            .ok_or_else(|| syntax(query, next + 1, format!("slop must be at most {MAX_SLOP}")))?;
        next += 1 + digits.chars().count();
    }
    Ok((Tok::Phrase(text, slop), next))
}

struct Parser<'a> {
    query: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
    terms: usize,
    end: usize,
}

/// Parses the user's query text.
pub fn parse(query: &str) -> Result<Ast, Fatal> {
    let toks = lex(query)?;
    if toks.is_empty() {
        return Err(syntax(query, 0, "the query is empty"));
    }
    let mut p = Parser {
        query,
        toks,
        pos: 0,
        depth: 0,
        terms: 0,
        end: query.chars().count(),
    };
    let ast = p.or()?;
    if let Some((_, at)) = p.toks.get(p.pos) {
        return Err(syntax(query, *at, "unexpected `)`: no `(` opens it"));
    }
    Ok(ast)
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(_, p)| *p)
    }

    fn err(&self, reason: impl Into<String>) -> Fatal {
        syntax(self.query, self.at(), reason)
    }

    fn enter(&mut self) -> Result<(), Fatal> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(format!("the query nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Ast, Fatal> {
        if self.peek() == Some(&Tok::Or) {
            return Err(self.err("OR needs a term before it"));
        }
        let mut alts = vec![self.seq()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And)) {
                return Err(self.err("OR needs a term after it"));
            }
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 {
            alts.swap_remove(0)
        } else {
            Ast::Or(alts)
        })
    }

    fn seq(&mut self) -> Result<Ast, Fatal> {
        let mut items = Vec::new();
        while !matches!(self.peek(), None | Some(Tok::RParen | Tok::Or)) {
            items.push(self.conj()?);
        }
        match items.len() {
            0 => Err(self.err("expected a word, \"phrase\" or (group) here")),
            1 => Ok(items.swap_remove(0)),
            _ => Ok(Ast::Seq(items)),
        }
    }

    fn conj(&mut self) -> Result<Ast, Fatal> {
        if self.peek() == Some(&Tok::And) {
            return Err(self.err("AND needs a term before it"));
        }
        let mut items = vec![self.unary()?];
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And)) {
                return Err(self.err("AND needs a term after it"));
            }
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.swap_remove(0)
        } else {
            Ast::And(items)
        })
    }

    fn unary(&mut self) -> Result<Ast, Fatal> {
        match self.peek() {
            Some(Tok::Not | Tok::Minus) => {
                let was_not = self.peek() == Some(&Tok::Not);
                self.pos += 1;
                if was_not && matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And)) {
                    return Err(self.err("NOT needs a term after it"));
                }
                self.enter()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Ast::Not(Box::new(inner)))
            }
            Some(Tok::Plus) => {
                self.pos += 1;
                self.enter()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Ast::Required(Box::new(inner)))
            }
            _ => self.primary(None),
        }
    }

    fn primary(&mut self, field: Option<QField>) -> Result<Ast, Fatal> {
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(self.err("the query ends where a term was expected"));
        };
        match tok {
            Tok::Word(text) => {
                self.pos += 1;
                self.count_term()?;
                Ok(Ast::Word { field, text })
            }
            Tok::Phrase(text, slop) => {
                self.pos += 1;
                self.count_term()?;
                Ok(Ast::Phrase { field, text, slop })
            }
            Tok::Star => {
                self.pos += 1;
                Ok(Ast::All)
            }
            Tok::Field(f) if field.is_none() => {
                self.pos += 1;
                self.primary(Some(f))
            }
            Tok::LParen => self.group(field),
            Tok::RParen => Err(self.err("unexpected `)`: expected a term")),
            Tok::And | Tok::Or => Err(self.err("an operator cannot start a term")),
            Tok::Field(_) => Err(self.err("a field prefix cannot follow another")),
            Tok::Not | Tok::Plus | Tok::Minus => {
                Err(self.err("an operator cannot follow a field prefix"))
            }
        }
    }

    fn group(&mut self, field: Option<QField>) -> Result<Ast, Fatal> {
        let open = self.at();
        self.pos += 1;
        self.enter()?;
        if self.peek() == Some(&Tok::RParen) {
            return Err(self.err("empty parentheses"));
        }
        let inner = self.or()?;
        if self.peek() != Some(&Tok::RParen) {
            return Err(syntax(self.query, open, "this `(` is never closed"));
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(match field {
            Some(f) => with_field(inner, f),
            None => inner,
        })
    }

    fn count_term(&mut self) -> Result<(), Fatal> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(self.err(format!("the query has more than {MAX_TERMS} terms")));
        }
        Ok(())
    }
}

/// Applies a group's field prefix to the words and phrases inside it that have none.
fn with_field(ast: Ast, f: QField) -> Ast {
    let map = |v: Vec<Ast>| v.into_iter().map(|a| with_field(a, f)).collect();
    match ast {
        Ast::Word { field, text } => Ast::Word {
            field: field.or(Some(f)),
            text,
        },
        Ast::Phrase { field, text, slop } => Ast::Phrase {
            field: field.or(Some(f)),
            text,
            slop,
        },
        Ast::And(v) => Ast::And(map(v)),
        Ast::Or(v) => Ast::Or(map(v)),
        Ast::Seq(v) => Ast::Seq(map(v)),
        Ast::Not(a) => Ast::Not(Box::new(with_field(*a, f))),
        Ast::Required(a) => Ast::Required(Box::new(with_field(*a, f))),
        Ast::All => Ast::All,
    }
}

/// How an [`Ast`] becomes a tantivy query.
pub struct Compiler<'a> {
    pub fields: &'a Fields,
    /// Fields a word without prefix is looked up in (headline + body, or quote).
    pub default_fields: Vec<Field>,
    /// `--any`: juxtaposed words are alternatives.
    pub any: bool,
    /// Quote search: words for fields of the article match the quotes of matching articles.
    in_quotes: bool,
    analyzer: TextAnalyzer,
}

impl<'a> Compiler<'a> {
    /// A compiler for article search (`in_quotes == false`) or quote search.
    pub fn new(fields: &'a Fields, any: bool, in_quotes: bool) -> Self {
        let default_fields = if in_quotes {
            vec![fields.quote]
        } else {
            vec![fields.headline, fields.body]
        };
        Compiler {
            fields,
            default_fields,
            any,
            in_quotes,
            analyzer: schema::news_analyzer(),
        }
    }

    /// The analyzed tokens of a piece of query text, with their positions.
    pub fn tokens(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }

    fn fields_for(&self, f: Option<QField>) -> Vec<Field> {
        match f {
            Some(q) => vec![q.field(self.fields)],
            None => self.default_fields.clone(),
        }
    }

    /// The tantivy query; `None` when nothing searchable is left (only punctuation).
    pub fn compile(&mut self, ast: &Ast) -> Option<Box<dyn Query>> {
        match ast {
            Ast::All => Some(Box::new(AllQuery)),
            Ast::Word { field, text } => self.leaf(*field, text, 0),
            Ast::Phrase { field, text, slop } => self.leaf(*field, text, *slop),
            Ast::And(items) => self.boolean(items, Occur::Must),
            Ast::Seq(items) => {
                let occur = if self.any { Occur::Should } else { Occur::Must };
                self.boolean(items, occur)
            }
            Ast::Or(items) => {
                let clauses: Vec<_> = items
                    .iter()
                    .filter_map(|a| self.compile(a))
                    .map(|q| (Occur::Should, q))
                    .collect();
                nonempty(clauses)
            }
            Ast::Not(inner) => {
                let q = self.compile(inner)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])))
            }
            Ast::Required(inner) => self.compile(inner),
        }
    }

    /// Children joined by `occur`; `NOT` children become MustNot, `+` children Must.
    fn boolean(&mut self, items: &[Ast], occur: Occur) -> Option<Box<dyn Query>> {
        let mut clauses = Vec::with_capacity(items.len());
        let mut positive = false;
        for item in items {
            let (o, inner) = match item {
                Ast::Not(inner) => (Occur::MustNot, inner.as_ref()),
                Ast::Required(inner) => (Occur::Must, inner.as_ref()),
                other => (occur, other),
            };
            if let Some(q) = self.compile(inner) {
                positive |= o != Occur::MustNot;
                clauses.push((o, q));
            }
        }
        if !clauses.is_empty() && !positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        nonempty(clauses)
    }

    fn leaf(&mut self, field: Option<QField>, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        let tokens = self.tokens(text);
        if tokens.is_empty() {
            return None;
        }
        let per_field: Vec<Box<dyn Query>> = self
            .fields_for(field)
            .into_iter()
            .map(|f| self.on_quotes(f, leaf_query(f, &tokens, slop)))
            .collect();
        if per_field.len() == 1 {
            per_field.into_iter().next()
        } else {
            Some(Box::new(BooleanQuery::union(per_field)))
        }
    }

    /// In quote search, a query on a field of the article (not the quote's words or speaker)
    /// matches the quotes of the articles it matches.
    fn on_quotes(&self, field: Field, q: Box<dyn Query>) -> Box<dyn Query> {
        let f = self.fields;
        if self.in_quotes && field != f.quote && field != f.speakers {
            Box::new(super::join::OfArticle::new(q))
        } else {
            q
        }
    }

    /// Tokens of the positive words and phrases that apply to `field`, for highlighting: one
    /// group per word or phrase (a group of several tokens is a phrase).
    pub fn highlight_terms(&mut self, ast: &Ast, field: Field, out: &mut Vec<Vec<String>>) {
        match ast {
            Ast::Word { field: f, text } | Ast::Phrase { field: f, text, .. } => {
                if self.fields_for(*f).contains(&field) {
                    let group: Vec<String> =
                        self.tokens(text).into_iter().map(|(_, t)| t).collect();
                    if !group.is_empty() {
                        out.push(group);
                    }
                }
            }
            Ast::And(v) | Ast::Or(v) | Ast::Seq(v) => {
                for a in v {
                    self.highlight_terms(a, field, out);
                }
            }
            Ast::Required(a) => self.highlight_terms(a, field, out),
            Ast::Not(_) | Ast::All => {}
        }
    }
}

fn leaf_query(field: Field, tokens: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    if let [(_, only)] = tokens {
        let term = Term::from_field_text(field, only);
        return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    }
    let base = tokens.first().map_or(0, |(p, _)| *p);
    let terms = tokens
        .iter()
        .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn nonempty(clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Ast {
        Ast::Word {
            field: None,
            text: t.into(),
        }
    }

    fn pos_of(q: &str) -> (usize, String) {
        match parse(q) {
            Err(Fatal::QuerySyntax {
                position, reason, ..
            }) => (position, reason),
            other => panic!("expected a syntax error for {q:?}, got {other:?}"),
        }
    }

    #[test]
    fn words_and_operators() -> Result<(), Fatal> {
        assert_eq!(
            parse("oil prices")?,
            Ast::Seq(vec![word("oil"), word("prices")])
        );
        assert_eq!(
            parse("a OR b c")?,
            Ast::Or(vec![word("a"), Ast::Seq(vec![word("b"), word("c")])])
        );
        assert_eq!(
            parse("a AND NOT b")?,
            Ast::And(vec![word("a"), Ast::Not(Box::new(word("b")))])
        );
        assert_eq!(
            parse("+a -b")?,
            Ast::Seq(vec![
                Ast::Required(Box::new(word("a"))),
                Ast::Not(Box::new(word("b")))
            ])
        );
        Ok(())
    }

    #[test]
    fn phrases_fields_and_groups() -> Result<(), Fatal> {
        assert_eq!(
            parse("\"oil prices\"~2")?,
            Ast::Phrase {
                field: None,
                text: "oil prices".into(),
                slop: 2
            }
        );
        assert_eq!(
            parse("headline:(oil \"gas\")")?,
            Ast::Seq(vec![
                Ast::Word {
                    field: Some(QField::Headline),
                    text: "oil".into()
                },
                Ast::Phrase {
                    field: Some(QField::Headline),
                    text: "gas".into(),
                    slop: 0
                }
            ])
        );
        assert_eq!(parse("10:30")?, word("10:30"));
        assert_eq!(parse("*")?, Ast::All);
        Ok(())
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(pos_of("oil \"prices").0, 4);
        assert_eq!(pos_of("(oil prices").0, 0);
        assert_eq!(pos_of("oil)").0, 3);
        assert_eq!(pos_of("oil AND").0, 7);
        assert_eq!(pos_of("OR oil").0, 0);
        assert_eq!(pos_of("oil OR OR gas").0, 7);
        assert_eq!(pos_of("nosuch:oil").0, 0);
        assert!(pos_of("nosuch:oil").1.contains("unknown field"));
        assert_eq!(pos_of("   ").0, 0);
        assert_eq!(pos_of("oil -").0, 4);
        assert_eq!(pos_of("\"a\"~x").0, 3);
        assert_eq!(pos_of("()").0, 1);
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let deep = format!("{}oil{}", "(".repeat(100), ")".repeat(100));
        assert!(pos_of(&deep).1.contains("nests"));
        let nots = "NOT ".repeat(100) + "oil";
        assert!(pos_of(&nots).1.contains("nests"));
        let many = "w ".repeat(MAX_TERMS + 1);
        assert!(pos_of(&many).1.contains("terms"));
        assert!(parse(&"w ".repeat(10_000)).is_ok());
    }

    #[test]
    fn compiles_and_drops_punctuation() -> Result<(), Fatal> {
        let (_, fields) = schema::build();
        let mut c = Compiler::new(&fields, false, false);
        assert!(c.compile(&parse("&&& —")?).is_none());
        assert!(c.compile(&parse("U.S. oil -gas")?).is_some());
        let mut terms = Vec::new();
        c.highlight_terms(&parse("\"Oil Prices\" -gas")?, fields.body, &mut terms);
        assert_eq!(terms, vec![vec!["oil", "prices"]]);
        Ok(())
    }
}
