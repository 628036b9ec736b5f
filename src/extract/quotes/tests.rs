//! Attribution patterns, one short invented sentence each.

use super::*;

/// (speaker, text, cue, direct) of every quote found in `body`.
fn run(body: &str) -> Vec<(Option<String>, String, String, bool)> {
    find_quotes(body, &[])
        .into_iter()
        .map(|q| {
            assert_eq!(&body[q.start..q.end], q.text);
            (q.speaker.map(|s| s.name), q.text, q.cue, q.direct)
        })
        .collect()
}

/// Speakers of the quotes whose text contains `needle`.
fn who(body: &str, needle: &str) -> Vec<Option<String>> {
    run(body)
        .into_iter()
        .filter(|q| q.1.contains(needle))
        .map(|q| q.0)
        .collect()
}

fn one(body: &str, needle: &str) -> Option<String> {
    let w = who(body, needle);
    assert!(!w.is_empty(), "no quote with {needle:?} in {:?}", run(body));
    w[0].clone()
}

#[test]
fn said_after_quote() {
    assert_eq!(
        one("“The budget is fine,” Tom Baker said.", "budget").as_deref(),
        Some("Tom Baker")
    );
}

#[test]
fn appositive_after_quote() {
    let b = "“The rule is an overreach, in our view, of federal power,” Kyle Barton, the attorney general of Kansas, said.";
    assert_eq!(one(b, "overreach").as_deref(), Some("Kyle Barton"));
}

#[test]
fn double_apostrophe_marks() {
    let b = "''We admire the plan'' in several ways, Mr. Holt said. ''It is careful.''";
    assert_eq!(one(b, "admire").as_deref(), Some("Holt"));
    assert_eq!(one(b, "careful").as_deref(), Some("Holt"));
}

#[test]
fn inverted_with_title_abbreviation() {
    let b = "\"This hearing is a waste of time,\" said Del. Maria Gomez.";
    assert_eq!(one(b, "waste").as_deref(), Some("Maria Gomez"));
}

#[test]
fn participle_appositive_before_said() {
    let b =
        "President Obama, opening the new library on Monday, said it would tell a story of hope.";
    assert_eq!(one(b, "story").as_deref(), Some("Obama"));
}

#[test]
fn transcript_line() {
    let b =
        "HARRIS: Let us begin with the economy tonight.\n\nMr. Harris asked the first question.";
    assert_eq!(one(b, "economy").as_deref(), Some("Harris"));
}

#[test]
fn double_apostrophe_said_after() {
    let b = "''Tell that to the teachers who are paying,'' Mr. Vance said. ''Tell that to them.''";
    assert_eq!(one(b, "teachers").as_deref(), Some("Vance"));
}

#[test]
fn long_appositive_then_told() {
    let b = "“This story is not only in our courts,” Nadia Brook, the executive director at the Center of Fair Media and who also appears in the film, told HuffPost.";
    assert_eq!(one(b, "courts").as_deref(), Some("Nadia Brook"));
}

#[test]
fn condemned_what_he_called() {
    let b =
        "Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of the rules.";
    assert_eq!(one(b, "brazen").as_deref(), Some("Ban Ki-moon"));
}

#[test]
fn wrote_inverted() {
    let b = "“The effect is still small,” wrote Carla Easton for Morning Digest.";
    assert_eq!(one(b, "effect").as_deref(), Some("Carla Easton"));
}

#[test]
fn said_inverted_with_long_appositive() {
    let b = "\"He has a huge pulpit,\" said Daniel Gorman, an associate professor of surgery at the State University School of Medicine.";
    assert_eq!(one(b, "pulpit").as_deref(), Some("Daniel Gorman"));
}

#[test]
fn nested_curly_quote_with_dash_credit() {
    let b = "“I would rather live in what he calls “hell” than live there.” ― Ana Rodarte";
    assert_eq!(one(b, "rather").as_deref(), Some("Ana Rodarte"));
}

#[test]
fn as_x_put_it() {
    let b = "As Ms. Simmons put it in a statement, the network is ''offering another view.''";
    assert_eq!(one(b, "another view").as_deref(), Some("Simmons"));
}

#[test]
fn told_a_publication() {
    let b = "“We are ready,” Lena Ortiz told The Daily Courier.";
    let q = run(b);
    assert_eq!(q[0].0.as_deref(), Some("Lena Ortiz"));
    assert_eq!(q[0].2, "told The Daily Courier");
}

/// The shared data folder: `NEWSDEX_SHARED`, else `../shared` next to the crate.
fn shared() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("NEWSDEX_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "skipped: shared data folder {} not found (set NEWSDEX_SHARED)",
            dir.display()
        );
        None
    }
}

/// The cleaned body of a file, as `newsdex extract` sees it.
fn bodies(path: &std::path::Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    match crate::ingest::formats::read_file_bytes(path, &bytes, 64 << 20) {
        Ok(f) => f
            .articles
            .into_iter()
            .map(|raw| crate::extract::enrich(&path.to_string_lossy(), raw, false).body)
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn scraped_sample_speakers() {
    let Some(dir) = shared() else { return };
    let path = dir.join("samples/scraped-article.txt");
    if !path.is_file() {
        println!("skipped: {} not found", path.display());
        return;
    }
    let body = bodies(&path).concat();
    let expect = [
        ("constructive", "Yuri Ushakov"),
        ("substantive", "Yuri Ushakov"),
        ("productive", "Marco Rubio"),
        ("additional work remains", "Marco Rubio"),
        ("difficult but necessary concessions", "Marco Rubio"),
        ("right now", "Vladimir Putin"),
    ];
    for (text, speaker) in expect {
        let w = who(&body, text);
        assert!(
            w.iter().any(|s| s.as_deref() == Some(speaker)),
            "{text:?}: {w:?}"
        );
    }
}

#[test]
fn direct_quote_offsets_on_dev_files() {
    let Some(dir) = shared() else { return };
    let Ok(entries) = std::fs::read_dir(dir.join("eval-dev/polnear-dev/text")) else {
        println!("skipped: polnear-dev not found");
        return;
    };
    let mut n = 0;
    for e in entries.flatten() {
        for body in bodies(&e.path()) {
            for q in find_quotes(&body, &[]) {
                assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()));
                n += 1;
            }
        }
    }
    assert!(n > 100, "only {n} quotes");
}

/// Throughput: `cargo test --release --lib quotes::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let Some(dir) = shared() else { return };
    let mut texts = Vec::new();
    for (sub, ext, max) in [
        ("eval-dev/polnear-dev/text", "txt", 100),
        ("corpora/reuters21578", "sgm", 3),
    ] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            let files = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == ext));
            for p in files.take(max) {
                if ext == "sgm" {
                    // The SGML reader lives elsewhere; cut the <BODY> elements out directly.
                    let raw = std::fs::read(&p).unwrap_or_default();
                    let raw = String::from_utf8_lossy(&raw);
                    for part in raw.split("<BODY>").skip(1) {
                        texts.push(part.split("</BODY>").next().unwrap_or("").to_string());
                    }
                } else {
                    texts.extend(bodies(&p));
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    find_quotes("Warm-up, Tom Baker said.", &[]);
    const REPS: usize = 20;
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..REPS {
        for t in &texts {
            n += find_quotes(t, &[]).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bodies, {:.1} MB x{REPS}, {n} quotes, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        REPS as f64 * bytes as f64 / 1e6 / secs
    );
}

#[test]
fn coordinated_speakers() {
    let w = who(
        "Mr. Grant and Mr. Lyle say other changes are needed.",
        "changes",
    );
    assert!(
        w.contains(&Some("Grant".to_string())) && w.contains(&Some("Lyle".to_string())),
        "{w:?}"
    );
}

#[test]
fn name_dash_quote() {
    let b = "Some were blunt.\n\nMitt Ramsey -- ''It is disqualifying to hide the returns.''";
    assert_eq!(one(b, "disqualifying").as_deref(), Some("Mitt Ramsey"));
}

#[test]
fn called_day_for() {
    let b = "Attorney General Roy Hooper called Friday for the release of the video.";
    assert_eq!(one(b, "release").as_deref(), Some("Roy Hooper"));
}

#[test]
fn reported_said_that() {
    let q = run("Maria Keller said that the bridge would reopen in May.");
    assert_eq!(q[0].0.as_deref(), Some("Maria Keller"));
    assert_eq!(q[0].1, "the bridge would reopen in May");
    assert_eq!(q[0].2, "said");
    assert!(!q[0].3);
}

#[test]
fn reported_said_on_day() {
    let q = run("Peter Lund said on Tuesday the plan had failed.");
    assert_eq!(q[0].0.as_deref(), Some("Peter Lund"));
    assert_eq!(q[0].1, "the plan had failed");
}

#[test]
fn reported_content_before() {
    let q = run("The tax cut will pay for itself, Frank Osborne said.");
    assert_eq!(q[0].0.as_deref(), Some("Frank Osborne"));
    assert_eq!(q[0].1, "The tax cut will pay for itself");
}

#[test]
fn says_present_tense() {
    assert_eq!(
        one("Linda Park says the rules are unfair.", "unfair").as_deref(),
        Some("Linda Park")
    );
}

#[test]
fn told_reporters_cue() {
    let q = run("Senator Ruth Cole told reporters the vote would be close.");
    assert_eq!(q[0].0.as_deref(), Some("Ruth Cole"));
    assert_eq!(q[0].2, "told reporters");
}

#[test]
fn speaker_before_colon() {
    let b = "Gary Mills said: “We will not back down.”";
    let q = run(b);
    assert_eq!(q[0].0.as_deref(), Some("Gary Mills"));
    assert!(q[0].3);
    assert_eq!(q[0].1, "We will not back down.");
}

#[test]
fn said_x_inverted() {
    assert_eq!(
        one("“It is over,” said Henry Walsh.", "over").as_deref(),
        Some("Henry Walsh")
    );
}

#[test]
fn x_the_minister_said() {
    let b = "“The talks were useful,” Anna Berg, the foreign minister, said.";
    assert_eq!(one(b, "useful").as_deref(), Some("Anna Berg"));
}

#[test]
fn he_said_resolves_to_subject() {
    let b = "Robert Hale spoke to the crowd for an hour.\n\n“We are winning,” he said.";
    assert_eq!(one(b, "winning").as_deref(), Some("Robert Hale"));
}

#[test]
fn she_said_skips_male_subject() {
    let b = "Susan Ford met Tom Reed on Monday. Tom Reed left early.\n\n“It went well,” she said.";
    assert_eq!(one(b, "went well").as_deref(), Some("Susan Ford"));
}

#[test]
fn she_added_reported() {
    let b = "Karen Lowe opened the meeting. She added that the budget was balanced.";
    assert_eq!(one(b, "budget").as_deref(), Some("Karen Lowe"));
}

#[test]
fn unresolved_pronoun_is_null() {
    assert_eq!(one("“We tried,” he said.", "tried"), None);
}

#[test]
fn according_to_person() {
    let q = run("The deal is off, according to Michael Stone.");
    assert_eq!(q[0].0.as_deref(), Some("Michael Stone"));
    assert_eq!(q[0].2, "according to");
}

#[test]
fn according_to_opening() {
    assert_eq!(
        one("According to Jane Moss, the vote was rigged.", "rigged").as_deref(),
        Some("Jane Moss")
    );
}

#[test]
fn organisation_source_is_null() {
    assert_eq!(
        one("The White House said the meeting went well.", "meeting"),
        None
    );
    assert_eq!(one("“We disagree,” the Pentagon said.", "disagree"), None);
}

#[test]
fn newspaper_source_is_null() {
    assert_eq!(
        one(
            "The Washington Post reported that the talks had stalled.",
            "stalled"
        ),
        None
    );
}

#[test]
fn description_source_is_null() {
    assert_eq!(
        one("A senior official said the plan was dead.", "plan"),
        None
    );
    assert_eq!(one("“It is dead,” sources said.", "dead"), None);
}

#[test]
fn single_word_quote() {
    assert_eq!(
        one("Paul Grant called the proposal “reckless.”", "reckless").as_deref(),
        Some("Paul Grant")
    );
}

#[test]
fn described_as() {
    let q = run("Ellen Fisher described the meeting as “productive.”");
    assert_eq!(q[0].0.as_deref(), Some("Ellen Fisher"));
    assert_eq!(q[0].2, "described as");
}

#[test]
fn passive_described_by() {
    let b = "The talks were described by senior adviser Oleg Marin as “useful.”";
    assert_eq!(one(b, "useful").as_deref(), Some("Oleg Marin"));
}

#[test]
fn characterized_as() {
    assert_eq!(
        one(
            "Nina Hart characterized the offer as “insulting.”",
            "insulting"
        )
        .as_deref(),
        Some("Nina Hart")
    );
}

#[test]
fn hard_wrapped_quote() {
    let b = "\"We expect prices to\nfall sharply next year,\" Tom\nBaker said.";
    let q = run(b);
    assert_eq!(q[0].0.as_deref(), Some("Tom Baker"));
    assert!(q[0].1.contains("prices to\nfall"));
}

#[test]
fn paragraph_spanning_quote() {
    let b = "“We will rebuild the port,” Dana Cruz said. “It will take years.\n\n“But we will finish it.”";
    assert_eq!(one(b, "finish").as_deref(), Some("Dana Cruz"));
}

#[test]
fn canonical_full_name() {
    let b = "Donald Trump spoke in Ohio.\n\n“We will win,” Trump said.";
    assert_eq!(one(b, "win").as_deref(), Some("Donald Trump"));
}

#[test]
fn title_stripped() {
    assert_eq!(
        one("“No comment,” said Sen. Mark Olsen.", "comment").as_deref(),
        Some("Mark Olsen")
    );
}

#[test]
fn warned_and_urged() {
    assert_eq!(
        one("Laura Diaz warned that rates would rise.", "rates").as_deref(),
        Some("Laura Diaz")
    );
    assert_eq!(
        one("Kevin Shaw urged voters to stay calm.", "calm").as_deref(),
        Some("Kevin Shaw")
    );
}

#[test]
fn tweeted_and_wrote() {
    assert_eq!(
        one("Ben Carter tweeted that the debate was rigged.", "debate").as_deref(),
        Some("Ben Carter")
    );
    assert_eq!(
        one("“Enough,” wrote Alice Monroe.", "Enough").as_deref(),
        Some("Alice Monroe")
    );
}

#[test]
fn acknowledged_admitted_insisted() {
    assert_eq!(
        one(
            "Mr. Nolan acknowledged that mistakes were made.",
            "mistakes"
        )
        .as_deref(),
        Some("Nolan")
    );
    assert_eq!(
        one("Ms. Reyes admitted she had been wrong.", "wrong").as_deref(),
        Some("Reyes")
    );
    assert_eq!(
        one("Victor Lang insisted the data was accurate.", "accurate").as_deref(),
        Some("Victor Lang")
    );
}

#[test]
fn stressed_emphasized_noted() {
    assert_eq!(
        one("Helen Cho stressed that talks would continue.", "talks").as_deref(),
        Some("Helen Cho")
    );
    assert_eq!(
        one("Omar Haddad emphasized the need for calm.", "calm").as_deref(),
        Some("Omar Haddad")
    );
    assert_eq!(
        one("Greg Toll noted that sales fell.", "sales").as_deref(),
        Some("Greg Toll")
    );
}

#[test]
fn asked_and_replied() {
    assert_eq!(
        one("“Why now?” asked Ruth Ames.", "Why").as_deref(),
        Some("Ruth Ames")
    );
    assert_eq!(
        one("“Because it matters,” replied Carl Vance.", "matters").as_deref(),
        Some("Carl Vance")
    );
}

#[test]
fn second_quote_same_speaker() {
    let b = "“We are ready,” said Julia Stern. “The team has trained for months.”";
    assert_eq!(one(b, "trained").as_deref(), Some("Julia Stern"));
}

#[test]
fn possessive_is_not_a_speaker() {
    assert_eq!(
        one("Trump’s campaign said the ad was false.", "false"),
        None
    );
}

#[test]
fn cue_after_quote_with_adverb() {
    let b = "“This is not over,” Mary Quinn said flatly.";
    assert_eq!(one(b, "over").as_deref(), Some("Mary Quinn"));
}

#[test]
fn has_said_perfect() {
    assert_eq!(
        one(
            "Nancy Reed has repeatedly said the law is flawed.",
            "flawed"
        )
        .as_deref(),
        Some("Nancy Reed")
    );
}

#[test]
fn announced_and_declared() {
    assert_eq!(
        one(
            "Ivan Petrov announced that the border would close.",
            "border"
        )
        .as_deref(),
        Some("Ivan Petrov")
    );
    assert_eq!(
        one("Lisa Brandt declared the session open.", "session").as_deref(),
        Some("Lisa Brandt")
    );
}

#[test]
fn offsets_hold_with_multibyte_text() {
    let b = "“Ça va très bien,” José Martínez said — “vraiment.”";
    for q in find_quotes(b, &[]) {
        assert_eq!(&b[q.start..q.end], q.text);
    }
}

#[test]
fn reuters_style_wrapped_reported_speech() {
    let b = "    Harbor Data Services said the rate\nfell 0.3 pct to 53.9 pct.\n    Analyst John Ferris said demand\nwould recover by the\nsummer.";
    let q = run(b);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, None);
    assert_eq!(q[0].1, "the rate\nfell 0.3 pct to 53.9 pct");
    assert_eq!(q[1].0.as_deref(), Some("John Ferris"));
    assert_eq!(q[1].1, "demand\nwould recover by the\nsummer");
}

#[test]
fn name_as_appositive() {
    let b = "“The ad is false,” the campaign’s spokesman, Tim Ross, said.";
    assert_eq!(one(b, "false").as_deref(), Some("Tim Ross"));
}

#[test]
fn publication_credit_is_not_a_person() {
    let w = who("“Prices will rise.” — Toronto Star", "Prices");
    assert!(w.iter().all(Option::is_none), "{w:?}");
}

#[test]
fn never_panics_on_odd_input() {
    let pieces = [
        "“",
        "”",
        "\"",
        "''",
        "'",
        "’",
        " ",
        "\n",
        "\n\n",
        "    ",
        ",",
        ".",
        ":",
        "—",
        "--",
        "(",
        ")",
        "said",
        "he",
        "she",
        "Mr.",
        "Smith",
        "Anna Lee",
        "according",
        "to",
        "told",
        "é",
        "日本",
        "said:",
        "who",
        "and",
        "the",
        "by",
        "as",
        "described",
        "A.",
        "U.S.",
        "?",
        "SMITH",
        "on",
        "Tuesday",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut body = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            body.push_str(pieces[(state % pieces.len() as u64) as usize]);
            if state.is_multiple_of(3) {
                body.push(' ');
            }
        }
        for q in find_quotes(&body, &[]) {
            assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()), "{body:?}");
        }
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
}

#[test]
fn relative_clause_is_not_a_cue() {
    assert!(
        run("Everything Tom Reed says is a lie, critics argue.")
            .iter()
            .all(|q| q.0.is_none())
    );
}

#[test]
fn byline_reported_from_is_not_a_cue() {
    assert!(run("Julia Frost reported from Kabul.").is_empty());
}

#[test]
fn party_label_then_relative_clause() {
    let b = "Sen. Ann Lee (D-Ore.), who lost the primary last year, said the bill would fail.";
    assert_eq!(one(b, "bill").as_deref(), Some("Ann Lee"));
}

#[test]
fn party_label_before_said() {
    assert_eq!(
        one("Rep. Tom Hale (R-Ohio) said the vote was rigged.", "rigged").as_deref(),
        Some("Tom Hale")
    );
}

#[test]
fn said_comma_then_quote() {
    let b = "In a statement, campaign chairman John Pearce said, “We look forward to the debate.”";
    assert_eq!(one(b, "debate").as_deref(), Some("John Pearce"));
}

#[test]
fn speaking_participle_opener() {
    let b = "Speaking to reporters, Laura Kent said the deal was done.";
    assert_eq!(one(b, "deal").as_deref(), Some("Laura Kent"));
}

#[test]
fn embedded_short_quote_after_said() {
    let b = "Frank Dell said his rival was “a liar” and should quit.";
    assert_eq!(one(b, "liar").as_deref(), Some("Frank Dell"));
}

#[test]
fn possessive_role_then_name() {
    let b = "Smith’s campaign manager Robby Moon said the polls were wrong.";
    assert_eq!(one(b, "polls").as_deref(), Some("Robby Moon"));
}

#[test]
fn statement_said_is_null() {
    assert_eq!(
        one("“We regret the error,” the statement said.", "regret"),
        None
    );
}

#[test]
fn notice_label_is_not_a_speaker() {
    let b = "Ann Pike left the board.\n\nCORRECTION: An earlier version gave the wrong date for the vote.";
    assert!(run(b).iter().all(|q| q.0.is_none()), "{:?}", run(b));
    // A label that recurs is a transcript speaker.
    let b = "KANE: Welcome back.\n\nREED: Thank you.\n\nKANE: Let us begin.";
    assert_eq!(one(b, "Welcome").as_deref(), Some("Kane"));
}

#[test]
fn possessive_name_is_not_a_pronoun_antecedent() {
    let b = "Mark Dunn opened the session. Later a reader cited “Rivers,” Tom Hale’s novel.\n\n“It was a long day,” he said.";
    assert_eq!(one(b, "long day").as_deref(), Some("Mark Dunn"));
}

#[test]
fn name_after_said_is_a_pronoun_antecedent() {
    let b = "Ruth Bell chaired the panel. “Prices rose,” said Paul Grant, an economist.\n\n“They will fall,” he said.";
    assert_eq!(one(b, "will fall").as_deref(), Some("Paul Grant"));
}

#[test]
fn lone_first_name_speaks() {
    let b = "“We waited for hours,” Melanie said. Later she left.";
    assert_eq!(one(b, "waited").as_deref(), Some("Melanie"));
    // A first name that is also a place, after a preposition, is not a speaker.
    let b = "A museum in Dallas maintains that the papers are real.";
    assert_eq!(one(b, "papers"), None);
}

#[test]
fn second_verb_shares_the_subject() {
    let b = "Sen. Ann Ruiz toured the plant on Monday and said the jobs would stay.";
    assert_eq!(one(b, "jobs").as_deref(), Some("Ann Ruiz"));
    // The owner of a possessive is not the subject.
    let b = "Tom Lake’s family visited the court and said the ruling was unfair.";
    assert_eq!(one(b, "ruling"), None);
}

#[test]
fn quote_paragraph_continues_previous_speaker() {
    let b = "“The lake is shrinking,” said Nora Vance, a local guide. “Every year.”\n\n“We have to act now.”";
    assert_eq!(one(b, "act now").as_deref(), Some("Nora Vance"));
    // Not when another person is named after the attribution.
    let b = "“The lake is shrinking,” said Nora Vance, who met Peter Olsen there.\n\n“We have to act now.”";
    assert!(who(b, "act now").iter().all(Option::is_none));
}

#[test]
fn progressive_with_negated_auxiliary() {
    let b = "But Attorney General Laura Simmons isn't saying whether the charity broke any laws.";
    assert_eq!(one(b, "charity").as_deref(), Some("Laura Simmons"));
    let b = "Meanwhile Governor Mark Peterson is not promising to cut taxes for small farms.";
    assert_eq!(one(b, "taxes").as_deref(), Some("Mark Peterson"));
    let b = "Economist Stephen Marlowe has been warning that the currency could fall.";
    assert_eq!(one(b, "currency").as_deref(), Some("Stephen Marlowe"));
}

#[test]
fn cue_in_a_later_subordinate_clause_does_not_take_the_quote() {
    let b = "Retired Gen. Paul Hendricks said Kevin Olsen was “completely wrong” when he said on Friday that the army was “falling apart.”";
    assert_eq!(one(b, "completely").as_deref(), Some("Paul Hendricks"));
    assert_eq!(one(b, "falling").as_deref(), Some("Kevin Olsen"));
    let b = "“Orders were strong in May,” after a weak April, said Ines Varga of Bolt Research.";
    assert_eq!(one(b, "Orders").as_deref(), Some("Ines Varga"));
}

#[test]
fn clause_opener_is_not_part_of_the_speaker_name() {
    let b = "Jane Dalton spoke in Ohio. Whether Dalton gains is unclear, though she says the race is close.";
    assert_eq!(one(b, "race").as_deref(), Some("Jane Dalton"));
}

#[test]
fn pronoun_after_a_described_person_is_not_given_to_an_earlier_name() {
    let b = "Nora Quist hosted the party. The woman beside her waved at the screen. “Here he comes,” she said.";
    assert_eq!(one(b, "Here he comes"), None);
    let b = "Nora Quist hosted the party. The former first lady waved at the screen. “Here he comes,” she said.";
    assert_eq!(one(b, "Here he comes").as_deref(), Some("Nora Quist"));
    let b = "Nora Quist hosted the party. A man beside her waved. “Here he comes,” she said.";
    assert_eq!(one(b, "Here he comes").as_deref(), Some("Nora Quist"));
}

#[test]
fn place_before_a_title_is_not_a_first_name() {
    let b = "Charlotte Mayor Jennifer Walsh said Friday that the footage should be released.";
    assert_eq!(one(b, "footage").as_deref(), Some("Jennifer Walsh"));
    let b = "Charlotte Mayor Walsh said Friday that the footage should be released.";
    assert_eq!(one(b, "footage").as_deref(), Some("Walsh"));
}

#[test]
fn lower_case_particle_is_not_a_title() {
    let b = "“We are ready,” said Ramon del Pilar, the chairman.";
    assert_eq!(one(b, "ready").as_deref(), Some("Ramon del Pilar"));
}

#[test]
fn expected_to_is_a_forecast_not_speech() {
    assert!(
        run("Officials said the envoy Marek expected to visit Riga soon.")
            .iter()
            .all(|q| q.2 != "expected")
    );
}

#[test]
fn capitalised_place_before_an_appositive_is_not_a_speaker() {
    let b = "The data showed Saudi Arabia, the largest exporter, was insisting on higher prices.";
    assert!(who(b, "higher prices").iter().all(Option::is_none));
    let b = "“We will stay,” said Beck Pimentel.";
    assert_eq!(one(b, "stay").as_deref(), Some("Beck Pimentel"));
}

#[test]
fn firm_before_an_appositive_is_no_speaker_but_a_role_makes_a_person() {
    let b = "Borlan Copper Co, a unit of Denwick Mining Corp, said it is raising prices.";
    assert_eq!(one(b, "raising"), None);
    let b = "Pan Liqiang, an official of the provincial farm bureau, said output rose.";
    assert_eq!(one(b, "output").as_deref(), Some("Pan Liqiang"));
    let b = "V. Dubrovin, head of the flood commission, told Pravda that evacuations began.";
    assert_eq!(one(b, "evacuations").as_deref(), Some("V. Dubrovin"));
}

#[test]
fn reported_quotes_hold_one_nested_attribution_but_not_more() {
    let b = "Ana Lee said Raul Ortiz told reporters the plan works.";
    assert_eq!(
        run(b)
            .iter()
            .find(|q| q.0.as_deref() == Some("Ana Lee"))
            .map(|q| q.1.as_str()),
        Some("Raul Ortiz told reporters the plan works")
    );
    let body = "said ".repeat(2000);
    let total: usize = find_quotes(&body, &[]).iter().map(|q| q.text.len()).sum();
    assert!(total <= 4 * body.len(), "{total} bytes of quotes");
}

#[test]
fn owner_of_a_family_is_not_the_speaker() {
    let b =
        "Keith Ward was shot on Tuesday. Ward's family has called on police to release the videos.";
    assert!(who(b, "release").iter().all(Option::is_none));
    let b = "Keith Ward strongly said that the videos must be released.";
    assert_eq!(one(b, "videos").as_deref(), Some("Keith Ward"));
}

#[test]
fn talks_to_is_speech_but_trade_talks_are_not() {
    let b = "Activist Dana Reyes talks to the director about prison reform in the film.";
    assert_eq!(one(b, "prison").as_deref(), Some("Dana Reyes"));
    assert!(run("Officials held trade talks with the bank on Monday.").is_empty());
}

#[test]
fn name_with_a_dash_before_the_quotation_beats_a_cue_with_no_speaker() {
    let b = "Many have said the same, including the former candidate Mark Ellison -- “It is a test of character.”";
    assert_eq!(one(b, "character").as_deref(), Some("Mark Ellison"));
}

#[test]
fn role_between_party_and_name_in_the_sentence_subject() {
    let b = "Democratic candidate Laura Finch, like her rival, has praised the plan and has said she will keep it.";
    assert_eq!(one(b, "keep it").as_deref(), Some("Laura Finch"));
}

#[test]
fn author_named_after_by_follows_the_title() {
    let b = "The plan borrows from a paper titled “Growth for All” by Nina Park and Omar Haddad.";
    let w = who(b, "Growth for All");
    assert_eq!(
        w,
        [
            Some("Nina Park".to_string()),
            Some("Omar Haddad".to_string())
        ]
    );
}

#[test]
fn a_term_in_quotation_marks_inherits_no_speaker() {
    let b = "“Taxes must rise,” Ana Lee said. She backs what is known as the “Lee rule” after a long debate.";
    assert_eq!(one(b, "Taxes").as_deref(), Some("Ana Lee"));
    assert!(who(b, "Lee rule").iter().all(Option::is_none));
}

#[test]
fn aside_after_the_cue_does_not_end_the_clause() {
    let b = "It is clear that Mara Voss kept a private server, which she thought (foolishly) that nobody would find.";
    let q = run(b);
    let thought = q.iter().find(|q| q.2 == "thought").expect("a thought cue");
    assert_eq!(thought.1, "nobody would find");
}

#[test]
fn aside_between_dashes_before_the_cue() {
    let b = "Aaron Kall directs the program. Kall -- co-editor of a book on debates -- said the candidate tends to make announcements.";
    assert_eq!(one(b, "announcements").as_deref(), Some("Aaron Kall"));
}

#[test]
fn passive_question_by_a_named_person() {
    let b = "Lester Cole moderated. When pressed by Cole about how he would create jobs, the senator changed the subject.";
    assert_eq!(one(b, "create jobs").as_deref(), Some("Lester Cole"));
}

#[test]
fn identified_as_is_an_assessment_only_with_as() {
    let b = "Sen. Paul Rowe identified young voters' fatigue as the main reason for the loss.";
    assert_eq!(one(b, "main reason").as_deref(), Some("Paul Rowe"));
    assert!(
        run("The company said it identified new gold reserves in Nevada.")
            .iter()
            .all(|q| q.2 == "said")
    );
}

#[test]
fn floating_quantifier_and_long_before_the_cue() {
    let b = "Greta Lind and Omar Field both said the fees were unfair.";
    let mut w = who(b, "fees");
    w.sort();
    assert_eq!(
        w,
        vec![Some("Greta Lind".into()), Some("Omar Field".into())]
    );
    let b = "Hanna Moss has long argued that the tax is too high.";
    assert_eq!(one(b, "too high").as_deref(), Some("Hanna Moss"));
}

#[test]
fn lambasted_is_a_speech_verb() {
    let b = "Rita Gale lambasted the proposal as a giveaway to banks.";
    assert_eq!(one(b, "giveaway").as_deref(), Some("Rita Gale"));
}

#[test]
fn coordinated_subjects_call_it() {
    let b = "Ivan Doyle and Lara Quinn call the rule “a trap” for small farms.";
    assert_eq!(
        who(b, "trap"),
        vec![Some("Lara Quinn".into()), Some("Ivan Doyle".into())]
    );
}

#[test]
fn coordinated_subjects_with_party_labels() {
    let b = "Sen. Ned Brook, R-S.C., and Sen. Alma Reyes, D-N.Y., said the bill should be changed.";
    let mut w = who(b, "bill should");
    w.sort();
    assert_eq!(w, vec![Some("Alma Reyes".into()), Some("Ned Brook".into())]);
    let b = "Rep. Ned Brook (R-Tenn.) and Rep. Alma Reyes (D-Md.) said the vote was rushed.";
    let mut w = who(b, "vote was");
    w.sort();
    assert_eq!(w, vec![Some("Alma Reyes".into()), Some("Ned Brook".into())]);
}

#[test]
fn participle_after_its_owner_in_a_with_clause() {
    let cue = |b: &str, c: &str| run(b).into_iter().find(|q| q.2 == c).and_then(|q| q.0);
    let b = "The fight grew, with Vera Holm — who wants higher rates — lambasting the plan.";
    assert_eq!(cue(b, "lambasting").as_deref(), Some("Vera Holm"));
    let b = "The fight grew, with Vera Holm lambasting the plan.";
    assert_eq!(cue(b, "lambasting").as_deref(), Some("Vera Holm"));
    let b = "Some backers, such as Sen. Ned Brook, R-Tenn., and Sen. Alma Reyes, D-N.Y., now saying they want changes, have turned.";
    let mut w = who(b, "want changes");
    w.sort();
    assert_eq!(w, vec![Some("Alma Reyes".into()), Some("Ned Brook".into())]);
    // The owner's aides speak, not the owner.
    let b = "The fight grew, with Vera Holm’s aides saying the plan was weak.";
    assert_eq!(cue(b, "saying"), None);
}

#[test]
fn shared_surname_goes_to_the_recent_full_name_subject() {
    let b = "Gail Hart spoke first. Gail Hart said taxes must fall. Gail Hart left.\n\n\
             Energy Secretary Omar Hart says the grid is safe. Hart said the plan “will hold.”";
    assert_eq!(one(b, "will hold").as_deref(), Some("Omar Hart"));
    // A full name that is no subject (`for his wife ...`) does not take the surname.
    let b = "Former President Omar Hart spoke for his wife Gail Hart. “It works,” Hart said.";
    assert_eq!(one(b, "It works").as_deref(), Some("Omar Hart"));
}

#[test]
fn told_a_named_outlet_after_the_content() {
    let b = "The levy could pass if rural voters agree, Sen. Tessa Lund (R-S.C.) told The Courier on Monday.";
    assert_eq!(one(b, "levy could pass").as_deref(), Some("Tessa Lund"));
}

#[test]
fn told_an_owned_audience_or_a_role_and_name() {
    let b = "Omar Field told his radio audience on Monday, “The polls are wrong.”";
    assert_eq!(one(b, "polls are wrong").as_deref(), Some("Omar Field"));
    let b = "Omar Field told co-host Rita Gale that he had no answer.";
    assert_eq!(one(b, "no answer").as_deref(), Some("Omar Field"));
    // `told his story` has no listener.
    assert!(run("Omar Field told his story.").is_empty());
}

#[test]
fn charges_and_demands_that_after_a_person() {
    let b = "Omar Field charges that the donors bought access.";
    assert_eq!(one(b, "donors").as_deref(), Some("Omar Field"));
    assert!(run("The bank settled charges that it hid losses.").is_empty());
    assert!(run("The union’s demands that wages rise were rejected.").is_empty());
}

#[test]
fn mocked_demanding_questioning_are_cues() {
    let b = "Rita Gale had mocked the complaint as petty.";
    assert_eq!(one(b, "complaint").as_deref(), Some("Rita Gale"));
    let b = "Omar Field is demanding that the mayor resign.";
    assert_eq!(one(b, "mayor resign").as_deref(), Some("Omar Field"));
    let b = "Omar Field is once again questioning the count.";
    assert_eq!(one(b, "the count").as_deref(), Some("Omar Field"));
}

#[test]
fn present_call_needs_quotation_marks() {
    assert!(
        run("Dealers said call money rose to 7 pct.")
            .iter()
            .all(|q| q.2 != "call")
    );
}

#[test]
fn gerund_after_of_has_no_speaker_of_its_own() {
    let b = "Omar Field accused Rita Gale of saying the count was rigged.";
    assert!(run(b).iter().all(|q| q.2 != "saying"));
}

#[test]
fn negated_auxiliary_between_subject_and_cue() {
    let b = "Sen. Carl Pike said he didn’t believe the claims hurt him, arguing that the split was worse.";
    assert_eq!(one(b, "claims hurt").as_deref(), Some("Carl Pike"));
    assert_eq!(one(b, "split was worse").as_deref(), Some("Carl Pike"));
}

#[test]
fn compared_and_likened_with_an_object() {
    let b =
        "Aaron Kell, a debate coach, compared the senator to a referee who is “working the crowd.”";
    assert_eq!(one(b, "working").as_deref(), Some("Aaron Kell"));
    let b = "Another critic, Laurel Tran, likened the rules to “burning the map.”";
    assert_eq!(one(b, "burning").as_deref(), Some("Laurel Tran"));
    assert!(
        run("Profit rose 5 pct compared with last year, Omar Field said.")
            .iter()
            .all(|q| q.2 != "compared")
    );
}

#[test]
fn participle_subject_after_an_opening_phrase() {
    let b = "After complaints over the cost, Carl Pike revised his plan, promising to focus on workers.";
    assert_eq!(one(b, "focus on workers").as_deref(), Some("Carl Pike"));
}

#[test]
fn name_before_an_auxiliary_is_a_pronoun_antecedent() {
    let b = "In a statement on Tuesday, nominee Nora Vance was more careful than her allies. Though she called for reform, she declined to name the banks.";
    assert_eq!(one(b, "reform").as_deref(), Some("Nora Vance"));
    // Not inside reported speech: `Ray argued that Lee was ...` keeps Ray as the antecedent.
    let b = "Omar Ray argued that Adam Lee was wrong. “It is a mistake,” he said.";
    assert_eq!(one(b, "mistake").as_deref(), Some("Omar Ray"));
}

#[test]
fn disagrees_is_a_cue() {
    let b = "Nominee Nora Vance apparently disagrees with her former boss on the bill.";
    assert_eq!(one(b, "former boss").as_deref(), Some("Nora Vance"));
}

#[test]
fn possessive_speech_noun_then_that() {
    let b = "Fact checkers seized on Omar Field’s claim that there were “thousands of crimes” last year.";
    assert_eq!(one(b, "thousands").as_deref(), Some("Omar Field"));
    // Not a speech noun, or no `that`: nothing.
    assert!(run("Omar Field’s plan that year was to wait.").is_empty());
    assert!(run("Omar Field’s claim was rejected.").is_empty());
}

#[test]
fn relative_clause_after_a_list_belongs_to_the_last_name() {
    let b = "Guests included Rita Gale and Omar Field, who joked, “I have not seen it yet.”";
    assert_eq!(who(b, "seen it"), vec![Some("Omar Field".to_string())]);
}

#[test]
fn dash_aside_after_an_appositive() {
    let b = "Omar Field, the chief executive of Ora Media -- the firm that makes the show, which also streams online -- told me, “We only make content.”";
    assert_eq!(one(b, "only make").as_deref(), Some("Omar Field"));
}

#[test]
fn told_listener_words_and_owned_groups() {
    // A listener word then a name starts the content: `told reporters West Germany would`.
    let b = "Foreign Minister Omar Field told reporters West Germany would lend 300 mln marks.";
    let q = run(b);
    assert!(
        q.iter()
            .any(|q| q.2 == "told reporters" && q.1.starts_with("West Germany"))
    );
    let b =
        "Rita Gale and Omar Field told their European Union partners they would oppose the plan.";
    assert!(who(b, "oppose the plan").contains(&Some("Omar Field".to_string())));
}

#[test]
fn name_after_whether_is_no_main_clause_subject() {
    let b = "Omar Field declined to comment on whether President Adam Lee would reappoint him. “I never comment on that,” he said.";
    assert_eq!(one(b, "never comment").as_deref(), Some("Omar Field"));
}

#[test]
fn addressee_before_a_participle_does_not_speak() {
    let b = "The alliance has written to Commissioner Omar Field urging him to drop the levy.";
    assert!(
        who(b, "drop the levy")
            .iter()
            .all(|w| w.as_deref() != Some("Omar Field"))
    );
}

#[test]
fn adverbial_before_that_is_not_content() {
    let b = "The harbour chief Mara Quist told reporters after the meeting that wages came first.";
    let q = run(b);
    assert!(q.iter().any(|q| q.1 == "wages came first"), "{q:?}");
    let b = "Mara Quist said in a statement that the cranes would move again.";
    let q = run(b);
    assert!(
        q.iter().any(|q| q.1 == "the cranes would move again"),
        "{q:?}"
    );
}

#[test]
fn requests_and_deals_are_not_speech() {
    for b in [
        "The two ports agreed on a timetable for further talks.",
        "The shipping line agreed to buy four new cranes.",
        "Ivo Brandt asked to see the contract before the vote.",
    ] {
        assert!(run(b).is_empty(), "{b}: {:?}", run(b));
    }
    let b = "Mara Quist agreed that the timetable was too short.";
    assert_eq!(one(b, "timetable").as_deref(), Some("Mara Quist"));
}

#[test]
fn according_to_a_described_source_starts_after_its_comma() {
    let b = "According to a senior official close to the talks, the sides exchanged drafts.";
    let q = run(b);
    assert!(
        q.iter().any(|q| q.1 == "the sides exchanged drafts"),
        "{q:?}"
    );
}

#[test]
fn a_clause_after_said_is_content_not_an_inverted_speaker() {
    let b = "A port official, who asked not to be named, said the deal was close.";
    let q = run(b);
    assert!(q.iter().any(|q| q.1 == "the deal was close"), "{q:?}");
    let b = "Harbour Cranes Ltd, the port's largest operator, said it would hire forty dockers.";
    let q = run(b);
    assert!(
        q.iter().any(|q| q.1 == "it would hire forty dockers"),
        "{q:?}"
    );
    let b = "“The cranes are back,” said the harbour master, who was smiling.";
    assert_eq!(run(b).len(), 1, "{:?}", run(b));
}

#[test]
fn pronoun_finds_the_name_after_an_opening_description() {
    let b = "Ivo Brandt opened the session. The deputy mayor, Lena Okafor, spent the day in \
             meetings. Speaking to journalists before leaving, she said the city would pay its share.";
    assert_eq!(one(b, "pay its share").as_deref(), Some("Lena Okafor"));
}

#[test]
fn second_verb_after_a_dateline_shares_the_subject() {
    let b = "RIGA, May 2 (Reuters) - Port spokesman Ivo Brandt described the offer as “fair”, but \
             said more work was needed “on pensions” before any vote.";
    assert_eq!(one(b, "pensions").as_deref(), Some("Ivo Brandt"));
    let b = "RIGA, May 2 - Harbour chief Mara Quist toured the docks and promised new cranes for \
             the northern quay.";
    assert_eq!(one(b, "new cranes").as_deref(), Some("Mara Quist"));
}

#[test]
fn a_short_adverbial_after_the_cue_is_not_content() {
    let b = "The harbour will reopen on Monday, Mara Quist said in a statement.";
    let q = run(b);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, "The harbour will reopen on Monday");
    assert_eq!(q[0].0.as_deref(), Some("Mara Quist"));
    let b = "The union leader told reporters after the meeting.";
    assert!(run(b).is_empty(), "{:?}", run(b));
}

#[test]
fn content_before_the_cue_starts_after_the_dateline() {
    let b = "RIGA, May 2 - The harbour will reopen on Monday, Mara Quist said.";
    let q = run(b);
    assert!(
        q.iter().any(|q| q.1 == "The harbour will reopen on Monday"),
        "{q:?}"
    );
}

#[test]
fn a_quotation_inside_what_a_named_person_said_is_theirs() {
    let b = "Mara Quist said the city wanted the talks to stay “out of the headlines” until a deal \
             was signed.";
    let nested: Vec<_> = run(b)
        .into_iter()
        .filter(|q| q.1 == "out of the headlines")
        .collect();
    assert_eq!(nested.len(), 1, "{:?}", run(b));
    assert_eq!(nested[0].0.as_deref(), Some("Mara Quist"));
}

#[test]
fn person_of_a_firm_or_place_speaks() {
    let s = "Analyst Dana Whitlow of Harrow Baxter Securities said the shares were cheap.";
    assert_eq!(one(s, "shares").as_deref(), Some("Dana Whitlow"));
    let s = "Mayor Tom Okafor of San Diego said the city would appeal the ruling.";
    assert_eq!(one(s, "appeal").as_deref(), Some("Tom Okafor"));
    // A firm before `of` stays nobody; a role before `of` is a title, not the speaker.
    let s = "Brightwater Motor Sales of America said it would raise its prices next month.";
    assert_eq!(one(s, "raise"), None);
    let s = "The Inspector of Mines said exports would be kept in the national stock.";
    assert_ne!(one(s, "exports").as_deref(), Some("Inspector"));
}

#[test]
fn person_of_a_place_then_an_appositive_speaks() {
    let s =
        "Rep. Ada Vollmer of Kansas, an ally of the leadership, said Thursday the bill was dead.";
    assert_eq!(one(s, "bill").as_deref(), Some("Ada Vollmer"));
    // The capitalised determiner of a title after `of` is no part of the speaker's name.
    let s = "Lena Marsh of The Harbor Review wrote that the plan had failed.";
    assert_eq!(one(s, "plan").as_deref(), Some("Lena Marsh"));
    // With no person before `of`, the subject stays nobody.
    let s = "Brightwater Motor Sales of America, a unit of Denwick, said prices would rise.";
    assert_eq!(one(s, "prices"), None);
}

#[test]
fn said_a_firms_or_places_role_then_the_name() {
    let s = "“The sea wall costs more,” said Nauru's climate envoy, Tavita Moala.";
    assert_eq!(one(s, "sea wall").as_deref(), Some("Tavita Moala"));
    let s = "“Rates will fall,” said Harrow Baxter Ltd chief economist Dana Whitlow.";
    assert_eq!(one(s, "Rates").as_deref(), Some("Dana Whitlow"));
    // No role before the comma: the place stays nobody's name.
    let s = "“It is quiet,” said people in Dover, Kent.";
    assert_eq!(one(s, "quiet"), None);
}

#[test]
fn cue_inside_a_subordinate_clause_ends_no_quotation() {
    let q = run("Dana Whitlow said the figures confirmed what she had expected.");
    let said: Vec<_> = q.iter().filter(|q| q.2 == "said").collect();
    assert_eq!(said.len(), 1, "{q:?}");
    assert_eq!(said[0].1, "the figures confirmed what she had expected");
    assert!(!q.iter().any(|q| q.2 == "expected"), "{q:?}");
    let q = run("Sales rose more than he thought.");
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn lists_of_three_speakers_give_every_name() {
    let sorted = |b: &str, needle: &str| {
        let mut w = who(b, needle);
        w.sort();
        w
    };
    let three = vec![
        Some("Joe Marsh".to_string()),
        Some("Lena Park".to_string()),
        Some("Tova Holt".to_string()),
    ];
    let b = "Tova Holt, Joe Marsh and Lena Park said the bridge would stay shut.";
    assert_eq!(sorted(b, "bridge"), three);
    let b = "Tova Holt, Joe Marsh, and Lena Park said the bridge would stay shut.";
    assert_eq!(sorted(b, "bridge"), three);
    let b = "Sens. Tova Holt (D-Ore.), Joe Marsh (D-Ohio) and Lena Park (D-N.J.) all suggested \
             that the bridge would stay shut.";
    assert_eq!(sorted(b, "bridge"), three);
}

#[test]
fn a_firm_named_after_people_gives_no_speakers() {
    for b in [
        "Holt, Marsh and Co said it would sell its bridge unit.",
        "Tova Holt and Co said it would sell its bridge unit.",
        "Analyst Tova Holt of Marsh, Park and Co Inc said the bridge unit would be sold.",
    ] {
        let w = who(b, "bridge unit");
        assert!(
            w.iter()
                .flatten()
                .all(|n| !n.contains("Marsh") && !n.contains("Park")),
            "{b}: {w:?}"
        );
        assert!(
            !w.contains(&Some("Tova Holt".into())) || b.starts_with("Analyst"),
            "{b}: {w:?}"
        );
    }
}

#[test]
fn a_month_after_a_time_word_is_no_given_name() {
    let b =
        "Trade aide Ross Mabry met the envoys. Since last August Mabry said the talks were slow.";
    assert_eq!(one(b, "talks were slow"), Some("Ross Mabry".into()));
    let b = "In June Mabry told reporters the port would reopen.";
    assert_ne!(one(b, "port would"), Some("June Mabry".into()));
    // A month that is the given name still is one.
    let b = "June Mabry said the port would reopen.";
    assert_eq!(one(b, "port would"), Some("June Mabry".into()));
}

#[test]
fn a_plural_noun_is_no_cue() {
    let b =
        "Ross Mabry is defending his late-night tweets attacking a rival, saying they were fair.";
    let q = run(b);
    assert!(q.iter().all(|q| q.2 != "tweets"), "{q:?}");
    assert_eq!(one(b, "they were fair"), Some("Ross Mabry".into()));
    let b = "Critics seized on Lena Park's tweets about the vote.";
    assert!(run(b).iter().all(|q| q.2 != "tweets"), "{:?}", run(b));
    let b = "The fund was hurt by press reports suggesting the bank was short of cash.";
    assert!(run(b).iter().all(|q| q.2 != "reports"), "{:?}", run(b));
    // Verbs after a firm's name in 's, and verbs that take an -ing object, stay cues.
    let b = "Moody's expects slower growth in the region this year.";
    assert!(run(b).iter().any(|q| q.2 == "expects"), "{:?}", run(b));
    let b = "The industry fears mounting costs will hurt earnings.";
    assert!(run(b).iter().any(|q| q.2 == "fears"), "{:?}", run(b));
}

#[test]
fn a_plural_noun_ending_a_clause_is_no_cue() {
    let b = "The reply came after Ross Mabry attacked Lena Park in early-morning tweets.";
    assert!(run(b).iter().all(|q| q.2 != "tweets"), "{:?}", run(b));
    let b = "The firm said it will redeem 60 mln dlrs of senior notes, and more next year.";
    let q = run(b);
    assert!(q.iter().all(|q| q.2 != "notes"), "{q:?}");
    assert!(
        q.iter()
            .any(|q| q.2 == "said" && q.1.contains("more next year")),
        "{q:?}"
    );
    // An unnamed source after a comma still ends the content.
    let b = "The harbour will reopen on Monday, the port's reports said.";
    assert!(
        run(b)
            .iter()
            .any(|q| q.1 == "The harbour will reopen on Monday"),
        "{:?}",
        run(b)
    );
}

#[test]
fn a_pronoun_after_an_unnamed_source_is_not_given_to_an_earlier_name() {
    let b = "Lena Park said the port would reopen. An analyst who asked not to be named doubted \
             it. “It will stay shut,” she said.";
    assert_eq!(one(b, "stay shut"), None);
    let b = "Ross Mabry said the port would reopen. “It is ready,” one trader said. “It will \
             stay shut,” he said.";
    assert_eq!(one(b, "stay shut"), None);
    // A source named right after its noun is that person.
    let b = "A spokesman, Ross Mabry, said the port would reopen. “It is ready,” he said.";
    assert_eq!(one(b, "It is ready"), Some("Ross Mabry".into()));
}

#[test]
fn a_long_adverbial_after_a_final_cue_is_not_the_content() {
    let b = "The port will reopen next week, Lena Park told reporters after meeting the shipping \
             ministers of three countries.";
    let q = run(b);
    assert!(
        q.iter().any(|q| q.1 == "The port will reopen next week" && q.0.as_deref() == Some("Lena Park")),
        "{q:?}"
    );
    // An adverbial that leads into a clause is still followed by the content.
    let b = "Lena Park said in a long statement to shareholders that the port would reopen.";
    assert!(
        run(b).iter().any(|q| q.1.contains("the port would reopen")),
        "{:?}",
        run(b)
    );
}

#[test]
fn a_listed_firm_or_place_is_no_speaker() {
    let b = "“Demand will fall,” said Merrill Lynch analyst Nora Quint.";
    assert_eq!(one(b, "Demand"), Some("Nora Quint".into()));
    let b = "Goldman Sachs said the bonds were priced at par.";
    assert_eq!(one(b, "bonds were"), None);
    let b = "San Francisco said the bridge would reopen.";
    assert_eq!(one(b, "bridge"), None);
    // A surname that is also a place is the person's once named in full.
    let b = "Tova Houston runs the port. Houston said the bridge would reopen.";
    assert_eq!(one(b, "bridge"), Some("Tova Houston".into()));
}

#[test]
fn a_firm_head_word_or_a_notice_label_is_no_speaker() {
    let b = "Acme Resources said the mine would reopen.";
    assert_eq!(one(b, "mine would"), None);
    let b = "General Motors said the plant would reopen.";
    assert_eq!(one(b, "plant would"), None);
    let b = "The Commerce and Labor Departments said the plant would reopen.";
    assert!(
        who(b, "plant would").iter().all(Option::is_none),
        "{:?}",
        run(b)
    );
    // A surname that is also a firm word is the person's once named in full.
    let b = "Nora Steel chairs the board. Steel said the plant would reopen.";
    assert_eq!(one(b, "plant would"), Some("Nora Steel".into()));
    let b = "Shares rose.\n\nNOTE: Figures are unaudited.\n\nNOTE: Prior year restated.";
    assert!(run(b).iter().all(|q| q.0.is_none()), "{:?}", run(b));
}

#[test]
fn owners_description_then_name_is_the_subject_for_he() {
    let s = "Laura Whitcombe met officials in Tokyo. Japan's trade minister, Robert Tanabe, was \
             more cautious. He said that a good deal was better than a fast one.";
    assert_eq!(one(s, "good deal").as_deref(), Some("Robert Tanabe"));
    let s = "Fewer travellers switch carriers this year, according to British Airways' chief \
             executive, Colin Marsh.";
    assert_eq!(one(s, "travellers").as_deref(), Some("Colin Marsh"));
}

#[test]
fn warning_before_a_plural_noun_names_a_thing() {
    let q = run("Ana Ruiz said money for early warning systems had been the main success.");
    assert!(!q.iter().any(|q| q.2 == "warning"), "{q:?}");
    let q = run("Dock workers held warning strikes at three ports on Monday.");
    assert!(q.is_empty(), "{q:?}");
    // The verb with its listener and `that` still speaks.
    let s = "Ana Ruiz spoke on Monday, warning investors that prices would fall further.";
    assert_eq!(one(s, "prices").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn amount_after_the_cue_is_its_object() {
    let s = "NAIROBI, Kenya — Secretary of State Ana Ruiz on Tuesday promised $120 million for \
             drought relief in the region.";
    let q = run(s);
    assert!(q.iter().all(|q| !q.1.starts_with("Secretary")), "{q:?}");
}

#[test]
fn run_names_are_read_once_and_reused() {
    let body = "Mayor Ann Petrov of Lisbon said the tram would run again.";
    let doc = Doc::new(body, &[]);
    let &(s, e, ref found) = &doc.names.run_names[0];
    assert_eq!(found.text(), "Ann Petrov");
    assert!(matches!(doc.run_name(s, e), Some(Cow::Borrowed(_))));
    // A run that is no maximal one is read anew, with the same reading.
    let part = doc.run_name(s + 1, e).map(|c| c.text());
    assert_eq!(part, doc.read_run_name(s + 1, e).map(|c| c.text()));
}

/// Speakers of `body`'s quotes, with the people finder's list of the body as the pipeline passes it.
fn speakers_with_people(body: &str) -> Vec<Option<String>> {
    let people = crate::extract::people::find_people("", body);
    find_quotes(body, &people)
        .into_iter()
        .map(|q| q.speaker.map(|s| s.name))
        .collect()
}

#[test]
fn a_person_the_people_finder_names_speaks_though_a_word_is_a_party_word() {
    let b = "Jennifer Green, director of the literacy program, said enrolment doubled.";
    assert_eq!(
        speakers_with_people(b),
        [Some("Jennifer Green".to_string())]
    );
    // A firm shaped like a name stays nobody: `Nevada` is a place and no census surname.
    let b = "Franco Nevada said the drilling results were strong.";
    assert!(speakers_with_people(b).iter().all(Option::is_none));
    // A surname that is also a place, when the census knows it as a surname, is a person's.
    let b = "“We are ready,” said Ruth Israel, who chairs the panel.";
    assert_eq!(speakers_with_people(b), [Some("Ruth Israel".to_string())]);
    // Titles before such a name are no part of it.
    let b = "“We are ready,” said Representative Ruth Israel, who chairs the panel.";
    assert_eq!(speakers_with_people(b), [Some("Ruth Israel".to_string())]);
}

#[test]
fn a_labelled_name_before_a_comma_speaks() {
    let s =
        "Testifying at a hearing, Rep. Hal Brandt (R-Nebr.), said the quota would hurt ranchers.";
    assert_eq!(one(s, "quota").as_deref(), Some("Hal Brandt"));
    // The object of a preposition does not speak.
    let s = "The task force, headed by Senator Ada Quist (Kan.), said farm credit must rise.";
    assert_ne!(one(s, "farm credit").as_deref(), Some("Ada Quist"));
}

#[test]
fn a_firm_named_with_the_people_finders_org_words_is_no_speaker() {
    let s = "Harwell Realty Trust said it would pay a special dividend.";
    assert_eq!(one(s, "dividend"), None);
    // A census surname that heads organisations too is still a person's name.
    let s = "“The vote is close,” said Mike Hall, a lobbyist for the growers.";
    assert_eq!(one(s, "vote").as_deref(), Some("Mike Hall"));
}

#[test]
fn name_modifying_a_role_before_the_speaker() {
    // The first name only says whose manager or aide speaks.
    for (body, speaker) in [
        (
            "“We returned the money,” said Okafor campaign manager Lena Brandt.",
            "Lena Brandt",
        ),
        (
            "“It is a first,” said Marsh's top policy aide Colin Reyes.",
            "Colin Reyes",
        ),
        (
            "“Rates will rise,” said Nordbank economist Peter Lund.",
            "Peter Lund",
        ),
    ] {
        let quote = run(body);
        assert_eq!(quote.len(), 1, "{body}");
        assert_eq!(quote[0].0.as_deref(), Some(speaker), "{body}");
    }
}
